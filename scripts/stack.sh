# Sourced by scripts/browser-tests.sh and scripts/lighthouse.sh (bash, set
# -euo pipefail, in the repository root): start_stack NAME builds cmd/local,
# starts it on a free port with a state file of its own in .cache/NAME/, in
# memory (LOCAL_DATA_DIR empty: nothing of it is kept; a
# `make run` beside it is left alone), waits until it has served its first
# request and sets url to its base URL. On exit the stack gets SIGINT (it
# then stops its DynamoDB Local and cognito-local), whatever happened. Its
# log: .cache/NAME/stack.log.

start_stack() {
	local name=$1 dir=.cache/$1
	mkdir -p "$dir"
	stack_state=$PWD/$dir/stack.json stack_log=$PWD/$dir/stack.log
	rm -f "$stack_state"
	go build -o "$dir/local" ./cmd/local

	LOCAL_DATA_DIR= LOCAL_STACK_STATE=$stack_state PORT=0 "$dir/local" >"$stack_log" 2>&1 &
	stack_pid=$!
	trap stop_stack EXIT
	trap 'exit 130' INT TERM

	# The state file appears once the stack has served its first request.
	for _ in $(seq 1 900); do
		[ -s "$stack_state" ] && break
		if ! kill -0 "$stack_pid" 2>/dev/null; then
			echo "$name: the local stack did not start:" >&2
			cat "$stack_log" >&2
			exit 1
		fi
		sleep 0.1
	done
	[ -s "$stack_state" ] || { echo "$name: no local stack after 90 s; see $stack_log" >&2; exit 1; }
	url=$(sed -n 's/^ *"url": *"\([^"]*\)".*/\1/p' "$stack_state")
	echo "$name: local stack at $url (log: $stack_log)"
}

stop_stack() {
	if kill -0 "$stack_pid" 2>/dev/null; then
		kill -INT "$stack_pid"
		wait "$stack_pid" || echo "the local stack ended badly; see $stack_log" >&2
	fi
}
