#!/bin/bash
# Each pg_regress file on its own: every file in REGRESS runs alone (as
# `make installcheck REGRESS=<file>` runs it) against this cluster, so that no
# file depends on another's objects, rows or psql variables.  Each file makes
# a database of its own (sql/fixtures/begin.sql), so one pg_regress database
# serves them all (and the template it copies, made once: see begin.sql).
set -eu
cd "$(dirname "$0")/../.."
PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$("$PG_CONFIG" --bindir)
pg_regress=$(dirname "$("$PG_CONFIG" --pgxs)")/../../src/test/regress/pg_regress
db=isms_standalone
work=$(mktemp -d)
cleanup() {
	for d in "$db" "${db}_isms_template"; do dropdb --if-exists "$d" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT
dropdb --if-exists "$db" 2>/dev/null; createdb "$db"
mkdir -p results	# scale_binary and scale_hostile \copy into results/
fail=0 n=0
for t in $(make -s -f Makefile print-regress); do
	n=$((n + 1))
	mkdir "$work/$t"
	if ! "$pg_regress" --bindir="$bindir" --inputdir=. --outputdir="$work/$t" \
			--use-existing --dbname="$db" "$t" >"$work/$t/log" 2>&1; then
		echo "FAIL  $t alone:"
		cat "$work/$t/log"; head -60 "$work/$t/regression.diffs" 2>/dev/null
		fail=1
	fi
done
[ "$fail" -eq 0 ] && echo "ok    each of the $n regression files passes alone"
exit $fail
