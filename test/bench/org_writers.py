#!/usr/bin/python3
"""Issue 13: 4 concurrent writers in 4 organizations reach at least 1.6x the
throughput of one writer, in the same run (the audit log's chain lock, one
per organization, lets their commits go in parallel; with 1.0's one lock
for the whole log every commit waited for the one before: 1.1x to 1.3x).

Measured: transactions per second of small write transactions, each an
autocommit INSERT of ROWS_PER_TXN assessed risks into isms.risk (through
all its triggers: workflow, history, audit entry chained at commit), by
  - one writer (organization 1),
  - 4 writers at once, each in its own organization (the target's ratio),
  - 4 writers at once in one organization (for information: they share one
    chain and its lock),
and, as the reference the issue names, the same inserts into a plain table
with isms.risk's columns and no trigger (CREATE TABLE ... LIKE isms.risk
INCLUDING ALL), by one writer and by 4.  Each variant runs SECONDS seconds
(the writers start together), after an untimed warm-up; the variants
alternate over ROUNDS rounds and the best throughput of each counts.
The chains are verified at the end.
"""
import os
import sys
import threading
import time

import psycopg2

SECONDS = float(os.environ.get("ISMS_BENCH_SECONDS", "6"))
ROUNDS = int(os.environ.get("ISMS_BENCH_ROUNDS", "3"))
ROWS_PER_TXN = int(os.environ.get("ISMS_BENCH_ROWS_PER_TXN", "1"))
WRITERS = 4
TARGET = 1.6

conn = psycopg2.connect()
conn.autocommit = True
cur = conn.cursor()


def q(sql, args=None):
    cur.execute(sql, args)
    return cur.fetchall() if cur.description else None


q("DROP TABLE IF EXISTS bench_writer_plain")
orgs = []
for n in range(1, WRITERS + 1):
    name = f"Bench Writer {n}"
    row = q("SELECT id FROM isms.organization WHERE name = %s", (name,))
    if not row:
        row = q("INSERT INTO isms.organization (name) VALUES (%s) RETURNING id", (name,))
    orgs.append(row[0][0])
q("CREATE TABLE bench_writer_plain (LIKE isms.risk INCLUDING ALL)")

INSERT = """
INSERT INTO {table} (org_id, title, category, status, treatment,
                     inherent_likelihood, inherent_impact, residual_likelihood, residual_impact)
SELECT %s, 'writer risk ' || g, 'technical', 'assessed', 'mitigate',
       (1 + g %% 5)::isms.likelihood, (1 + (g / 5) %% 5)::isms.impact,
       (1 + g %% 5 / 2)::isms.likelihood, (1 + (g / 5) %% 5 / 2)::isms.impact
  FROM generate_series(1, %s) g
"""


def writer(table, org, start, stop, counts, slot):
    counts[slot] = None             # a writer that fails leaves None
    c = psycopg2.connect()
    c.autocommit = True
    k = c.cursor()
    k.execute("SELECT set_config('isms.org_id', %s, false)", (str(org),))
    sql = INSERT.format(table=table)
    start.wait()
    n = 0
    while not stop.is_set():
        k.execute(sql, (org, ROWS_PER_TXN))
        n += 1
    counts[slot] = n
    c.close()


def run(table, writer_orgs, seconds):
    """Transactions per second of len(writer_orgs) writers at once."""
    start = threading.Barrier(len(writer_orgs) + 1)
    stop = threading.Event()
    counts = [0] * len(writer_orgs)
    threads = [threading.Thread(target=writer, args=(table, org, start, stop, counts, i))
               for i, org in enumerate(writer_orgs)]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    if None in counts:
        sys.exit(f"a writer into {table} failed")
    return sum(counts) / (time.perf_counter() - began)


VARIANTS = {
    "tracked, 1 writer": ("isms.risk", orgs[:1]),
    "tracked, 4 writers in 4 organizations": ("isms.risk", orgs),
    "tracked, 4 writers in 1 organization": ("isms.risk", [orgs[0]] * WRITERS),
    "plain table, 1 writer": ("bench_writer_plain", orgs[:1]),
    "plain table, 4 writers": ("bench_writer_plain", orgs),
}
for table, writer_orgs in VARIANTS.values():
    run(table, writer_orgs, 1)
best = {}
for _ in range(ROUNDS):
    for name, (table, writer_orgs) in VARIANTS.items():
        best[name] = max(best.get(name, 0), run(table, writer_orgs, SECONDS))

for org in orgs:
    ok, entries, broken = q("SELECT * FROM isms.verify_audit_log(%s)", (org,))[0]
    if not ok:
        sys.exit(f"the audit chain of organization {org} is broken at {broken}")
tracked = best["tracked, 4 writers in 4 organizations"] / best["tracked, 1 writer"]
same_org = best["tracked, 4 writers in 1 organization"] / best["tracked, 1 writer"]
plain = best["plain table, 4 writers"] / best["plain table, 1 writer"]
print(f"transactions of {ROWS_PER_TXN} risk(s), {SECONDS:g} s per variant, best of {ROUNDS}; "
      f"{os.cpu_count()} CPUs")
for name, tps in best.items():
    print(f"{name + ':':40s} {tps:8.0f} transactions/s")
print(f"ratio, 4 writers in 4 organizations to 1 writer: {tracked:.2f} (target >= {TARGET}: "
      f"{'met' if tracked >= TARGET else 'MISSED'})")
print(f"for information: 4 writers in 1 organization {same_org:.2f}; plain table {plain:.2f}")
q("DROP TABLE bench_writer_plain")
