package locals3

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
)

// s3Error is one of Amazon S3's error answers: an HTTP status and the XML
// body <Error><Code/><Message/>...</Error> ("Error responses",
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
// Extra holds the elements some codes add, such as EntityTooLarge's
// ProposedSize and MaxSizeAllowed.
type s3Error struct {
	Status  int
	Code    string
	Message string
	Extra   []xmlField
}

// xmlField is one extra element of an error body.
type xmlField struct {
	Name, Value string
}

func (e *s3Error) Error() string { return e.Code + ": " + e.Message }

// The errors that the verifier answers, with S3's codes, statuses and
// messages as S3 words them.
var (
	errAccessDenied = func(msg string) *s3Error {
		return &s3Error{Status: http.StatusForbidden, Code: "AccessDenied", Message: msg}
	}
	errSignature = &s3Error{Status: http.StatusForbidden, Code: "SignatureDoesNotMatch",
		Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method."}
	errAccessKey = &s3Error{Status: http.StatusForbidden, Code: "InvalidAccessKeyId",
		Message: "The AWS Access Key Id you provided does not exist in our records."}
)

// policyDenied is the 403 of a POST that its policy does not allow:
// "Invalid according to Policy: <why>".
func policyDenied(why string) *s3Error {
	return errAccessDenied("Invalid according to Policy: " + why)
}

// invalidArgument is S3's 400 InvalidArgument.
func invalidArgument(msg string) *s3Error {
	return &s3Error{Status: http.StatusBadRequest, Code: "InvalidArgument", Message: msg}
}

// entityTooLarge and entityTooSmall are the 400s of a POST whose file is
// outside the policy's content-length-range.
func entityTooLarge(size, limit int64) *s3Error {
	return &s3Error{Status: http.StatusBadRequest, Code: "EntityTooLarge", Message: "Your proposed upload exceeds the maximum allowed size",
		Extra: []xmlField{{"ProposedSize", strconv.FormatInt(size, 10)}, {"MaxSizeAllowed", strconv.FormatInt(limit, 10)}}}
}

func entityTooSmall(size, limit int64) *s3Error {
	return &s3Error{Status: http.StatusBadRequest, Code: "EntityTooSmall", Message: "Your proposed upload is smaller than the minimum allowed size",
		Extra: []xmlField{{"ProposedSize", strconv.FormatInt(size, 10)}, {"MinSizeAllowed", strconv.FormatInt(limit, 10)}}}
}

// write answers e as S3 does: its status, XML, no body for HEAD.
func (e *s3Error) write(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(e.Status)
	if r.Method == http.MethodHead {
		return
	}
	fmt.Fprint(w, xml.Header)
	enc := xml.NewEncoder(w)
	start := xml.StartElement{Name: xml.Name{Local: "Error"}}
	_ = enc.EncodeToken(start)
	fields := append([]xmlField{{"Code", e.Code}, {"Message", e.Message}}, e.Extra...)
	for _, f := range fields {
		_ = enc.EncodeElement(f.Value, xml.StartElement{Name: xml.Name{Local: f.Name}})
	}
	_ = enc.EncodeToken(start.End())
	_ = enc.Flush()
}
