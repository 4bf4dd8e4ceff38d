package lexbot

import (
	"cmp"
	"context"
	"slices"

	"github.com/carrental/backend/pkg/rental"
)

// maxCarPages bounds one search: pages of rental.MaxPageSize cars. A
// station with more cars than that would get answers from its first cars
// only; the bound keeps a chat turn within Lex's time limit.
const maxCarPages = 10

// listCars follows q's pages (up to maxCarPages) and returns every car.
// With q.Period set, only the cars free for all of it, each with its quote.
func (b *Bot) listCars(ctx context.Context, q rental.CarQuery) ([]rental.CarOffer, error) {
	q.Limit = rental.MaxPageSize
	var out []rental.CarOffer
	for range maxCarPages {
		page, err := b.svc.ListCars(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.NextCursor == "" {
			break
		}
		q.Cursor = page.NextCursor
	}
	return out, nil
}

// freeCars returns the cars at loc free for p (of type typ, or of any type
// when typ is ""), cheapest first; equal prices by car id, so that the
// choice is the same on every turn.
func (b *Bot) freeCars(ctx context.Context, loc string, typ rental.CarType, p rental.Period) ([]rental.CarOffer, error) {
	offers, err := b.listCars(ctx, rental.CarQuery{LocationID: loc, Type: typ, Period: &p})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(offers, func(a, b rental.CarOffer) int {
		return cmp.Or(cmp.Compare(a.Quote.Total.Amount, b.Quote.Total.Amount), cmp.Compare(a.Car.ID, b.Car.ID))
	})
	return offers, nil
}

// fleet returns every car of type typ at loc, booked or not, with its
// schedule, cheapest daily rate first.
func (b *Bot) fleet(ctx context.Context, loc string, typ rental.CarType) ([]rental.Car, error) {
	offers, err := b.listCars(ctx, rental.CarQuery{LocationID: loc, Type: typ})
	if err != nil {
		return nil, err
	}
	cars := make([]rental.Car, len(offers))
	for i, o := range offers {
		cars[i] = o.Car
	}
	slices.SortFunc(cars, func(a, b rental.Car) int {
		return cmp.Or(cmp.Compare(a.DailyRate.Amount, b.DailyRate.Amount), cmp.Compare(a.ID, b.ID))
	})
	return cars, nil
}

// cheapestByType returns, for each car type other than except, the
// cheapest of offers (sorted cheapest first), in the order of
// rental.CarTypes.
func cheapestByType(offers []rental.CarOffer, except rental.CarType) []rental.CarOffer {
	var out []rental.CarOffer
	for _, typ := range rental.CarTypes {
		if typ == except {
			continue
		}
		for _, o := range offers {
			if o.Car.Type == typ {
				out = append(out, o)
				break
			}
		}
	}
	return out
}

// laterPeriod finds the nearest period of the same length as p, starting
// 1 to lookAhead days later, for which one of cars is free, and the
// cheapest such car's quote. The search reads no more data: the cars'
// schedules came with the fleet listing. It stops where the rules stop
// (rental.MaxDaysAhead).
func laterPeriod(cars []rental.Car, p rental.Period, today rental.Date, lookAhead int) (rental.Period, rental.Quote, bool) {
	for shift := 1; shift <= lookAhead; shift++ {
		q := rental.Period{Pickup: p.Pickup.AddDays(shift), Return: p.Return.AddDays(shift)}
		if rental.CheckPeriod(q, today) != nil {
			break
		}
		for _, c := range cars { // cheapest daily rate first
			if c.Schedule.Free(q, "") {
				quote, err := rental.QuoteFor(c.DailyRate, q)
				if err != nil {
					continue
				}
				return q, quote, true
			}
		}
	}
	return rental.Period{}, rental.Quote{}, false
}
