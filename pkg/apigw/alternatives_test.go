package apigw_test

import (
	"net/http"
	"testing"

	"github.com/carrental/backend/dev/memstore"
	"github.com/carrental/backend/dev/storetest"
)

// TestAlternativesWhenNothingIsFree: with both economy cars taken, GET
// /alternatives offers the other types for the dates and the nearest later
// dates with a free economy car, each quoted, in the contract's shape.
func TestAlternativesWhenNothingIsFree(t *testing.T) {
	e := newEnvOn(t, memstore.New())
	p := storetest.Period(10, 13)
	e.book(t, "alice", "ber-eco-1", p.Pickup.String(), storetest.Period(10, 12).Return.String())
	e.book(t, "alice", "ber-eco-2", p.Pickup.String(), storetest.Period(10, 20).Return.String())

	var body alternativesJSON
	e.serve(t, newEvent("GET /alternatives").query("locationId", "BER").query("type", "economy").
		query("pickupDate", p.Pickup.String()).query("returnDate", p.Return.String()).get()).
		wantOK(t, http.StatusOK, &body)
	if len(body.Free) != 0 || !body.TypeInFleet {
		t.Errorf("free = %+v, in fleet %v; want none free and economy in the fleet", body.Free, body.TypeInFleet)
	}
	if len(body.OtherTypes) != 2 || body.OtherTypes[0].ID != "ber-suv-1" || body.OtherTypes[1].ID != "ber-lux-1" ||
		body.OtherTypes[0].Quote == nil || body.OtherTypes[0].Quote.Days != 3 {
		t.Errorf("other types = %+v, want the SUV and the luxury car, quoted", body.OtherTypes)
	}
	later := body.LaterDates
	if later == nil || later.PickupDate != storetest.Period(12, 15).Pickup.String() ||
		later.ReturnDate != storetest.Period(12, 15).Return.String() || later.Car.ID != "ber-eco-1" {
		t.Errorf("later dates = %+v, want ber-eco-1 two days later", later)
	}
}

// TestAlternativesNeedDates: both dates are required and follow the rules.
func TestAlternativesNeedDates(t *testing.T) {
	e := newEnvOn(t, memstore.New())
	p := storetest.Period(10, 13)
	e.serve(t, newEvent("GET /alternatives").query("locationId", "BER").query("pickupDate", p.Pickup.String()).get()).
		wantError(t, http.StatusBadRequest, "validation_failed", "returnDate")
	e.serve(t, newEvent("GET /alternatives").query("locationId", "BER").
		query("pickupDate", storetest.Period(-1, 2).Pickup.String()).query("returnDate", p.Return.String()).get()).
		wantError(t, http.StatusBadRequest, "validation_failed", "pickupDate")
	e.serve(t, newEvent("GET /alternatives").query("locationId", "XXX").
		query("pickupDate", p.Pickup.String()).query("returnDate", p.Return.String()).get()).
		wantError(t, http.StatusBadRequest, "validation_failed", "locationId")
}
