package localesm

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/carrental/backend/dev/localapi"
	"github.com/carrental/backend/dev/samtemplate"
)

// Mapping is what the poller does, from an AWS::Lambda::EventSourceMapping.
type Mapping struct {
	Function           string          // the function's logical ID
	BatchSize          int             // records per invocation, at most
	MaxRetries         int             // MaximumRetryAttempts; -1 until the record is gone
	MaxRecordAge       time.Duration   // MaximumRecordAgeInSeconds; 0 for no limit
	Bisect             bool            // BisectBatchOnFunctionError
	ReportItemFailures bool            // FunctionResponseTypes has ReportBatchItemFailures
	Filters            []Filter        // FilterCriteria; none passes everything
	Latest             bool            // StartingPosition LATEST (else TRIM_HORIZON)
	Timeout            time.Duration   // the function's Timeout
	raw                json.RawMessage // for messages
}

// FromTemplate reads the mapping logicalID of tpl, and the Timeout of the
// function it invokes. Errors: no such mapping, a filter pattern that
// Filter does not support, a bad Timeout.
func FromTemplate(tpl *samtemplate.Template, logicalID string) (Mapping, error) {
	var p struct {
		FunctionName               string
		BatchSize                  *int
		MaximumRetryAttempts       *int
		MaximumRecordAgeInSeconds  *int
		BisectBatchOnFunctionError bool
		FunctionResponseTypes      []string
		StartingPosition           string
		FilterCriteria             struct{ Filters []struct{ Pattern string } }
	}
	refs := tpl.WithResourceRefs()
	if err := refs.Properties(logicalID, "AWS::Lambda::EventSourceMapping", &p); err != nil {
		return Mapping{}, err
	}
	m := Mapping{Function: p.FunctionName, BatchSize: 100, MaxRetries: -1, Bisect: p.BisectBatchOnFunctionError,
		ReportItemFailures: slices.Contains(p.FunctionResponseTypes, "ReportBatchItemFailures"), Latest: p.StartingPosition == "LATEST"}
	if p.BatchSize != nil {
		m.BatchSize = *p.BatchSize
	}
	if p.MaximumRetryAttempts != nil {
		m.MaxRetries = *p.MaximumRetryAttempts
	}
	if p.MaximumRecordAgeInSeconds != nil && *p.MaximumRecordAgeInSeconds > 0 {
		m.MaxRecordAge = time.Duration(*p.MaximumRecordAgeInSeconds) * time.Second
	}
	for _, f := range p.FilterCriteria.Filters {
		filter, err := ParseFilter(f.Pattern)
		if err != nil {
			return Mapping{}, fmt.Errorf("localesm: %s: %w", logicalID, err)
		}
		m.Filters = append(m.Filters, filter)
	}
	var fn struct{ Timeout any }
	if err := refs.Properties(m.Function, "AWS::Serverless::Function", &fn); err != nil {
		return Mapping{}, fmt.Errorf("localesm: %s invokes %q: %w", logicalID, m.Function, err)
	}
	timeout, err := localapi.FunctionTimeout(fn.Timeout, samtemplate.Get(tpl.Doc(), "Globals", "Function", "Timeout"))
	if err != nil {
		return Mapping{}, fmt.Errorf("localesm: %s: %w", m.Function, err)
	}
	m.Timeout = timeout
	return m, nil
}
