// Package lexlocal is a stand-in for the Amazon Lex V2 runtime on a
// developer's machine: it runs the bots that template.yaml defines
// (AWS::Lex::Bot, with their aliases) and calls their code hook in-process,
// so that the chatbot can be talked to locally as the REST API can be
// called locally. It speaks the runtime API's text operations over HTTP, as
// the AWS SDKs' Lex runtime clients call them with a custom endpoint:
//
//	POST   /bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}/text  RecognizeText
//	GET    /bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}       GetSession
//	POST   /bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}       PutSession
//	DELETE /bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}       DeleteSession
//
// with the request and response shapes of the Amazon Lex V2 API reference
// (https://docs.aws.amazon.com/lexv2/latest/APIReference/API_Operations_Amazon_Lex_Runtime_V2.html)
// and its errors: a malformed request is a 400 ValidationException, an
// unknown bot, alias, locale or session a 404 ResourceNotFoundException, a
// code hook that fails or answers what Lex would refuse a 424
// DependencyFailedException. Requests may be signed (SigV4) or not: the
// signature is not checked.
//
// # Dialog
//
// A turn follows Lex V2's conversation model (dialog.go): the intent comes
// from the utterance, slot values from the words that a sample utterance
// names with {Slot}, empty required slots are elicited in priority order
// with their prompts, the dialog code hook runs on every turn of an intent
// that enables it, then the confirmation prompt, the fulfillment code hook
// and Close. The code hook gets the event of "AWS Lambda input event format
// for Lex V2" (lexbot.Event) and its response is held to "AWS Lambda
// response format for Lex V2" (lexbot.Validate) before it is applied:
//
//   - https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html
//   - https://docs.aws.amazon.com/lexv2/latest/dg/lambda-response-format.html
//
// # Understanding
//
// There is no machine learning (understand.go): an utterance is understood
// when, folded (case, accents and punctuation dropped, contractions
// expanded, a few courtesy words ignored), it is one of the intent's
// sample utterances with every {Slot} standing for words that the slot's
// type recognises: a value or synonym of a custom slot type, or what
// AMAZON.Date (dates.go), AMAZON.City, AMAZON.AlphaNumeric and
// AMAZON.Number take (builtin.go). Anything else is AMAZON.FallbackIntent.
// So a sample utterance added to template.yaml is understood locally with
// no code change. docs/chatbot.md lists what the stand-in understands and
// where it differs from Lex.
package lexlocal
