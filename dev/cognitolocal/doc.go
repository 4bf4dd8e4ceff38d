// Package cognitolocal runs cognito-local (npm, installed by `make tools`
// into .cache/cognito-local) as the local stand-in for the Cognito user pool,
// creates the pool and app client that template.yaml declares, seeds users
// and signs them in. Tests and the local stack (cmd/local) use it; nothing
// here calls AWS.
//
// What this package relies on in cognito-local 5.3.0 (check on upgrade; the
// tests do):
//
//   - Working folder: it keeps its configuration in ./.cognito/config.json
//     and its users in ./.cognito/db/, relative to its working directory; so
//     the server runs in Options.DataDir.
//   - Port and issuer: config.json's ServerConfig {hostname, port} decides
//     where it listens (the environment's PORT and HOST only feed defaults),
//     and TokenConfig.IssuerDomain the tokens' issuer, which is
//     IssuerDomain + "/" + pool id. Start writes all three, so the issuer is
//     "http://127.0.0.1:PORT/<pool id>", the endpoint plus the pool id, as in
//     the cloud (https://cognito-idp.REGION.amazonaws.com/<pool id>).
//   - JWKS: GET /<pool id>/.well-known/jwks.json answers one fixed RSA key,
//     kid "CognitoLocal", the same in every installation: its private half
//     ships in the npm package, so a cognito-local token proves nothing
//     outside a developer's machine. The openid-configuration document next
//     to it names localhost:9229 whatever the port: use JWKSURL, not
//     discovery.
//   - Codes: it "sends" codes (sign-up, forgotten password, attribute
//     verification, MFA) and temporary passwords (AdminCreateUser) by
//     printing a box to stdout with Username, Destination and Code lines;
//     the environment variable CODE would fix every code, so Start removes
//     it. See LastCode. Its logger (pino-pretty into sonic-boom 2.x) held
//     lines back after a few boxes, whose border characters are multi-byte
//     (sonic-boom counts characters in and bytes out): Start loads
//     preload.cjs into node first, so that every line is written at once.
//   - Groups: CreateGroup, ListGroups and AdminAddUserToGroup work, and the
//     ID and access tokens carry the user's groups as cognito:groups, a
//     JSON list, as Cognito's do (CreateGroups, SeedStaff). Its GetGroup
//     fails with a 500 on a pool that has no group yet: ListGroups instead.
//   - Kept data: with a DataDir that outlives the server, the pools and
//     users are there at the next start (ProvisionOnce finds them by name).
//   - Readiness: GET /health answers {"ok":true}.
//   - Web pages: cognito-local answers every operation, the admin API
//     included, with Access-Control-Allow-Origin: * and whatever the Host
//     header: preload.cjs (loaded into node first) refuses, with a 403, a
//     request that carries an Origin header or names another host than
//     127.0.0.1 or localhost, so that no page in the developer's browser
//     reaches it (CORS, DNS rebinding). The local stack's /_cognito proxy
//     drops the browser's Origin after its own checks.
//
// Authenticator apps (TOTP) work: AssociateSoftwareToken and
// VerifySoftwareToken with the access token, SetUserMFAPreference, and the
// SOFTWARE_TOKEN_MFA challenge at sign-in when the pool's MfaConfiguration
// is not OFF (TestTOTP). Laxer than Cognito there: the challenge's Session
// and code reuse are not checked, access tokens are read without their
// signature, a wrong set-up code is CodeMismatchException (Cognito:
// EnableSoftwareTokenMFAException), and MFA_SETUP by Session is refused.
//
// Not supported by cognito-local, so neither here: USER_SRP_AUTH (the
// Amplify default; use USER_PASSWORD_AUTH), ResendConfirmationCode, hosted
// UI federation (Google, Facebook). It stores but does not enforce the
// password policy, the client's ExplicitAuthFlows and its secret.
// ConfirmSignUp confirms the user but leaves email_verified unset (ID tokens
// say false), where Cognito sets it to true. The template's
// VerificationMessageTemplate (CONFIRM_WITH_LINK) has no effect: the
// console always shows a code.
package cognitolocal
