#!/bin/bash
# test/citus/compare.sh: the demo on Citus answers as on one server.  Run
# inside test/citus/cluster.sh (PG* point at the coordinator).  Loads the
# demo (test/demo/[0-9]*.sql) into isms_citus after isms.distribute(), and
# into isms_single, a database of the same coordinator without Citus; then
# compares every view of isms, the KPI and report functions, the audit
# chains and the histories, query by query.  Columns of a timestamp type
# are left out (each database was loaded at its own time).  Prints one
# line per query and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
out=${ISMS_CITUS_OUT:-$(mktemp -d /tmp/isms-citus-compare.XXXXXX)}
mkdir -p "$out"
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1${2:+: $2}"; }

createdb isms_single
load() {	# load DB: the extension, distributed on Citus, and the demo
	local db=$1 f
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION isms CASCADE" || return 1
	if [ "$db" = isms_citus ]; then
		psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "SELECT count(*) FROM isms.distribute()" >/dev/null || return 1
	fi
	for f in test/demo/[0-9]*.sql; do
		psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$f" >/dev/null 2>"$out/$db.load.err" || {
			echo "# $db: $f: $(grep -m1 ERROR "$out/$db.load.err" || head -1 "$out/$db.load.err")"
			return 1
		}
	done
}
for db in isms_single isms_citus; do
	if load "$db"; then ok "$db: the demo loads"; else not_ok "$db: the demo loads"; fi
done

# the queries: every view, then functions; a row is its non-timestamp
# columns as text, rows sorted; the audit entries as a set (the order of
# the rows of one statement follows its plan, which differs on Citus), the
# chains by verify_audit_log.  Queries run with isms.org_id set to the
# demo's organization, as a dashboard runs them.
queries=$(psql -X -A -t -d isms_single <<'SQL'
SELECT format('%s|SELECT (%s)::text AS r FROM isms.%I t ORDER BY 1', c.relname,
			  (SELECT 'ROW(' || string_agg(format('t.%I', a.attname), ', ' ORDER BY a.attnum) || ')'
				 FROM pg_attribute a
				WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
				  AND a.atttypid NOT IN ('timestamptz'::regtype, 'timestamp'::regtype)),
			  c.relname)
  FROM pg_class c
 WHERE c.relnamespace = 'isms'::regnamespace AND c.relkind = 'v'
 ORDER BY c.relname;
SELECT 'kpi_values(' || id || ')|SELECT (kpi, dimension, value)::text FROM isms.kpi_values(' || id || ') ORDER BY 1'
  FROM isms.organization ORDER BY id;
SELECT 'verify_audit_log(' || id || ')|SELECT (ok, entries, first_broken)::text FROM isms.verify_audit_log(' || id || ')'
  FROM isms.organization ORDER BY id;
SELECT 'audit_log(' || id || ')|SELECT (table_name, operation, row_key)::text AS e FROM isms.audit_log WHERE org_id = ' || id || ' ORDER BY e'
  FROM isms.organization ORDER BY id;
SELECT format('%s|SELECT (operation, count(*))::text FROM isms.%I GROUP BY operation ORDER BY 1', c.relname, c.relname)
  FROM pg_class c
 WHERE c.relnamespace = 'isms'::regnamespace AND c.relkind = 'r' AND c.relname LIKE '%\_history'
 ORDER BY c.relname;
SELECT 'management_review_pack(' || id || ')|SELECT length(isms.management_review_pack(current_date - 365, current_date)::text)'
	   || ' FROM (SELECT set_config(''isms.org_id'', ''' || id || ''', false)) o'
  FROM isms.organization ORDER BY id;
SELECT 'event|SELECT (org_id, kind)::text FROM isms.event ORDER BY org_id, id';
SQL
)
org=$(psql -X -A -t -d isms_single -c "SELECT id FROM isms.organization WHERE name = 'Kestrel Analytics'")
export PGOPTIONS="-c isms.org_id=$org"
while IFS='|' read -r name query; do
	[ -n "$name" ] || continue
	for db in isms_single isms_citus; do
		psql -X -A -t -v ON_ERROR_STOP=1 -d "$db" -c "$query" >"$out/$name.$db" 2>&1
		echo "exit $?" >>"$out/$name.$db"
	done
	if cmp -s "$out/$name.isms_single" "$out/$name.isms_citus"; then
		ok "$name"
	else
		not_ok "$name" "$(diff "$out/$name.isms_single" "$out/$name.isms_citus" | grep -m1 '^>' | cut -c3-160)"
	fi
done <<<"$queries"
echo "# outputs in $out"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
