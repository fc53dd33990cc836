#!/bin/bash
# Issue: sum(isms.risk_score(l, i)) over 5,000,000 rows of likelihood/impact
# against sum(l * i) over the same rows stored as integer, single worker.
# Target: ratio at most 1.2.  Best of 3 runs of each, interleaved.
set -eu
ROWS=${ISMS_BENCH_ROWS:-5000000}
psql -X -q -v ON_ERROR_STOP=1 <<SQL
SET max_parallel_workers_per_gather = 0;
CREATE TABLE bench_scale AS
SELECT (1 + g % 5)::isms.likelihood AS l, (1 + (g / 5) % 5)::isms.impact AS i,
       1 + g % 5 AS li, 1 + (g / 5) % 5 AS ii
  FROM generate_series(1, $ROWS) g;
VACUUM ANALYZE bench_scale;
SQL
result=$(psql -X -q -At -v ON_ERROR_STOP=1 <<'SQL'
SET max_parallel_workers_per_gather = 0;
DO $$
DECLARE
	t0 timestamptz; best_typed float8 := 'Infinity'; best_int float8 := 'Infinity';
	a bigint; b bigint;
BEGIN
	PERFORM count(*) FROM bench_scale;			-- warm the cache
	FOR n IN 1..3 LOOP
		t0 := clock_timestamp();
		SELECT sum(isms.risk_score(l, i)) INTO a FROM bench_scale;
		best_typed := least(best_typed, extract(epoch FROM clock_timestamp() - t0));
		t0 := clock_timestamp();
		SELECT sum(li * ii) INTO b FROM bench_scale;
		best_int := least(best_int, extract(epoch FROM clock_timestamp() - t0));
	END LOOP;
	IF a <> b THEN
		RAISE EXCEPTION 'sums differ: % and %', a, b;
	END IF;
	RAISE NOTICE 'rows % sum %', (SELECT count(*) FROM bench_scale), a;
	RAISE NOTICE 'sum(isms.risk_score(l, i)): % ms', round(best_typed::numeric * 1000, 1);
	RAISE NOTICE 'sum(l * i) on integer:      % ms', round(best_int::numeric * 1000, 1);
	RAISE NOTICE 'ratio: % (target <= 1.2)', round((best_typed / best_int)::numeric, 3);
END $$;
DROP TABLE bench_scale;
SQL
)
echo "$result"
