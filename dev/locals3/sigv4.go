package locals3

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Signature Version 4, as S3 checks it ("Authenticating Requests (AWS
// Signature Version 4)",
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html):
// the Authorization header, or the query string of a presigned URL
// ("Authenticating Requests: Using Query Parameters",
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
// Our own code rather than the SDK's signer run again: the server must
// rebuild the canonical request from the headers the client says it
// signed, which the SDK's signer does not take.

const (
	algorithm  = "AWS4-HMAC-SHA256"
	amzDate    = "20060102T150405Z"
	scopeDate  = "20060102"
	service    = "s3"
	maxSkew    = 15 * time.Minute   // S3's RequestTimeTooSkewed
	maxExpires = 7 * 24 * 60 * 60   // a presigned URL's X-Amz-Expires, at most 7 days
	unsigned   = "UNSIGNED-PAYLOAD" // the payload hash of a presigned URL
	streaming  = "STREAMING-"       // aws-chunked payloads
	aws4Req    = "aws4_request"
)

// signer holds what the verifier checks signatures with: the secret of
// each access key, the one region the server plays, and its clock.
type signer struct {
	secrets map[string]string
	region  string
	now     func() time.Time
}

// credential is a parsed credential scope,
// "<access key>/<yyyymmdd>/<region>/s3/aws4_request", with the key's
// secret.
type credential struct {
	accessKey, date, region, secret string
}

// parseCredential checks a credential scope against the server's keys and
// region.
func (s *signer) parseCredential(v string) (credential, *s3Error) {
	parts := strings.Split(v, "/")
	if len(parts) != 5 || parts[3] != service || parts[4] != aws4Req {
		return credential{}, invalidArgument("Error parsing the X-Amz-Credential parameter: " + strconv.Quote(v))
	}
	c := credential{accessKey: parts[0], date: parts[1], region: parts[2]}
	if c.region != s.region {
		return credential{}, &s3Error{Status: http.StatusBadRequest, Code: "AuthorizationHeaderMalformed",
			Message: "The authorization header is malformed; the region '" + c.region + "' is wrong; expecting '" + s.region + "'"}
	}
	secret, ok := s.secrets[c.accessKey]
	if !ok {
		return credential{}, errAccessKey
	}
	c.secret = secret
	return c, nil
}

// key is the signing key of c: HMAC-SHA256 over date, region, service and
// "aws4_request", starting from "AWS4" + the secret.
func (c credential) key() []byte {
	k := hmacSHA256([]byte("AWS4"+c.secret), c.date)
	k = hmacSHA256(k, c.region)
	k = hmacSHA256(k, service)
	return hmacSHA256(k, aws4Req)
}

// sign is the hex signature of stringToSign with c's signing key.
func (c credential) sign(stringToSign string) string {
	return hex.EncodeToString(hmacSHA256(c.key(), stringToSign))
}

func (c credential) scope() string {
	return c.date + "/" + c.region + "/" + service + "/" + aws4Req
}

func hmacSHA256(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}

// authorization is what a signed request carries, from its header or its
// query.
type authorization struct {
	credential    string
	signedHeaders []string
	signature     string
	date          string // X-Amz-Date
	payloadHash   string
	expires       int // seconds; presigned only
	presigned     bool
}

// signed reports whether r carries a signature at all.
func signed(r *http.Request) bool {
	return r.Header.Get("Authorization") != "" || r.URL.Query().Get("X-Amz-Signature") != ""
}

// verify checks r's signature (header or presigned query). A request
// without one is AccessDenied, as for a private bucket.
func (s *signer) verify(r *http.Request) *s3Error {
	var (
		a   authorization
		err *s3Error
	)
	switch {
	case r.Header.Get("Authorization") != "":
		a, err = headerAuth(r)
	case r.URL.Query().Get("X-Amz-Signature") != "":
		a, err = queryAuth(r)
	default:
		return errAccessDenied("Access Denied")
	}
	if err != nil {
		return err
	}
	c, err := s.parseCredential(a.credential)
	if err != nil {
		return err
	}
	if err := s.checkTime(a, c); err != nil {
		return err
	}
	sts := algorithm + "\n" + a.date + "\n" + c.scope() + "\n" + hexSHA256(canonicalRequest(r, a))
	if !hmac.Equal([]byte(c.sign(sts)), []byte(strings.ToLower(a.signature))) {
		return errSignature
	}
	return nil
}

// checkTime holds a request to S3's clock rules: the date the
// credential's, a presigned URL not expired.
func (s *signer) checkTime(a authorization, c credential) *s3Error {
	t, err := time.Parse(amzDate, a.date)
	if err != nil || t.Format(scopeDate) != c.date {
		return errAccessDenied("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\" and match the credential's date")
	}
	now := s.now()
	if a.presigned {
		if a.expires < 1 || a.expires > maxExpires {
			return &s3Error{Status: http.StatusBadRequest, Code: "AuthorizationQueryParametersError",
				Message: "X-Amz-Expires must be between 1 and 604800 seconds"}
		}
		if now.After(t.Add(time.Duration(a.expires) * time.Second)) {
			return errAccessDenied("Request has expired")
		}
		if t.Sub(now) > maxSkew {
			return errAccessDenied("Request is not valid yet")
		}
		return nil
	}
	return nil // gofakes3 refuses a signed header's date more than 15 minutes off (RequestTimeTooSkewed)
}

// headerAuth reads the Authorization header:
// "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=a;b, Signature=...".
func headerAuth(r *http.Request) (authorization, *s3Error) {
	v := r.Header.Get("Authorization")
	rest, ok := strings.CutPrefix(v, algorithm+" ")
	if !ok {
		return authorization{}, invalidArgument("Unsupported Authorization Type")
	}
	a := authorization{date: r.Header.Get("X-Amz-Date"), payloadHash: r.Header.Get("X-Amz-Content-Sha256")}
	for _, part := range strings.Split(rest, ",") {
		k, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential":
			a.credential = val
		case "SignedHeaders":
			a.signedHeaders = strings.Split(val, ";")
		case "Signature":
			a.signature = val
		}
	}
	if a.credential == "" || len(a.signedHeaders) == 0 || a.signature == "" {
		return authorization{}, &s3Error{Status: http.StatusBadRequest, Code: "AuthorizationHeaderMalformed",
			Message: "The authorization header is malformed"}
	}
	if a.payloadHash == "" {
		return authorization{}, &s3Error{Status: http.StatusBadRequest, Code: "InvalidRequest",
			Message: "Missing required header for this request: x-amz-content-sha256"}
	}
	return a, nil
}

// queryAuth reads a presigned URL's X-Amz-* parameters.
func queryAuth(r *http.Request) (authorization, *s3Error) {
	q := r.URL.Query()
	if q.Get("X-Amz-Algorithm") != algorithm {
		return authorization{}, &s3Error{Status: http.StatusBadRequest, Code: "AuthorizationQueryParametersError",
			Message: "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\""}
	}
	expires, err := strconv.Atoi(q.Get("X-Amz-Expires"))
	if err != nil {
		expires = 0 // refused by checkTime
	}
	a := authorization{credential: q.Get("X-Amz-Credential"), signedHeaders: strings.Split(q.Get("X-Amz-SignedHeaders"), ";"),
		signature: q.Get("X-Amz-Signature"), date: q.Get("X-Amz-Date"), payloadHash: unsigned, expires: expires, presigned: true}
	if h := q.Get("X-Amz-Content-Sha256"); h != "" {
		a.payloadHash = h
	}
	return a, nil
}

// canonicalRequest is SigV4's canonical request of r: method, the path as
// sent (S3 does not encode it again), the sorted query without the
// signature, the signed headers' values, their names and the payload hash.
func canonicalRequest(r *http.Request, a authorization) string {
	path, rawQuery, _ := strings.Cut(r.RequestURI, "?")
	if path == "" || strings.HasPrefix(path, "http") { // an absolute-form request line
		path, rawQuery = r.URL.EscapedPath(), r.URL.RawQuery
	}
	var b strings.Builder
	b.WriteString(r.Method + "\n" + path + "\n" + canonicalQuery(rawQuery, a.presigned) + "\n")
	for _, h := range a.signedHeaders {
		b.WriteString(h + ":" + headerValue(r, h) + "\n")
	}
	b.WriteString("\n" + strings.Join(a.signedHeaders, ";") + "\n" + a.payloadHash)
	return b.String()
}

// canonicalQuery sorts the query's pairs by name, then value, each
// URI-encoded; a presigned URL's own X-Amz-Signature is left out.
func canonicalQuery(raw string, presigned bool) string {
	q, _ := url.ParseQuery(raw)
	var pairs []string
	for k, vs := range q {
		if presigned && k == "X-Amz-Signature" {
			continue
		}
		for _, v := range vs {
			pairs = append(pairs, uriEncode(k)+"="+uriEncode(v))
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

// headerValue is a signed header's canonical value: its values trimmed,
// inner runs of spaces made one, joined by commas.
func headerValue(r *http.Request, name string) string {
	switch name {
	case "host":
		return r.Host
	case "content-length":
		if v := r.Header.Get("Content-Length"); v != "" {
			return v
		}
		return strconv.FormatInt(r.ContentLength, 10)
	}
	values := slices.Clone(r.Header.Values(name))
	for i, v := range values {
		values[i] = strings.Join(strings.Fields(v), " ")
	}
	return strings.Join(values, ",")
}

// uriEncode is SigV4's URI encoding: every byte but A-Z, a-z, 0-9, '-',
// '.', '_' and '~' as %XY.
func uriEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
	}
	return b.String()
}

func hexSHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
