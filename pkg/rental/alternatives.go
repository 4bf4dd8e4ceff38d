package rental

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// Alternatives' bounds.
const (
	// DefaultLookAhead is how many days past the requested pick-up day
	// Alternatives looks for a period with a free car of the type.
	DefaultLookAhead = 28
	// MaxFree bounds Alternatives.Free.
	MaxFree = 5
	// maxAlternativePages bounds the store reads of one Alternatives call:
	// pages of MaxPageSize cars at the location. A location with more
	// cars gets answers from its first cars only.
	maxAlternativePages = 10
)

// AlternativesQuery asks what can be offered at LocationID for Period: a
// car of Type (any type when "").
type AlternativesQuery struct {
	LocationID string
	Type       CarType
	Period     Period
	LookAhead  int // days; 0 means DefaultLookAhead
}

// Alternatives is what a customer can be offered for an AlternativesQuery:
// the free cars of the type, and when there are none, the other types and
// the nearest later dates.
type Alternatives struct {
	// Free are the cars of the type free for the whole period, cheapest
	// total first (ties by car id), at most MaxFree.
	Free []CarOffer
	// OtherTypes holds, for each car type other than the query's, the
	// cheapest car of that type free for the period, in CarTypes order.
	// Empty for a query of any type.
	OtherTypes []CarOffer
	// Later is the nearest period of the same length that starts 1 to
	// LookAhead days later, obeys the rules and has a free car of the type,
	// with the cheapest such car. nil when there is none or Free is not
	// empty.
	Later *LaterOffer
	// OfType are the cars of the type at the location, free or not; the
	// first is the one with the lowest daily rate (ties by id). Its length
	// tells whether the location has the type at all.
	OfType []Car
}

// LaterOffer is a free car for another period.
type LaterOffer struct {
	Period Period
	Offer  CarOffer
}

// Alternatives answers q from one reading of the location's fleet: at most
// maxAlternativePages pages of MaxPageSize cars (one round trip per page,
// availability included), whatever the number of bookings or the look-ahead.
//
// Errors: validation_failed (FieldLocation unknown, FieldType, the
// period's rules), internal.
func (s *Service) Alternatives(ctx context.Context, q AlternativesQuery) (Alternatives, error) {
	today, err := s.checkAlternatives(ctx, q)
	if err != nil {
		return Alternatives{}, err
	}
	fleet, err := s.fleet(ctx, q.LocationID)
	if err != nil {
		return Alternatives{}, err
	}
	lookAhead := q.LookAhead
	if lookAhead <= 0 {
		lookAhead = DefaultLookAhead
	}
	var out Alternatives
	for _, c := range fleet {
		if q.wants(c.Type) {
			out.OfType = append(out.OfType, c)
		}
	}
	free := freeOffers(fleet, q.Period)
	for _, o := range free {
		if q.wants(o.Car.Type) && len(out.Free) < MaxFree {
			out.Free = append(out.Free, o)
		}
	}
	if q.Type != "" {
		out.OtherTypes = cheapestByType(free, q.Type)
	}
	if len(out.Free) == 0 {
		out.Later = laterPeriod(out.OfType, q.Period, today, lookAhead)
	}
	return out, nil
}

// wants reports whether q asks for cars of type t.
func (q AlternativesQuery) wants(t CarType) bool { return q.Type == "" || t == q.Type }

// checkAlternatives checks q's type, location and period, in that order,
// and returns today at the location.
func (s *Service) checkAlternatives(ctx context.Context, q AlternativesQuery) (Date, error) {
	if q.Type != "" {
		if _, err := ParseCarType(string(q.Type)); err != nil {
			return Date{}, Invalid(Violation{Field: FieldType, Rule: RuleOneOf, Value: string(q.Type), Allowed: names(CarTypes)})
		}
	}
	loc, err := s.searchedLocation(ctx, q.LocationID)
	if ErrorCode(err) == CodeNotFound {
		return Date{}, Invalid(Violation{Field: FieldLocation, Rule: RuleUnknown, Value: q.LocationID})
	} else if err != nil {
		return Date{}, err
	}
	today, err := s.today(loc)
	if err != nil {
		return Date{}, err
	}
	if err := CheckPeriod(q.Period, today); err != nil {
		return Date{}, err
	}
	return today, nil
}

// fleet reads every car at location (up to maxAlternativePages pages),
// lowest daily rate first, ties by id.
func (s *Service) fleet(ctx context.Context, location string) ([]Car, error) {
	var cars []Car
	req := PageRequest{Limit: MaxPageSize, Scope: strings.Join([]string{"cars", location, ""}, "|")}
	for range maxAlternativePages {
		page, err := s.store.ListCars(ctx, CarFilter{LocationID: location, PageRequest: req})
		if err != nil {
			return nil, err
		}
		cars = append(cars, page.Items...)
		if page.NextCursor == "" {
			break
		}
		req.Cursor = page.NextCursor
	}
	slices.SortFunc(cars, func(a, b Car) int {
		return cmp.Or(cmp.Compare(a.DailyRate.Amount, b.DailyRate.Amount), cmp.Compare(a.ID, b.ID))
	})
	return cars, nil
}

// freeOffers are the cars free for all of p with their quotes, cheapest
// total first, ties by id. A car whose quote overflows is left out.
func freeOffers(cars []Car, p Period) []CarOffer {
	var out []CarOffer
	for _, c := range cars {
		if !c.Availability.Free(p) {
			continue
		}
		if quote, err := QuoteFor(c.DailyRate, p); err == nil {
			out = append(out, CarOffer{Car: c, Quote: &quote})
		}
	}
	slices.SortStableFunc(out, func(a, b CarOffer) int {
		return cmp.Or(cmp.Compare(a.Quote.Total.Amount, b.Quote.Total.Amount), cmp.Compare(a.Car.ID, b.Car.ID))
	})
	return out
}

// cheapestByType returns, for each car type other than except, the first
// of offers (sorted cheapest first) of that type, in CarTypes order.
func cheapestByType(offers []CarOffer, except CarType) []CarOffer {
	var out []CarOffer
	for _, typ := range CarTypes {
		if typ == except {
			continue
		}
		if i := slices.IndexFunc(offers, func(o CarOffer) bool { return o.Car.Type == typ }); i >= 0 {
			out = append(out, offers[i])
		}
	}
	return out
}

// laterPeriod finds the nearest period of p's length starting 1 to
// lookAhead days later that obeys the rules and for which one of cars
// (lowest daily rate first) is free, with that car's offer. It stops where
// the rules stop (MaxDaysAhead).
func laterPeriod(cars []Car, p Period, today Date, lookAhead int) *LaterOffer {
	for shift := 1; shift <= lookAhead; shift++ {
		q := Period{Pickup: p.Pickup.AddDays(shift), Return: p.Return.AddDays(shift)}
		if CheckPeriod(q, today) != nil {
			return nil
		}
		for _, c := range cars {
			if !c.Availability.Free(q) {
				continue
			}
			if quote, err := QuoteFor(c.DailyRate, q); err == nil {
				return &LaterOffer{Period: q, Offer: CarOffer{Car: c, Quote: &quote}}
			}
		}
	}
	return nil
}
