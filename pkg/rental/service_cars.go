package rental

import (
	"context"
	"strconv"
	"strings"
)

// CarQuery asks for the cars at a location: of one Type when set, with at
// least MinSeats seats and of Transmission when set, and with Period set,
// only those free for all of it, each with its quote; in Order.
type CarQuery struct {
	LocationID   string
	Type         CarType
	MinSeats     int          // 0 for any
	Transmission Transmission // "" for any
	Period       *Period
	Order        CarOrder // ByType (default) or ByPrice: the lowest daily rate, so the lowest total, first
	Limit        int      // 0 means DefaultPageSize; at most MaxPageSize
	Cursor       string   // from the previous page's NextCursor
}

// keeps is the predicate of q's filters: the seats, the transmission, and
// free for all of q.Period.
func (q CarQuery) keeps() func(Car) bool {
	if q.MinSeats == 0 && q.Transmission == "" && q.Period == nil {
		return nil
	}
	return func(c Car) bool {
		return c.Seats >= q.MinSeats && (q.Transmission == "" || c.Transmission == q.Transmission) &&
			(q.Period == nil || c.Availability.Free(*q.Period))
	}
}

// scope names the query for its cursors: every parameter that decides
// which cars a page holds and in which order.
func (q CarQuery) scope() string {
	parts := []string{"cars", q.LocationID, string(q.Type), strconv.Itoa(q.MinSeats), string(q.Transmission),
		strconv.Itoa(int(q.Order))}
	if q.Period != nil {
		parts = append(parts, q.Period.String())
	}
	return strings.Join(parts, "|")
}

// CarOffer is a car as a search shows it. Quote is set when the query had a
// period; Available too, on GetCar with a period.
type CarOffer struct {
	Car       Car
	Quote     *Quote
	Available *bool
}

// ListCars returns one page of cars at q.LocationID that pass q's filters:
// a full page of Limit cars whenever that many pass (the store reads on,
// within MaxScan cars a page), in q.Order. An unknown location costs no
// read of the store: the Service's copy of the locations answers.
//
// Errors: validation_failed (FieldLocation unknown, FieldType, FieldLimit,
// FieldCursor, the period's rules), internal, unavailable.
func (s *Service) ListCars(ctx context.Context, q CarQuery) (Page[CarOffer], error) {
	limit, err := pageLimit(q.Limit)
	if err != nil {
		return Page[CarOffer]{}, err
	}
	if q.Type != "" {
		if _, err := ParseCarType(string(q.Type)); err != nil {
			return Page[CarOffer]{}, Invalid(Violation{Field: FieldType, Rule: RuleOneOf, Value: string(q.Type), Allowed: names(CarTypes)})
		}
	}
	loc, err := s.searchedLocation(ctx, q.LocationID)
	if ErrorCode(err) == CodeNotFound {
		return Page[CarOffer]{}, Invalid(Violation{Field: FieldLocation, Rule: RuleUnknown, Value: q.LocationID})
	} else if err != nil {
		return Page[CarOffer]{}, err
	}
	if q.Period != nil {
		today, err := s.today(loc)
		if err != nil {
			return Page[CarOffer]{}, err
		}
		if err := CheckPeriod(*q.Period, today); err != nil {
			return Page[CarOffer]{}, err
		}
	}
	page, err := s.store.ListCars(ctx, CarFilter{LocationID: q.LocationID, Type: q.Type, Order: q.Order, Keep: q.keeps(),
		PageRequest: PageRequest{Limit: limit, Cursor: q.Cursor, Scope: q.scope()}})
	if err != nil {
		return Page[CarOffer]{}, err
	}
	out := Page[CarOffer]{Items: make([]CarOffer, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, c := range page.Items {
		offer := CarOffer{Car: c}
		if q.Period != nil {
			quote, err := QuoteFor(c.DailyRate, *q.Period)
			if err != nil {
				return Page[CarOffer]{}, AsError(err)
			}
			offer.Quote = &quote
		}
		out.Items = append(out.Items, offer)
	}
	return out, nil
}

// GetCar returns car id; with a period, also its quote and whether it is
// free for all of the period (the period must obey the rules at the car's
// location).
//
// Errors: not_found, validation_failed, internal.
func (s *Service) GetCar(ctx context.Context, id string, period *Period) (CarOffer, error) {
	c, err := s.store.GetCar(ctx, id)
	if err != nil {
		return CarOffer{}, err
	}
	if c.Retired {
		return CarOffer{}, NotFound("car")
	}
	offer := CarOffer{Car: c}
	if period == nil {
		return offer, nil
	}
	loc, err := s.location(ctx, c.LocationID)
	if err != nil {
		return CarOffer{}, err
	}
	today, err := s.today(loc)
	if err != nil {
		return CarOffer{}, err
	}
	if err := CheckPeriod(*period, today); err != nil {
		return CarOffer{}, err
	}
	quote, err := QuoteFor(c.DailyRate, *period)
	if err != nil {
		return CarOffer{}, AsError(err)
	}
	free := c.Availability.Free(*period)
	offer.Quote, offer.Available = &quote, &free
	return offer, nil
}
