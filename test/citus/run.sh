#!/bin/bash
# `make test-citus`: isms distributed on Citus.  Builds and installs Citus
# 13.2.2 from ../shared/citus when missing (test/citus/build.sh; the build
# is cached in /var/cache/isms-citus), installs isms, and runs each check of
# test/citus/ in a throw-away cluster of its own (a coordinator and two
# workers on loopback ports, test/citus/cluster.sh):
#   compare.sh     the demo on Citus answers as on one server
#   track.sh       history, audit chains and events written on the workers
#   aggregates.sh  the register's aggregates combine on the workers
# Ends with "N passed, N failed" over the checks of all of them.  About 5
# minutes once Citus is built (its build takes 3 to 10 minutes).
set -u
cd "$(dirname "$0")/../.."
test/setup.sh
PG_CONFIG=$(test/setup.sh --pg-config)
export PG_CONFIG
test/citus/build.sh || exit 1
make -s PG_CONFIG="$PG_CONFIG" all && make -s PG_CONFIG="$PG_CONFIG" install >/dev/null || exit 1
passed=0 failed=0
for t in compare track aggregates; do
	[ -x "test/citus/$t.sh" ] || continue
	echo "== test/citus/$t.sh"
	log=$(mktemp)
	test/citus/cluster.sh "test/citus/$t.sh" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
	if [ -n "$counts" ]; then
		passed=$((passed + ${counts%% passed*}))
		f=${counts#*passed, }
		failed=$((failed + ${f%% failed}))
	elif [ "$rc" = 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	rm -f "$log"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
