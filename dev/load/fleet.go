package load

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/carrental/backend/dev/seed"
)

// Fleet is the hot cars: where the users search and what they book.
type Fleet struct {
	Locations []string            // HotLocations, in order
	Cars      []string            // the hot cars' ids
	ByLoc     map[string][]string // location id -> its hot cars
	loc       map[string]string   // car id -> location id
}

// HotFleet picks n cars of the sample fleet (seed/fleet.json, the fleet
// that the stack loads) at HotLocations, taking the locations' cars in
// turn so that each location gets its share. The error is for a fleet
// without those locations or with fewer than n cars there.
func HotFleet(root string, n int) (Fleet, error) {
	sf, err := seed.Load(filepath.Join(root, seed.FleetFile))
	if err != nil {
		return Fleet{}, err
	}
	at := map[string][]string{}
	for _, c := range sf.Cars {
		if slices.Contains(HotLocations, c.LocationID) {
			at[c.LocationID] = append(at[c.LocationID], c.ID)
		}
	}
	f := Fleet{Locations: HotLocations, ByLoc: map[string][]string{}, loc: map[string]string{}}
	for i := 0; len(f.Cars) < n; i++ {
		took := false
		for _, l := range HotLocations {
			if i < len(at[l]) && len(f.Cars) < n {
				f.add(l, at[l][i])
				took = true
			}
		}
		if !took {
			return Fleet{}, fmt.Errorf("load: the sample fleet has %d cars at %v, want %d", len(f.Cars), HotLocations, n)
		}
	}
	return f, nil
}

func (f *Fleet) add(loc, car string) {
	f.Cars = append(f.Cars, car)
	f.ByLoc[loc] = append(f.ByLoc[loc], car)
	f.loc[car] = loc
}

// Hot reports whether car is one of the hot cars.
func (f Fleet) Hot(car string) bool { _, ok := f.loc[car]; return ok }

// LocationOf is the location of hot car id.
func (f Fleet) LocationOf(id string) string { return f.loc[id] }
