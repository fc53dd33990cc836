#!/usr/bin/python3
"""risk.matrix_id under concurrency.  The reference from a risk to the
matrix version that scored it is kept by the workflow trigger (which locks
the matrix row FOR SHARE, once per statement) and by the matrix guard
(which asks isms.risk_matrix_in_use() with the latest snapshot once it
holds the row lock), not by a foreign key.  It must hold as a foreign key
would, in two sessions:

1. A risk being written with matrix M: deleting M waits for it, then fails
   (object_in_use) once the risk commits -- also in REPEATABLE READ, whose
   snapshot is older than that commit.
2. The same, and the risk's transaction rolls back: the deletion succeeds.
3. Changing M's grid while a risk being written records it: waits, then
   fails (the foreign key's KEY SHARE lock would have let it through).
4. M being deleted: a risk naming M waits, then fails with 23503 once the
   deletion commits (READ COMMITTED), or 40001 (REPEATABLE READ), as a
   foreign key's check does.
5. M's grid being changed: a risk naming M (or taking M as the default
   matrix) waits, then is scored with the new grid, the version that stays
   (READ COMMITTED; the statement's snapshot still shows the old grid).
6. The default being switched from M to N: a risk taking the default
   waits, then records N (not the shipped matrix, which a single locking
   query would have taken after M dropped out).

Runs in a database of its own; exit 0 passes.
"""
import os
import sys

try:
    import pgsessions
except ImportError:
    print("skip: python3-psycopg2 is not installed")
    sys.exit(77)
from pgsessions import check, in_thread, one, wait_until_blocked

DB = f"isms_matrix_reference_{os.getpid()}"
GRID = "{{1,1,2},{1,2,3},{2,3,3}}"


def connect(isolation="READ COMMITTED"):
    return pgsessions.connect(DB, isolation)


def new_matrix(setup, mid):
    one(setup, "INSERT INTO isms.risk_matrix (id, name, likelihood_levels, impact_levels, level_scale, grid) "
               "VALUES (%s, %s, 3, 3, 3, %s)", (mid, f"m{mid}", GRID))


def risk_then_matrix(admin, setup, mid, isolation, writer_ends, matrix_sql, expect):
    """A risk recording matrix mid is written first; matrix_sql waits for it."""
    new_matrix(setup, mid)
    writer, other = connect(), connect(isolation)
    one(other, "SELECT 1")  # REPEATABLE READ: the snapshot is taken now
    one(writer, "INSERT INTO isms.risk (title, matrix_id, inherent_likelihood, inherent_impact) "
                "VALUES (%s, %s, '2/3', '2/3')", (f"risk on m{mid}", mid))
    t, result = in_thread(lambda: one(other, matrix_sql, (mid,)))
    waited = wait_until_blocked(admin, other.get_backend_pid())
    writer.rollback() if writer_ends == "rollback" else writer.commit()
    t.join(30)
    code, _, message = result.get("value", ("timeout", None, ""))
    other.rollback() if code else other.commit()
    check(f"{isolation}: {matrix_sql.split()[0]} of a matrix a risk is recording ({writer_ends}) "
          f"waits, then {expect or 'succeeds'}", waited and code == expect, f"{code} {message}")
    writer.close()
    other.close()


def matrix_then_risk(admin, setup, mid, isolation, expect):
    """Matrix mid is being deleted first; a risk naming it waits."""
    new_matrix(setup, mid)
    deleter, writer = connect(), connect(isolation)
    one(writer, "SELECT 1")
    one(deleter, "DELETE FROM isms.risk_matrix WHERE id = %s", (mid,))
    t, result = in_thread(lambda: one(writer, "INSERT INTO isms.risk (title, matrix_id) VALUES ('late', %s)",
                                      (mid,)))
    waited = wait_until_blocked(admin, writer.get_backend_pid())
    deleter.commit()
    t.join(30)
    code, _, message = result.get("value", ("timeout", None, ""))
    writer.rollback()
    check(f"{isolation}: a risk naming a matrix being deleted waits, then fails with {expect}",
          waited and code == expect, f"{code} {message}")
    deleter.close()
    writer.close()


def regrid_then_risk(admin, setup, mid, by_default):
    """Matrix mid's grid is being changed first; a risk on mid waits."""
    new_matrix(setup, mid)
    if by_default:
        one(setup, "UPDATE isms.risk_matrix SET is_default = true WHERE id = %s", (mid,))
    changer, writer = connect(), connect()
    one(writer, "SELECT 1")
    one(changer, "UPDATE isms.risk_matrix SET grid = '{{3,3,3},{3,3,3},{3,3,3}}' WHERE id = %s", (mid,))
    column, value = ("", "") if by_default else (", matrix_id", f", {mid}")
    result_level = []
    t, result = in_thread(lambda: result_level.append(one(
        writer, f"INSERT INTO isms.risk (title, inherent_likelihood, inherent_impact{column}) "
                f"VALUES ('regridded', '2/3', '2/3'{value}) RETURNING inherent_level::text, matrix_id")))
    waited = wait_until_blocked(admin, writer.get_backend_pid())
    changer.commit()
    t.join(30)
    code, _, message = result.get("value", ("timeout", None, ""))
    writer.rollback() if code else writer.commit()
    got = result_level[0] if result_level else None
    check(f"a risk on a matrix{' (the default)' if by_default else ''} whose grid is being changed waits, "
          f"then is scored with the new grid", waited and code is None and got == ("high/3", mid),
          f"{code} {message} {got}")
    if by_default:
        one(setup, "UPDATE isms.risk_matrix SET is_default = false WHERE id = %s", (mid,))
    changer.close()
    writer.close()


def default_switch(admin, setup, old_id, new_id):
    """The default moves from old_id to new_id while a risk takes the default."""
    new_matrix(setup, old_id)
    new_matrix(setup, new_id)
    one(setup, "UPDATE isms.risk_matrix SET is_default = true WHERE id = %s", (old_id,))
    switcher, writer = connect(), connect()
    one(writer, "SELECT 1")
    one(switcher, "UPDATE isms.risk_matrix SET is_default = true WHERE id = %s", (new_id,))
    got = []
    t, result = in_thread(lambda: got.append(one(
        writer, "INSERT INTO isms.risk (title, inherent_likelihood, inherent_impact) "
                "VALUES ('switched', '2/3', '2/3') RETURNING matrix_id")))
    waited = wait_until_blocked(admin, writer.get_backend_pid())
    switcher.commit()
    t.join(30)
    code, _, message = result.get("value", ("timeout", None, ""))
    writer.rollback() if code else writer.commit()
    check("a risk taking the default while it moves waits, then records the new default",
          waited and code is None and got == [(new_id,)], f"{code} {message} {got}")
    one(setup, "UPDATE isms.risk_matrix SET is_default = false WHERE id = %s", (new_id,))
    switcher.close()
    writer.close()


def main(admin, setup):
    one(setup, "INSERT INTO isms.organization (name) VALUES ('Reference Org')")

    delete = "DELETE FROM isms.risk_matrix WHERE id = %s"
    regrid = "UPDATE isms.risk_matrix SET grid = '{{1,2,2},{2,2,3},{2,3,3}}' WHERE id = %s"
    risk_then_matrix(admin, setup, 990001, "READ COMMITTED", "commit", delete, "55006")
    risk_then_matrix(admin, setup, 990002, "REPEATABLE READ", "commit", delete, "55006")
    risk_then_matrix(admin, setup, 990003, "READ COMMITTED", "rollback", delete, None)
    risk_then_matrix(admin, setup, 990004, "READ COMMITTED", "commit", regrid, "55006")
    risk_then_matrix(admin, setup, 990005, "REPEATABLE READ", "commit", regrid, "55006")
    matrix_then_risk(admin, setup, 990006, "READ COMMITTED", "23503")
    matrix_then_risk(admin, setup, 990007, "REPEATABLE READ", "40001")
    regrid_then_risk(admin, setup, 990008, False)
    regrid_then_risk(admin, setup, 990009, True)
    default_switch(admin, setup, 990010, 990011)

    # every risk names an existing matrix, and the matrices deleted are gone
    dangling = one(setup, "SELECT count(*) FROM isms.risk r WHERE r.matrix_id IS NOT NULL AND NOT EXISTS "
                          "(SELECT FROM isms.risk_matrix m WHERE m.id = r.matrix_id)")[0]
    gone = one(setup, "SELECT array_agg(u.x ORDER BY u.x) FROM unnest(ARRAY[990001, 990002, 990003, 990004, "
                      "990005, 990006, 990007]::bigint[]) u(x) "
                      "WHERE NOT EXISTS (SELECT FROM isms.risk_matrix m WHERE m.id = u.x)")[0]
    check("no risk names a matrix that does not exist", dangling == 0, f"{dangling} dangling")
    check("exactly the unused matrices were deleted", gone == [990003, 990006, 990007], str(gone))


if __name__ == "__main__":
    sys.exit(pgsessions.run_in_own_database(DB, main))
