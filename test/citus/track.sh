#!/bin/bash
# test/citus/track.sh: run as `test/citus/cluster.sh test/citus/track.sh`.
# On a Citus coordinator with two workers: create isms, distribute it, and
# write risks of two organizations (one row, an INSERT ... SELECT over both,
# a COPY of 10,000 rows over both: two-phase commits across the workers).
# The history versions, the audit entries of each organization's chain,
# verify_audit_log(org) and the events must all be visible through the
# coordinator.  The output is compared with test/citus/expected/track.out.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
psql -X -q -v ON_ERROR_STOP=1 --no-psqlrc -P pager=off >"$out" 2>&1 <<'SQL' || status=$?
SET client_min_messages = warning;
CREATE EXTENSION isms CASCADE;
SELECT became, count(*) FROM isms.distribute() GROUP BY became ORDER BY became;
-- the verification of one chain runs on the node that holds it (newer
-- versions of isms.distribute() do this themselves)
\o /dev/null
SELECT create_distributed_function(f, '$1', colocate_with := 'isms.audit_log')
  FROM unnest(ARRAY['isms.verify_audit_log(bigint)', 'isms.audit_log_head(bigint)']::regprocedure[]) f
 WHERE NOT EXISTS (SELECT FROM pg_dist_object o
					WHERE o.classid = 'pg_proc'::regclass AND o.objid = f AND o.colocationid IS NOT NULL);
\o
RESET client_min_messages;

INSERT INTO isms.organization (id, name) OVERRIDING SYSTEM VALUE VALUES (1, 'Org A'), (2, 'Org B');
INSERT INTO isms.risk_appetite (org_id, max_level) VALUES (1, 'medium'), (2, 'medium');

-- one row; then an INSERT ... SELECT that writes both organizations, with
-- an event (above appetite) for each
INSERT INTO isms.risk (org_id, ident, title) VALUES (1, 'A-0', 'single');
INSERT INTO isms.risk (org_id, ident, title, status, inherent_likelihood, inherent_impact)
SELECT 1 + g % 2, 'M-' || g, 'multi ' || g, 'assessed', 'likely', 'major'
  FROM generate_series(1, 10) g;
-- a COPY of 10,000 risks over both organizations, 200 of them above appetite
COPY isms.risk (org_id, ident, title, status, inherent_likelihood, inherent_impact) FROM PROGRAM
  'seq 1 10000 | awk ''{ if ($1 % 100 < 2) print 1 + $1 % 2 "\tC-" $1 "\tcopied\tassessed\tlikely\tmajor"; else print 1 + $1 % 2 "\tC-" $1 "\tcopied\tidentified\t\\N\t\\N" }''';

SELECT org_id, count(*) AS risks FROM isms.risk GROUP BY org_id ORDER BY org_id;
SELECT org_id, operation, count(*) AS versions FROM isms.risk_history GROUP BY 1, 2 ORDER BY 1, 2;
SELECT id, name, operation FROM isms.organization_history ORDER BY id;
SELECT org_id, table_name, operation, count(*) AS entries
  FROM isms.audit_log GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
-- each chain: ids increase along it, each entry links to the one before
SELECT org_id, count(*) AS entries, bool_and(linked) AS linked
  FROM (SELECT org_id, prev_hash = coalesce(lag(hash) OVER (PARTITION BY org_id ORDER BY id),
											'\x0000000000000000000000000000000000000000000000000000000000000000'::bytea) AS linked
		  FROM isms.audit_log) e
 GROUP BY org_id ORDER BY org_id;
SELECT isms.verify_audit_log(1);
SELECT isms.verify_audit_log(2);
SELECT org_id, kind, count(*) AS events FROM isms.event GROUP BY 1, 2 ORDER BY 1, 2;
SELECT (SELECT count(DISTINCT id) FROM isms.event WHERE org_id = 1) AS distinct_ids_1,
	   (SELECT count(DISTINCT id) FROM isms.event WHERE org_id = 2) AS distinct_ids_2;
-- an update and a delete of a copied risk
UPDATE isms.risk SET title = 'changed' WHERE org_id = 2 AND ident = 'C-1';
DELETE FROM isms.risk WHERE org_id = 1 AND ident = 'C-2';
SELECT org_id, ident, operation, title FROM isms.risk_history
 WHERE (org_id, ident) IN ((2, 'C-1'), (1, 'C-2')) ORDER BY org_id, history_id;
SELECT isms.verify_audit_log(1);
SELECT isms.verify_audit_log(2);
SQL
echo "psql exit status: $status" >>"$out"

# Sessions that each write both organizations in one statement, in both
# orders, concurrently: two-phase commits over both workers, which must
# neither hang nor fail.  (The chain locks were taken at PREPARE: one
# prepared transaction held organization 1's while waiting to prepare on
# the other worker, where the other transaction held organization 2's, for
# ever.)  A hang is caught by the timeout, far above the run's length.
pgbench=${PG_CONFIG:+$("$PG_CONFIG" --bindir)/}pgbench
scripts=$(mktemp -d)
trap 'rm -f "$out"; rm -rf "$scripts"' EXIT
cat >"$scripts/ab.sql" <<'SQL'
\set n random(1, 1000000000)
INSERT INTO isms.risk (org_id, ident, title) VALUES (1, 'P-' || :n || '-' || :client_id, 'ab'), (2, 'Q-' || :n || '-' || :client_id, 'ab');
SQL
cat >"$scripts/ba.sql" <<'SQL'
\set n random(1, 1000000000)
INSERT INTO isms.risk (org_id, ident, title) VALUES (2, 'R-' || :n || '-' || :client_id, 'ba'), (1, 'S-' || :n || '-' || :client_id, 'ba');
SQL
{
	echo "-- concurrent writers of both organizations"
	psql -X -A -t -c "SELECT count(DISTINCT p.nodeport) = 2 AS on_two_workers
						FROM pg_dist_shard_placement p
					   WHERE p.shardid IN (get_shard_id_for_distribution_column('isms.risk', 1),
										   get_shard_id_for_distribution_column('isms.risk', 2))"
	if timeout 600 "$pgbench" -n -c 4 -t 50 -f "$scripts/ab.sql" -f "$scripts/ba.sql" >"$scripts/log" 2>&1; then
		grep -E '^number of (transactions actually processed|failed transactions)' "$scripts/log" | sed 's/ (.*//'
	else
		echo "pgbench failed or hung (status $?):"
		cat "$scripts/log"
	fi
	psql -X -A -t -c "SELECT count(*) FROM isms.risk WHERE title IN ('ab', 'ba')" \
		-c "SELECT ok FROM isms.verify_audit_log(1)" -c "SELECT ok FROM isms.verify_audit_log(2)"
} >>"$out" 2>&1
if diff -u "$here/expected/track.out" "$out"; then
	echo "citus track: ok"
else
	echo "citus track: FAILED"
	exit 1
fi
