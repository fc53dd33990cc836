#!/bin/bash
# sqlsmith in make test: 20,000 random queries against the demo as a role
# with only USAGE and SELECT, 0 crashes (test/fuzz/sqlsmith.sh; also
# `make fuzz` on its own).  About 6 minutes on 2 cores.
cd "$(dirname "$0")/../.."
ISMS_IN_CLUSTER=1 exec test/fuzz/sqlsmith.sh
