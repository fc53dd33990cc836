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
# The summary line is printed last, once the cluster is gone, so that
# "N passed, N failed, N skipped" closes the output; pg_virtualenv's
# "Dropping cluster 15/regress ..." as it removes the cluster is left out.
export ISMS_SUMMARY=$(mktemp)
trap 'rm -f "$ISMS_SUMMARY"' EXIT
set +e
test/with-cluster.sh test/run-in-cluster.sh 2>&1 | grep --line-buffered -v '^Dropping cluster [0-9]*/regress \.\.\.$'
rc=${PIPESTATUS[0]}
set -e
if [ -s "$ISMS_SUMMARY" ]; then
	cat "$ISMS_SUMMARY"
else
	echo "0 passed, 1 failed, 0 skipped"
	[ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
