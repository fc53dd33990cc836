#!/usr/bin/python3
"""No cycles in the register's graphs (org_unit.parent_id,
asset_dependency) when two sessions add edges at once.  Each edge alone is
harmless; together they would close a cycle.  The second writer waits for
the first (a transaction-level lock on the table's edges) and, once the
first commits, is refused with 23514 and the constraint's name -- in READ
COMMITTED and in REPEATABLE READ, whose snapshot predates the first edge.
If the first rolls back, the second edge is accepted.

The turns are taken before a statement locks any row, so that edits of
different rows in an order that crosses do not deadlock; and the lock is
in a space of its own, so that pg_advisory_lock() from SQL cannot hold up
the writers.

Runs in a database of its own; exit 0 passes.
"""
import os
import sys

try:
    import pgsessions
    import psycopg2
except ImportError:
    print("skip: python3-psycopg2 is not installed")
    sys.exit(77)
from pgsessions import check, in_thread, one, wait_until_blocked

DB = f"isms_acyclic_{os.getpid()}"


def connect(isolation="READ COMMITTED"):
    return pgsessions.connect(DB, isolation)


def race(admin, what, isolation, first_sql, second_sql, first_ends, expect):
    first, second = connect(), connect(isolation)
    one(second, "SELECT 1")  # REPEATABLE READ: the snapshot is taken now
    one(first, first_sql)
    t, result = in_thread(lambda: one(second, second_sql))
    waited = wait_until_blocked(admin, second.get_backend_pid())
    first.rollback() if first_ends == "rollback" else first.commit()
    t.join(30)
    code, constraint, _ = result.get("value", ("timeout", None, ""))
    second.rollback() if code else second.commit()
    ends = "commits" if first_ends == "commit" else "rolls back"
    check(f"{isolation}: {what}, the first {ends}: the second waits, then "
          f"{expect[0] or 'succeeds'}", waited and (code, constraint) == expect, f"{code} {constraint}")
    first.close()
    second.close()


def main(admin, setup):
    one(setup, "INSERT INTO isms.organization (name) VALUES ('Graph Org')")
    one(setup, "INSERT INTO isms.org_unit (id, name) SELECT g, 'unit ' || g FROM generate_series(1, 6) g")
    one(setup, "INSERT INTO isms.asset (id, name) SELECT g, 'asset ' || g FROM generate_series(1, 4) g")

    refused = ("23514", "org_unit_acyclic")
    race(admin, "units 1 under 2 and 2 under 1", "READ COMMITTED",
         "UPDATE isms.org_unit SET parent_id = 2 WHERE id = 1",
         "UPDATE isms.org_unit SET parent_id = 1 WHERE id = 2", "commit", refused)
    race(admin, "units 3 under 4 and 4 under 3", "REPEATABLE READ",
         "UPDATE isms.org_unit SET parent_id = 4 WHERE id = 3",
         "UPDATE isms.org_unit SET parent_id = 3 WHERE id = 4", "commit", refused)
    race(admin, "units 5 under 6 and 6 under 5", "READ COMMITTED",
         "UPDATE isms.org_unit SET parent_id = 6 WHERE id = 5",
         "UPDATE isms.org_unit SET parent_id = 5 WHERE id = 6", "rollback", (None, None))
    race(admin, "assets 1 on 2 and 2 on 1", "REPEATABLE READ",
         "INSERT INTO isms.asset_dependency (asset_id, depends_on_id) VALUES (1, 2)",
         "INSERT INTO isms.asset_dependency (asset_id, depends_on_id) VALUES (2, 1)", "commit",
         ("23514", "asset_dependency_acyclic"))

    # crossing edits: the second statement waits before it locks its row,
    # so the first transaction can go on to that row
    one(setup, "INSERT INTO isms.org_unit (id, name) SELECT g, 'unit ' || g FROM generate_series(7, 10) g")
    first, second = connect(), connect()
    one(first, "UPDATE isms.org_unit SET parent_id = 9 WHERE id = 7")
    t, result = in_thread(lambda: one(second, "UPDATE isms.org_unit SET parent_id = 10 WHERE id = 8"))
    waited = wait_until_blocked(admin, second.get_backend_pid())
    try:
        one(first, "UPDATE isms.org_unit SET description = 'moved' , parent_id = 10 WHERE id = 8")
        first.commit()
        first_ok = None
    except psycopg2.Error as e:
        first.rollback()
        first_ok = e.pgcode
    t.join(30)
    code, _, message = result.get("value", ("timeout", None, ""))
    second.rollback() if code else second.commit()
    check("crossing edits of two units: the second waits before locking its row, no deadlock",
          waited and first_ok is None and code is None, f"first {first_ok}, second {code} {message}")
    first.close()
    second.close()

    # an insert under a unit that the lock's holder then deletes: the
    # insert waits before it writes anything, so no deadlock; once the
    # holder commits, the parent is gone
    one(setup, "INSERT INTO isms.org_unit (id, name) VALUES (11, 'unit 11'), (12, 'unit 12')")
    holder, inserter = connect(), connect()
    one(holder, "UPDATE isms.org_unit SET parent_id = 12 WHERE parent_id = 11")
    t, result = in_thread(lambda: one(inserter, "INSERT INTO isms.org_unit (id, parent_id, name) "
                                                "VALUES (13, 11, 'new team')"))
    waited = wait_until_blocked(admin, inserter.get_backend_pid())
    try:
        one(holder, "DELETE FROM isms.org_unit WHERE id = 11")
        holder.commit()
        holder_ok = None
    except psycopg2.Error as e:
        holder.rollback()
        holder_ok = e.pgcode
    t.join(30)
    code, constraint, message = result.get("value", ("timeout", None, ""))
    inserter.rollback() if code else inserter.commit()
    check("an insert under a unit being deleted waits before writing, then meets the foreign key",
          waited and holder_ok is None and code == "23503", f"holder {holder_ok}, insert {code} {message}")
    holder.close()
    inserter.close()

    # the lock cannot be taken from SQL: a session holding the advisory
    # lock with the same numbers does not hold up an edge
    holder, writer = connect(), connect()
    one(holder, "SELECT pg_advisory_lock(1769172339, 'isms.org_unit'::regclass::oid::int)")
    t, result = in_thread(lambda: one(writer, "UPDATE isms.org_unit SET parent_id = 8 WHERE id = 9"))
    t.join(10)
    code, _, message = result.get("value", ("still waiting", None, ""))
    writer.rollback() if code else writer.commit()
    one(holder, "SELECT pg_advisory_unlock_all()")
    holder.commit()
    check("pg_advisory_lock() with the same numbers does not hold up an edge", code is None,
          f"{code} {message}")
    holder.close()
    writer.close()

    cycles = one(setup, """
        WITH RECURSIVE up(start, n, depth) AS (
            SELECT id, parent_id, 1 FROM isms.org_unit WHERE parent_id IS NOT NULL
            UNION ALL
            SELECT up.start, u.parent_id, depth + 1 FROM up JOIN isms.org_unit u ON u.id = up.n
             WHERE u.parent_id IS NOT NULL AND depth < 10)
        SELECT count(*) FROM up WHERE n = start""")[0]
    edges = one(setup, "SELECT string_agg(id || '>' || parent_id, ' ' ORDER BY id) FROM isms.org_unit "
                       "WHERE parent_id IS NOT NULL")[0]
    check("no unit is its own ancestor", cycles == 0, f"{cycles} cycles")
    check("the edges that were kept", edges == "1>2 3>4 6>5 7>9 8>10 9>8", edges)


if __name__ == "__main__":
    sys.exit(pgsessions.run_in_own_database(DB, main))
