package lexlocal

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is an error answer of the runtime API, as restJson1 services
// send them and the AWS SDKs read them: the status, the error type in the
// X-Amzn-ErrorType header and {"message": "..."} as the body. The types
// are those the runtime operations list ("Errors" in the API reference).
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

// validation is a 400 ValidationException: the request breaks a rule of
// the API (a missing or malformed field, a value out of range).
func validation(format string, args ...any) *apiError {
	return &apiError{http.StatusBadRequest, "ValidationException", fmt.Sprintf(format, args...)}
}

// notFound is a 404 ResourceNotFoundException: no such bot, alias, locale
// or session.
func notFound(format string, args ...any) *apiError {
	return &apiError{http.StatusNotFound, "ResourceNotFoundException", fmt.Sprintf(format, args...)}
}

// dependencyFailed is a 424 DependencyFailedException: the code hook
// failed, or answered what Lex refuses.
func dependencyFailed(format string, args ...any) *apiError {
	return &apiError{http.StatusFailedDependency, "DependencyFailedException", fmt.Sprintf(format, args...)}
}

// accessDenied is a 403 AccessDeniedException.
func accessDenied(format string, args ...any) *apiError {
	return &apiError{http.StatusForbidden, "AccessDeniedException", fmt.Sprintf(format, args...)}
}

// writeError answers e.
func writeError(w http.ResponseWriter, e *apiError) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-ErrorType", e.code)
	w.WriteHeader(e.status)
	_ = json.NewEncoder(w).Encode(map[string]string{"message": e.message})
}
