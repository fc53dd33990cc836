"""Helpers for the tests in test/t that interleave sessions by hand: a
database of their own, sessions at an isolation level, a statement run in a
thread while the test waits until it blocks on a lock.  Not a test itself
(not executable); the scripts beside it import it."""
import os
import threading
import time

import psycopg2

failures = []


def check(what, ok, detail=""):
    print(("ok    " if ok else "FAIL  ") + what + (f" ({detail})" if detail else ""))
    if not ok:
        failures.append(what)


def one(conn, sql, args=None):
    """Run one statement; its first row, if it returns rows."""
    cur = conn.cursor()
    cur.execute(sql, args)
    return cur.fetchone() if cur.description else None


def connect(db, isolation="READ COMMITTED"):
    conn = psycopg2.connect(dbname=db)
    conn.autocommit = False
    conn.cursor().execute(f"SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL {isolation}")
    # a statement that waits longer than a test does fails instead of hanging
    conn.cursor().execute("SET lock_timeout = '20s'")
    conn.commit()
    return conn


def admin_connection():
    conn = psycopg2.connect(dbname=os.environ.get("PGDATABASE", "postgres"))
    conn.autocommit = True
    return conn


def in_thread(fn):
    """Start fn() in a thread; result["value"] becomes (sqlstate, constraint,
    first line of the message), all None when fn() succeeds."""
    result = {}

    def target():
        try:
            fn()
            result["value"] = (None, None, "")
        except psycopg2.Error as e:
            result["value"] = (e.pgcode, e.diag.constraint_name, (e.pgerror or "").splitlines()[0])
    t = threading.Thread(target=target)
    t.start()
    return t, result


def wait_until_blocked(admin, pid):
    """Whether session pid comes to wait for a lock within 10 s."""
    for _ in range(200):
        row = one(admin, "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,))
        if row is not None and row[0] == "Lock":
            return True
        time.sleep(0.05)
    return False


def run_in_own_database(db, body):
    """Create database db with the extension, run body(admin, setup) (setup
    an autocommit session in db), drop the database; print the count of
    failed checks and return the exit status."""
    admin = admin_connection()
    one(admin, f"CREATE DATABASE {db}")
    try:
        setup = connect(db)
        setup.autocommit = True
        one(setup, "CREATE EXTENSION isms")
        try:
            body(admin, setup)
        finally:
            setup.close()
    finally:
        one(admin, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    print(f"{len(failures)} failed")
    return 1 if failures else 0
