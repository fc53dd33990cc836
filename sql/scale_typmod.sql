\i sql/fixtures/begin.sql
-- Type modifiers: a column's scale.
SET search_path = isms, public;

CREATE TABLE typmod_t (
	id serial PRIMARY KEY,
	l likelihood(4),
	i impact(10),
	r risk_level(3),
	d likelihood
);
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
 WHERE attrelid = 'typmod_t'::regclass AND attnum > 1 ORDER BY attnum;

-- a bare number is a level on the column's scale; a label is that scale's label
INSERT INTO typmod_t (l, i, r, d) VALUES ('3', '7', 'high', '3');
INSERT INTO typmod_t (l, i, r, d) VALUES ('frequent', '10/10', '1', 'likely');
INSERT INTO typmod_t (l, i, r, d) VALUES (2::likelihood(4), 9::impact(10), 'medium/3', '7');
-- the same through UPDATE and a prepared statement
UPDATE typmod_t SET r = 'low' WHERE id = 1;
PREPARE ins(likelihood(4), impact(10), risk_level(3)) AS INSERT INTO typmod_t (l, i, r) VALUES ($1, $2, $3);
EXECUTE ins('remote', '5', 'medium');
SELECT id, l, i, r, d, scale(l) AS ls, scale(i) AS is, scale(r) AS rs, scale(d) AS ds FROM typmod_t ORDER BY id;

-- COPY passes the column's type modifier to the input function
COPY typmod_t (l, i, r, d) FROM stdin;
2	4	medium	unlikely
probable	1/10	high/3	5/5
\.
SELECT id, l, i, r, d FROM typmod_t WHERE id > 4 ORDER BY id;

-- the cast also resolves
SELECT 'probable'::likelihood(4), '3'::likelihood(4), 'high'::risk_level(3), 'low'::risk_level(5), '9'::impact(10);

-- a value on another scale is an error, not a silent conversion
INSERT INTO typmod_t (l) VALUES ('3/5');
INSERT INTO typmod_t (l) VALUES ('likely');
INSERT INTO typmod_t (l) VALUES ('5');
INSERT INTO typmod_t (i) VALUES ('critical');
INSERT INTO typmod_t (r) VALUES ('critical');
UPDATE typmod_t SET l = d WHERE id = 1;
COPY typmod_t (l) FROM stdin;
possible
\.
COPY typmod_t (l) FROM stdin;
5
\.
SELECT '2/5'::likelihood(4);
SELECT 'critical'::risk_level(3);
\set VERBOSITY sqlstate
INSERT INTO typmod_t (l) VALUES ('3/5');
INSERT INTO typmod_t (l) VALUES ('possible');
INSERT INTO typmod_t (l) VALUES ('5');
\set VERBOSITY default

-- invalid type modifiers
CREATE TABLE bad_typmod (l likelihood(1));
CREATE TABLE bad_typmod (l likelihood(11));
CREATE TABLE bad_typmod (l likelihood(3, 4));
\set VERBOSITY sqlstate
CREATE TABLE bad_typmod (l impact(0));
\set VERBOSITY default

-- a scale without labels: output k/N, and labels are rejected
SELECT '6'::likelihood(7), '7'::risk_level(7);
SELECT 'likely'::likelihood(7);

-- indexes: btree (incl. min/max via index) and hash
CREATE TABLE idx_t AS SELECT (1 + g % 5)::likelihood AS l, g FROM generate_series(1, 1000) g;
CREATE INDEX idx_t_l ON idx_t (l);
CREATE INDEX idx_t_h ON idx_t USING hash (l);
ANALYZE idx_t;
SET enable_seqscan = off;
SELECT count(*) FROM idx_t WHERE l = 'likely';
SELECT count(*) FROM idx_t WHERE l >= 'likely';
SET enable_bitmapscan = off;
SELECT min(l), max(l) FROM idx_t;
RESET enable_bitmapscan;
RESET enable_seqscan;
-- merge and hash joins
SET enable_nestloop = off;
SET enable_hashjoin = off;
SELECT count(*) FROM idx_t a JOIN (VALUES ('3/5'::likelihood), ('possible')) b(l) ON a.l = b.l;
SET enable_hashjoin = on;
SET enable_mergejoin = off;
SELECT count(*) FROM idx_t a JOIN (VALUES ('3/5'::likelihood), ('possible')) b(l) ON a.l = b.l;
RESET enable_nestloop;
RESET enable_hashjoin;
RESET enable_mergejoin;

DROP TABLE typmod_t, idx_t;
\i sql/fixtures/end.sql
