package rental_test

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// TestCodes pins the codes' spelling: adapters and clients match on it.
func TestCodes(t *testing.T) {
	t.Parallel()
	for code, want := range map[rental.Code]string{
		rental.CodeValidation:          "validation_failed",
		rental.CodeUnauthorized:        "unauthorized",
		rental.CodeNotFound:            "not_found",
		rental.CodeCarUnavailable:      "car_unavailable",
		rental.CodeBookingCancelled:    "booking_cancelled",
		rental.CodeBookingStarted:      "booking_started",
		rental.CodeVersionMismatch:     "version_mismatch",
		rental.CodeIdempotencyConflict: "idempotency_conflict",
		rental.CodeThrottled:           "throttled",
		rental.CodeInternal:            "internal",
	} {
		if string(code) != want {
			t.Errorf("code %q, want %q", code, want)
		}
	}
}

func TestErrorCode(t *testing.T) {
	t.Parallel()
	notFound := rental.NotFound("car")
	for _, tc := range []struct {
		name string
		err  error
		want rental.Code
	}{
		{"plain error", errors.New("disk on fire"), rental.CodeInternal},
		{"io.EOF", io.EOF, rental.CodeInternal},
		{"*Error", notFound, rental.CodeNotFound},
		{"wrapped once", fmt.Errorf("get car: %w", notFound), rental.CodeNotFound},
		{"wrapped twice", fmt.Errorf("service: %w", fmt.Errorf("get car: %w", rental.Invalid(rental.Violation{Field: rental.FieldCar, Rule: rental.RuleRequired}))), rental.CodeValidation},
		{"joined", errors.Join(errors.New("a"), rental.Errorf(rental.CodeThrottled, "slow down")), rental.CodeThrottled},
		{"Errorf", rental.Errorf(rental.CodeCarUnavailable, "taken"), rental.CodeCarUnavailable},
	} {
		if got := rental.ErrorCode(tc.err); got != tc.want {
			t.Errorf("%s: ErrorCode = %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestAsError(t *testing.T) {
	t.Parallel()
	cause := errors.New("connection reset by peer at 10.0.0.1")
	e := rental.AsError(cause)
	if e.Code != rental.CodeInternal {
		t.Errorf("AsError(plain).Code = %s", e.Code)
	}
	if e.Message != "internal error" || strings.Contains(e.Message, "10.0.0.1") {
		t.Errorf("AsError(plain).Message = %q: must show no detail", e.Message)
	}
	if e.Err != cause || !errors.Is(e, cause) {
		t.Errorf("AsError(plain) does not wrap the cause: %#v", e)
	}
	if len(e.Violations) != 0 {
		t.Errorf("AsError(plain).Violations = %v", e.Violations)
	}

	orig := rental.Invalid(rental.Violation{Field: rental.FieldPickup, Rule: rental.RulePickupPast})
	if got := rental.AsError(orig); got != orig {
		t.Errorf("AsError(*Error) = %p, want the same %p", got, orig)
	}
	if got := rental.AsError(fmt.Errorf("ctx: %w", orig)); got != orig {
		t.Errorf("AsError(wrapped *Error) = %v, want the inner *Error", got)
	}
	var target *rental.Error
	if !errors.As(fmt.Errorf("a: %w", fmt.Errorf("b: %w", orig)), &target) || target != orig {
		t.Errorf("errors.As through two %%w = %v", target)
	}
}

func TestInvalid(t *testing.T) {
	t.Parallel()
	ret := rental.Violation{Field: rental.FieldReturn, Rule: rental.RuleReturnNotAfterPickup, Pickup: rental.MustDate("2027-03-05")}
	pick := rental.Violation{Field: rental.FieldPickup, Rule: rental.RulePickupPast, Today: rental.MustDate("2027-03-01")}
	e := rental.Invalid(ret, pick)
	if e.Code != rental.CodeValidation || e.Message == "" {
		t.Errorf("Invalid = %#v", e)
	}
	// Ordered by field, whatever the order given: every adapter lists them alike.
	if want := []rental.Violation{pick, ret}; !slices.EqualFunc(e.Violations, want, func(a, b rental.Violation) bool {
		return a.Field == b.Field && a.Rule == b.Rule && a.Pickup == b.Pickup && a.Today == b.Today
	}) {
		t.Errorf("Violations = %v, want %v", e.Violations, want)
	}
	if got := rental.Violations(fmt.Errorf("wrapped: %w", e)); len(got) != 2 {
		t.Errorf("Violations(wrapped) = %v", got)
	}
	if got := rental.Violations(rental.NotFound("car")); got != nil {
		t.Errorf("Violations(not_found) = %v, want none", got)
	}
}

func TestNotFoundAndErrorf(t *testing.T) {
	t.Parallel()
	nf := rental.NotFound("booking")
	if nf.Code != rental.CodeNotFound || nf.Message != "booking not found" {
		t.Errorf("NotFound = %#v", nf)
	}
	ef := rental.Errorf(rental.CodeVersionMismatch, "changed since version %d", 3)
	if ef.Code != rental.CodeVersionMismatch || ef.Message != "changed since version 3" {
		t.Errorf("Errorf = %#v", ef)
	}
}

func TestErrorString(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		e    *rental.Error
		want string
	}{
		{rental.NotFound("car"), "not_found: car not found"},
		{rental.Invalid(rental.Violation{Field: rental.FieldReturn, Rule: rental.RuleRentalTooLong},
			rental.Violation{Field: rental.FieldPickup, Rule: rental.RulePickupPast}),
			"validation_failed: invalid request; pickup: pickup_past; return: rental_too_long"}, // fields sorted
		{&rental.Error{Code: rental.CodeInternal, Message: "internal error", Err: errors.New("boom")},
			"internal: internal error: boom"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
	if got := rental.NotFound("car").Unwrap(); got != nil {
		t.Errorf("Unwrap() of an error without cause = %v", got)
	}
}
