package apigw

import (
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// The response models: the contract's schemas (api/openapi.yaml,
// components/schemas), converted from the domain's types by the functions
// below. Lists are never null: an empty page is [].

type locationJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	City     string `json:"city"`
	Country  string `json:"country"`
	TimeZone string `json:"timeZone"`
	Address  string `json:"address"`
	Currency string `json:"currency"`
}

type locationList struct {
	Locations []locationJSON `json:"locations"`
}

// moneyJSON is an amount in minor units with its ISO 4217 code.
type moneyJSON struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

type quoteJSON struct {
	Days  int       `json:"days"`
	Total moneyJSON `json:"total"`
}

// carJSON is a car: its summary (the properties a booking shows, inlined
// by encoding/json) and the rest.
type carJSON struct {
	carSummaryJSON
	LocationID string     `json:"locationId"`
	DailyRate  moneyJSON  `json:"dailyRate"`
	Quote      *quoteJSON `json:"quote,omitempty"`
	Available  *bool      `json:"available,omitempty"`
}

type carList struct {
	Cars       []carJSON `json:"cars"`
	NextCursor string    `json:"nextCursor,omitempty"`
}

type carSummaryJSON struct {
	ID           string `json:"id"`
	Make         string `json:"make"`
	Model        string `json:"model"`
	Type         string `json:"type"`
	Seats        int    `json:"seats"`
	Transmission string `json:"transmission"`
	ImageURL     string `json:"imageUrl"`
}

// bookingJSON is a booking. Times are RFC 3339 in UTC, to the second.
type bookingJSON struct {
	ID         string         `json:"id"`
	CarID      string         `json:"carId"`
	LocationID string         `json:"locationId"`
	PickupDate string         `json:"pickupDate"`
	ReturnDate string         `json:"returnDate"`
	Days       int            `json:"days"`
	Total      moneyJSON      `json:"total"`
	Status     string         `json:"status"`
	ReturnedOn string         `json:"returnedOn,omitempty"`
	Version    int64          `json:"version"`
	CreatedAt  string         `json:"createdAt"`
	UpdatedAt  string         `json:"updatedAt"`
	Car        carSummaryJSON `json:"car"`
}

type bookingList struct {
	Bookings   []bookingJSON `json:"bookings"`
	NextCursor string        `json:"nextCursor,omitempty"`
}

func toLocationJSON(l rental.Location) locationJSON {
	return locationJSON{ID: l.ID, Name: l.Name, City: l.City, Country: l.Country, TimeZone: l.TimeZone, Address: l.Address,
		Currency: l.Currency}
}

func toMoneyJSON(m rental.Money) moneyJSON { return moneyJSON{Amount: m.Amount, Currency: m.Currency} }

// imageURL is where the photo with key is served: ImageBaseURL + "/" + key.
func (a *API) imageURL(key string) string { return a.images + "/" + key }

func (a *API) toCarSummaryJSON(s rental.CarSummary) carSummaryJSON {
	return carSummaryJSON{ID: s.ID, Make: s.Make, Model: s.Model, Type: string(s.Type), Seats: s.Seats,
		Transmission: string(s.Transmission), ImageURL: a.imageURL(s.ImageKey)}
}

func (a *API) toCarJSON(o rental.CarOffer) carJSON {
	c := o.Car
	out := carJSON{carSummaryJSON: a.toCarSummaryJSON(c.Summary()), LocationID: c.LocationID,
		DailyRate: toMoneyJSON(c.DailyRate), Available: o.Available}
	if o.Quote != nil {
		out.Quote = &quoteJSON{Days: o.Quote.Days, Total: toMoneyJSON(o.Quote.Total)}
	}
	return out
}

func (a *API) toBookingJSON(b rental.Booking) bookingJSON {
	out := bookingJSON{ID: b.ID, CarID: b.CarID, LocationID: b.LocationID,
		PickupDate: b.Period.Pickup.String(), ReturnDate: b.Period.Return.String(), Days: b.Days(),
		Total: toMoneyJSON(b.Total), Status: string(b.Status), Version: b.Version,
		CreatedAt: timestamp(b.CreatedAt), UpdatedAt: timestamp(b.UpdatedAt), Car: a.toCarSummaryJSON(b.Car)}
	if !b.ReturnedOn.IsZero() {
		out.ReturnedOn = b.ReturnedOn.String()
	}
	return out
}

func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
