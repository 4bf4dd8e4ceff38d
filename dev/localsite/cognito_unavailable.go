package localsite

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// DefaultCognitoTimeout bounds one exchange through /_cognito: connecting
// to cognito-local, its answer, and the wait for a code operation's code
// (codeWait). cognito-local answers in milliseconds; one that takes this
// long hangs.
const DefaultCognitoTimeout = 10 * time.Second

// internalErrorType is Cognito's error for a fault on its side
// (InternalErrorException, HTTP 500 in the API reference): a type that
// the AWS SDKs and Amplify model, and treat as a server error to retry.
const internalErrorType = "InternalErrorException"

// cognitoUnavailable answers a request that cognito-local did not: a 504
// when the exchange ran past timeout (cognito-local hangs), else a 502
// (refused, reset, not running), each in Cognito's error shape
// (cognitoError: __type and x-amzn-ErrorType InternalErrorException, a
// message that says which), so that Amplify and the SDKs read it as a
// server error rather than as an unreadable body.
func cognitoUnavailable(timeout time.Duration) func(http.ResponseWriter, *http.Request, error) {
	return func(w http.ResponseWriter, r *http.Request, err error) {
		if errors.Is(err, context.DeadlineExceeded) {
			cognitoError(w, http.StatusGatewayTimeout, internalErrorType,
				fmt.Sprintf("cognito-local did not answer within %s: the local stack's /_cognito proxy gave up", timeout))
			return
		}
		cognitoError(w, http.StatusBadGateway, internalErrorType,
			"the local stack's /_cognito proxy cannot reach cognito-local: "+err.Error())
	}
}
