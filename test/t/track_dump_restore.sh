#!/bin/bash
# pg_dump and restore of a database whose register is tracked.  Restored
# with session_replication_role = replica (no trigger fires), the audit log,
# the history tables, the history_id sequence and the register come back
# exactly: the chain verifies, also against an anchor taken before the dump,
# and new changes continue it.  A restore with triggers firing stops at the
# audit log with a clear error (documented in the README).
set -eu
cd "$(dirname "$0")/../.."
PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$("$PG_CONFIG" --bindir)
SRC=isms_dump_src DST=isms_dump_dst NAIVE=isms_dump_naive
psql_in() { local db=$1; shift; "$bindir/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
work=$(mktemp -d)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
for db in $SRC $DST $NAIVE; do "$bindir/dropdb" --if-exists "$db" 2>/dev/null; done
"$bindir/createdb" $SRC

psql_in $SRC <<'SQL'
CREATE EXTENSION isms;
INSERT INTO isms.organization (name) VALUES ('Dump Org');
INSERT INTO isms.asset (name) VALUES ('mail server'), ('laptops');
INSERT INTO isms.risk (title, description, inherent_likelihood, inherent_impact)
VALUES ('phishing', 'v1', 'likely', 'major'), ('theft', 'v1', 'possible', 'minor');
UPDATE isms.risk SET description = 'v2', category = E'social \u00e9' WHERE title = 'phishing';
DELETE FROM isms.risk WHERE title = 'theft';
CREATE TABLE public.supplier (code text PRIMARY KEY, name text);
INSERT INTO public.supplier VALUES ('acme', 'ACME');
SELECT isms.track('public.supplier') IS NOT NULL AS tracked \gset
UPDATE public.supplier SET name = 'ACME Ltd';
SQL
sleep 0.01
anchor=$(psql_in $SRC -c "SELECT id || ' ' || encode(hash, 'hex') FROM isms.audit_log_head()")
moment=$(psql_in $SRC -c "SELECT now()")
psql_in $SRC -c "UPDATE isms.risk SET description = 'v3' WHERE title = 'phishing'"
# (pg_dump warns about the self-references of risk_matrix, control_group and
# control; only a data-only dump would need --disable-triggers for them)
"$bindir/pg_dump" -Fc -f "$work/dump" $SRC 2>"$work/dump.err" || { cat "$work/dump.err"; exit 1; }

# what must come back
tables="isms.audit_log isms.risk isms.risk_history isms.asset isms.asset_history
	isms.organization isms.organization_history public.supplier public.supplier_history"
snapshot() {
	local db=$1 out=$2
	: >"$out"
	for t in $tables; do
		echo "== $t" >>"$out"
		psql_in "$db" -c "COPY (SELECT * FROM $t ORDER BY 1, 2) TO STDOUT" >>"$out"
	done
	echo "== history_id_seq" >>"$out"
	psql_in "$db" -c "SELECT last_value, is_called FROM isms.history_id_seq" >>"$out"
	echo "== as_of" >>"$out"
	psql_in "$db" -c "SELECT id, description FROM isms.risk_register_as_of('$moment')" >>"$out"
}
snapshot $SRC "$work/src.txt"

"$bindir/createdb" $DST
PGOPTIONS='-c session_replication_role=replica' "$bindir/pg_restore" -d $DST "$work/dump"
snapshot $DST "$work/dst.txt"
if ! diff -u "$work/src.txt" "$work/dst.txt"; then
	echo "FAIL: the restored database differs"
	exit 1
fi
echo "restored: $(grep -c . "$work/dst.txt") lines equal"

set -- $anchor
result=$(psql_in $DST <<SQL
SELECT 'verify ' || ok || ' ' || entries || ' ' || coalesce(first_broken::text, '-')
  FROM isms.verify_audit_log();
SELECT 'anchored ' || ok FROM isms.verify_audit_log($1, decode('$2', 'hex'));
-- new changes continue the chain and the history
UPDATE isms.risk SET description = 'after restore' WHERE title = 'phishing';
INSERT INTO public.supplier VALUES ('bolt', 'Bolt');
SELECT 'verify_after ' || ok || ' ' || (entries = (SELECT max(id) FROM isms.audit_log))
  FROM isms.verify_audit_log();
SELECT 'history_continues ' || (h.history_id > (SELECT max(history_id) FROM isms.risk_history
                                                WHERE description <> 'after restore'))
  FROM isms.risk_history h WHERE description = 'after restore';
SELECT 'tracked_user_table ' || count(*) FROM public.supplier_history WHERE code = 'bolt';
SQL
)
echo "$result"
entries=$(psql_in $SRC -c "SELECT count(*) FROM isms.audit_log")
for line in "verify true $entries -" "anchored true" "verify_after true true" \
		"history_continues true" "tracked_user_table 1"; do
	grep -qx "$line" <<<"$result" || { echo "FAIL: expected \"$line\""; exit 1; }
done

# a restore that fires the triggers cannot load the audit log
"$bindir/createdb" $NAIVE
if "$bindir/pg_restore" -d $NAIVE "$work/dump" 2>"$work/naive.err"; then
	echo "FAIL: a restore with triggers should report errors"
	exit 1
fi
grep -q "cannot insert into append-only table isms.audit_log" "$work/naive.err" \
	|| { cat "$work/naive.err"; echo "FAIL: expected the append-only error"; exit 1; }
echo "a restore with triggers firing stops at the audit log, as documented"

for db in $SRC $DST $NAIVE; do "$bindir/dropdb" "$db"; done
echo "ok"
