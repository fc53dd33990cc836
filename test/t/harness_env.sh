#!/bin/bash
# The test and demo harnesses (test/with-cluster.sh, under make test and
# make demo) must not inherit connection settings meant for another server:
# with a DBA's PGPORT, PGHOST, PGUSER, PGDATABASE, PGSERVICE and PGOPTIONS
# pointing at the server this test runs on, with-cluster.sh still starts a
# throw-away cluster of its own (pg_virtualenv used to take that PGPORT and
# stop with "Port conflict: another instance is already running").
set -eu
cd "$(dirname "$0")/../.."
psql() { "$("${PG_CONFIG:-pg_config}" --bindir)/psql" -X -A -t -v ON_ERROR_STOP=1 "$@"; }
outer=$(psql -c "SELECT current_setting('data_directory')")
export PGDATABASE=isms_no_such_database PGUSER=isms_no_such_user \
	PGSERVICE=isms_no_such_service PGOPTIONS='-c isms.harness_env=leaked'
unset ISMS_PORT		# a port of our own for the inner cluster
query="SELECT current_setting('data_directory') || ' ' ||
	coalesce(current_setting('isms.harness_env', true), 'clean')"
inner=$(test/with-cluster.sh bash -c \
	'"$("$PG_CONFIG" --bindir)/psql" -X -A -t -v ON_ERROR_STOP=1 -c "$1"' \
	harness_env "$query" 2>&1) || {
	echo "with-cluster.sh failed under another server's PG* settings:"
	echo "$inner"
	exit 1
}
inner=$(echo "$inner" | grep -E '^/.* (clean|leaked)$' || true)
if [ -z "$inner" ]; then
	echo "with-cluster.sh ran no query"
	exit 1
fi
if [ "${inner% *}" = "$outer" ]; then
	echo "with-cluster.sh ran on the outer server ($outer), not on a cluster of its own"
	exit 1
fi
if [ "${inner##* }" != clean ]; then
	echo "PGOPTIONS of the outer shell reached the throw-away cluster"
	exit 1
fi
echo "ok: own cluster ${inner% *} (outer $outer)"
