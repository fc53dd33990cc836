#!/bin/bash
# `make test`: set up, build with -Werror, install, and run every test on a
# throw-away cluster.  Ends with "N passed, N failed".
set -eu
cd "$(dirname "$0")/.."
test/setup.sh
# The distribution's PostgreSQL unless PG_CONFIG names another.
PG_CONFIG=$(test/setup.sh --pg-config)
export PG_CONFIG
make -s PG_CONFIG="$PG_CONFIG" PG_CFLAGS="-Wall -Wextra -Werror" all
make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
# The summary line is printed again last, after the cluster is gone (its
# removal prints too), so that "N passed, N failed" closes the output.
export ISMS_SUMMARY=$(mktemp)
trap 'rm -f "$ISMS_SUMMARY"' EXIT
rc=0
test/with-cluster.sh test/run-in-cluster.sh || rc=$?
if [ -s "$ISMS_SUMMARY" ]; then
	cat "$ISMS_SUMMARY"
else
	echo "0 passed, 1 failed, 0 skipped"
	[ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
