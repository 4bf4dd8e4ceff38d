// This folder is the web app (npm); the go.mod keeps `go ... ./...` out of
// node_modules, some of whose packages ship .go files.
module github.com/carrental/backend/web

go 1.26
