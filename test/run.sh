#!/bin/bash
# `make test`: set up, build with -Werror, install, and run every test on a
# throw-away cluster.  Ends with "N passed, N failed".
set -eu
cd "$(dirname "$0")/.."
test/setup.sh
export PG_CONFIG=${PG_CONFIG:-pg_config}
make -s PG_CONFIG="$PG_CONFIG" PG_CFLAGS="-Wall -Wextra -Werror" all
make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
test/with-cluster.sh test/run-in-cluster.sh
