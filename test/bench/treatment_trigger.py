#!/usr/bin/python3
"""The risk workflow trigger (isms.risk_workflow) alone: insert 100,000
risks into isms.risk with the trigger enabled, against the same INSERT with
only that trigger disabled (every other trigger and constraint of the table
stays, so the difference is this trigger's cost).  Target: ratio at most
1.5 (the issue's limit for all triggers together is 2.5).

The rows are assessed risks with all four assessments, an owner, an asset
and a category, in an organization with an appetite (overall, per category
and per asset) and its own review cadence, so the trigger does its whole
common path: four level lookups, the status check, the next review date
from the cadence, and the appetite check (about half of the rows go above
appetite and send an event).  Both inserts write the same matrix_id, so whatever
else the table does with it (the methodology's trigger that marks a matrix
as scored, where there is one) happens in both.

For information it also times the INSERT into a copy of the table with the
same columns, defaults, CHECK constraints and indexes but no trigger at all
(no foreign keys either: PostgreSQL checks those with triggers), the
baseline of the issue's all-triggers benchmark (track_insert.py), and into
that copy with isms.risk's foreign keys added: these rows name an owner and
an asset, so PostgreSQL checks three references per row (organization,
owner, asset), which this separates from the triggers of isms.

Each INSERT runs in its own transaction (commit included), after a
TRUNCATE; the three variants alternate, three rounds, and the best time of
each counts.

Then, for information, 5,000 single-row INSERT statements from one client,
each its own transaction, with and without the trigger: the trigger reads
the matrix, appetite and cadence once per statement, which a bulk insert
spreads over its rows and a single-row statement pays each time.
"""
import sys
import time

import psycopg2

ROWS = 100_000
ROUNDS = 3
SINGLE_ROWS = 5_000

SETUP = [
    "INSERT INTO isms.organization (name) VALUES ('Bench Org') ON CONFLICT DO NOTHING",
    "SELECT set_config('isms.org_id', (SELECT id FROM isms.organization WHERE name = 'Bench Org')::text, false)",
    "INSERT INTO isms.person (name) SELECT 'Owner ' || g FROM generate_series(1, 20) g",
    "INSERT INTO isms.asset (name) SELECT 'Asset ' || g FROM generate_series(1, 50) g",
    "INSERT INTO isms.risk_appetite (max_level) VALUES ('medium')",
    "INSERT INTO isms.risk_appetite (category, max_level) VALUES ('privacy', 'low'), ('operational', 'high')",
    """INSERT INTO isms.risk_appetite (asset_id, max_level)
       SELECT id, 'high' FROM isms.asset WHERE name IN ('Asset 1', 'Asset 2', 'Asset 3')""",
    "INSERT INTO isms.review_cadence (level, review_days) VALUES ('critical', 14), ('high', 60)",
    """CREATE TABLE bench_risk_bare (LIKE isms.risk INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED
                                     INCLUDING CONSTRAINTS INCLUDING INDEXES)""",
    "CREATE TABLE bench_risk_fk (LIKE bench_risk_bare INCLUDING ALL)",
    """DO $$
       DECLARE d text;
       BEGIN
         FOR d IN SELECT pg_get_constraintdef(oid) FROM pg_constraint
                   WHERE conrelid = 'isms.risk'::regclass AND contype = 'f' LOOP
           EXECUTE 'ALTER TABLE bench_risk_fk ADD ' || d;
         END LOOP;
       END $$""",
]

# Likelihood and impact spread over the 5 x 5 grid, residual and target
# never above inherent.
INSERT = """
INSERT INTO {table} (ident, title, category, asset_id, owner_id, matrix_id, status,
    inherent_likelihood, inherent_impact, current_likelihood, current_impact,
    residual_likelihood, residual_impact, target_likelihood, target_impact,
    treatment, identified_on, assessed_on, reviewed_on)
SELECT 'B-' || g, 'Benchmark risk ' || g,
       (ARRAY['cyber', 'privacy', 'operational', 'people'])[1 + g % 4],
       a.first + g % 50, o.first + g % 20, isms.default_matrix(), 'assessed',
       (1 + g % 5)::isms.likelihood, (1 + (g / 5) % 5)::isms.impact,
       (1 + g % 5)::isms.likelihood, (1 + (g / 5) % 5)::isms.impact,
       (1 + (g % 5) / 2)::isms.likelihood, (1 + ((g / 5) % 5) / 2)::isms.impact,
       1::isms.likelihood, 1::isms.impact,
       'mitigate', date '2025-01-01' + g % 300, date '2025-11-01' + g % 60, date '2026-01-01' + g % 100
  FROM generate_series(1, {rows}) g,
       (SELECT min(id) AS first FROM isms.asset) a,
       (SELECT min(id) AS first FROM isms.person) o
"""


def timed(conn, statements):
    cur = conn.cursor()
    start = time.perf_counter()
    for s in statements:
        cur.execute(s)
    conn.commit()
    return time.perf_counter() - start


def main():
    conn = psycopg2.connect("")
    conn.autocommit = True
    cur = conn.cursor()
    for statement in SETUP:
        cur.execute(statement)
    conn.autocommit = False

    variants = {
        "with risk_workflow": ("isms.risk", True),
        "without risk_workflow": ("isms.risk", False),
        "no triggers (LIKE copy)": ("bench_risk_bare", None),
        "LIKE copy + foreign keys": ("bench_risk_fk", None),
    }
    best = {name: float("inf") for name in variants}
    for _ in range(ROUNDS):
        for name, (table, enabled) in variants.items():
            cur = conn.cursor()
            cur.execute(f"TRUNCATE {table} CASCADE")
            if enabled is not None:
                cur.execute("ALTER TABLE isms.risk {} TRIGGER risk_workflow".format(
                    "ENABLE" if enabled else "DISABLE"))
            conn.commit()
            elapsed = timed(conn, [INSERT.format(table=table, rows=ROWS)])
            best[name] = min(best[name], elapsed)
            cur = conn.cursor()
            cur.execute(f"SELECT count(*), count(next_review), count(inherent_level) FROM {table}")
            count, reviews, levels = cur.fetchone()
            conn.commit()
            if count != ROWS:
                sys.exit(f"{name}: {count} rows, expected {ROWS}")
            if enabled and (reviews != ROWS or levels != ROWS):
                sys.exit(f"{name}: the trigger computed {levels} levels and {reviews} review dates")
            if enabled is False and (reviews != 0 or levels != 0):
                sys.exit(f"{name}: levels or review dates without the trigger")
    # single-row statements, autocommit
    single = {}
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("SELECT min(id) FROM isms.asset")
    asset = cur.fetchone()[0]
    cur.execute("SELECT min(id) FROM isms.person")
    owner = cur.fetchone()[0]
    for _ in range(2):
        for enabled in (False, True):
            cur.execute("TRUNCATE isms.risk CASCADE")
            cur.execute("ALTER TABLE isms.risk {} TRIGGER risk_workflow".format(
                "ENABLE" if enabled else "DISABLE"))
            start = time.perf_counter()
            for g in range(1, SINGLE_ROWS + 1):
                cur.execute(
                    "INSERT INTO isms.risk (ident, title, category, asset_id, owner_id, matrix_id, status,"
                    " inherent_likelihood, inherent_impact, residual_likelihood, residual_impact, identified_on)"
                    " VALUES (%s, 'Single', 'cyber', %s, %s, isms.default_matrix(), 'assessed',"
                    " %s, %s, '1', '1', '2026-01-01')",
                    (f"S-{g}", asset + g % 50, owner + g % 20, str(1 + g % 5), str(1 + (g // 5) % 5)))
            elapsed = time.perf_counter() - start
            single[enabled] = min(single.get(enabled, float("inf")), elapsed)

    cur.execute("ALTER TABLE isms.risk ENABLE TRIGGER risk_workflow")
    cur.execute("TRUNCATE isms.risk CASCADE")
    cur.execute("DROP TABLE bench_risk_fk, bench_risk_bare")
    # leave the database as found
    for table in ("risk_appetite", "review_cadence", "asset", "person"):
        cur.execute(f"DELETE FROM isms.{table} WHERE org_id = isms.current_org()")
    cur.execute("DELETE FROM isms.organization WHERE name = 'Bench Org'")

    for name in variants:
        print(f"{name:26s} {best[name] * 1000:9.1f} ms  ({ROWS / best[name]:,.0f} rows/s)")
    ratio = best["with risk_workflow"] / best["without risk_workflow"]
    print(f"ratio with/without risk_workflow: {ratio:.2f} (target <= 1.5)")
    bare = best["no triggers (LIKE copy)"]
    print(f"for information, these rows (with an owner and an asset) through all of isms.risk's triggers: "
          f"{best['with risk_workflow'] / bare:.2f} x the copy without triggers; "
          f"the foreign keys alone {best['LIKE copy + foreign keys'] / bare:.2f} x; "
          f"all triggers / the copy with foreign keys {best['with risk_workflow'] / best['LIKE copy + foreign keys']:.2f}")
    print(f"{SINGLE_ROWS:,} single-row INSERT statements, autocommit: with risk_workflow "
          f"{single[True] * 1000:.0f} ms, without {single[False] * 1000:.0f} ms, "
          f"ratio {single[True] / single[False]:.2f} "
          f"({(single[True] - single[False]) / SINGLE_ROWS * 1e6:.0f} us per statement)")


if __name__ == "__main__":
    main()
