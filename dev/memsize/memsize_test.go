package memsize

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

func TestPercentileAndBilled(t *testing.T) {
	ds := []time.Duration{5 * time.Millisecond, 1 * time.Millisecond, 3*time.Millisecond + 1, 2 * time.Millisecond}
	if got := percentile(ds, 0.5); got != 2*time.Millisecond {
		t.Errorf("p50 = %v", got)
	}
	if got := percentile(ds, 0.99); got != 5*time.Millisecond {
		t.Errorf("p99 = %v", got)
	}
	// 5 + 1 + 4 (3 ms and 1 ns, rounded up) + 2 = 12 ms over 4.
	if got := billed(ds); got != 3*time.Millisecond {
		t.Errorf("billed = %v, want 3ms", got)
	}
}

// TestCostPerMillion: 1 GB for 100 ms a request is 100,000 GB-s a
// million, $1.33334 at the arm64 price, plus $0.20 for the requests.
func TestCostPerMillion(t *testing.T) {
	p := Point{MemoryMB: 1024, Billed: 100 * time.Millisecond}
	if got := p.CostPerMillion(); math.Abs(got-1.53334) > 1e-9 {
		t.Errorf("cost = %v, want 1.53334", got)
	}
}

// TestVariedCreates: each create is another customer's, with its own key
// and days; reads stay as they are.
func TestVariedCreates(t *testing.T) {
	base := []byte(`{"body":"{\"carId\":\"ber-002\",\"pickupDate\":\"x\",\"returnDate\":\"y\"}","headers":{"Idempotency-Key":"k"},
		"multiValueHeaders":{"Idempotency-Key":["k"]},"requestContext":{"authorizer":{"claims":{"sub":"s"}}}}`)
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	ev, err := Varied("create-booking", base, today)
	if err != nil {
		t.Fatal(err)
	}
	var a, b struct {
		Body           string
		Headers        map[string]string
		RequestContext struct {
			Authorizer struct{ Claims map[string]string }
		}
	}
	if err := json.Unmarshal(ev(0), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(ev(1), &b); err != nil {
		t.Fatal(err)
	}
	if a.Body != `{"carId":"ber-002","pickupDate":"2027-04-06","returnDate":"2027-04-08"}` ||
		b.Body != `{"carId":"ber-002","pickupDate":"2027-04-09","returnDate":"2027-04-11"}` {
		t.Errorf("bodies %s, %s", a.Body, b.Body)
	}
	if a.Headers["Idempotency-Key"] == b.Headers["Idempotency-Key"] ||
		a.RequestContext.Authorizer.Claims["sub"] == b.RequestContext.Authorizer.Claims["sub"] {
		t.Errorf("two creates share a key or a customer: %+v %+v", a, b)
	}
	read, _ := Varied("get-car", base, today)
	if string(read(7)) != string(base) {
		t.Error("a read's event changed")
	}
}
