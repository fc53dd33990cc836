#!/bin/bash
# pg_dump and restore of the risk methodology's data: user matrices (the
# shipped one is left out and recreated by CREATE EXTENSION), the default
# choice, versions, appetite, impact-area ranking,
# and the identity sequences (new rows after a restore get fresh ids).
set -eu
bindir=$("${PG_CONFIG:-pg_config}" --bindir)
src=isms_method_dump_src
dst=isms_method_dump_dst
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
psql() { PGOPTIONS='-c client_min_messages=warning' "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

psql -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" \
	-c "CREATE DATABASE $src" -c "CREATE DATABASE $dst"

psql -d "$src" >/dev/null <<'SQL'
CREATE EXTENSION isms;
INSERT INTO isms.organization (name) VALUES ('Dump Org');
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid, is_default)
VALUES ('ours', 3, 3, 3, '{{1,1,2},{1,2,3},{2,3,3}}', true);
SELECT isms.supersede_matrix(id, '{{1,2,2},{2,2,3},{2,3,3}}') FROM isms.risk_matrix WHERE name = 'ours';
INSERT INTO isms.risk (title, matrix_id, inherent_likelihood, inherent_impact, inherent_level)
SELECT 'r1', m.id, '2/3', '3/3', isms.risk_level('2/3', '3/3', m.id)
  FROM isms.risk_matrix m WHERE name = 'ours' AND version = 2;
INSERT INTO isms.risk_appetite (max_level, rationale) VALUES ('medium/3', 'board');
SELECT count(*) FROM isms.octave_rank_impact_areas('financial', 'customer_data');
SQL

report() {
	psql -d "$1" -A -t <<'SQL'
SELECT name, version, is_default, seeded, grid::text,
	   (SELECT s.name || ' v' || s.version FROM isms.risk_matrix s WHERE s.id = m.supersedes)
  FROM isms.risk_matrix m ORDER BY name, version;
SELECT title, inherent_level, (SELECT name || ' v' || version FROM isms.risk_matrix WHERE id = matrix_id)
  FROM isms.risk ORDER BY title;
SELECT max_level, rationale, isms.within_appetite('2/3') FROM isms.risk_appetite;
SELECT name, priority, user_defined FROM isms.octave_impact_area ORDER BY priority;
SELECT isms.risk_level('2/3', '2/3') AS default_lookup;
SQL
}

report "$src" >"$tmp/before"
# (pg_dump warns about the self-referencing foreign keys; harmless for a full dump)
"$bindir/pg_dump" -d "$src" -f "$tmp/dump.sql" 2>"$tmp/pg_dump.log" || { cat "$tmp/pg_dump.log"; exit 1; }
PGOPTIONS='-c session_replication_role=replica -c client_min_messages=warning' \
	"$bindir/psql" -X -q -v ON_ERROR_STOP=1 -d "$dst" -f "$tmp/dump.sql" >/dev/null
report "$dst" >"$tmp/after"
if ! diff -u "$tmp/before" "$tmp/after"; then
	echo "restore differs from the original"
	exit 1
fi
# the shipped matrix is not in the dump (CREATE EXTENSION brings it back)
if grep -qP '^\d+\tdefault\t' "$tmp/dump.sql"; then
	echo "the seeded matrix was dumped"
	exit 1
fi
grep -qP '^\d+\tours\t2\t' "$tmp/dump.sql" || { echo "user matrix missing from the dump"; exit 1; }
# new rows after the restore get fresh ids
psql -d "$dst" >/dev/null <<'SQL'
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('after restore', 2, 2, 2, '{{1,1},{1,2}}');
INSERT INTO isms.risk_appetite (category, max_level) VALUES ('fraud', 'low/3');
INSERT INTO isms.octave_impact_area (name, priority) VALUES ('productivity', 3);
SQL
cat "$tmp/after"
psql -d postgres -c "DROP DATABASE $src" -c "DROP DATABASE $dst"
echo "dump and restore: ok"
