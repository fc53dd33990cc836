#!/bin/bash
# sqlsmith against the demo organization, as a role with only USAGE on schema
# isms and SELECT on its tables (statement_timeout 2s, search_path isms):
# ISMS_SQLSMITH_QUERIES random queries (default 20,000; fixed seed
# ISMS_SQLSMITH_SEED).  Fails when the server crashes: sqlsmith loses its
# connection, the postmaster restarts, or the server log says "terminated by
# signal"; prints the statements that crashed it.  Takes about 6 minutes
# (2 cores); stopped as failed after ISMS_SQLSMITH_TIMEOUT seconds (1800).
#
# Run on its own (sets up, builds, installs, starts a throw-away cluster),
# or inside a cluster with PG* set and ISMS_IN_CLUSTER=1.  Exit 77 (skip)
# when sqlsmith is not installed (Debian package sqlsmith).
set -eu
cd "$(dirname "$0")/../.."
if [ -z "${ISMS_IN_CLUSTER:-}" ]; then
	ISMS_FUZZ=1 test/setup.sh
fi
if ! command -v sqlsmith >/dev/null 2>&1; then
	echo "skip: sqlsmith is not installed (apt-get install sqlsmith; some Debian releases have no package): random queries not run"
	exit 77
fi
if [ -z "${ISMS_IN_CLUSTER:-}" ]; then
	export PG_CONFIG=${PG_CONFIG:-pg_config}
	make -s PG_CONFIG="$PG_CONFIG" all
	make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
	ISMS_IN_CLUSTER=1 exec test/with-cluster.sh "$0"
fi

db=isms_sqlsmith
role=isms_sqlsmith
password=isms-sqlsmith
queries=${ISMS_SQLSMITH_QUERIES:-20000}
seed=${ISMS_SQLSMITH_SEED:-20261202}
out=$(mktemp -d /tmp/isms-sqlsmith.XXXXXX)
psql_admin() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
cleanup() {
	psql_admin -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
		-c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1 || true
	rm -rf "$out"
}
trap cleanup EXIT

psql_admin -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "DROP ROLE IF EXISTS $role" \
	-c "CREATE DATABASE $db"
psql_admin -d $db -c "CREATE EXTENSION isms"
for f in test/demo/[0-9]*.sql; do
	PGDATABASE=$db psql -X -q -v ON_ERROR_STOP=1 -f "$f" >/dev/null
done
psql_admin -d $db <<SQL
CREATE ROLE $role LOGIN PASSWORD '$password';
GRANT USAGE ON SCHEMA isms TO $role;
GRANT isms_admin TO $role;
GRANT SELECT ON ALL TABLES IN SCHEMA isms TO $role;
ALTER ROLE $role SET statement_timeout = '2s';
-- unqualified operators of the isms types resolve, as for a user of isms
ALTER ROLE $role SET search_path = isms, public;
SQL

# the server log, where the cluster keeps it: with-cluster.sh (private
# tree) writes DIR/log beside DIR/data; pg_virtualenv WORKDIR/log/*.log
datadir=$(psql_admin -d $db -c "SHOW data_directory")
current=$(psql_admin -d $db -c "SELECT pg_current_logfile()")
log=
case $current in /*) [ -r "$current" ] && log=$current ;; ?*) [ -r "$datadir/$current" ] && log=$datadir/$current ;; esac
d=$datadir
for _ in 1 2 3 4; do
	[ -n "$log" ] && break
	d=$(dirname "$d")
	if [ -f "$d/log" ] && [ -r "$d/log" ]; then log=$d/log; break; fi
	for l in "$d"/log/*.log; do [ -r "$l" ] && { log=$l; break; }; done
done
offset=0
[ -n "$log" ] && offset=$(stat -c %s "$log")
started=$(psql_admin -d $db -c "SELECT pg_postmaster_start_time()")

host=${PGHOST:-localhost}
echo "sqlsmith: $queries queries (seed $seed) as $role on the demo"
start=$(date +%s)
rc=0
timeout "${ISMS_SQLSMITH_TIMEOUT:-1800}" sqlsmith --target="host=$host port=${PGPORT:-5432} dbname=$db user=$role password=$password" \
	--seed="$seed" --max-queries="$queries" --exclude-catalog --verbose \
	>"$out/sqlsmith.out" 2>&1 || rc=$?
secs=$(( $(date +%s) - start ))
# the progress line: one character a query (. ok, e error, C connection lost)
lost=$(grep -E '^[.eSCt]+$' "$out/sqlsmith.out" | tr -cd 'C' | wc -c)
grep -E '^(queries|error rate):' "$out/sqlsmith.out" | tail -2 || true
echo "sqlsmith: exit $rc after ${secs}s; connection lost $lost times"

failed=0
if [ "$rc" -ne 0 ]; then
	echo "FAIL: sqlsmith exited with status $rc:"; tail -20 "$out/sqlsmith.out"; failed=1
fi
if [ "$lost" -ne 0 ]; then
	echo "FAIL: sqlsmith lost its connection $lost times"; failed=1
fi
now=$(psql_admin -d $db -c "SELECT pg_postmaster_start_time()")
if [ "$now" != "$started" ]; then
	echo "FAIL: the server restarted (pg_postmaster_start_time $started, now $now)"; failed=1
fi
if [ -n "$log" ]; then
	tail -c +"$((offset + 1))" "$log" >"$out/server.log"
	if grep -qE 'terminated by signal|terminated by exception' "$out/server.log"; then
		echo "FAIL: the server log reports crashes:"
		grep -E -A1 'terminated by signal|terminated by exception' "$out/server.log" | cut -c1-2000
		failed=1
	fi
	echo "statement timeouts: $(grep -c 'canceling statement due to statement timeout' "$out/server.log" || true)"
else
	echo "note: server log not found; relying on sqlsmith's connection and pg_postmaster_start_time"
fi
[ "$failed" -eq 0 ] && echo "sqlsmith: 0 crashes"
exit "$failed"
