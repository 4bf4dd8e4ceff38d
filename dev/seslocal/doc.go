// Package seslocal runs aws-ses-v2-local (npm, installed by `make tools`
// into .cache/ses-local) as the local stand-in for Amazon SES: a real
// HTTP server that answers SES API v2's SendEmail as SES does and keeps
// every email it accepts, in memory, until it stops. The local stack
// sends the booking emails there (pkg/sesmail with SES_ENDPOINT) and
// shows them at /_local/mail; tests read them with Emails.
//
// What this package relies on in aws-ses-v2-local 2.10.2 (check on
// upgrade; the tests do):
//
//   - its command line: dist/cli.js --host HOST --port PORT;
//   - GET /health-check answers 200 once it listens;
//   - POST /v2/email/outbound-emails is SendEmail (Simple, Raw or
//     Template content), answered {"MessageId": "ses-..."}; it wants an
//     Authorization header starting "AWS" (any SigV4 signature passes);
//   - GET /store answers {"emails": [...]} in the order received, each
//     {messageId, from, destination: {to, cc, bcc}, subject,
//     body: {text, html}, at (epoch seconds)}; POST /clear-store empties it.
//
// It listens on 127.0.0.1 only, and preload.cjs (loaded into node first)
// refuses a request that carries an Origin header or names another host,
// as for cognito-local: no web page reads the mailbox.
package seslocal
