package rental_test

import (
	"context"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// TestAlternatives: for a type with free cars, the cheapest first; when
// none is free, the other types' cheapest and the nearest later dates of
// the same length, from one reading of the location.
func TestAlternatives(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	p := per("2026-12-10", "2026-12-13")

	alt, err := e.svc.Alternatives(ctx, rental.AlternativesQuery{LocationID: "BER", Type: rental.Economy, Period: p})
	noErr(t, err)
	if len(alt.Free) != 2 || alt.Free[0].Car.ID != "b-eco-1" || alt.Free[1].Car.ID != "b-eco-2" ||
		alt.Free[0].Quote.Total.Amount != 9000 || alt.Later != nil || len(alt.OfType) != 2 {
		t.Fatalf("economy, all free: %+v", alt)
	}

	// Both economy cars taken for the dates; the first frees up two days later.
	e.book(t, "u1", "b-eco-1", per("2026-12-09", "2026-12-12"))
	e.book(t, "u1", "b-eco-2", per("2026-12-10", "2026-12-20"))
	alt, err = e.svc.Alternatives(ctx, rental.AlternativesQuery{LocationID: "BER", Type: rental.Economy, Period: p})
	noErr(t, err)
	if len(alt.Free) != 0 || len(alt.OfType) != 2 || alt.OfType[0].ID != "b-eco-1" {
		t.Fatalf("economy, all taken: free %v, of type %v", alt.Free, alt.OfType)
	}
	var types []rental.CarType
	for _, o := range alt.OtherTypes {
		types = append(types, o.Car.Type)
		if o.Quote == nil || o.Quote.Days != 3 {
			t.Errorf("other type %s without a 3-day quote: %+v", o.Car.Type, o.Quote)
		}
	}
	if want := []rental.CarType{rental.Compact, rental.Midsize, rental.SUV, rental.Luxury, rental.Van}; !equal(types, want) {
		t.Errorf("other types %v, want %v (CarTypes order)", types, want)
	}
	if l := alt.Later; l == nil || l.Period != per("2026-12-12", "2026-12-15") || l.Offer.Car.ID != "b-eco-1" ||
		l.Offer.Quote.Total.Amount != 9000 {
		t.Errorf("later = %+v, want b-eco-1 from 2026-12-12 to 2026-12-15", alt.Later)
	}

	// A look-ahead too short to reach a free day finds no later period.
	alt, err = e.svc.Alternatives(ctx, rental.AlternativesQuery{LocationID: "BER", Type: rental.Economy, Period: p, LookAhead: 1})
	noErr(t, err)
	if alt.Later != nil {
		t.Errorf("look-ahead 1: later = %+v, want none", alt.Later)
	}

	// A type the location does not have: nothing of it, the others offered.
	alt, err = e.svc.Alternatives(ctx, rental.AlternativesQuery{LocationID: "LAX", Type: rental.Van, Period: p})
	noErr(t, err)
	if len(alt.OfType) != 0 || len(alt.Free) != 0 || alt.Later != nil || len(alt.OtherTypes) != 2 {
		t.Errorf("no vans at LAX: %+v", alt)
	}

	// Any type: the cheapest free cars of every type, no "other types".
	alt, err = e.svc.Alternatives(ctx, rental.AlternativesQuery{LocationID: "BER", Period: p})
	noErr(t, err)
	if len(alt.Free) != 5 || alt.Free[0].Car.ID != "b-cmp-1" || len(alt.OtherTypes) != 0 {
		t.Errorf("any type: %+v", alt)
	}
}

// TestAlternativesRules: the query obeys the same rules as a search.
func TestAlternativesRules(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	for _, tc := range []struct {
		q     rental.AlternativesQuery
		field rental.Field
	}{
		{rental.AlternativesQuery{LocationID: "XXX", Period: per("2026-12-10", "2026-12-13")}, rental.FieldLocation},
		{rental.AlternativesQuery{LocationID: "BER", Type: "truck", Period: per("2026-12-10", "2026-12-13")}, rental.FieldType},
		{rental.AlternativesQuery{LocationID: "BER", Period: per("2026-11-29", "2026-12-02")}, rental.FieldPickup},
		{rental.AlternativesQuery{LocationID: "BER", Period: per("2026-12-10", "2027-01-20")}, rental.FieldReturn},
	} {
		_, err := e.svc.Alternatives(ctx, tc.q)
		wantErr(t, err, rental.CodeValidation, tc.field)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
