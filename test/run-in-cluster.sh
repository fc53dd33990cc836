#!/bin/bash
# Runs inside a cluster (PG* set): the pg_regress suite, then every test
# under test/t/ (executables; exit 0 passes, 77 skips, anything else fails).
# Prints one line per test ("ok: ...", "skip: ...: why", "FAILED: ..."); a
# failed test's own output follows its line.  Ends with the summary line
# "N passed, N failed, N skipped", or writes it to $ISMS_SUMMARY when that is
# set (test/run.sh prints it last, once the cluster is gone).
set -u
cd "$(dirname "$0")/.."
PG_CONFIG=${PG_CONFIG:-pg_config}
passed=0 failed=0 skipped=0
export PGDATABASE=${PGDATABASE:-postgres}
export PYTHONDONTWRITEBYTECODE=1	# no __pycache__ in test/t

rm -f regression.diffs output_iso/regression.diffs
make -s PG_CONFIG="$PG_CONFIG" installcheck >test/regress.log 2>&1
# pg_regress's result lines, in both of its formats (PostgreSQL 16 and later
# print TAP, "ok 1 - name 12 ms"; earlier "test name ... ok 12 ms" and, in a
# parallel group, "     name ... ok"), as "ok: name" or "FAILED: name".
sed -nE \
	-e 's/^ok [0-9]+ +[-+] +([a-z_0-9]+) +([0-9]+ ms).*/ok: \1 (\2)/p' \
	-e 's/^not ok [0-9]+ +[-+] +([a-z_0-9]+).*/FAILED: \1/p' \
	-e 's/^(test |     )([a-z_0-9]+) +\.\.\. ok +([0-9]+ ms).*/ok: \2 (\3)/p' \
	-e 's/^(test |     )([a-z_0-9]+) +\.\.\. FAILED.*/FAILED: \2/p' \
	test/regress.log
p=$(grep -cE '^(ok [0-9]|test .*\.\.\. ok|     [a-z_0-9]+ +\.\.\. ok)' test/regress.log || true)
f=$(grep -cE '^(not ok [0-9]|test .*\.\.\. FAILED|     [a-z_0-9]+ +\.\.\. FAILED)' test/regress.log || true)
n=$(make -s PG_CONFIG="$PG_CONFIG" -f Makefile print-tests 2>/dev/null | wc -w)
for spec in $(make -s PG_CONFIG="$PG_CONFIG" -f Makefile print-isolation-skipped 2>/dev/null); do
	echo "skip: $spec: this PostgreSQL's server dev package ships no pg_isolation_regress, so the isolation specs cannot run"
	skipped=$((skipped + 1))
done
passed=$((passed + p)); failed=$((failed + f))
if [ $((p + f)) -lt "$n" ]; then
	echo "FAILED: pg_regress ran $((p + f)) of $n tests; its output:"
	failed=$((failed + n - p - f))
	sed 's/^/    /' test/regress.log
fi
for d in regression.diffs output_iso/regression.diffs; do
	if [ -f "$d" ]; then
		echo "=== $d"
		cat "$d"
	fi
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in test/t/*; do
	[ -f "$t" ] && [ -x "$t" ] || continue	# helpers (pgsessions.py) are not executable
	start=$(date +%s)
	"$t" >"$log" 2>&1 </dev/null
	rc=$?
	secs=$(( $(date +%s) - start ))
	case $rc in
	0) echo "ok: $t (${secs}s)"; passed=$((passed + 1)) ;;
	77)
		why=$(sed -n 's/^skip: //p' "$log" | tail -1)
		echo "skip: $t: ${why:-the test gave no reason}"
		skipped=$((skipped + 1)) ;;
	*)
		echo "FAILED: $t (exit $rc); its output:"
		sed 's/^/    /' "$log"
		failed=$((failed + 1)) ;;
	esac
done

summary="$passed passed, $failed failed, $skipped skipped"
if [ -n "${ISMS_SUMMARY:-}" ]; then
	echo "$summary" >"$ISMS_SUMMARY"
else
	echo "$summary"
fi
[ "$failed" -eq 0 ]
