// Package webhost is what a host of the built web app (web/dist) must do
// beyond serving its files, the same way whether the host is the local
// stack (dev/localsite) or S3 and CloudFront after `make deploy-web`
// (dev/deployweb): the Cache-Control of each kind of file
// (cachecontrol.go), the runtime configuration written into index.html
// (config.go), and robots.txt and sitemap.xml for the site's origin
// (crawlers.go). Sharing it is what keeps the two hosts alike.
package webhost
