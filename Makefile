# isms: PGXS build.  `make test`, `make demo` and `make bench` also set up
# what is missing (see test/setup.sh) and run on a throw-away cluster.

PG_CONFIG ?= pg_config

MODULE_big = isms
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
EXTENSION = isms
# 1.0 is released and never changes; each later version is an update script
# from the one before.  The install script of the current version is built:
# the 1.0 script followed by every update script, so that a fresh install and
# an update run the very same statements.
DATA = isms--1.0.sql isms--1.0--1.1.sql
DATA_built = isms--1.1.sql

# pg_regress suite, in this order; the first creates the extension.
REGRESS = \
	init \
	scale_types \
	scale_typmod \
	scale_binary \
	scale_amcheck \
	scale_hostile \
	cvss \
	register_setup \
	register_catalog \
	register_org \
	register_scope_policy \
	register_hr \
	register_asset \
	register_risk \
	register_soa \
	register_operations \
	register_supplier \
	register_incident \
	register_continuity_compliance \
	register_audit_review \
	register_access \
	tenant_keys \
	matrix \
	quant \
	fair \
	fair_portfolio \
	kpi_aggregates \
	aggregate_states \
	treatment_lifecycle \
	treatment_rules \
	treatment_events \
	kpi_views \
	xml_safety \
	xml_oscal \
	xml_scanner \
	xml_svg \
	xml_soa \
	history \
	audit_log \
	audit_chains \
	security \
	hardening \
	access_tenants \
	access_matrix

REGRESS_OPTS = --inputdir=.

# Isolation specs (specs/*.spec, pg_isolation_regress): sessions interleaved
# step by step; installcheck runs them after REGRESS, in a database of their
# own, where each spec removes the rows it made (the audit log and the
# history keep their entries).
# Debian 11's postgresql-server-dev-13 ships no pg_isolation_regress: there
# the specs are skipped (make print-isolation-skipped names them).
ISOLATION_SPECS = \
	iso_audit_chain \
	iso_matrix_reference \
	iso_register_acyclic \
	iso_oscal_import \
	iso_treatment_concurrency \
	iso_event_outbox
ifneq ($(wildcard $(dir $(shell $(PG_CONFIG) --pgxs 2>/dev/null))../../src/test/isolation/pg_isolation_regress),)
ISOLATION = $(ISOLATION_SPECS)
else
ISOLATION_SKIPPED = $(ISOLATION_SPECS)
endif
ISOLATION_OPTS = --load-extension=isms

XML2_CONFIG ?= xml2-config
# The server's headers are system headers to us: -Wextra is for our code.
PG_CPPFLAGS = -I$(srcdir)/src -isystem $(shell $(PG_CONFIG) --includedir-server 2>/dev/null) \
	$(shell $(XML2_CONFIG) --cflags 2>/dev/null)
SHLIB_LINK = $(shell $(XML2_CONFIG) --libs 2>/dev/null) -lm

EXTRA_CLEAN = results regression.diffs regression.out test/output

PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
endif

isms--1.1.sql: isms--1.0.sql isms--1.0--1.1.sql
	{ echo '/* isms--1.1.sql: built by make from isms--1.0.sql and isms--1.0--1.1.sql; edit those */'; \
	  sed '1d' isms--1.0.sql; \
	  sed -e '1,/^\\echo /d' isms--1.0--1.1.sql; } >$@

# Every object depends on every header: PGXS tracks no header dependencies,
# and an object built against an older struct layout crashes the server.
$(OBJS): $(wildcard src/*.h)

.PHONY: test demo bench deps fuzz doctest test-matrix test-citus print-regress print-tests print-isolation-skipped

deps:
	@test/setup.sh

test:
	@PG_CONFIG=$(PG_CONFIG) test/run.sh

demo:
	@PG_CONFIG=$(PG_CONFIG) test/demo.sh

bench:
	@PG_CONFIG=$(PG_CONFIG) test/bench/run.sh

# sqlsmith: 20,000 random queries against the demo as a role with only USAGE
# and SELECT (about 6 minutes; make test runs it too)
fuzz:
	@PG_CONFIG=$(PG_CONFIG) test/fuzz/sqlsmith.sh

# the SQL examples of README.md and docs/*.md, run and compared with the
# output they show (test/t/doctest.py, docs/testing.md; make test runs it too)
doctest: all
	@$(MAKE) -s PG_CONFIG=$(PG_CONFIG) install >/dev/null
	@PG_CONFIG=$(PG_CONFIG) test/with-cluster.sh test/t/doctest.py

# `make test` in a fresh Debian chroot per suite (root; see test/matrix.sh).
SUITES ?= bullseye bookworm trixie sid
test-matrix:
	@SUITES="$(SUITES)" test/matrix.sh

# isms on a Citus cluster of three nodes (root: builds Citus from
# ../shared/citus into /var/cache/isms-citus; see test/citus/run.sh)
test-citus:
	@PG_CONFIG=$(PG_CONFIG) test/citus/run.sh

print-regress:
	@echo $(REGRESS)

# every pg_regress file and isolation spec, for the count of test/run-in-cluster.sh
print-tests:
	@echo $(REGRESS) $(ISOLATION)

print-isolation-skipped:
	@echo $(ISOLATION_SKIPPED)

# Build the Debian package (debian/) on a copy of the checkout and install it
# on a fresh Debian 12 chroot; see test/package.sh.
.PHONY: test-package
test-package:
	@test/package.sh
