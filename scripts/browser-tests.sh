#!/usr/bin/env bash
# make test-e2e (part of make test): the browser tests (web/e2e) against a
# local stack of their own. Builds cmd/local, starts it on a free port with
# its own state file (a `make run` beside it is left alone), waits until it
# has served its first request, runs `npm run e2e` against it and stops it
# with SIGINT (it then stops its DynamoDB Local and cognito-local) whatever
# happened. Arguments go to the tests: scripts/browser-tests.sh booking.
# The stack's log is kept in .cache/browser-tests/stack.log.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=.cache/browser-tests
mkdir -p "$dir"
state=$PWD/$dir/stack.json log=$PWD/$dir/stack.log
rm -f "$state"
go build -o "$dir/local" ./cmd/local

LOCAL_STACK_STATE=$state PORT=0 "$dir/local" >"$log" 2>&1 &
pid=$!
stop() {
	if kill -0 "$pid" 2>/dev/null; then
		kill -INT "$pid"
		wait "$pid" || echo "browser tests: the local stack ended badly; see $log" >&2
	fi
}
trap stop EXIT
trap 'exit 130' INT TERM

# The state file appears once the stack has served its first request.
for _ in $(seq 1 900); do
	[ -s "$state" ] && break
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "browser tests: the local stack did not start:" >&2
		cat "$log" >&2
		exit 1
	fi
	sleep 0.1
done
[ -s "$state" ] || { echo "browser tests: no local stack after 90 s; see $log" >&2; exit 1; }
url=$(sed -n 's/^ *"url": *"\([^"]*\)".*/\1/p' "$state")

echo "browser tests: local stack at $url (log: $log)"
cd web
E2E_BASE_URL=$url npm run --silent e2e -- "$@"
