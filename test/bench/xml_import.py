#!/usr/bin/python3
"""Issue: import of the NIST SP 800-53 rev5 OSCAL catalog (2.1 MB) in at most
1 s, and of example.nessus (1.4 MB) in at most 0.5 s.  Times each import into
an empty register (first import) and again over the imported rows (the
update path), best of 3, timed at the client with the document sent as a
parameter; prints them with the ratio to the target, and to the baseline
xmlparse(document ...) of the same text, the server's own parse with nothing
stored.  Skips when ../shared/data is absent."""
import os
import sys
import time

import psycopg2

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, '..', 'shared', 'data')

if not os.path.isdir(DATA):
    print(f'skipped: {DATA} is absent')
    sys.exit(0)

conn = psycopg2.connect('')
conn.autocommit = True
cur = conn.cursor()
cur.execute("INSERT INTO isms.organization (name) VALUES ('xml bench') ON CONFLICT DO NOTHING")
cur.execute("SELECT set_config('isms.org_id', id::text, false) FROM isms.organization WHERE name = 'xml bench'")


def timed(sql, args):
    t0 = time.perf_counter()
    cur.execute(sql, args)
    cur.fetchall()
    return time.perf_counter() - t0


def bench(label, path, sql, cleanup, target):
    with open(path, encoding='utf-8') as f:
        doc = f.read()
    size = len(doc.encode('utf-8')) / 1e6
    parse = min(timed('SELECT xmlparse(document %s::text) IS NOT NULL', (doc,)) for _ in range(3))
    first = []
    for _ in range(3):
        cur.execute(cleanup)
        first.append(timed(sql, (doc,)))
    again = min(timed(sql, (doc,)) for _ in range(3))
    first = min(first)
    print(f'{label} ({size:.1f} MB):')
    print(f'  first import   {first:7.3f} s   target {target:.1f} s: ratio {first / target:.2f}'
          f'   baseline xmlparse {parse:.3f} s: ratio {first / parse:.1f}')
    print(f'  import again   {again:7.3f} s   target {target:.1f} s: ratio {again / target:.2f}'
          f'   baseline xmlparse {parse:.3f} s: ratio {again / parse:.1f}')


bench('NIST SP 800-53 rev5 catalog', os.path.join(DATA, 'oscal', 'NIST_SP-800-53_rev5_catalog.xml'),
      "SELECT * FROM isms.import_oscal_catalog(%s, 'NIST SP 800-53 Rev. 5')",
      "DELETE FROM isms.framework WHERE name = 'NIST SP 800-53 Rev. 5'", 1.0)
bench('example.nessus', os.path.join(DATA, 'scanners', 'example.nessus'),
      'SELECT * FROM isms.import_nessus(%s)',
      'DELETE FROM isms.vulnerability WHERE org_id = isms.current_org();'
      ' DELETE FROM isms.asset WHERE org_id = isms.current_org()', 0.5)
