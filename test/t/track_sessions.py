#!/usr/bin/python3
"""Sessions interleaved by hand around the audit chain and the history.

1. A transaction holds the chain's lock only while it commits: an open
   transaction that changed a risk does not block another session's
   commit, and the entries follow the order of the commits.
2. A commit waits for the chain's lock (here held by a big transaction,
   which appended its entries early); if it gives up (lock_timeout) the
   transaction rolls back with its changes and entries.  The lock is in a
   space of its own: pg_advisory_lock() on the same number from SQL does not
   hold up a commit.
3. A transaction that changes a row after a transaction that started later
   changed it: its version is valid from that later start, so a row's
   versions stay in time order; the audit entry keeps its own start.
4. Serializable transactions that change different rows do not conflict
   through the chain or the history.
5. A big transaction appends its entries before they would spill to disk
   (and then holds the lock to its end); inside a subtransaction they spill
   to a temporary file instead, and a rolled-back part is dropped.
"""
import os
import sys

try:
    import psycopg2
    import psycopg2.errors
except ImportError:
    print("skip: python3-psycopg2 is not installed")
    sys.exit(77)

DB = "isms_sessions"
LOCK_KEY = 7598537338627908724
failures = []


def check(what, ok, detail=""):
    print(("ok    " if ok else "FAIL  ") + what + (f" ({detail})" if detail else ""))
    if not ok:
        failures.append(what)


def connect(dbname=DB, autocommit=True):
    conn = psycopg2.connect(dbname=dbname)
    conn.autocommit = autocommit
    return conn


def one(conn, sql, args=None):
    with conn.cursor() as cur:
        cur.execute(sql, args)
        return cur.fetchone()


def run(conn, sql, args=None):
    with conn.cursor() as cur:
        cur.execute(sql, args)


admin = connect(os.environ.get("PGDATABASE", "postgres"))
run(admin, f"DROP DATABASE IF EXISTS {DB}")
run(admin, f"CREATE DATABASE {DB}")
setup = connect()
run(setup, "CREATE EXTENSION isms")
run(setup, "INSERT INTO isms.organization (name) VALUES ('Sessions Org')")
run(setup, "INSERT INTO isms.risk (title, description) "
           "SELECT 'risk ' || g, '0' FROM generate_series(1, 4) g")
r1, r2, r3, r4 = [row[0] for row in
                  (lambda c: (c.execute("SELECT id FROM isms.risk ORDER BY id"), c.fetchall())[1])(setup.cursor())]


def last_entry():
    return one(setup, "SELECT max(id) FROM isms.audit_log")[0]


# 1. the lock is taken at commit only
a = connect(autocommit=False)
b = connect()
base = last_entry()
run(a, "UPDATE isms.risk SET description = 'a' WHERE id = %s", (r1,))
run(b, "SET lock_timeout = '2s'")
try:
    run(b, "UPDATE isms.risk SET description = 'b' WHERE id = %s", (r2,))
    check("a commit does not wait for an open transaction", True)
except psycopg2.errors.LockNotAvailable:
    check("a commit does not wait for an open transaction", False, "lock timeout")
a.commit()
rows = setup.cursor()
rows.execute("SELECT id - %s, new_row->>'description' FROM isms.audit_log WHERE id > %s ORDER BY id",
             (base, base))
order = rows.fetchall()
check("entries follow the order of the commits", order == [(1, "b"), (2, "a")], str(order))

# 2. a commit waits for the chain's lock, which SQL cannot take
squatter = connect(autocommit=False)
run(squatter, "SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
d = connect(autocommit=False)
run(d, "SET lock_timeout = '2s'")
base = last_entry()
run(d, "UPDATE isms.risk SET description = 'd' WHERE id = %s", (r1,))
try:
    d.commit()
    check("pg_advisory_xact_lock() on the chain's number holds up no commit", last_entry() == base + 1)
except psycopg2.errors.LockNotAvailable:
    check("pg_advisory_xact_lock() on the chain's number holds up no commit", False, "lock timeout")
squatter.rollback()
# a big transaction appends early and then holds the lock to its end
holder = connect(autocommit=False)
run(holder, "SET work_mem = '64kB'")
run(holder, "INSERT INTO isms.risk (title) SELECT 'holder ' || g FROM generate_series(1, 500) g")
c = connect(autocommit=False)
run(c, "SET lock_timeout = '300ms'")
base = last_entry()
run(c, "UPDATE isms.risk SET description = 'c' WHERE id = %s", (r3,))
try:
    c.commit()
    check("a commit waits for the chain's lock", False, "committed")
except psycopg2.errors.LockNotAvailable:
    check("a commit waits for the chain's lock", True)
check("the transaction that gave up left no change",
      one(setup, "SELECT description FROM isms.risk WHERE id = %s", (r3,))[0] == "0")
check("... and no entry", last_entry() == base)
holder.rollback()
run(c, "UPDATE isms.risk SET description = 'c' WHERE id = %s", (r3,))
c.commit()
check("once the lock is free the commit goes through", last_entry() == base + 1)

# 3. a change after a change by a transaction that started later
early = connect(autocommit=False)
early_start = one(early, "SELECT now()")[0]
late = connect(autocommit=False)
late_start = one(late, "SELECT now()")[0]
run(late, "UPDATE isms.risk SET description = 'late' WHERE id = %s", (r4,))
late.commit()
run(early, "UPDATE isms.risk SET description = 'early' WHERE id = %s", (r4,))
early.commit()
hist = setup.cursor()
hist.execute("SELECT description, valid_from FROM isms.risk_history "
             "WHERE id = %s AND operation = 'UPDATE' ORDER BY history_id", (r4,))
versions = hist.fetchall()
check("versions are in the order of the changes",
      [v[0] for v in versions] == ["late", "early"], str([v[0] for v in versions]))
check("the later change is valid from the later start, not its own",
      versions[0][1] == late_start and versions[1][1] == late_start and early_start < late_start)
check("the register now shows the last change",
      one(setup, "SELECT description FROM isms.risk_register_as_of(now()) WHERE id = %s", (r4,))[0]
      == "early")
check("the audit entry keeps its transaction's start",
      one(setup, "SELECT at FROM isms.audit_log WHERE table_name = 'isms.risk' "
                 "AND new_row->>'description' = 'early'")[0] == early_start)

# 4. serializable transactions on different rows
s1 = connect(autocommit=False)
s2 = connect(autocommit=False)
run(s1, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
run(s2, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
run(s1, "UPDATE isms.risk SET description = 's1' WHERE id = %s", (r1,))
run(s2, "UPDATE isms.risk SET description = 's2' WHERE id = %s", (r2,))
run(s1, "SELECT count(*) FROM isms.risk_history WHERE id = %s", (r1,))
run(s2, "SELECT count(*) FROM isms.risk_history WHERE id = %s", (r2,))
try:
    s1.commit()
    s2.commit()
    check("serializable writers of different rows both commit", True)
except psycopg2.errors.SerializationFailure as e:
    check("serializable writers of different rows both commit", False, str(e).strip())

# 5. big transactions: appended early at the top level, spilled in a
# subtransaction
big = connect(autocommit=False)
run(big, "SET work_mem = '64kB'")
base = last_entry()
run(big, "INSERT INTO isms.risk (title) SELECT 'bulk ' || g FROM generate_series(1, 3000) g")
other = connect(autocommit=False)
run(other, "SET lock_timeout = '300ms'")
run(other, "UPDATE isms.risk SET description = 'other' WHERE id = %s", (r1,))
try:
    other.commit()
    check("a big transaction holds the lock once it appended", False, "other committed")
except psycopg2.errors.LockNotAvailable:
    check("a big transaction holds the lock once it appended", True)
big.commit()
check("... and its entries are all there",
      one(setup, "SELECT count(*), min(id), max(id) FROM isms.audit_log WHERE id > %s", (base,))
      == (3000, base + 1, base + 3000))

run(big, "SET work_mem = '64kB'")
base = last_entry()
run(big, "SAVEPOINT s")
run(big, "INSERT INTO isms.risk (title) SELECT 'kept ' || g FROM generate_series(1, 3000) g")
run(big, "RELEASE SAVEPOINT s")
run(big, "SAVEPOINT t")
run(big, "INSERT INTO isms.risk (title) SELECT 'dropped ' || g FROM generate_series(1, 2000) g")
run(big, "ROLLBACK TO SAVEPOINT t")
run(big, "UPDATE isms.risk SET description = 'after' WHERE id = %s", (r2,))
spilled = one(big, "SELECT count(*) FROM pg_ls_tmpdir() "
                   "WHERE name LIKE 'pgsql_tmp' || pg_backend_pid() || '.%%'")[0]
check("inside a subtransaction, the queue spilled to a temporary file", spilled > 0, f"{spilled} files")
big.commit()
check("entries in a subtransaction spilled, the rolled-back ones dropped",
      one(setup, "SELECT count(*) FILTER (WHERE new_row->>'title' LIKE 'kept %%'), "
                 "count(*) FILTER (WHERE new_row->>'title' LIKE 'dropped %%'), "
                 "count(*) FILTER (WHERE new_row->>'description' = 'after') "
                 "FROM isms.audit_log WHERE id > %s", (base,)) == (3000, 0, 1))

ok, entries, broken = one(setup, "SELECT * FROM isms.verify_audit_log()")
check("the chain verifies", ok and broken is None and entries == last_entry(),
      f"{ok} {entries} {broken}")

for conn in (a, b, c, d, squatter, holder, early, late, s1, s2, big, other, setup):
    conn.close()
run(admin, f"DROP DATABASE {DB}")
sys.exit(1 if failures else 0)
