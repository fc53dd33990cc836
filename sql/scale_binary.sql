\i sql/fixtures/begin.sql
-- Binary send/recv: the wire format is the 16-bit value, big-endian
-- (bits 0-3 level, 4-7 scale size, 8-9 kind: 0 resolved, 1 bare, 2 label).
SET search_path = isms, public;

SELECT likelihood_send('3/5') AS resolved, likelihood_send('3') AS bare,
       likelihood_send('possible') AS label, impact_send('7/10') AS ten,
       risk_level_send('high/3') AS three, risk_level_send('critical') AS critical;

CREATE TABLE bin_src (l likelihood, i impact(10), r risk_level(3), d risk_level);
INSERT INTO bin_src
SELECT (1 + g % 5)::likelihood, (1 + g % 10)::impact(10), (1 + g % 3)::risk_level(3),
       (ARRAY['low', '2/3', '5/5', '4', 'critical'])[1 + g % 5]::risk_level
  FROM generate_series(1, 100) g;
INSERT INTO bin_src VALUES ('almost_certain', '1/10', 'high', '10/10'), ('7', '10', 'low', 'medium');

\copy bin_src TO 'results/scale_binary.bin' (FORMAT binary)
CREATE TABLE bin_dst (LIKE bin_src);
\copy bin_dst FROM 'results/scale_binary.bin' (FORMAT binary)
SELECT count(*) AS rows_back FROM bin_dst;
-- every row comes back equal, and with the same text
SELECT count(*) AS missing FROM (
  SELECT l::text, i::text, r::text, d::text FROM bin_src
  EXCEPT ALL
  SELECT l::text, i::text, r::text, d::text FROM bin_dst) x;
SELECT count(*) AS unequal FROM (
  SELECT row_number() OVER () AS n, * FROM bin_src) a
  JOIN (SELECT row_number() OVER () AS n, * FROM bin_dst) b USING (n)
 WHERE a.l <> b.l OR a.i <> b.i OR a.r <> b.r OR a.d <> b.d;

-- recv validates exactly like text input: feed it 2-byte values from a smallint column
CREATE TABLE raw (v smallint);
CREATE TABLE recv_t (l likelihood);
CREATE TABLE recv4_t (l likelihood(4));
INSERT INTO raw VALUES (x'0054'::int);	-- 4/5 resolved
\copy raw TO 'results/scale_raw.bin' (FORMAT binary)
\copy recv_t FROM 'results/scale_raw.bin' (FORMAT binary)
SELECT l FROM recv_t;
-- a value on another scale than the column's
\copy recv4_t FROM 'results/scale_raw.bin' (FORMAT binary)
-- level 0, level above the scale, scale 1, scale 11, kind 3, reserved bits, a bare level
-- with a scale other than the default, a label kind that is not a label
TRUNCATE raw;
INSERT INTO raw VALUES (x'0050'::int);
\copy raw TO 'results/scale_raw.bin' (FORMAT binary)
\copy recv_t FROM 'results/scale_raw.bin' (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES (x'0056'::int);
\copy raw TO 'results/scale_raw.bin' (FORMAT binary)
\copy recv_t FROM 'results/scale_raw.bin' (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES (x'0011'::int);
\copy raw TO 'results/scale_raw.bin' (FORMAT binary)
\copy recv_t FROM 'results/scale_raw.bin' (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES (x'00B1'::int);
\copy raw TO 'results/scale_raw.bin' (FORMAT binary)
\copy recv_t FROM 'results/scale_raw.bin' (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES (x'0353'::int);
\copy raw TO 'results/scale_raw.bin' (FORMAT binary)
\copy recv_t FROM 'results/scale_raw.bin' (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES (x'0453'::int);
\copy raw TO 'results/scale_raw.bin' (FORMAT binary)
\copy recv_t FROM 'results/scale_raw.bin' (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES (x'0143'::int);
\copy raw TO 'results/scale_raw.bin' (FORMAT binary)
\copy recv_t FROM 'results/scale_raw.bin' (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES (x'02A7'::int);
\copy raw TO 'results/scale_raw.bin' (FORMAT binary)
\copy recv_t FROM 'results/scale_raw.bin' (FORMAT binary)
-- a label kind whose word is found first on the default scale is not canonical
TRUNCATE raw;
INSERT INTO raw VALUES (x'0233'::int);
\copy raw TO 'results/scale_raw.bin' (FORMAT binary)
CREATE TABLE recv_r (r risk_level);
\copy recv_r FROM 'results/scale_raw.bin' (FORMAT binary)
-- a value of the wrong length
CREATE TABLE raw4 (v integer);
INSERT INTO raw4 VALUES (84);
\copy raw4 TO 'results/scale_raw.bin' (FORMAT binary)
\copy recv_t FROM 'results/scale_raw.bin' (FORMAT binary)
SELECT count(*) AS rows_after_errors FROM recv_t;

DROP TABLE bin_src, bin_dst, raw, raw4, recv_t, recv4_t, recv_r;
\i sql/fixtures/end.sql
