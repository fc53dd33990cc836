#!/bin/bash
# `make bench`: build, install, and run every benchmark (test/bench/*.sh and
# *.py) on one throw-away cluster, printing their results.  Benchmarks are
# not part of `make test`.
set -eu
cd "$(dirname "$0")/../.."
ISMS_BENCH=1 test/setup.sh
export PG_CONFIG=${PG_CONFIG:-pg_config}
make -s PG_CONFIG="$PG_CONFIG" all
make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
test/with-cluster.sh bash -c '
	set -eu
	psql -qX -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS isms" >/dev/null
	status=0
	for b in test/bench/*.sh test/bench/*.py; do
		[ -e "$b" ] || continue
		[ "$b" = test/bench/run.sh ] && continue
		echo "=== $b"
		"$b" || { echo "FAILED: $b"; status=1; }
	done
	exit $status
'
