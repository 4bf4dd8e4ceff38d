package load

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/carrental/backend/api"
	"github.com/carrental/backend/dev/apitest"
)

// Contract holds answers to api/openapi.yaml: every answer's status to the
// statuses its operation documents (cheap, for all of them), and a sample
// of whole exchanges to everything the contract says (apitest: parameters,
// headers, bodies), which costs too much CPU beside the stack to do for
// every answer.
type Contract struct {
	statuses map[string]map[int]bool // "GET /cars/{carId}" -> documented statuses
	full     *apitest.Contract

	mu   sync.Mutex
	seen map[string]int // route and outcome -> answers so far, for sampling
	n    int            // answers so far
}

// Sampling: the first sampleFirst answers of each route and outcome, then
// one answer in sampleEvery.
const (
	sampleFirst = 5
	sampleEvery = 25
)

// LoadContract reads api/openapi.yaml.
func LoadContract() (*Contract, error) {
	doc, err := api.Load()
	if err != nil {
		return nil, err
	}
	full, err := apitest.Load()
	if err != nil {
		return nil, err
	}
	c := &Contract{statuses: map[string]map[int]bool{}, full: full, seen: map[string]int{}}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			set := map[int]bool{}
			for code := range op.Responses.Map() {
				if n, err := strconv.Atoi(code); err == nil {
					set[n] = true
				}
			}
			c.statuses[strings.ToUpper(method)+" "+path] = set
		}
	}
	return c, nil
}

// Allows reports whether the contract documents status for route.
func (c *Contract) Allows(route string, status int) bool { return c.statuses[route][status] }

// sample reports whether the answer with this route and outcome is one to
// check in full.
func (c *Contract) sample(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	c.seen[key]++
	return c.seen[key] <= sampleFirst || c.n%sampleEvery == 0
}

// Check holds one exchange to the whole contract; the error lists what
// does not conform.
func (c *Contract) Check(ctx context.Context, req *http.Request, body []byte, resp apitest.Response) error {
	res, err := c.full.Check(ctx, req, body, resp)
	if err != nil {
		return err
	}
	if err := res.Err(); err != nil {
		return fmt.Errorf("%s %s -> %d: %w", req.Method, req.URL.Path, resp.Status, err)
	}
	return nil
}
