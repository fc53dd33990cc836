#!/bin/bash
# with-cluster.sh COMMAND...: run COMMAND with PG* variables pointing at a
# throw-away cluster that is removed afterwards.  The system's PostgreSQL 15
# uses pg_virtualenv; a private copy of the server tree (PG_CONFIG pointing
# elsewhere, as used for parallel development) gets its own initdb/pg_ctl.
set -eu
PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$("$PG_CONFIG" --bindir)
if [ "$bindir" = /usr/lib/postgresql/15/bin ] && [ -z "${ISMS_PRIVATE_CLUSTER:-}" ]; then
	exec pg_virtualenv -t -v 15 -o max_worker_processes=16 "$@"
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
