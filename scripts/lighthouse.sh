#!/usr/bin/env bash
# make lighthouse: Lighthouse (web/scripts/lighthouse.mjs) on the home,
# search results, car and sign-in pages, phone and desktop, against a local
# stack of its own (scripts/stack.sh). Arguments go to the runner, e.g.
# scripts/lighthouse.sh --runs 1. The stack's log is kept in
# .cache/lighthouse-stack/stack.log, the median runs' reports in
# .cache/lighthouse/reports/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/stack.sh

start_stack lighthouse-stack
node web/scripts/lighthouse.mjs --base "$url" "$@"
