\i sql/fixtures/begin.sql
-- Index consistency: a btree over 100,000 random values of mixed scales and
-- kinds passes amcheck's parent check, and index order equals sort order.
SET search_path = isms, public;
CREATE EXTENSION amcheck;
SELECT setseed(0.4242);
CREATE TABLE amcheck_t AS
SELECT CASE (random() * 3)::int
         WHEN 0 THEN format('%s/%s', 1 + (random() * (n - 1))::int, n)   -- resolved
         WHEN 1 THEN (1 + (random() * 9)::int)::text                      -- bare, up to 10
         ELSE (ARRAY['rare','unlikely','possible','likely','almost_certain','low','medium',
                     'high','improbable','remote','probable','frequent'])[1 + (random() * 11)::int]
       END::likelihood AS l,
       g
  FROM generate_series(1, 100000) g, LATERAL (SELECT 2 + (random() * 8)::int + 0 * g AS n) s;
SELECT count(*), count(DISTINCT l) AS distinct_values, count(DISTINCT scale(l)) AS scales FROM amcheck_t;
CREATE INDEX amcheck_t_l ON amcheck_t (l);
SELECT bt_index_parent_check('amcheck_t_l', true);
SELECT bt_index_check('amcheck_t_l', true);
-- the index scan returns the same order as an explicit sort on the comparison function
SET enable_seqscan = off;
SET enable_bitmapscan = off;
CREATE TEMP TABLE by_index AS SELECT row_number() OVER () AS n, l FROM (SELECT l FROM amcheck_t ORDER BY l) s;
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT count(*) AS out_of_order FROM by_index a JOIN by_index b ON b.n = a.n + 1
 WHERE likelihood_cmp(a.l, b.l) > 0;
-- the order is total: antisymmetric and consistent with equality on a sample
SELECT count(*) AS inconsistent
  FROM (SELECT l FROM amcheck_t LIMIT 300) a, (SELECT l FROM amcheck_t LIMIT 300 OFFSET 300) b
 WHERE likelihood_cmp(a.l, b.l) <> -likelihood_cmp(b.l, a.l)
    OR (likelihood_cmp(a.l, b.l) = 0) <> (a.l = b.l)
    OR (a.l = b.l AND likelihood_hash(a.l) <> likelihood_hash(b.l));
DROP TABLE amcheck_t;
DROP EXTENSION amcheck;
\i sql/fixtures/end.sql
