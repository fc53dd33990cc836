#!/bin/bash
# `make bench`: set up, build, install, then run every benchmark under
# test/bench/ (*.sh and *.py, in name order) on one throw-away cluster.
# Each prints its times and ratios.  Not part of `make test`.
set -eu
cd "$(dirname "$0")/../.."
ISMS_BENCH=1 test/setup.sh
export PG_CONFIG=${PG_CONFIG:-pg_config}
make -s PG_CONFIG="$PG_CONFIG" all
make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
test/with-cluster.sh bash -c '
	set -eu
	createdb isms_bench
	export PGDATABASE=isms_bench
	psql -X -q -c "CREATE EXTENSION isms"
	for b in test/bench/*.sh test/bench/*.py; do
		[ "$b" = test/bench/run.sh ] && continue
		[ -e "$b" ] || continue
		[ -n "${ISMS_BENCH_ONLY:-}" ] && [[ "$b" != *"$ISMS_BENCH_ONLY"* ]] && continue
		echo "=== $b"
		"$b"
	done
'
