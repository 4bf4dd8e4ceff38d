// Package deployweb is `make deploy-web` (cmd/deployweb): it puts the built
// web app and the car photos where the deployed stack serves them.
//
//  1. Reads the stack's outputs (aws cloudformation describe-stacks; the
//     stack and region from samconfig.toml unless given).
//  2. Writes the web app's runtime config.json from them (web/dist/config.json
//     by default): apiBaseUrl "/api" (the API through the site's
//     distribution), the region and pool of UserPoolId, the app client,
//     USER_SRP_AUTH, emailVerification "link" (the pool verifies by link),
//     and oauth for the hosted sign-in when SocialProviders names any.
//  3. Writes the config into web/dist/index.html too (the app then starts
//     without fetching config.json), and robots.txt and sitemap.xml for
//     SiteUrl into web/dist (dev/webhost).
//  4. Uploads with the AWS CLI, each kind of file with its Cache-Control
//     (dev/webhost, as the local stack serves them): the photos
//     (seed/images/cars, content-addressed keys: a year, immutable), the
//     hashed assets (the same), the other files of web/dist (an hour), then
//     index.html and config.json (no-cache) last, so a new index.html never
//     names an asset that is not there yet; old assets stay for pages still
//     open. Then invalidates /index.html, /config.json, /robots.txt and
//     /sitemap.xml.
//
// --dry-run prints the AWS commands instead of running them (and still
// writes config.json); --outputs FILE takes describe-stacks' JSON from a
// file instead of AWS, which is how the tests run it.
package deployweb
