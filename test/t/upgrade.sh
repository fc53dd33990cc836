#!/bin/bash
# The upgrade from 1.0: a database at 1.0 holding the whole demo is updated
# with ALTER EXTENSION isms UPDATE; then
#  (a) its schema equals a fresh install's, object by object (pg_dump
#      --binary-upgrade --schema-only dumps the extension's member objects;
#      the oids it pins are taken out);
#  (b) every row of 1.0 is still there (each table's rows, in 1.0's columns,
#      hashed before and after);
#  (c) the audit chain verifies;
#  (d) the regression suite passes on a database created at 1.0 and updated:
#      each file copies its database from that one (ISMS_REGRESS_TEMPLATE,
#      see sql/fixtures/begin.sql).
set -eu
cd "$(dirname "$0")/../.."
PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$("$PG_CONFIG" --bindir)
work=$(mktemp -d)
dbs="isms_upgrade_demo isms_upgrade_fresh isms_upgrade_regress isms_upgrade_run"
cleanup() {
	for d in $dbs; do dropdb --if-exists "$d" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT
for d in $dbs; do dropdb --if-exists "$d" 2>/dev/null || true; createdb "$d"; done
q() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$@"; }
fail=0

# 1.0 with the demo
q isms_upgrade_demo -c "CREATE EXTENSION isms VERSION '1.0'"
# the demo loads into a 1.0 schema with this build's library (one library
# serves every schema version)
for f in test/demo/[0-9]*.sql; do
	if ! psql -X -q -v ON_ERROR_STOP=1 -d isms_upgrade_demo -f "$f" >/dev/null; then
		echo "FAIL  $f does not load into a 1.0 schema with this library"; exit 1
	fi
done
echo "ok    the demo loads into a 1.0 schema with this library ($(q isms_upgrade_demo -c 'SELECT count(*) FROM isms.risk') risks)"
# each table's rows, in its columns of now, as a hash; run before and after
rows_query="
SELECT format('SELECT %L || '' '' || count(*) || '' '' || coalesce(md5(string_agg(r, E''\n'' ORDER BY r)), ''-'') FROM (SELECT ROW(%s)::text AS r FROM %s) t;',
              c.oid::regclass,
              (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
                WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
              c.oid::regclass)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'isms' AND c.relkind = 'r' ORDER BY c.oid::regclass::text"
q isms_upgrade_demo -c "$rows_query" >"$work/rows.sql"
q isms_upgrade_demo -f "$work/rows.sql" >"$work/rows-1.0"
q isms_upgrade_demo -c "SELECT ok, entries FROM isms.verify_audit_log()" >"$work/chain-1.0"

q isms_upgrade_demo -c "ALTER EXTENSION isms UPDATE"
version=$(q isms_upgrade_demo -c "SELECT extversion FROM pg_extension WHERE extname = 'isms'")
default=$(q isms_upgrade_demo -c "SELECT default_version FROM pg_available_extensions WHERE name = 'isms'")
if [ "$version" = "$default" ]; then echo "ok    updated to $version"
else echo "FAIL  updated to $version, not $default"; fail=1; fi

# (a) the schema of the update equals a fresh install's
q isms_upgrade_fresh -c "CREATE EXTENSION isms"
q isms_upgrade_regress -c "CREATE EXTENSION isms VERSION '1.0'"
q isms_upgrade_regress -c "ALTER EXTENSION isms UPDATE"
normalize() {
	"$bindir/pg_dump" --binary-upgrade --schema-only "$1" 2>/dev/null |
		grep -vE '^--|^$|binary_upgrade_set_next|^SET |^SELECT pg_catalog.set_config|^\\(un)?restrict ' |
		sed -E -e 's/(heap|toast|index)_(pg_class|relfilenode)_oid\([0-9]+\)//g' -e "s/oid = '[0-9]+'/oid = '<oid>'/" -e "s/'\{[0-9,]+\}'/'{<oids>}'/"
}
normalize isms_upgrade_fresh >"$work/fresh.sql"
normalize isms_upgrade_regress >"$work/updated.sql"
if diff -u "$work/fresh.sql" "$work/updated.sql" >"$work/schema.diff"; then
	echo "ok    schema after the update equals a fresh install ($(wc -l <"$work/fresh.sql") lines of pg_dump --binary-upgrade)"
else
	echo "FAIL  schema after the update differs from a fresh install:"; head -60 "$work/schema.diff"; fail=1
fi

# (b) every row is still there, with its values
q isms_upgrade_demo -f "$work/rows.sql" >"$work/rows-1.1"
if diff -u "$work/rows-1.0" "$work/rows-1.1"; then
	echo "ok    every row of 1.0 is still there ($(wc -l <"$work/rows-1.0") tables, $(awk '{s+=$2} END {print s}' "$work/rows-1.0") rows)"
else
	echo "FAIL  rows changed by the update"; fail=1
fi

# (c) the audit chain verifies, with the same entries
q isms_upgrade_demo -c "SELECT ok, entries FROM isms.verify_audit_log()" >"$work/chain-1.1"
if [ "$(cat "$work/chain-1.0")" = "$(cat "$work/chain-1.1")" ] && grep -q '^t|' "$work/chain-1.1"; then
	echo "ok    the audit chain verifies ($(cut -d'|' -f2 "$work/chain-1.1") entries)"
else
	echo "FAIL  audit chain before $(cat "$work/chain-1.0"), after $(cat "$work/chain-1.1")"; fail=1
fi

# (c) continued: new entries append, 1.0's chain goes on as the chain of no
# organization (its next entry links to 1.0's last one) and an
# organization's changes start that organization's chain
last10=$(q isms_upgrade_demo -c "SELECT encode(hash, 'hex') FROM isms.audit_log ORDER BY id DESC LIMIT 1")
org=$(q isms_upgrade_demo -c "SELECT min(id) FROM isms.organization")
q isms_upgrade_demo -c "INSERT INTO isms.threat (ident, name, category, origins) VALUES ('T-UPGRADE', 'after the update', 'human', '{deliberate}')"
q isms_upgrade_demo -c "SET isms.org_id = '$org'; INSERT INTO isms.risk (title) VALUES ('after the update')"
appended=$(q isms_upgrade_demo -c "
	SELECT (SELECT encode(prev_hash, 'hex') FROM isms.audit_log WHERE org_id IS NULL AND table_name = 'isms.threat'
			 ORDER BY id DESC LIMIT 1) = '$last10',
		   (SELECT count(*) FROM isms.audit_log WHERE org_id = $org),
		   (SELECT ok FROM isms.verify_audit_log(NULL)), (SELECT ok FROM isms.verify_audit_log($org)),
		   (SELECT ok FROM isms.verify_audit_log())")
if [ "$appended" = "t|1|t|t|t" ]; then
	echo "ok    new entries append: 1.0's chain goes on as the chain of no organization, organization $org's starts"
else
	echo "FAIL  entries after the update: $appended (expected t|1|t|t|t)"; fail=1
fi

# (d) the regression suite on an updated database: every file copies its
# database from isms_upgrade_regress (at 1.0, then updated) instead of
# installing the extension.  The copy has the template's very extension row.
export ISMS_REGRESS_TEMPLATE=isms_upgrade_regress
ext=$(q isms_upgrade_regress -c "SELECT oid FROM pg_extension WHERE extname = 'isms'")
# (begin.sql turns echo on again at its end: only the number counts)
copied=$(q isms_upgrade_run -f sql/fixtures/begin.sql -c "SELECT oid FROM pg_extension WHERE extname = 'isms'" \
	-f sql/fixtures/end.sql | grep -xE '[0-9]+') || copied=none
if [ "$copied" != "$ext" ]; then
	echo "FAIL  sql/fixtures/begin.sql does not copy the database updated from 1.0 (extension $copied, not $ext)"; fail=1
fi
tests=$(make -s -f Makefile print-regress)
pgxs=$(dirname "$("$PG_CONFIG" --pgxs)")
if "$pgxs/../../src/test/regress/pg_regress" --bindir="$bindir" --inputdir=. --outputdir="$work" \
		--use-existing --dbname=isms_upgrade_run $tests >"$work/regress.log" 2>&1; then
	echo "ok    the regression suite passes on a database updated from 1.0 ($(echo $tests | wc -w) files)"
else
	echo "FAIL  the regression suite on a database updated from 1.0:"
	grep -E 'FAILED|failed' "$work/regress.log" | head; head -80 "$work/regression.diffs" 2>/dev/null; fail=1
fi
exit $fail
