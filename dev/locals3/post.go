package locals3

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"time"

	"github.com/johannesboyne/gofakes3"
)

// maxFields bounds the form fields before the file, as S3 does
// (MaxPostPreDataLengthExceeded).
const maxFields = 20 << 10

// form is a browser-based upload's fields (lower-case names) and its file
// part, the last one S3 reads.
type form struct {
	fields   map[string]string
	file     *multipart.Part
	filename string
}

// postObject stores a browser-based upload ("POST Object",
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html,
// and "Authenticating Requests: Browser-Based Uploads Using POST",
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-authentication-HTTPPOST.html)
// once the form's signature, its policy and the file's size pass, and
// answers as success_action_status says (204 by default).
func (h *Handler) postObject(w http.ResponseWriter, r *http.Request, bucket string) *s3Error {
	f, err := readForm(r)
	if err != nil {
		return err
	}
	policy, err := h.authorize(f.fields)
	if err != nil {
		return err
	}
	if err := policy.check(f.fields, bucket, h.signer.now()); err != nil {
		return err
	}
	key, ok := f.fields["key"]
	if !ok {
		return invalidArgument("Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.")
	}
	key = strings.ReplaceAll(key, "${filename}", f.filename)
	if !storableKey(key) {
		return errKey(key)
	}
	data, err := readFile(f.file, policy)
	if err != nil {
		return err
	}
	if _, putErr := h.store.PutObject(bucket, key, metadata(f.fields, h.signer.now()), bytes.NewReader(data), int64(len(data)), nil); putErr != nil {
		if gofakes3.HasErrorCode(putErr, gofakes3.ErrNoSuchBucket) {
			return &s3Error{Status: http.StatusNotFound, Code: "NoSuchBucket", Message: "The specified bucket does not exist"}
		}
		return &s3Error{Status: http.StatusInternalServerError, Code: "InternalError", Message: putErr.Error()}
	}
	sum := md5.Sum(data)
	answer(w, f.fields["success_action_status"], bucket, key, `"`+hex.EncodeToString(sum[:])+`"`, r)
	return nil
}

// authorize checks the form's SigV4 fields and returns its policy: the
// signature is HMAC-SHA256 of the policy field, with the signing key of
// x-amz-credential. A form with neither policy nor signature is an
// anonymous write, refused as by a private bucket.
func (h *Handler) authorize(fields map[string]string) (postPolicy, *s3Error) {
	if fields["policy"] == "" && fields["x-amz-signature"] == "" {
		return postPolicy{}, errAccessDenied("Access Denied")
	}
	for _, name := range []string{"x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature", "policy"} {
		if fields[name] == "" {
			return postPolicy{}, invalidArgument("Bucket POST must contain a field named '" + name + "'.  If it is specified, please check the order of the fields.")
		}
	}
	if fields["x-amz-algorithm"] != algorithm {
		return postPolicy{}, invalidArgument("Unsupported algorithm: " + fields["x-amz-algorithm"])
	}
	c, err := h.signer.parseCredential(fields["x-amz-credential"])
	if err != nil {
		return postPolicy{}, err
	}
	if t, perr := time.Parse(amzDate, fields["x-amz-date"]); perr != nil || t.Format(scopeDate) != c.date {
		return postPolicy{}, invalidArgument("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\" and match the credential's date")
	}
	if !hmac.Equal([]byte(c.sign(fields["policy"])), []byte(strings.ToLower(fields["x-amz-signature"]))) {
		return postPolicy{}, errSignature
	}
	return parsePolicy(fields["policy"])
}

// readForm reads the fields up to the file part.
func readForm(r *http.Request) (form, *s3Error) {
	malformed := &s3Error{Status: http.StatusBadRequest, Code: "MalformedPOSTRequest",
		Message: "The body of your POST request is not well-formed multipart/form-data."}
	mr, err := r.MultipartReader()
	if err != nil {
		return form{}, malformed
	}
	f := form{fields: map[string]string{}}
	left := int64(maxFields)
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return form{}, invalidArgument("POST requires exactly one file upload per request.")
		}
		if err != nil {
			return form{}, malformed
		}
		name := strings.ToLower(part.FormName())
		if name == "file" {
			f.file, f.filename = part, part.FileName()
			return f, nil
		}
		value, err := io.ReadAll(io.LimitReader(part, left+1))
		if err != nil {
			return form{}, malformed
		}
		if left -= int64(len(value)); left < 0 {
			return form{}, &s3Error{Status: http.StatusBadRequest, Code: "MaxPostPreDataLengthExceeded",
				Message: "Your POST request fields preceding the upload file were too large."}
		}
		if _, seen := f.fields[name]; !seen && name != "" {
			f.fields[name] = string(value)
		}
	}
}

// readFile reads the file, holding its size to the policy's
// content-length-range (and to maxObject); a file over the range is
// counted to the end for S3's ProposedSize.
func readFile(file io.Reader, p postPolicy) ([]byte, *s3Error) {
	limit := int64(maxObject)
	if p.hasSize && p.sizeMax < limit {
		limit = p.sizeMax
	}
	data, err := io.ReadAll(io.LimitReader(file, limit+1))
	if err != nil {
		return nil, &s3Error{Status: http.StatusBadRequest, Code: "IncompleteBody", Message: err.Error()}
	}
	size := int64(len(data))
	if size > limit {
		rest, _ := io.Copy(io.Discard, io.LimitReader(file, 5<<30))
		return nil, entityTooLarge(size+rest, limit)
	}
	if err := p.checkMinSize(size); err != nil {
		return nil, err
	}
	return data, nil
}

// storedFields are the form fields that S3 keeps with the object, as
// headers it answers with.
var storedFields = []string{"content-type", "cache-control", "content-disposition", "content-encoding", "expires"}

// metadata is what the object keeps of the form: its Content-Type
// (binary/octet-stream when the form has none), the other standard
// headers and x-amz-meta-*, under their header names, and when it came.
func metadata(fields map[string]string, now time.Time) map[string]string {
	meta := map[string]string{"Content-Type": "binary/octet-stream", "Last-Modified": now.UTC().Format(http.TimeFormat)}
	for name, v := range fields {
		for _, s := range storedFields {
			if name == s {
				meta[textproto.CanonicalMIMEHeaderKey(name)] = v
			}
		}
		if strings.HasPrefix(name, "x-amz-meta-") {
			meta[textproto.CanonicalMIMEHeaderKey(name)] = v
		}
	}
	return meta
}

// postResponse is the body of a 201 answer.
type postResponse struct {
	XMLName  xml.Name `xml:"PostResponse"`
	Location string
	Bucket   string
	Key      string
	ETag     string
}

// answer is S3's answer to a stored upload: success_action_status 200 or
// 201 (with a PostResponse body), else 204; ETag and Location either way.
func answer(w http.ResponseWriter, status, bucket, key, etag string, r *http.Request) {
	location := "http://" + r.Host + "/" + bucket + "/" + (&url.URL{Path: key}).EscapedPath()
	w.Header().Set("ETag", etag)
	w.Header().Set("Location", location)
	switch status {
	case "200":
		w.WriteHeader(http.StatusOK)
	case "201":
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, xml.Header)
		_ = xml.NewEncoder(w).Encode(postResponse{Location: location, Bucket: bucket, Key: key, ETag: etag})
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}
