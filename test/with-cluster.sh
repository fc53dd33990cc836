#!/bin/bash
# with-cluster.sh COMMAND...: run COMMAND with PG* variables pointing at a
# throw-away cluster that is removed afterwards.  The distribution's
# PostgreSQL (see test/setup.sh) uses pg_virtualenv; a private copy of the
# server tree (PG_CONFIG pointing elsewhere, as used for parallel
# development, or ISMS_PRIVATE_CLUSTER=1) gets its own initdb/pg_ctl.
set -eu
# Connection settings meant for another server (a DBA's PGPORT, PGHOST,
# PGUSER, PGDATABASE, PGSERVICE, ...) must not reach the throw-away cluster:
# pg_virtualenv would create it on that PGPORT and stop with "Port conflict".
# libpq's variables are PG followed by capitals only (PG_CONFIG is not one).
for v in $(compgen -e); do
	[[ "$v" =~ ^PG[A-Z]+$ ]] && unset "$v"
done
PG_CONFIG=$("$(dirname "$0")/setup.sh" --pg-config)
export PG_CONFIG
bindir=$("$PG_CONFIG" --bindir)
version=$("$PG_CONFIG" --version | sed -n 's/^PostgreSQL \([0-9][0-9]*\).*/\1/p')
if [ "$bindir" = "/usr/lib/postgresql/$version/bin" ] && [ -z "${ISMS_PRIVATE_CLUSTER:-}" ]; then
	exec pg_virtualenv -t -v "$version" -o max_worker_processes=16 "$@"
fi
dir=$(mktemp -d /tmp/isms-cluster.XXXXXX)
chmod 755 "$dir"
port=${ISMS_PORT:-$((20000 + RANDOM % 20000))}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_pg "$bindir/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
	-o "-p $port -k $dir -c listen_addresses='' -c max_worker_processes=16" start >/dev/null
cleanup() { as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
export PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=postgres
"$@"
