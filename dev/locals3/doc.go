// Package locals3 is the local stack's Amazon S3: gofakes3
// (github.com/johannesboyne/gofakes3) in-process, serving the images
// bucket path-style on 127.0.0.1 (http://127.0.0.1:PORT/<bucket>), its
// objects in memory or as files below a data folder, behind our own
// checks of what S3 refuses and gofakes3 does not (Handler): SigV4
// signatures with the local credentials, and browser-based POST uploads
// held to their signed policy (expiration, conditions, content-length-range)
// with S3's XML errors and status codes.
//
// The stack puts the sample fleet's photos into the bucket
// (Handler.PutMissing) and serves the bucket under /static as the image
// distribution does (Handler.Objects). Post sends a presigned POST as a
// web page does, for tests.
package locals3
