#!/bin/bash
# `make demo`: set up, build, install, then load the demo organization from
# test/demo/[0-9]*.sql (in file-name order) into a throw-away cluster and print
# what a new user should see (test/demo/show/*.sql, in order).  Files the
# demo writes (pictures) go to test/output/.
set -eu
cd "$(dirname "$0")/.."
test/setup.sh
# The distribution's PostgreSQL unless PG_CONFIG names another.
PG_CONFIG=$(test/setup.sh --pg-config)
export PG_CONFIG
make -s PG_CONFIG="$PG_CONFIG" all
make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
mkdir -p test/output
export ISMS_DEMO_OUT=$PWD/test/output
test/with-cluster.sh bash -c '
	set -eu
	createdb isms_demo
	export PGDATABASE=isms_demo
	psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION isms"
	for f in test/demo/[0-9]*.sql; do
		psql -X -q -v ON_ERROR_STOP=1 -f "$f" >/dev/null
	done
	for f in test/demo/show/*.sql; do
		psql -X -q -v ON_ERROR_STOP=1 -v out="$ISMS_DEMO_OUT" -P footer=off -f "$f"
	done
'
echo "isms demo: done (files in test/output/)"
