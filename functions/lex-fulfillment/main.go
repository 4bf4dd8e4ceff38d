// Command lex-fulfillment is the Lambda function of the Lex V2 bot's code
// hook, dialog and fulfillment alike (Lex V2 calls one function per bot alias
// and locale). Its handler is lexbot.Bot.Handle; the bot verifies the user's
// Cognito ID token (session attribute idToken) against COGNITO_ISSUER and
// COGNITO_CLIENT_ID before it reads or books anything.
package main

import (
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/lambdafn/lexwire"
)

func main() { lambdafn.Run(lexwire.Handler) }
