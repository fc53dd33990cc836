#!/usr/bin/python3
"""Concurrent writers of the risk treatment workflow, in two sessions:

1. Two acceptances of one risk recorded at the same time: the second waits
   for the first (the trigger locks the risk), then supersedes it; the risk
   keeps exactly one valid acceptance.
2. A change of the residual risk while an acceptance is being recorded: the
   acceptance waits for the change and records the new residual risk.
3. isms.run_scheduled_checks() in two sessions at once: the second waits
   for the first (advisory lock) and then finds nothing left, so every
   expiry and overdue review is handled, and announced, exactly once.

Runs in a database of its own; exit 0 passes.
"""
import os
import subprocess
import sys
import threading
import time

import psycopg2

DB = f"isms_treatment_concurrency_{os.getpid()}"


OPEN = []


def connect(db):
    conn = psycopg2.connect(dbname=db)
    conn.autocommit = False
    OPEN.append(conn)
    return conn


def run(conn, sql, args=None):
    cur = conn.cursor()
    cur.execute(sql, args)
    return cur


def blocked(conn_pid_holder, admin):
    """Whether the session runs a statement that waits for a lock."""
    cur = admin.cursor()
    cur.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (conn_pid_holder,))
    row = cur.fetchone()
    return row is not None and row[0] in ("Lock",)


def in_thread(fn):
    result = {}

    def target():
        try:
            result["value"] = fn()
        except Exception as e:  # reported by the caller
            result["error"] = e
    t = threading.Thread(target=target)
    t.start()
    return t, result


def wait_until_blocked(admin, pid):
    for _ in range(200):
        if blocked(pid, admin):
            return True
        time.sleep(0.05)
    return False


def main():
    admin = psycopg2.connect(dbname=os.environ.get("PGDATABASE", "postgres"))
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {DB}")
    failures = []
    conns = []
    try:
        setup = psycopg2.connect(dbname=DB)
        conns.append(setup)
        setup.autocommit = True
        for s in [
            "CREATE EXTENSION isms",
            "INSERT INTO isms.organization (id, name) VALUES (1, 'Concurrency')",
            "INSERT INTO isms.person (id, name) VALUES (1, 'Owner'), (2, 'Approver'), (3, 'Other approver')",
            """INSERT INTO isms.risk (id, ident, title, owner_id, status, treatment, inherent_likelihood,
                   inherent_impact, residual_likelihood, residual_impact, identified_on, reviewed_on)
               VALUES (1, 'C-1', 'Accepted twice', 1, 'assessed', 'accept', 'likely', 'major', 'unlikely',
                       'minor', '2026-01-01', '2026-01-01'),
                      (2, 'C-2', 'Re-assessed', 1, 'assessed', 'accept', 'likely', 'major', 'unlikely',
                       'minor', '2026-01-01', '2026-01-01')""",
            """INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, accepted_on, expires_on)
               VALUES (2, 2, 'Expires soon', '2026-01-01', '2026-06-01')""",
        ]:
            setup.cursor().execute(s)

        # 1. two acceptances at once
        a, b = connect(DB), connect(DB)
        run(a, "INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, expires_on)"
               " VALUES (1, 2, 'First', '2099-01-01')")
        b_pid = run(b, "SELECT pg_backend_pid()").fetchone()[0]
        t, res = in_thread(lambda: run(b, "INSERT INTO isms.risk_acceptance (risk_id, approved_by_id,"
                                          " justification, expires_on) VALUES (1, 3, 'Second', '2099-01-01')"))
        if not wait_until_blocked(admin, b_pid):
            failures.append("the second acceptance did not wait for the first")
        a.commit()
        t.join()
        if "error" in res:
            failures.append(f"the second acceptance failed: {res['error']}")
        b.commit()
        rows = run(setup, "SELECT justification, status FROM isms.risk_acceptance WHERE risk_id = 1 ORDER BY id").fetchall()
        if rows != [("First", "superseded"), ("Second", "valid")]:
            failures.append(f"two acceptances at once left {rows}")
        else:
            print("ok: two acceptances at once: the second waits, then supersedes the first")

        # 2. a residual change while an acceptance is recorded
        a, b = connect(DB), connect(DB)
        run(a, "UPDATE isms.risk SET residual_likelihood = 'possible' WHERE id = 1")
        b_pid = run(b, "SELECT pg_backend_pid()").fetchone()[0]
        t, res = in_thread(lambda: run(b, "INSERT INTO isms.risk_acceptance (risk_id, approved_by_id,"
                                          " justification, expires_on) VALUES (1, 2, 'Third', '2099-01-01')"
                                          " RETURNING accepted_likelihood::text"))
        if not wait_until_blocked(admin, b_pid):
            failures.append("the acceptance did not wait for the change of the residual risk")
        a.commit()
        t.join()
        if "error" in res:
            failures.append(f"the acceptance failed: {res['error']}")
        else:
            accepted = res["value"].fetchone()[0]
            b.commit()
            if accepted != "possible":
                failures.append(f"the acceptance recorded the residual likelihood {accepted}, not the new one")
            else:
                print("ok: an acceptance waits for a change of the residual risk and records the new one")

        # 3. scheduled checks at once
        a, b = connect(DB), connect(DB)
        first = run(a, "SELECT action, risk_id FROM isms.run_scheduled_checks('2030-01-01') ORDER BY 1, 2").fetchall()
        b_pid = run(b, "SELECT pg_backend_pid()").fetchone()[0]
        t, res = in_thread(lambda: run(b, "SELECT action, risk_id FROM isms.run_scheduled_checks('2030-01-01')").fetchall())
        if not wait_until_blocked(admin, b_pid):
            failures.append("the second run of the scheduled checks did not wait for the first")
        a.commit()
        t.join()
        b.commit()
        expected = [("acceptance_expired", 2), ("review_overdue", 1), ("review_overdue", 2)]
        if first != expected:
            failures.append(f"the first run did {first}, expected {expected}")
        elif res.get("value") != []:
            failures.append(f"the second run did {res.get('value') or res.get('error')}")
        else:
            print("ok: two runs of the scheduled checks at once: the second waits and finds nothing left")
    finally:
        for c in OPEN + conns:
            if not c.closed:
                c.close()
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {DB}")
    if failures:
        for f in failures:
            print("FAIL:", f)
        sys.exit(1)


if __name__ == "__main__":
    main()
