package memstore

import (
	"context"
	"sort"

	"github.com/carrental/backend/pkg/rental"
)

// CreateCar implements rental.Store.CreateCar.
func (s *Store) CreateCar(_ context.Context, c rental.Car) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.cars[c.ID]; ok {
		return rental.Errorf(rental.CodeAlreadyExists, "a car with id %s exists", c.ID)
	}
	c.Availability = rental.Availability{}
	s.cars[c.ID] = c
	return nil
}

// SaveCarDetails implements rental.Store.SaveCarDetails: the car's own
// availability stays, under the version's and the guard's conditions.
func (s *Store) SaveCarDetails(_ context.Context, c rental.Car, g *rental.FleetGuard) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.cars[c.ID]
	if !ok || cur.Retired {
		return rental.NotFound("car")
	}
	if cur.FleetVersion != c.FleetVersion {
		return rental.Errorf(rental.CodeVersionMismatch, "car %s was changed meanwhile; look again", c.ID)
	}
	if g != nil {
		for m, bits := range cur.Availability.Masks() {
			if m >= g.From && g.Masks[m] != bits {
				return rental.Errorf(rental.CodeCarHasBookings, "car %s was booked meanwhile; look again", c.ID)
			}
		}
	}
	c.Availability = cur.Availability
	c.FleetVersion++
	s.cars[c.ID] = c
	return nil
}

// CreateLocation implements rental.Store.CreateLocation.
func (s *Store) CreateLocation(_ context.Context, l rental.Location) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.locations[l.ID]; ok {
		return rental.Errorf(rental.CodeAlreadyExists, "a location with id %s exists", l.ID)
	}
	s.locations[l.ID] = l
	return nil
}

// SaveLocation implements rental.Store.SaveLocation.
func (s *Store) SaveLocation(_ context.Context, l rental.Location) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.locations[l.ID]; !ok {
		return rental.NotFound("location")
	}
	s.locations[l.ID] = l
	return nil
}

// BookingsByPickup implements rental.Store.BookingsByPickup.
func (s *Store) BookingsByPickup(_ context.Context, locationID string, from, to rental.Date) ([]rental.Booking, error) {
	s.mu.Lock()
	var out []rental.Booking
	for _, bs := range s.bookings {
		for _, b := range bs {
			if b.LocationID == locationID && b.Status != rental.Cancelled &&
				!b.Period.Pickup.Before(from) && !b.Period.Pickup.After(to) {
				out = append(out, b)
			}
		}
	}
	s.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if c := out[i].Period.Pickup.Compare(out[j].Period.Pickup); c != 0 {
			return c < 0
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}
