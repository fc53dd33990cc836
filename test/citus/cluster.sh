#!/bin/bash
# test/citus/cluster.sh COMMAND...: start a throw-away Citus cluster (a
# coordinator and two workers on loopback ports, citus preloaded), create
# database isms_citus on it with CREATE EXTENSION citus, the workers added,
# and run COMMAND with PG* pointing at the coordinator.  The cluster is
# removed afterwards.  Needs Citus installed (test/citus/build.sh).
set -eu
for v in $(compgen -e); do
	[[ "$v" =~ ^PG[A-Z]+$ ]] && unset "$v"
done
PG_CONFIG=$("$(dirname "$0")/../setup.sh" --pg-config)
bindir=$("$PG_CONFIG" --bindir)
dir=$(mktemp -d /tmp/isms-citus.XXXXXX)
chmod 755 "$dir"
base=${ISMS_CITUS_PORT:-$((20000 + RANDOM % 20000))}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
nodes=(coordinator worker1 worker2)
cleanup() {
	for n in "${nodes[@]}"; do
		as_pg "$bindir/pg_ctl" -D "$dir/$n" -m immediate stop >/dev/null 2>&1 || true
	done
	if [ -n "${ISMS_CITUS_KEEP_LOGS:-}" ]; then
		for n in "${nodes[@]}"; do cp "$dir/$n.log" "$ISMS_CITUS_KEEP_LOGS.$n.log" 2>/dev/null || true; done
	fi
	rm -rf "$dir"
}
trap cleanup EXIT
for i in 0 1 2; do
	n=${nodes[$i]}
	port=$((base + i))
	as_pg "$bindir/initdb" -D "$dir/$n" -A trust -U postgres >/dev/null
	as_pg "$bindir/pg_ctl" -D "$dir/$n" -l "$dir/$n.log" -w \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c shared_preload_libraries=citus -c max_connections=200 -c max_prepared_transactions=200 -c max_worker_processes=16" \
		start >/dev/null
	as_pg "$bindir/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres \
		-c "CREATE DATABASE isms_citus" >/dev/null
	as_pg "$bindir/psql" -X -q -h "$dir" -p "$port" -U postgres -d isms_citus \
		-c "CREATE EXTENSION citus" >/dev/null
done
psqlc() { as_pg "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$base" -U postgres -d isms_citus "$@"; }
psqlc -c "SELECT citus_set_coordinator_host('127.0.0.1', $base)" >/dev/null
psqlc -c "SELECT citus_add_node('127.0.0.1', $((base + 1)))" -c "SELECT citus_add_node('127.0.0.1', $((base + 2)))" >/dev/null
export PGHOST=127.0.0.1 PGPORT=$base PGUSER=postgres PGDATABASE=isms_citus
export ISMS_CITUS_DIR=$dir ISMS_CITUS_WORKER_PORTS="$((base + 1)) $((base + 2))"
"$@"
