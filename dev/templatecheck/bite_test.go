package templatecheck

import (
	"encoding/json"
	"strings"
	"testing"
)

// mutated is a deep copy of tpl changed by change.
func mutated(t *testing.T, tpl *Template, change func(doc map[string]any)) *Template {
	t.Helper()
	b, err := json.Marshal(tpl.doc)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	change(doc)
	return &Template{doc: doc}
}

// biteCase is one change to a copy of the template and what the rules
// must then say: each of want, in the error.
type biteCase struct {
	name   string
	change func(doc map[string]any)
	want   []string
}

// bite applies each case's change to a copy of tpl and expects Check to
// fail with each of its wants.
func bite(t *testing.T, tpl *Template, tests []biteCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := mutated(t, tpl, tt.change).Check()
			if err == nil {
				t.Fatal("the rules pass")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func props(doc map[string]any, id string) map[string]any {
	return get(doc, "Resources", id, "Properties").(map[string]any)
}

// TestRulesBite changes one thing at a time in a copy of template.yaml and
// expects exactly the rule it breaks to fail, naming the resource.
func TestRulesBite(t *testing.T) {
	tpl := load(t)
	tests := []biteCase{
		{"tracing removed from one function", func(doc map[string]any) {
			delete(get(doc, "Globals", "Function").(map[string]any), "Tracing")
			for id, r := range get(doc, "Resources").(map[string]any) {
				if get(r, "Type") == functionType && id != "GetCarFunction" {
					props(doc, id)["Tracing"] = "Active"
				}
			}
		}, []string{"tracing: GetCarFunction:"}},
		{"tracing PassThrough on one function", func(doc map[string]any) {
			props(doc, "CreateBookingFunction")["Tracing"] = "PassThrough"
		}, []string{"tracing: CreateBookingFunction:"}},
		{"x86_64", func(doc map[string]any) {
			props(doc, "ListCarsFunction")["Architectures"] = []any{"x86_64"}
		}, []string{"architecture: ListCarsFunction:"}},
		{"log group gone", func(doc map[string]any) {
			delete(get(doc, "Resources").(map[string]any), "GetBookingLogGroup")
		}, []string{"log group: GetBookingFunction: no AWS::Logs::LogGroup named /aws/lambda/car-rental-${Stage}-get-booking"}},
		{"log group without retention", func(doc map[string]any) {
			delete(props(doc, "LexFulfillmentLogGroup"), "RetentionInDays")
		}, []string{"log group: LexFulfillmentFunction:", "RetentionInDays"}},
		{"function renamed away from its log group", func(doc map[string]any) {
			props(doc, "ListLocationsFunction")["FunctionName"] = "locations"
		}, []string{"log group: ListLocationsFunction: no AWS::Logs::LogGroup named /aws/lambda/locations"}},
		{"Scan granted", func(doc map[string]any) {
			st := get(props(doc, "TableReadPolicy"), "PolicyDocument", "Statement").([]any)[0].(map[string]any)
			st["Action"] = append(st["Action"].([]any), "dynamodb:Scan")
		}, []string{"least privilege: GetBookingFunction: TableReadPolicy grants dynamodb:Scan", "least privilege: LexFulfillmentFunction"}},
		{"Scan granted to the public", func(doc map[string]any) {
			st := get(props(doc, "CatalogReadPolicy"), "PolicyDocument", "Statement").([]any)[0].(map[string]any)
			st["Action"] = append(st["Action"].([]any), "dynamodb:Scan")
		}, []string{"least privilege: GetCarFunction: CatalogReadPolicy grants dynamodb:Scan", "least privilege: ListLocationsFunction"}},
		{"dynamodb:* granted", func(doc map[string]any) {
			st := get(props(doc, "BookingWritePolicy"), "PolicyDocument", "Statement").([]any)[0].(map[string]any)
			st["Action"] = "dynamodb:*"
		}, []string{"least privilege: CreateBookingFunction: BookingWritePolicy grants the wildcard action dynamodb:*"}},
		{"DeleteTable inline", func(doc map[string]any) {
			p := props(doc, "CancelBookingFunction")
			p["Policies"] = append(p["Policies"].([]any), map[string]any{"Statement": []any{map[string]any{
				"Effect": "Allow", "Action": "dynamodb:DeleteTable", "Resource": map[string]any{"Fn::GetAtt": []any{"Table", "Arn"}}}}})
		}, []string{"least privilege: CancelBookingFunction: inline grants dynamodb:DeleteTable"}},
		{"wildcard resource", func(doc map[string]any) {
			st := get(props(doc, "TableReadPolicy"), "PolicyDocument", "Statement").([]any)[0].(map[string]any)
			st["Resource"] = "*"
		}, []string{"least privilege: ListBookingsFunction: TableReadPolicy grants on the wildcard resource *"}},
		{"wildcard resource for the public", func(doc map[string]any) {
			st := get(props(doc, "CatalogReadPolicy"), "PolicyDocument", "Statement").([]any)[1].(map[string]any)
			st["Resource"] = "*"
		}, []string{"least privilege: ListLocationsFunction: CatalogReadPolicy grants on the wildcard resource *"}},
		{"a reader that writes", func(doc map[string]any) {
			p := props(doc, "GetCarFunction")
			p["Policies"] = append(p["Policies"].([]any), map[string]any{"Ref": "BookingWritePolicy"})
		}, []string{"least privilege: GetCarFunction: only reads (GET routes) but BookingWritePolicy grants the write action dynamodb:PutItem"}},
		{"SAM policy template", func(doc map[string]any) {
			props(doc, "ListCarsFunction")["Policies"] = []any{map[string]any{"DynamoDBCrudPolicy": map[string]any{"TableName": "t"}}}
		}, []string{"least privilege: ListCarsFunction: policy", "cannot be checked"}},
		{"a public function reads the whole table", func(doc map[string]any) {
			p := props(doc, "ListCarsFunction")
			p["Policies"] = []any{map[string]any{"Ref": "TableReadPolicy"}}
		}, []string{"partitions: ListCarsFunction: is public and TableReadPolicy grants dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query " +
			"on Table.Arn, ${Table.Arn}/index/GSI1 without a ForAllValues:StringLike condition"}},
		{"the public's condition dropped", func(doc map[string]any) {
			delete(statementOf(doc, "CatalogReadPolicy", 1), "Condition")
		}, []string{"partitions: GetAlternativesFunction: is public and CatalogReadPolicy grants dynamodb:Query on ${Table.Arn}/index/GSI1 without",
			"partitions: ListLocationsFunction:"}},
		{"any partition for the public", func(doc map[string]any) {
			get(statementOf(doc, "CatalogReadPolicy", 0), "Condition", "ForAllValues:StringLike").(map[string]any)["dynamodb:LeadingKeys"] = []any{"LOCATIONS", "*"}
		}, []string{`partitions: GetCarFunction: is public and CatalogReadPolicy grants dynamodb:GetItem, dynamodb:Query on Table.Arn in partition "*", which can be a customer's`}},
		{"customers' partitions for the public", func(doc map[string]any) {
			get(statementOf(doc, "CatalogReadPolicy", 0), "Condition", "ForAllValues:StringLike").(map[string]any)["dynamodb:LeadingKeys"] = []any{"LOCATIONS", "CAR#*", "US?R#*"}
		}, []string{`partitions: ListCarsFunction: is public and CatalogReadPolicy grants dynamodb:GetItem, dynamodb:Query on Table.Arn in partition "US?R#*"`}},
		{"a customer's partition, literally", func(doc map[string]any) {
			st := statementOf(doc, "CatalogReadPolicy", 0)
			st["Condition"] = map[string]any{"ForAllValues:StringEquals": map[string]any{"dynamodb:LeadingKeys": []any{"LOCATIONS", "USER#3f0b1a9e"}}}
		}, []string{`partitions: ListLocationsFunction: is public and CatalogReadPolicy grants dynamodb:GetItem, dynamodb:Query on Table.Arn in partition "USER#3f0b1a9e"`}},
		{"any value, not all", func(doc map[string]any) {
			st := statementOf(doc, "CatalogReadPolicy", 0)
			st["Condition"] = map[string]any{"ForAnyValue:StringLike": map[string]any{"dynamodb:LeadingKeys": []any{"LOCATIONS", "CAR#*"}}}
		}, []string{"partitions: GetCarFunction: is public and CatalogReadPolicy grants dynamodb:GetItem, dynamodb:Query on Table.Arn without a ForAllValues:StringLike condition"}},
		{"no 5xx alarm", func(doc map[string]any) {
			delete(get(doc, "Resources").(map[string]any), "ApiServerErrorsAlarm")
		}, []string{"alarm: API: no alarm on AWS/ApiGateway 5XXError"}},
		{"a function's errors unwatched", func(doc map[string]any) {
			p := props(doc, "BookingFunctionErrorsAlarm")
			p["Metrics"] = p["Metrics"].([]any)[:3] // the sum and two functions
		}, []string{"alarm: CancelBookingFunction: no alarm on its AWS/Lambda Errors", "alarm: LexFulfillmentFunction"}},
		{"an alarm over the metric limit", func(doc map[string]any) {
			p := props(doc, "ReadFunctionErrorsAlarm")
			more := props(doc, "BookingFunctionErrorsAlarm")["Metrics"].([]any)[1:]
			p["Metrics"] = append(p["Metrics"].([]any), append(more, more[0])...) // 6 + 5 functions
		}, []string{"alarm: ReadFunctionErrorsAlarm: watches 11 metrics"}},
		{"no throttle alarm", func(doc map[string]any) {
			delete(get(doc, "Resources").(map[string]any), "TableThrottlesAlarm")
		}, []string{"alarm: Table: no alarm on its read throttling", "alarm: Table: no alarm on its write throttling"}},
		{"no point-in-time recovery", func(doc map[string]any) {
			delete(props(doc, "Table"), "PointInTimeRecoverySpecification")
		}, []string{"table: Table: point-in-time recovery is not enabled"}},
		{"no deletion protection", func(doc map[string]any) {
			props(doc, "Table")["DeletionProtectionEnabled"] = false
		}, []string{"table: Table: DeletionProtectionEnabled is not true"}},
	}
	bite(t, tpl, tests)

	// Tracing on each function instead of under Globals is fine too.
	err := mutated(t, tpl, func(doc map[string]any) {
		delete(get(doc, "Globals", "Function").(map[string]any), "Tracing")
		for id, r := range get(doc, "Resources").(map[string]any) {
			if get(r, "Type") == functionType {
				props(doc, id)["Tracing"] = "Active"
			}
		}
	}).Check()
	if err != nil {
		t.Errorf("Tracing on every function: %v", err)
	}
}

// TestSchemaBites: a misspelt property, a wrong type and an unknown
// resource type fail the schema check, in short and long form alike.
func TestSchemaBites(t *testing.T) {
	tpl := load(t)
	tests := []struct {
		name   string
		change func(doc map[string]any)
		want   string
	}{
		{"misspelt property", func(doc map[string]any) { props(doc, "GetCarFunction")["Tracin"] = "Active" },
			"/Resources/GetCarFunction/Properties: additional properties 'Tracin' not allowed"},
		{"wrong type behind an intrinsic", func(doc map[string]any) {
			props(doc, "TableThrottlesAlarm")["EvaluationPeriods"] = map[string]any{"Fn::Sub": "${Stage}"}
		}, "/Resources/TableThrottlesAlarm/Properties/EvaluationPeriods: got string, want"},
		{"bad enum", func(doc map[string]any) {
			get(doc, "Resources", "Table").(map[string]any)["DeletionPolicy"] = "Keep"
		}, "/Resources/Table/DeletionPolicy"},
		{"unknown type", func(doc map[string]any) {
			get(doc, "Resources", "Table").(map[string]any)["Type"] = "AWS::DynamoDB::Tabel"
		},
			"/Resources/Table: the schema has no definitions/AWS::DynamoDB::Tabel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := mutated(t, tpl, tt.change).ValidateSchema()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one with %q", err, tt.want)
			}
		})
	}
}

// TestExemptionsStillNeeded: each exemption covers a violation of
// template.yaml; one that covers none is stale (a newer goformation, or
// the template changed) and should go.
func TestExemptionsStillNeeded(t *testing.T) {
	problems, err := schemaProblems(load(t).doc)
	if err != nil {
		t.Fatal(err)
	}
	used := map[*exemption]bool{}
	for _, p := range problems {
		if e := exempted(p); e != nil {
			used[e] = true
		}
	}
	for i := range exemptions {
		if !used[&exemptions[i]] {
			t.Errorf("exemption %s %q covers nothing in template.yaml: remove it", exemptions[i].path, exemptions[i].message)
		}
	}
}
