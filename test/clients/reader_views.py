"""The psycopg client of test/t/client_reader.sh: logged in as a reader of
one organization, reads every view of isms it may read and prints, per view,
its rows and how many belong to another organization.
Run: python3 reader_views.py DSN ORG"""
import sys

import psycopg2

conn = psycopg2.connect(sys.argv[1])
org = int(sys.argv[2])
cur = conn.cursor()
cur.execute("""SELECT c.relname, EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid
                                          AND a.attname = 'org_id' AND NOT a.attisdropped)
                 FROM pg_class c WHERE c.relnamespace = 'isms'::regnamespace AND c.relkind = 'v'
                  AND has_table_privilege(c.oid, 'SELECT') ORDER BY 1""")
for name, has_org in cur.fetchall():
    if has_org:
        cur.execute(f'SELECT count(*), count(*) FILTER (WHERE org_id IS DISTINCT FROM %s) FROM isms.{name}',
                    (org,))
    else:
        cur.execute(f'SELECT count(*), 0 FROM isms.{name}')
    rows, foreign = cur.fetchone()
    print(name, rows, foreign)
conn.close()
