#!/usr/bin/env bash
# make test-e2e (part of make test): the browser tests (web/e2e) against a
# local stack of their own (scripts/stack.sh: a free port, its own state
# file, stopped with SIGINT whatever happened). Arguments go to the tests:
# scripts/browser-tests.sh booking. The stack's log is kept in
# .cache/browser-tests/stack.log.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/stack.sh

start_stack browser-tests
cd web
E2E_BASE_URL=$url npm run --silent e2e -- "$@"
