package load

import (
	"fmt"
	"time"
)

// Bounds and defaults of a run.
const (
	// DefaultDuration is the load's length without LOAD_DURATION.
	DefaultDuration = 60 * time.Second
	// MaxDuration is the hard cap: the run is meant for a laptop and CI,
	// and past a few minutes it shows nothing new.
	MaxDuration = 5 * time.Minute
	// DefaultUsers and DefaultHotCars are the 50 users on 20 cars.
	DefaultUsers   = 50
	DefaultHotCars = 20
	// DefaultThink is the longest pause of a user between two steps; the
	// pause is uniform in [0, Think). Short, so that users who searched
	// the same days a moment apart book the same car at once.
	DefaultThink = 20 * time.Millisecond
)

// Environment variables that a run reads (ConfigFromEnv).
const (
	EnvDuration = "LOAD_DURATION"
	EnvBaseURL  = "LOAD_BASE_URL"
	EnvStackLog = "LOAD_STACK_LOG"
)

// HotLocations are where the hot cars stand: three locations of the sample
// fleet in European time zones (7 + 7 + 6 cars of seed/fleet.json).
var HotLocations = []string{"ber", "muc", "par"}

// Config is one run.
type Config struct {
	// Root is the repository root (template.yaml, seed/, cmd/local).
	Root string
	// BaseURL is a running stack's URL; "" starts one for the run.
	BaseURL string
	// StatePath is the running stack's state file, read with BaseURL for
	// its DynamoDB endpoint, table and cognito-local pool.
	StatePath string
	// Duration of the load; at most MaxDuration.
	Duration time.Duration
	// Users and HotCars: how many users, on how many cars.
	Users, HotCars int
	// Think is the longest pause between two steps of a user.
	Think time.Duration
	// Seed makes the users' choices repeatable (their timing is not).
	Seed uint64
	// RaceBuild builds the stack with -race (a test run with -race).
	RaceBuild bool
	// StackLog, when set, is a file for the whole output of the stack the
	// run starts (a log line per invocation, with its latency); otherwise
	// only its end is kept, for error messages.
	StackLog string
}

// ConfigFromEnv is the default Config with LOAD_DURATION (a Go duration:
// 90s, 3m), LOAD_BASE_URL and LOAD_STACK_LOG applied. The error is for a duration that
// does not parse, is not positive or is over MaxDuration.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{BaseURL: getenv(EnvBaseURL), StackLog: getenv(EnvStackLog), Duration: DefaultDuration, Users: DefaultUsers,
		HotCars: DefaultHotCars, Think: DefaultThink, Seed: uint64(time.Now().UnixNano())}
	if v := getenv(EnvDuration); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return c, fmt.Errorf("%s=%q: want a positive duration such as 90s or 3m", EnvDuration, v)
		}
		c.Duration = d
	}
	return c, c.check()
}

// check enforces the bounds.
func (c Config) check() error {
	switch {
	case c.Duration > MaxDuration:
		return fmt.Errorf("a load run lasts at most %s, not %s", MaxDuration, c.Duration)
	case c.Duration <= 0:
		return fmt.Errorf("duration %s: want a positive one", c.Duration)
	case c.Users < 1 || c.HotCars < 1:
		return fmt.Errorf("%d users on %d cars: want at least one of each", c.Users, c.HotCars)
	}
	return nil
}
