#!/usr/bin/python3
"""Issue 13: with row-level security on, the 100,000-risk insert and each KPI
view cost at most 1.15x the same work by a role that bypasses row-level
security, in the same run.

Two logins with the same privileges (isms_editor, member of organization 1)
differ only in BYPASSRLS: for one, every row the insert writes passes the
policy's WITH CHECK (isms.org_visible(org_id)) and every row a KPI view reads
passes its USING; for the other, PostgreSQL applies no policy at all.  The
database holds two organizations of ROWS risks each, so the policy has rows
to filter out.  Inserts: one INSERT ... SELECT of ROWS risks into
organization 1 through all triggers, deleted again after each run.  Views:
every kpi_* view and v_heatmap with isms.org_id = 1.  Best of RUNS, the two
roles interleaved, after one untimed run of each.
"""
import os
import secrets
import sys
import time

import psycopg2

ROWS = int(os.environ.get("ISMS_BENCH_ROWS", "100000"))
RUNS = 5
TARGET = 1.15

admin = psycopg2.connect()
admin.autocommit = True
acur = admin.cursor()


def q(cur, sql, args=None):
    cur.execute(sql, args)
    return cur.fetchall() if cur.description else None


INSERT = """
INSERT INTO isms.risk (org_id, title, description, category, status, treatment,
                       inherent_likelihood, inherent_impact, residual_likelihood, residual_impact)
SELECT %s, 'risk ' || g, 'benchmark risk number ' || g, (ARRAY['technical', 'people', 'supplier'])[1 + g %% 3],
       'assessed', (ARRAY['mitigate', 'accept', 'transfer', 'avoid', 'monitor'])[1 + g %% 5],
       (1 + g %% 5)::isms.likelihood, (1 + (g / 5) %% 5)::isms.impact,
       (1 + g %% 5 / 2)::isms.likelihood, (1 + (g / 5) %% 5 / 2)::isms.impact
  FROM generate_series(1, %s) g
"""

q(acur, "SET client_min_messages = warning")
q(acur, "DROP ROLE IF EXISTS bench_rls_member, bench_rls_bypass")
# a password of the run: pg_virtualenv (make bench) asks logins over TCP for one
PASSWORD = secrets.token_hex(16)
q(acur, "CREATE ROLE bench_rls_member LOGIN PASSWORD %s IN ROLE isms_editor", (PASSWORD,))
q(acur, "CREATE ROLE bench_rls_bypass LOGIN PASSWORD %s BYPASSRLS IN ROLE isms_editor", (PASSWORD,))
q(acur, "INSERT INTO isms.organization (id, name) VALUES (9001, 'RLS bench one'), (9002, 'RLS bench two') "
        "ON CONFLICT DO NOTHING")
q(acur, "DELETE FROM isms.risk WHERE org_id IN (9001, 9002)")
q(acur, "INSERT INTO isms.org_member (org_id, member) VALUES (9001, 'bench_rls_member'), (9001, 'bench_rls_bypass')")
# the rows the views read: ROWS risks in each organization
for org in (9001, 9002):
    q(acur, INSERT, (org, ROWS))
q(acur, "UPDATE isms.risk SET ident = 'B-' || id WHERE org_id IN (9001, 9002)")
q(acur, "ANALYZE")
views = [v for (v,) in q(acur, "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'isms'::regnamespace "
                               "AND c.relkind = 'v' AND (c.relname LIKE 'kpi\\_%%' OR c.relname = 'v_heatmap') "
                               "AND has_table_privilege('isms_editor', c.oid, 'SELECT') ORDER BY 1")]

sessions = {}
for role in ("bench_rls_member", "bench_rls_bypass"):
    conn = psycopg2.connect(user=role, password=PASSWORD)
    conn.autocommit = True
    cur = conn.cursor()
    q(cur, "SET isms.org_id = '9001'")
    sessions[role] = cur


def insert(role):
    cur = sessions[role]
    start = time.perf_counter()
    q(cur, INSERT, (9001, ROWS))
    took = time.perf_counter() - start
    q(acur, "DELETE FROM isms.risk WHERE org_id = 9001 AND ident IS NULL")
    return took


def view(role, name):
    cur = sessions[role]
    start = time.perf_counter()
    q(cur, f"SELECT * FROM isms.{name}")
    return time.perf_counter() - start


results = []
for what, fn in [("insert of %d risks" % ROWS, insert)] + \
        [(f"SELECT * FROM isms.{v}", (lambda v: lambda role: view(role, v))(v)) for v in views]:
    best = {}
    for role in sessions:
        fn(role)
    for _ in range(RUNS):
        for role in sessions:
            best[role] = min(best.get(role, float("inf")), fn(role))
    results.append((what, best["bench_rls_member"], best["bench_rls_bypass"]))

missed = 0
print(f"two organizations of {ROWS} risks; best of {RUNS}; member = policies applied, bypass = BYPASSRLS")
for what, member, bypass in results:
    ratio = member / bypass
    missed += ratio > TARGET
    print(f"{what:45s} member {member * 1000:9.1f} ms  bypass {bypass * 1000:9.1f} ms  "
          f"ratio {ratio:5.2f} {'met' if ratio <= TARGET else 'MISSED'}")
print(f"target <= {TARGET}: {len(results) - missed} of {len(results)} met")
for cur in sessions.values():
    cur.connection.close()
q(acur, "DELETE FROM isms.org_member WHERE org_id IN (9001, 9002)")
q(acur, "DROP ROLE bench_rls_member, bench_rls_bypass")
sys.exit(0)
