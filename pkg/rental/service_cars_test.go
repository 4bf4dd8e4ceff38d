package rental_test

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/carrental/backend/dev/memstore"
	"github.com/carrental/backend/pkg/rental"
)

func TestListLocations(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	got, err := e.svc.ListLocations(context.Background())
	noErr(t, err)
	if !slices.Equal(got, locations) { // locations is sorted by id
		t.Errorf("ListLocations = %v, want %v", got, locations)
	}
}

func TestListLocationsReflectsNewLocations(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	_, err := e.svc.ListLocations(ctx)
	noErr(t, err)
	// A location added after the Service cached the list is found at once
	// by an internal lookup (a car's location), which reloads the copy;
	// searches see it from then on.
	syd := rental.Location{ID: "SYD", Name: "Sydney", City: "Sydney", Country: "AU", TimeZone: "Australia/Sydney"}
	noErr(t, e.store.PutLocation(ctx, syd))
	noErr(t, e.store.PutCar(ctx, car("s-eco-1", "SYD", rental.Economy, 4000, "AUD")))
	today, err := e.svc.TodayAt(ctx, "SYD")
	noErr(t, err)
	if today != d("2026-11-30") { // 22:30 AEDT
		t.Errorf("TodayAt(SYD) = %s", today)
	}
	page, err := e.svc.ListCars(ctx, rental.CarQuery{LocationID: "SYD"})
	noErr(t, err)
	if len(page.Items) != 1 || page.Items[0].Car.ID != "s-eco-1" {
		t.Errorf("ListCars(SYD) = %v", page.Items)
	}
}

func offerIDs(offers []rental.CarOffer) []string {
	ids := make([]string, len(offers))
	for i, o := range offers {
		ids[i] = o.Car.ID
	}
	slices.Sort(ids)
	return ids
}

func TestListCarsWithoutDates(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	for _, tc := range []struct {
		name string
		q    rental.CarQuery
		want []string
	}{
		{"Berlin, every type", rental.CarQuery{LocationID: "BER"},
			[]string{"b-cmp-1", "b-eco-1", "b-eco-2", "b-lux-1", "b-mid-1", "b-suv-1", "b-van-1"}},
		{"Berlin economy", rental.CarQuery{LocationID: "BER", Type: rental.Economy}, []string{"b-eco-1", "b-eco-2"}},
		{"Berlin suv", rental.CarQuery{LocationID: "BER", Type: rental.SUV}, []string{"b-suv-1"}},
		{"Berlin van", rental.CarQuery{LocationID: "BER", Type: rental.Van}, []string{"b-van-1"}},
		{"Los Angeles", rental.CarQuery{LocationID: "LAX"}, []string{"l-mid-1", "l-suv-1"}},
		{"Los Angeles luxury: none", rental.CarQuery{LocationID: "LAX", Type: rental.Luxury}, []string{}},
		{"Auckland", rental.CarQuery{LocationID: "AKL"}, []string{"a-eco-1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			page, err := e.svc.ListCars(context.Background(), tc.q)
			noErr(t, err)
			if got := offerIDs(page.Items); !slices.Equal(got, tc.want) {
				t.Errorf("ids = %v, want %v", got, tc.want)
			}
			if page.NextCursor != "" {
				t.Errorf("NextCursor = %q on a short list", page.NextCursor)
			}
			for _, o := range page.Items {
				if o.Quote != nil || o.Available != nil {
					t.Errorf("%s: quote %v, available %v without dates", o.Car.ID, o.Quote, o.Available)
				}
				if want := carByID(o.Car.ID); o.Car.DailyRate != want.DailyRate || o.Car.LocationID != tc.q.LocationID ||
					o.Car.Make != want.Make || o.Car.Type != want.Type {
					t.Errorf("car %+v, want %+v", o.Car, want)
				}
			}
		})
	}
}

func TestListCarsInvalid(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	for _, tc := range []struct {
		name   string
		q      rental.CarQuery
		fields []rental.Field
	}{
		{"unknown location", rental.CarQuery{LocationID: "XXX"}, []rental.Field{rental.FieldLocation}},
		{"no location", rental.CarQuery{}, []rental.Field{rental.FieldLocation}},
		{"location id in lower case", rental.CarQuery{LocationID: "ber"}, []rental.Field{rental.FieldLocation}},
		{"bad type", rental.CarQuery{LocationID: "BER", Type: "truck"}, []rental.Field{rental.FieldType}},
		{"type in upper case", rental.CarQuery{LocationID: "BER", Type: "SUV"}, []rental.Field{rental.FieldType}},
		{"limit 101", rental.CarQuery{LocationID: "BER", Limit: 101}, []rental.Field{rental.FieldLimit}},
		{"limit -1", rental.CarQuery{LocationID: "BER", Limit: -1}, []rental.Field{rental.FieldLimit}},
		{"pick-up yesterday", rental.CarQuery{LocationID: "BER", Period: ptr(per("2026-11-29", "2026-12-02"))}, []rental.Field{rental.FieldPickup}},
		{"pick-up today in LA is yesterday in Auckland", rental.CarQuery{LocationID: "AKL", Period: ptr(per("2026-11-30", "2026-12-02"))}, []rental.Field{rental.FieldPickup}},
		{"return on pick-up day", rental.CarQuery{LocationID: "BER", Period: ptr(per("2026-12-02", "2026-12-02"))}, []rental.Field{rental.FieldReturn}},
		{"31 days", rental.CarQuery{LocationID: "BER", Period: ptr(per("2026-12-01", "2027-01-01"))}, []rental.Field{rental.FieldReturn}},
		{"366 days ahead", rental.CarQuery{LocationID: "BER", Period: ptr(per("2027-12-01", "2027-12-02"))}, []rental.Field{rental.FieldPickup}},
		{"both dates wrong", rental.CarQuery{LocationID: "BER", Period: ptr(per("2026-11-29", "2026-11-29"))}, []rental.Field{rental.FieldPickup, rental.FieldReturn}},
		{"garbage cursor", rental.CarQuery{LocationID: "BER", Cursor: "not-a-cursor!"}, []rental.Field{rental.FieldCursor}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := e.svc.ListCars(context.Background(), tc.q)
			wantErr(t, err, rental.CodeValidation, tc.fields...)
		})
	}
}

func TestListCarsWithDates(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	e.book(t, "u1", "b-eco-1", per("2026-12-10", "2026-12-15"))
	e.book(t, "u2", "b-suv-1", per("2026-12-01", "2026-12-03"))
	allBER := []string{"b-cmp-1", "b-eco-1", "b-eco-2", "b-lux-1", "b-mid-1", "b-suv-1", "b-van-1"}
	without := func(ids ...string) []string {
		return slices.DeleteFunc(slices.Clone(allBER), func(s string) bool { return slices.Contains(ids, s) })
	}
	for _, tc := range []struct {
		name string
		q    rental.CarQuery
		want []string
	}{
		{"same days as the booking", rental.CarQuery{LocationID: "BER", Period: ptr(per("2026-12-10", "2026-12-15"))}, without("b-eco-1")},
		{"starts on its return day", rental.CarQuery{LocationID: "BER", Period: ptr(per("2026-12-15", "2026-12-20"))}, allBER},
		{"ends on its pick-up day", rental.CarQuery{LocationID: "BER", Period: ptr(per("2026-12-05", "2026-12-10"))}, allBER},
		{"shares its first day", rental.CarQuery{LocationID: "BER", Period: ptr(per("2026-12-05", "2026-12-11"))}, without("b-eco-1")},
		{"shares its last day", rental.CarQuery{LocationID: "BER", Period: ptr(per("2026-12-14", "2026-12-16"))}, without("b-eco-1")},
		{"inside it", rental.CarQuery{LocationID: "BER", Period: ptr(per("2026-12-11", "2026-12-12"))}, without("b-eco-1")},
		{"covers both bookings", rental.CarQuery{LocationID: "BER", Period: ptr(per("2026-11-30", "2026-12-20"))}, without("b-eco-1", "b-suv-1")},
		{"pick-up today", rental.CarQuery{LocationID: "BER", Period: ptr(per("2026-11-30", "2026-12-01"))}, allBER},
		{"economy only", rental.CarQuery{LocationID: "BER", Type: rental.Economy, Period: ptr(per("2026-12-12", "2026-12-13"))}, []string{"b-eco-2"}},
		{"other location unaffected", rental.CarQuery{LocationID: "LAX", Period: ptr(per("2026-12-10", "2026-12-15"))}, []string{"l-mid-1", "l-suv-1"}},
		{"Auckland's today", rental.CarQuery{LocationID: "AKL", Period: ptr(per("2026-12-01", "2026-12-02"))}, []string{"a-eco-1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			page, err := e.svc.ListCars(context.Background(), tc.q)
			noErr(t, err)
			if got := offerIDs(page.Items); !slices.Equal(got, tc.want) {
				t.Errorf("ids = %v, want %v", got, tc.want)
			}
			days := tc.q.Period.Days()
			for _, o := range page.Items {
				rate := carByID(o.Car.ID).DailyRate
				want := rental.Quote{Days: days, Total: rental.Money{Amount: rate.Amount * int64(days), Currency: rate.Currency}}
				if o.Quote == nil || *o.Quote != want {
					t.Errorf("%s: quote %v, want %+v", o.Car.ID, o.Quote, want)
				}
			}
		})
	}
}

func TestListCarsLimits(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	if rental.DefaultPageSize != 20 || rental.MaxPageSize != 100 {
		t.Fatalf("page sizes %d, %d; the contract says 20 and 100", rental.DefaultPageSize, rental.MaxPageSize)
	}
	for _, tc := range []struct {
		limit, want int
	}{
		{0, 20}, {1, 1}, {7, 7}, {20, 20}, {99, 99}, {100, 100},
	} {
		page, err := e.svc.ListCars(context.Background(), rental.CarQuery{LocationID: "BIG", Limit: tc.limit})
		noErr(t, err)
		if len(page.Items) != tc.want || page.NextCursor == "" {
			t.Errorf("limit %d: %d cars, cursor %q; want %d and a cursor", tc.limit, len(page.Items), page.NextCursor, tc.want)
		}
	}
}

// collectCars follows NextCursor to the end and returns every id in order.
func collectCars(t *testing.T, svc *rental.Service, q rental.CarQuery) (ids []string, pages int) {
	t.Helper()
	for {
		page, err := svc.ListCars(context.Background(), q)
		noErr(t, err)
		if len(page.Items) > cmp.Or(q.Limit, rental.DefaultPageSize) {
			t.Fatalf("page of %d cars for limit %d", len(page.Items), q.Limit)
		}
		for _, o := range page.Items {
			ids = append(ids, o.Car.ID)
		}
		pages++
		if page.NextCursor == "" {
			return ids, pages
		}
		if pages > 1000 {
			t.Fatal("paging does not end")
		}
		q.Cursor = page.NextCursor
	}
}

func TestListCarsPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	e.book(t, "u1", "p-000", per("2026-12-10", "2026-12-12"))
	e.book(t, "u1", "p-050", per("2026-12-11", "2026-12-13"))
	var all, economy []string
	for i := range bigCars {
		c := bigCar(i)
		all = append(all, c.ID)
		if c.Type == rental.Economy {
			economy = append(economy, c.ID)
		}
	}
	for _, tc := range []struct {
		name string
		q    rental.CarQuery
		want []string
	}{
		{"limit 7", rental.CarQuery{LocationID: "BIG", Limit: 7}, all},
		{"limit 1", rental.CarQuery{LocationID: "BIG", Limit: 1}, all},
		{"default limit", rental.CarQuery{LocationID: "BIG"}, all},
		{"limit 100", rental.CarQuery{LocationID: "BIG", Limit: 100}, all},
		{"economy, limit 4", rental.CarQuery{LocationID: "BIG", Type: rental.Economy, Limit: 4}, economy},
		{"with dates: booked cars left out", rental.CarQuery{LocationID: "BIG", Limit: 10, Period: ptr(per("2026-12-11", "2026-12-12"))},
			slices.DeleteFunc(slices.Clone(all), func(s string) bool { return s == "p-000" || s == "p-050" })},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, _ := collectCars(t, e.svc, tc.q)
			if dup := len(got) - len(slices.Compact(slices.Sorted(slices.Values(got)))); dup != 0 {
				t.Errorf("%d cars seen twice", dup)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tc.want))
			if !slices.Equal(got, want) {
				t.Errorf("paged through %d cars, want %d: %v", len(got), len(want), got)
			}
		})
	}
}

func TestListCarsCursorBoundToQuery(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	dates := ptr(per("2026-12-10", "2026-12-12"))
	first, err := e.svc.ListCars(ctx, rental.CarQuery{LocationID: "BIG", Limit: 5})
	noErr(t, err)
	dated, err := e.svc.ListCars(ctx, rental.CarQuery{LocationID: "BIG", Limit: 5, Period: dates})
	noErr(t, err)
	if first.NextCursor == "" || dated.NextCursor == "" {
		t.Fatal("no cursor")
	}
	for _, tc := range []struct {
		name string
		q    rental.CarQuery
	}{
		{"another type", rental.CarQuery{LocationID: "BIG", Type: rental.Economy, Cursor: first.NextCursor}},
		{"another location", rental.CarQuery{LocationID: "BER", Cursor: first.NextCursor}},
		{"dates added", rental.CarQuery{LocationID: "BIG", Period: dates, Cursor: first.NextCursor}},
		{"dates removed", rental.CarQuery{LocationID: "BIG", Cursor: dated.NextCursor}},
		{"other dates", rental.CarQuery{LocationID: "BIG", Period: ptr(per("2026-12-10", "2026-12-13")), Cursor: dated.NextCursor}},
		{"tampered", rental.CarQuery{LocationID: "BIG", Cursor: first.NextCursor[:len(first.NextCursor)-2]}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := e.svc.ListCars(ctx, tc.q)
			wantErr(t, err, rental.CodeValidation, rental.FieldCursor)
		})
	}
	// The same query takes its own cursor, with any limit.
	next, err := e.svc.ListCars(ctx, rental.CarQuery{LocationID: "BIG", Limit: 5, Cursor: first.NextCursor})
	noErr(t, err)
	if len(next.Items) != 5 || next.Items[0].Car.ID == first.Items[0].Car.ID {
		t.Errorf("second page = %v", offerIDs(next.Items))
	}
	_, err = e.svc.ListCars(ctx, rental.CarQuery{LocationID: "BIG", Limit: 50, Cursor: first.NextCursor})
	noErr(t, err)
	_, err = e.svc.ListCars(ctx, rental.CarQuery{LocationID: "BIG", Period: dates, Cursor: dated.NextCursor})
	noErr(t, err)
}

func TestGetCar(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	e.book(t, "u1", "b-lux-1", per("2026-12-10", "2026-12-15"))
	for _, tc := range []struct {
		name      string
		id        string
		period    *rental.Period
		available bool
		days      int
	}{
		{"free", "b-lux-1", ptr(per("2026-12-01", "2026-12-04")), true, 3},
		{"back to back after", "b-lux-1", ptr(per("2026-12-15", "2026-12-16")), true, 1},
		{"back to back before", "b-lux-1", ptr(per("2026-12-05", "2026-12-10")), true, 5},
		{"booked", "b-lux-1", ptr(per("2026-12-14", "2026-12-20")), false, 6},
		{"booked inside", "b-lux-1", ptr(per("2026-12-11", "2026-12-12")), false, 1},
		{"Los Angeles, its today", "l-mid-1", ptr(per("2026-11-30", "2026-12-03")), true, 3},
		{"Auckland, its today", "a-eco-1", ptr(per("2026-12-01", "2026-12-31")), true, 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o, err := e.svc.GetCar(context.Background(), tc.id, tc.period)
			noErr(t, err)
			if o.Car.ID != tc.id {
				t.Fatalf("car %s, want %s", o.Car.ID, tc.id)
			}
			if o.Available == nil || *o.Available != tc.available {
				t.Errorf("available = %v, want %v", o.Available, tc.available)
			}
			rate := carByID(tc.id).DailyRate
			want := rental.Quote{Days: tc.days, Total: rental.Money{Amount: rate.Amount * int64(tc.days), Currency: rate.Currency}}
			if o.Quote == nil || *o.Quote != want {
				t.Errorf("quote = %v, want %+v", o.Quote, want)
			}
		})
	}

	o, err := e.svc.GetCar(context.Background(), "b-lux-1", nil)
	noErr(t, err)
	if o.Quote != nil || o.Available != nil {
		t.Errorf("without dates: quote %v, available %v", o.Quote, o.Available)
	}
	want := carByID("b-lux-1")
	if o.Car.ID != want.ID || o.Car.DailyRate != want.DailyRate || o.Car.Model != want.Model || o.Car.ImageKey != want.ImageKey {
		t.Errorf("car = %+v, want %+v", o.Car, want)
	}
	if len(o.Car.Availability.Months()) != 1 {
		t.Errorf("availability = %v, want the one booking's month", o.Car.Availability.Masks())
	}
}

func TestGetCarErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	for _, tc := range []struct {
		name   string
		id     string
		period *rental.Period
		code   rental.Code
		fields []rental.Field
	}{
		{"unknown car", "nope", nil, rental.CodeNotFound, nil},
		{"unknown car with dates", "nope", ptr(per("2026-12-01", "2026-12-02")), rental.CodeNotFound, nil},
		{"return on pick-up day", "b-eco-1", ptr(per("2026-12-01", "2026-12-01")), rental.CodeValidation, []rental.Field{rental.FieldReturn}},
		{"31 days", "b-eco-1", ptr(per("2026-12-01", "2027-01-01")), rental.CodeValidation, []rental.Field{rental.FieldReturn}},
		{"pick-up yesterday", "b-eco-1", ptr(per("2026-11-29", "2026-12-01")), rental.CodeValidation, []rental.Field{rental.FieldPickup}},
		{"366 days ahead", "b-eco-1", ptr(per("2027-12-01", "2027-12-02")), rental.CodeValidation, []rental.Field{rental.FieldPickup}},
		{"Auckland's yesterday", "a-eco-1", ptr(per("2026-11-30", "2026-12-02")), rental.CodeValidation, []rental.Field{rental.FieldPickup}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := e.svc.GetCar(context.Background(), tc.id, tc.period)
			wantErr(t, err, tc.code, tc.fields...)
		})
	}
}

// TestTodayAtDST: right after local midnight on a DST change day, "today"
// at the location is that day, and a pick-up then is accepted.
func TestTodayAtDST(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		instant, loc, carID, today string
	}{
		{"2026-03-28T23:30:00Z", "BER", "b-eco-1", "2026-03-29"}, // 00:30 CET, spring-forward day
		{"2026-10-24T22:30:00Z", "BER", "b-eco-1", "2026-10-25"}, // 00:30 CEST, fall-back day
		{"2026-03-08T05:30:00Z", "NYC", "n-eco-1", "2026-03-08"}, // 00:30 EST
		{"2026-11-01T04:30:00Z", "NYC", "n-eco-1", "2026-11-01"}, // 00:30 EDT
	} {
		t.Run(tc.loc+" "+tc.instant, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, mustTime(t, tc.instant))
			ctx := context.Background()
			today, err := e.svc.TodayAt(ctx, tc.loc)
			noErr(t, err)
			if today != d(tc.today) {
				t.Fatalf("TodayAt(%s) = %s, want %s", tc.loc, today, tc.today)
			}
			p := rental.Period{Pickup: today, Return: today.AddDays(2)}
			b, err := e.svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: tc.carID, Period: p}, "")
			noErr(t, err)
			if b.Days() != 2 || b.Total.Amount != 2*carByID(tc.carID).DailyRate.Amount {
				t.Errorf("booking over the DST change: %d days, total %v", b.Days(), b.Total)
			}
			_, err = e.svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: tc.carID,
				Period: rental.Period{Pickup: today.AddDays(-1), Return: today.AddDays(5)}}, "")
			wantErr(t, err, rental.CodeValidation, rental.FieldPickup)
		})
	}
	e := newEnv(t, t0)
	_, err := e.svc.TodayAt(context.Background(), "XXX")
	wantErr(t, err, rental.CodeNotFound)
}

func TestNewServiceDefaults(t *testing.T) {
	t.Parallel()
	st := memstore.New()
	ctx := context.Background()
	noErr(t, st.PutLocation(ctx, locations[1]))
	noErr(t, st.PutCar(ctx, carByID("b-eco-1")))
	noErr(t, st.PutCar(ctx, carByID("b-eco-2")))
	svc := rental.NewService(st)
	before := time.Now()
	if now := svc.Now(); now.Before(before.Add(-time.Second)) || now.After(time.Now().Add(time.Second)) {
		t.Errorf("default clock: Now() = %v, want about %v", now, before)
	}
	today := rental.Today(time.Now(), mustZone(t, "Europe/Berlin"))
	p := rental.Period{Pickup: today.AddDays(1), Return: today.AddDays(3)}
	b1, err := svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: "b-eco-1", Period: p}, "")
	noErr(t, err)
	b2, err := svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: "b-eco-2", Period: p}, "")
	noErr(t, err)
	if len(b1.ID) != 26 || b1.ID >= b2.ID {
		t.Errorf("default ids %q, %q: want ULIDs in creation order", b1.ID, b2.ID)
	}
}

// TestLocationCacheRefreshes: the Service's copy of the locations is at
// most five minutes old (service.go locationTTL).
func TestLocationCacheRefreshes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	today, err := e.svc.TodayAt(ctx, "LAX")
	noErr(t, err)
	if today != d("2026-11-30") {
		t.Fatalf("TodayAt(LAX) = %s", today)
	}
	// The station's zone is corrected to one where it is already tomorrow.
	moved := locations[3]
	moved.TimeZone = "Pacific/Auckland"
	noErr(t, e.store.PutLocation(ctx, moved))
	e.clock.Advance(5*time.Minute + time.Second)
	today, err = e.svc.TodayAt(ctx, "LAX")
	noErr(t, err)
	if today != d("2026-12-01") {
		t.Errorf("TodayAt(LAX) = %s five minutes after the change, want 2026-12-01", today)
	}
}
