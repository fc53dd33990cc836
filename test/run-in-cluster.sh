#!/bin/bash
# Runs inside a cluster (PG* set): the pg_regress suite, then every test
# under test/t/ (executables; exit 0 passes, 77 skips, anything else fails).
set -u
cd "$(dirname "$0")/.."
PG_CONFIG=${PG_CONFIG:-pg_config}
passed=0 failed=0 skipped=0
export PGDATABASE=${PGDATABASE:-postgres}
export PYTHONDONTWRITEBYTECODE=1	# no __pycache__ in test/t

rm -f regression.diffs output_iso/regression.diffs
make -s PG_CONFIG="$PG_CONFIG" installcheck >test/regress.log 2>&1
cat test/regress.log
p=$(grep -cE '^(ok [0-9]|test .*\.\.\. ok|     [a-z_0-9]+ +\.\.\. ok)' test/regress.log || true)
f=$(grep -cE '^(not ok [0-9]|test .*\.\.\. FAILED|     [a-z_0-9]+ +\.\.\. FAILED)' test/regress.log || true)
n=$(make -s PG_CONFIG="$PG_CONFIG" -f Makefile print-tests 2>/dev/null | wc -w)
iso_skipped=$(make -s PG_CONFIG="$PG_CONFIG" -f Makefile print-isolation-skipped 2>/dev/null | wc -w)
if [ "$iso_skipped" -gt 0 ]; then
	echo "skipped: $iso_skipped isolation specs: this PostgreSQL's server dev package has no pg_isolation_regress"
	skipped=$((skipped + iso_skipped))
fi
passed=$((passed + p)); failed=$((failed + f))
if [ $((p + f)) -lt "$n" ]; then
	echo "pg_regress ran $((p + f)) of $n tests"
	failed=$((failed + n - p - f))
fi
if [ -f regression.diffs ]; then
	echo "=== regression.diffs ==="
	cat regression.diffs
fi
if [ -f output_iso/regression.diffs ]; then
	echo "=== output_iso/regression.diffs ==="
	cat output_iso/regression.diffs
fi

for t in test/t/*; do
	[ -f "$t" ] && [ -x "$t" ] || continue	# helpers (pgsessions.py) are not executable
	echo "=== $t"
	start=$(date +%s)
	"$t"
	rc=$?
	secs=$(( $(date +%s) - start ))
	case $rc in
	0) echo "ok: $t (${secs}s)"; passed=$((passed + 1)) ;;
	77) echo "skipped: $t"; skipped=$((skipped + 1)) ;;
	*) echo "FAILED: $t (exit $rc)"; failed=$((failed + 1)) ;;
	esac
done

echo "$passed passed, $failed failed, $skipped skipped"
[ -n "${ISMS_SUMMARY:-}" ] && echo "$passed passed, $failed failed, $skipped skipped" >"$ISMS_SUMMARY"
[ "$failed" -eq 0 ]
