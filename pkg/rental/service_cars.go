package rental

import (
	"context"
	"strings"
)

// CarQuery asks for the cars at a location: of one Type when set, and with
// Period set, only those free for all of it, each with its quote.
type CarQuery struct {
	LocationID string
	Type       CarType
	Period     *Period
	Limit      int    // 0 means DefaultPageSize; at most MaxPageSize
	Cursor     string // from the previous page's NextCursor
}

// CarOffer is a car as a search shows it. Quote is set when the query had a
// period; Available too, on GetCar with a period.
type CarOffer struct {
	Car       Car
	Quote     *Quote
	Available *bool
}

// ListCars returns one page of cars at q.LocationID. With q.Period, cars that
// are booked for any of its days are left out, so a page may hold fewer than
// Limit cars while NextCursor still leads on.
//
// Errors: validation_failed (locationId unknown, type, limit, cursor, the
// period's rules), internal.
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
	loc, err := s.location(ctx, q.LocationID)
	if ErrorCode(err) == CodeNotFound {
		return Page[CarOffer]{}, Invalid(Violation{Field: FieldLocation, Rule: RuleUnknown, Value: q.LocationID})
	} else if err != nil {
		return Page[CarOffer]{}, err
	}
	scope := []string{"cars", q.LocationID, string(q.Type)}
	if q.Period != nil {
		today, err := s.today(loc)
		if err != nil {
			return Page[CarOffer]{}, err
		}
		if err := CheckPeriod(*q.Period, today); err != nil {
			return Page[CarOffer]{}, err
		}
		scope = append(scope, q.Period.String())
	}
	page, err := s.store.ListCars(ctx, CarFilter{LocationID: q.LocationID, Type: q.Type,
		PageRequest: PageRequest{Limit: limit, Cursor: q.Cursor, Scope: strings.Join(scope, "|")}})
	if err != nil {
		return Page[CarOffer]{}, err
	}
	out := Page[CarOffer]{Items: make([]CarOffer, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, c := range page.Items {
		offer := CarOffer{Car: c}
		if q.Period != nil {
			if !c.Schedule.Free(*q.Period, "") {
				continue
			}
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
	free := c.Schedule.Free(*period, "")
	offer.Quote, offer.Available = &quote, &free
	return offer, nil
}
