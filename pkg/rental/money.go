package rental

import (
	"fmt"
	"math"
)

// Money is an amount in the currency's minor units (cents for USD) with its
// ISO 4217 code. Integers only: a rental total is an exact sum of daily rates.
type Money struct {
	Amount   int64  // minor units, never negative in this domain
	Currency string // ISO 4217 alphabetic code, e.g. "USD"
}

// Times is m multiplied by n; it fails rather than overflow.
func (m Money) Times(n int) (Money, error) {
	if n < 0 || (n > 0 && m.Amount > math.MaxInt64/int64(n)) {
		return Money{}, fmt.Errorf("money: %d x %d overflows", m.Amount, n)
	}
	return Money{Amount: m.Amount * int64(n), Currency: m.Currency}, nil
}

// String writes the amount in major units with its code, e.g. "135.00 USD";
// every currency we serve has two minor digits.
func (m Money) String() string {
	return fmt.Sprintf("%d.%02d %s", m.Amount/100, m.Amount%100, m.Currency)
}

// Quote is what a rental costs: Days times the car's daily rate.
type Quote struct {
	Days  int
	Total Money
}

// QuoteFor prices period p at daily rate rate.
func QuoteFor(rate Money, p Period) (Quote, error) {
	total, err := rate.Times(p.Days())
	if err != nil {
		return Quote{}, err
	}
	return Quote{Days: p.Days(), Total: total}, nil
}
