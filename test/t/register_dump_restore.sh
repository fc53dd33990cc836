#!/bin/bash
# Dump and restore of the register: create the extension and load the demo
# organization into one database, pg_dump it, restore the dump into a new
# database, and compare every table of schema isms (row count and an md5 of
# its rows in order) and every sequence.  Nothing may be lost or doubled:
# seeded catalog rows come back from CREATE EXTENSION, user rows from the
# dump.  Finally a new row must get a fresh id in every restored table.
# Runs inside a cluster (PG* set), like everything under test/t/.
set -eu
cd "$(dirname "$0")/../.."
PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$("$PG_CONFIG" --bindir)
shopt -s nullglob
demo=(test/demo/[0-9]*.sql)
if [ ${#demo[@]} -eq 0 ]; then
	echo "skip: no demo files under test/demo"
	exit 77
fi

src=isms_dump_src_$$
dst=isms_dump_dst_$$
work=$(mktemp -d)
cleanup() {
	"$bindir/dropdb" --if-exists "$src" >/dev/null 2>&1 || true
	"$bindir/dropdb" --if-exists "$dst" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
psql() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

"$bindir/createdb" "$src"
psql -d "$src" -c 'CREATE EXTENSION isms'
for f in "${demo[@]}"; do
	psql -d "$src" -f "$f" >/dev/null
done
# 1.1: a membership and a person's login, which the dump must keep
psql -d "$src" -c "INSERT INTO isms.org_member (org_id, member) SELECT id, 'isms_reader' FROM isms.organization" \
	-c "UPDATE isms.person SET login = 'isms_editor' WHERE id = (SELECT min(id) FROM isms.person)"

"$bindir/pg_dump" -d "$src" -f "$work/dump.sql" 2>"$work/pg_dump.err" || {
	cat "$work/pg_dump.err"; exit 1; }
"$bindir/createdb" "$dst"
# Restore as the README says: with session_replication_role = replica, so
# that no trigger fires (the audit log and history tables take their rows
# verbatim, and the chain goes on where it was).
PGOPTIONS='-c session_replication_role=replica' psql -d "$dst" -f "$work/dump.sql" >"$work/restore.out" 2>&1 || {
	cat "$work/restore.out"; exit 1; }

# One line per table: name, row count, md5 of the rows (as jsonb text, in
# order); then one line per sequence with its position.
digest='
CREATE FUNCTION pg_temp.digest() RETURNS TABLE (relation text, n bigint, md5 text)
	LANGUAGE plpgsql AS $$
DECLARE
	rel record;
BEGIN
	FOR rel IN
		SELECT c.oid::regclass AS oid, c.relname
		  FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
		 WHERE s.nspname = '\''isms'\'' AND c.relkind IN ('\''r'\'', '\''p'\'')
		 ORDER BY c.relname
	LOOP
		relation := rel.relname;
		-- seeded rows are recreated by CREATE EXTENSION: all but their timestamps must match
		EXECUTE format('\''SELECT count(*), md5(coalesce(string_agg(r, E'\'\''\n'\'\'' ORDER BY r), '\'\'''\'\''))
						  FROM (SELECT CASE WHEN (to_jsonb(t) ->> '\'\''seeded'\'\'')::boolean
											THEN to_jsonb(t) - '\'\''created_at'\'\'' - '\'\''updated_at'\'\''
											ELSE to_jsonb(t) END::text AS r
								  FROM %s t) rows'\'', rel.oid)
			INTO n, md5;
		RETURN NEXT;
	END LOOP;
END
$$;
SELECT relation || '\'' '\'' || n || '\'' '\'' || md5 FROM pg_temp.digest()
UNION ALL
SELECT * FROM (SELECT '\''policy '\'' || tablename || '\'' '\'' || policyname || '\'' '\'' || qual
				 FROM pg_policies WHERE schemaname = '\''isms'\'' ORDER BY 1) p
UNION ALL
SELECT '\''audit chains verify: '\'' || ok || '\'' '\'' || entries FROM isms.verify_audit_log()
UNION ALL
SELECT * FROM (SELECT '\''sequence '\'' || sequencename || '\'' '\'' || coalesce(last_value, 0)
				 FROM pg_sequences WHERE schemaname = '\''isms'\'' ORDER BY sequencename) s;
'
psql -At -d "$src" -c "$digest" >"$work/src.txt"
psql -At -d "$dst" -c "$digest" >"$work/dst.txt"

fail=0
if ! diff -u "$work/src.txt" "$work/dst.txt"; then
	echo "FAIL: tables or sequences differ after dump and restore"
	fail=1
fi

# The comparison must have compared something: the demo's rows and the seeds.
check() {	# check DESCRIPTION SQL-RETURNING-BOOLEAN
	if [ "$(psql -At -d "$dst" -c "$2")" != t ]; then
		echo "FAIL: $1"; fail=1
	else
		echo "ok: $1"
	fi
}
tables=$(grep -vcE '^(sequence|policy|audit chains) ' "$work/src.txt")
empty=$(awk '$1 != "sequence" && $1 != "policy" && $2 == 0 {print $1}' "$work/src.txt" | tr '\n' ' ')
echo "compared $tables tables; empty in the demo: ${empty:-none}"
check "93 seeded Annex A controls, once" \
	"SELECT count(*) = 93 FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id WHERE f.name = 'iso27001-2022'"
check "the demo's 42 risks and 93 SoA entries are there" \
	"SELECT (SELECT count(*) FROM isms.risk r JOIN isms.organization o ON o.id = r.org_id
			 WHERE o.name = 'Kestrel Analytics') = 42
		AND (SELECT count(*) FROM isms.soa s JOIN isms.organization o ON o.id = s.org_id
			 WHERE o.name = 'Kestrel Analytics') = 93"
check "user-added threats and roles restored beside the seeded ones" \
	"SELECT (SELECT count(*) FROM isms.threat WHERE NOT seeded AND ident LIKE 'KA-%') = 6
		AND (SELECT count(*) FROM isms.role WHERE NOT seeded AND key IN ('developer', 'administrator')) = 2"

check "the membership, the login and the policies on every table with org_id are restored" \
	"SELECT (SELECT count(*) FROM isms.org_member WHERE member = 'isms_reader') = 1
		AND (SELECT count(*) FROM isms.person WHERE login = 'isms_editor') = 1
		AND (SELECT count(*) FROM pg_policies WHERE schemaname = 'isms' AND policyname = 'isms_org') > 130"

# Every restored identity sequence is past the largest id: new rows do not collide.
check "new rows get fresh ids in every table with an identity column" "
	CREATE FUNCTION pg_temp.sequences_ahead() RETURNS boolean LANGUAGE plpgsql AS \$\$
	DECLARE
		rel record;
		biggest bigint;
		nextid bigint;
	BEGIN
		FOR rel IN
			SELECT a.attrelid::regclass AS oid, a.attname,
				   pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) AS seq
			  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
			  JOIN pg_namespace s ON s.oid = c.relnamespace
			 WHERE s.nspname = 'isms' AND a.attidentity <> '' AND c.relkind = 'r'
		LOOP
			EXECUTE format('SELECT max(%I) FROM %s', rel.attname, rel.oid) INTO biggest;
			nextid := nextval(rel.seq);
			IF nextid <= coalesce(biggest, 0) THEN
				RAISE WARNING 'sequence % would give % but % already has id %', rel.seq, nextid, rel.oid, biggest;
				RETURN false;
			END IF;
		END LOOP;
		RETURN true;
	END \$\$;
	SELECT pg_temp.sequences_ahead()"
check "an insert after the restore works" \
	"WITH a AS (INSERT INTO isms.asset (org_id, name) SELECT id, 'added after restore' FROM isms.organization RETURNING id) SELECT count(*) = 1 FROM a"

exit $fail
