package say

import (
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

func TestSay(t *testing.T) {
	if got := Date(rental.MustDate("2027-03-05")); got != "Friday 5 March 2027" {
		t.Errorf("Date = %q", got)
	}
	if got := Money(rental.Money{Amount: 123456789, Currency: "GBP"}); got != "£1,234,567.89" {
		t.Errorf("Money = %q", got)
	}
	if Days(1) != "1 day" || Days(3) != "3 days" || CarName("Volkswagen", " ") != "Volkswagen" {
		t.Errorf("Days, CarName: %q %q %q", Days(1), Days(3), CarName("Volkswagen", " "))
	}
}
