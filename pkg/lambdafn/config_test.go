package lambdafn_test

import (
	"strings"
	"testing"

	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/rental"
)

// TestBookingLimitFromEnv: BOOKING_LIMIT sets the limit; unset it is the
// default; anything but a whole number from 1 to rental.MaxBookingLimit
// fails the start, naming the variable.
func TestBookingLimitFromEnv(t *testing.T) {
	base := map[string]string{"TABLE_NAME": "cars", "CURSOR_SECRET": strings.Repeat("s", 32)}
	with := func(v string) map[string]string {
		m := map[string]string{"BOOKING_LIMIT": v}
		for k, x := range base {
			m[k] = x
		}
		return m
	}
	for v, want := range map[string]int{"": rental.DefaultBookingLimit, "1": 1, "3": 3, "10": rental.MaxBookingLimit} {
		cfg, err := lambdafn.FromEnv(env(with(v)))
		if err != nil || cfg.BookingLimit != want {
			t.Errorf("BOOKING_LIMIT=%q: limit %d, %v; want %d", v, cfg.BookingLimit, err, want)
		}
	}
	for _, v := range []string{"0", "-1", "11", "five", "2.5", " 5"} {
		if _, err := lambdafn.FromEnv(env(with(v))); err == nil || !strings.Contains(err.Error(), "BOOKING_LIMIT") {
			t.Errorf("BOOKING_LIMIT=%q: error %v, want one naming BOOKING_LIMIT", v, err)
		}
	}
}

// TestImageBucketFromEnv: IMAGE_BUCKET (the template's Globals) and
// S3_ENDPOINT (the local stack's S3) are read as they are; both may be
// unset (the functions that need them check).
func TestImageBucketFromEnv(t *testing.T) {
	vars := map[string]string{"TABLE_NAME": "cars", "CURSOR_SECRET": strings.Repeat("s", 32),
		"IMAGE_BUCKET": "car-rental-local-images", "S3_ENDPOINT": "http://127.0.0.1:4566"}
	cfg, err := lambdafn.FromEnv(env(vars))
	if err != nil || cfg.ImageBucket != "car-rental-local-images" || cfg.S3Endpoint != "http://127.0.0.1:4566" {
		t.Errorf("bucket %q, endpoint %q, %v", cfg.ImageBucket, cfg.S3Endpoint, err)
	}
	delete(vars, "IMAGE_BUCKET")
	delete(vars, "S3_ENDPOINT")
	if cfg, err := lambdafn.FromEnv(env(vars)); err != nil || cfg.ImageBucket != "" || cfg.S3Endpoint != "" {
		t.Errorf("unset: %q %q %v", cfg.ImageBucket, cfg.S3Endpoint, err)
	}
}
