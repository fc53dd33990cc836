#!/usr/bin/python3
"""An OSCAL import in READ COMMITTED that meets a control another session
inserted, identical to the catalog's, and committed after the import
started: the import waits for it, then finds it (by a new statement, as
its upsert leaves an identical row as it is and its own snapshot predates
the row) and succeeds, with one row for the control.

Runs in a database of its own; exit 0 passes, 77 skips.
"""
import os
import sys

try:
    import pgsessions
except ImportError:
    print("skip: python3-psycopg2 is not installed")
    sys.exit(77)
from pgsessions import check, in_thread, one, wait_until_blocked

DB = f"isms_oscal_sessions_{os.getpid()}"
SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "oscal_sample.xml")


def main(admin, setup):
    with open(SAMPLE, encoding="utf-8") as f:
        doc = f.read()
    one(setup, "SELECT * FROM isms.import_oscal_catalog(%s)", (doc,))
    one(setup, "CREATE TABLE public.saved AS SELECT * FROM isms.control WHERE ident = 'org-3'")
    one(setup, "DELETE FROM isms.control WHERE ident = 'org-3'")

    inserter, importer = pgsessions.connect(DB), pgsessions.connect(DB)
    one(inserter, "INSERT INTO isms.control SELECT * FROM public.saved")
    t, result = in_thread(lambda: one(importer, "SELECT * FROM isms.import_oscal_catalog(%s)", (doc,)))
    waited = wait_until_blocked(admin, importer.get_backend_pid())
    inserter.commit()
    t.join(30)
    code, _, message = result.get("value", ("timeout", None, ""))
    importer.rollback() if code else importer.commit()
    check("the import waits for the concurrent control, then succeeds", waited and code is None,
          f"{code} {message}")
    rows = one(setup, "SELECT count(*) FROM isms.control WHERE ident = 'org-3'")[0]
    check("one row for the control", rows == 1, f"{rows} rows")
    inserter.close()
    importer.close()


if __name__ == "__main__":
    sys.exit(pgsessions.run_in_own_database(DB, main))
