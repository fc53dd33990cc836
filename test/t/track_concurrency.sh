#!/bin/bash
# Concurrency of the audit chain and the history: 8 pgbench clients change
# risks at the same time, in READ COMMITTED and REPEATABLE READ (retrying
# serialization failures), one or two rows a transaction, plus inserts.
# Afterwards: the chain verifies and has no gap; the audit log and the
# history hold exactly one entry per committed change; a counter in each
# row proves no update was lost; and each row's versions follow one another
# (1, 2, 3, ...) in the chain's order and in the history's order.
set -eu
cd "$(dirname "$0")/../.."
PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$("$PG_CONFIG" --bindir)
# pgbench retries serialization failures (--max-tries) from PostgreSQL 15.
if ! "$bindir/pgbench" --help | grep -q -e '--max-tries'; then
	echo "skip: $("$bindir/pgbench" --version) cannot retry serialization failures (--max-tries came with PostgreSQL 15): concurrent writers of the audit log not checked"
	exit 77
fi
export PGDATABASE=isms_concurrency
PSQL=("$bindir/psql" -X -q -At -v ON_ERROR_STOP=1)
NRISKS=20
CLIENTS=8
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

PGOPTIONS="-c client_min_messages=warning" "$bindir/dropdb" --if-exists "$PGDATABASE"
"$bindir/createdb" "$PGDATABASE"
"${PSQL[@]}" <<SQL
CREATE EXTENSION isms;
INSERT INTO isms.organization (name) VALUES ('Concurrency Org');
INSERT INTO isms.risk (title, description)
SELECT 'risk ' || g, '0' FROM generate_series(1, $NRISKS) g;
SQL
first=$("${PSQL[@]}" -c "SELECT min(id) FROM isms.risk")
last=$((first + NRISKS - 1))
base=$("${PSQL[@]}" -c "SELECT max(id) FROM isms.audit_log")

cat >"$work/one.sql" <<SQL
\set id random($first, $last)
UPDATE isms.risk SET description = (description::int + 1)::text WHERE id = :id;
SQL
# two rows, in key order so that transactions cannot deadlock
cat >"$work/two.sql" <<SQL
\set a random($first, $last)
\set b random($first, $last)
BEGIN;
UPDATE isms.risk SET description = (description::int + 1)::text WHERE id = least(:a, :b);
UPDATE isms.risk SET description = (description::int + 1)::text WHERE id = greatest(:a, :b);
COMMIT;
SQL
cat >"$work/insert.sql" <<SQL
INSERT INTO isms.risk (title, description) VALUES ('inserted', '0');
SQL

# run ISOLATION SCRIPT TRANSACTIONS: pgbench with CLIENTS clients, each
# running TRANSACTIONS transactions, retrying serialization failures; all
# must commit.
run() {
	local out processed
	out=$(PGOPTIONS="-c default_transaction_isolation=${1/_/\\ }" "$bindir/pgbench" -n \
		-c $CLIENTS -j 2 -t "$3" --max-tries=1000 -f "$work/$2" 2>&1) || { echo "$out" >&2; exit 1; }
	processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")
	echo "$1 $2: $processed transactions," \
		"$(sed -n 's/^number of transactions retried: \([0-9]*\).*/\1/p' <<<"$out") retried" >&2
	if [ "$processed" != $((CLIENTS * $3)) ]; then
		echo "$out" >&2
		echo "FAIL: not every transaction committed" >&2
		exit 1
	fi
	echo "$processed"
}

start=$(date +%s)
n1=$(run read_committed one.sql 250)
n2=$(run read_committed two.sql 100)
n3=$(run repeatable_read one.sql 100)
n4=$(run repeatable_read two.sql 50)
n5=$(run serializable one.sql 50)
n6=$(run read_committed insert.sql 25)
echo "pgbench: $(( $(date +%s) - start )) s"
updates=$((n1 + 2 * n2 + n3 + 2 * n4 + n5))
echo "committed: $updates updates, $n6 inserts"
n5=$n6

result=$("${PSQL[@]}" <<SQL
SELECT 'counters ' || sum(description::int) FROM isms.risk WHERE id BETWEEN $first AND $last;
SELECT 'audit_updates ' || count(*) FROM isms.audit_log
 WHERE id > $base AND table_name = 'isms.risk' AND operation = 'UPDATE';
SELECT 'audit_inserts ' || count(*) FROM isms.audit_log
 WHERE id > $base AND table_name = 'isms.risk' AND operation = 'INSERT';
SELECT 'history_updates ' || count(*) FROM isms.risk_history WHERE operation = 'UPDATE';
SELECT 'history_inserts ' || count(*) FROM isms.risk_history
 WHERE operation = 'INSERT' AND title = 'inserted';
SELECT 'verify ' || ok || ' ' || (entries = (SELECT count(*) FROM isms.audit_log))
       || ' ' || (entries = (SELECT max(id) FROM isms.audit_log))
  FROM isms.verify_audit_log();
-- per row, the counter goes 1, 2, 3, ... in the chain's order ...
SELECT 'audit_out_of_order ' || count(*) FROM (
  SELECT (new_row->>'description')::int AS c,
         row_number() OVER (PARTITION BY row_key ORDER BY id) AS n
    FROM isms.audit_log
   WHERE id > $base AND table_name = 'isms.risk' AND operation = 'UPDATE') s
 WHERE c <> n;
-- ... and in the history's, with valid_from never going back
SELECT 'history_out_of_order ' || count(*) FROM (
  SELECT description::int AS c,
         row_number() OVER (PARTITION BY id ORDER BY history_id) AS n
    FROM isms.risk_history WHERE operation = 'UPDATE') s
 WHERE c <> n;
SELECT 'history_time_backwards ' || count(*) FROM (
  SELECT valid_from < lag(valid_from) OVER (PARTITION BY id ORDER BY history_id) AS back
    FROM isms.risk_history) s
 WHERE back;
SELECT 'as_of_now_differs ' || count(*) FROM (
  (SELECT * FROM isms.risk_register_as_of(now()) EXCEPT ALL SELECT * FROM isms.risk)
  UNION ALL
  (SELECT * FROM isms.risk EXCEPT ALL SELECT * FROM isms.risk_register_as_of(now()))) d;
SQL
)
echo "$result"
expect() {
	grep -qx "$1" <<<"$result" || { echo "FAIL: expected \"$1\""; exit 1; }
}
expect "counters $updates"
expect "audit_updates $updates"
expect "history_updates $updates"
expect "audit_inserts $n5"
expect "history_inserts $n5"
expect "verify true true true"
expect "audit_out_of_order 0"
expect "history_out_of_order 0"
expect "history_time_backwards 0"
expect "as_of_now_differs 0"
"$bindir/dropdb" "$PGDATABASE"
echo "ok"
