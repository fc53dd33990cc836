-- Helpers for the register_* tests.  Every register test runs in one
-- transaction that it rolls back, so the tests leave no rows behind; only
-- this schema of helpers stays.
--
--   register_test.fixture()        two organizations, A and B, with one row
--                                  of each kind that others refer to; sets
--                                  isms.org_id to A for the transaction
--   register_test.id(name)         the id of a fixture row ('asset_a', ...)
--   register_test.base(tbl, row)   a valid row for table tbl (jsonb)
--   register_test.ins(tbl, change) inserts base || change into tbl, undoes
--                                  it, and says what happened: 'ok', or the
--                                  SQLSTATE and the violated constraint
--   register_test.try(sql)         runs sql, keeps its effect, says what
--                                  happened
--   register_test.probe(sql)       runs sql, undoes it, says what happened
CREATE SCHEMA register_test;

-- What an error was: SQLSTATE and constraint (or column, or message).
CREATE FUNCTION register_test.outcome(state text, con text, col text, msg text) RETURNS text
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT state || ' ' || CASE WHEN con <> '' THEN con
									  WHEN col <> '' THEN 'not null: ' || col
									  ELSE msg END $$;

CREATE FUNCTION register_test.try(stmt text) RETURNS text
	LANGUAGE plpgsql AS $$
DECLARE
	state text; con text; col text; msg text;
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, con = CONSTRAINT_NAME,
							col = COLUMN_NAME, msg = MESSAGE_TEXT;
	RETURN register_test.outcome(state, con, col, msg);
END $$;

CREATE FUNCTION register_test.probe(stmt text) RETURNS text
	LANGUAGE plpgsql AS $$
DECLARE
	state text; con text; col text; msg text;
BEGIN
	BEGIN
		EXECUTE stmt;
		-- undo the statement's effect: roll back to the start of this block
		RAISE EXCEPTION USING ERRCODE = 'RGOK0';
	EXCEPTION WHEN SQLSTATE 'RGOK0' THEN
		RETURN 'ok';
	END;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, con = CONSTRAINT_NAME,
							col = COLUMN_NAME, msg = MESSAGE_TEXT;
	RETURN register_test.outcome(state, con, col, msg);
END $$;

-- (PL/pgSQL, so that the temporary tables are looked up when called)
CREATE FUNCTION register_test.id(name text) RETURNS bigint
	LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT f.id FROM pg_temp.register_fixture f WHERE f.name = $1);
END $$;

CREATE FUNCTION register_test.base(tbl text, r jsonb) RETURNS void
	LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO pg_temp.register_base VALUES (tbl, r)
		ON CONFLICT ON CONSTRAINT register_base_pkey DO UPDATE SET r = excluded.r;
END $$;

-- The INSERT of base || change: only the columns named, so others default.
CREATE FUNCTION register_test.insert_sql(tbl text, change jsonb) RETURNS text
	LANGUAGE plpgsql AS $$
DECLARE
	r jsonb := coalesce((SELECT b.r FROM pg_temp.register_base b WHERE b.tbl = $1), '{}') || change;
	cols text;
BEGIN
	SELECT string_agg(quote_ident(k), ', ') INTO cols FROM jsonb_object_keys(r) k;
	RETURN format('INSERT INTO isms.%I (%s) SELECT %s FROM jsonb_populate_record(NULL::isms.%I, %L::jsonb)',
				  tbl, cols, cols, tbl, r);
END $$;

CREATE FUNCTION register_test.ins(tbl text, change jsonb DEFAULT '{}') RETURNS text
	LANGUAGE sql
	AS $$ SELECT register_test.probe(register_test.insert_sql(tbl, change)) $$;

-- Inserts base || change for good and returns the new row's id.
CREATE FUNCTION register_test.add(tbl text, change jsonb DEFAULT '{}') RETURNS bigint
	LANGUAGE plpgsql AS $$
DECLARE
	new_id bigint;
BEGIN
	EXECUTE register_test.insert_sql(tbl, change) || ' RETURNING id' INTO new_id;
	RETURN new_id;
END $$;

-- Two organizations with one row of each kind that register rows refer to.
CREATE FUNCTION register_test.fixture() RETURNS void
	LANGUAGE plpgsql AS $$
DECLARE
	o text;
	org bigint;
	p bigint;
	p2 bigint;
	a bigint;
	x bigint;
	ctl bigint := (SELECT c.id FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id
					WHERE f.name = 'iso27001-2022' AND c.ident = 'A.5.1');
BEGIN
	CREATE TEMPORARY TABLE register_fixture (name text PRIMARY KEY, id bigint) ON COMMIT DROP;
	CREATE TEMPORARY TABLE register_base (tbl text PRIMARY KEY, r jsonb) ON COMMIT DROP;
	INSERT INTO pg_temp.register_fixture VALUES ('control', ctl);
	FOREACH o IN ARRAY ARRAY['a', 'b'] LOOP
		INSERT INTO isms.organization (name) VALUES ('Regress ' || upper(o)) RETURNING id INTO org;
		PERFORM set_config('isms.org_id', org::text, true);
		INSERT INTO pg_temp.register_fixture VALUES ('org_' || o, org);
		INSERT INTO isms.org_unit (name) VALUES ('Unit') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('unit_' || o, x);
		INSERT INTO isms.person (name, email, unit_id) VALUES ('Person one', 'one@' || o || '.example', x) RETURNING id INTO p;
		INSERT INTO isms.person (name, email) VALUES ('Person two', 'two@' || o || '.example') RETURNING id INTO p2;
		INSERT INTO pg_temp.register_fixture VALUES ('person_' || o, p), ('person2_' || o, p2);
		INSERT INTO isms.site (name) VALUES ('Site') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('site_' || o, x);
		INSERT INTO isms.asset (name) VALUES ('Asset one') RETURNING id INTO a;
		INSERT INTO pg_temp.register_fixture VALUES ('asset_' || o, a);
		INSERT INTO isms.asset (name) VALUES ('Asset two') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('asset2_' || o, x);
		INSERT INTO isms.asset (name) VALUES ('Asset three') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('asset3_' || o, x);
		INSERT INTO isms.process (name) VALUES ('Process') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('process_' || o, x);
		INSERT INTO isms.risk (title) VALUES ('Risk') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('risk_' || o, x);
		INSERT INTO isms.vulnerability (title, asset_id) VALUES ('Vulnerability', a) RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('vulnerability_' || o, x);
		INSERT INTO isms.scope (title) VALUES ('Scope') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('scope_' || o, x);
		INSERT INTO isms.policy (code, title) VALUES ('POL', 'Policy') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('policy_' || o, x);
		INSERT INTO isms.training_course (title, kind) VALUES ('Course', 'awareness') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('course_' || o, x);
		INSERT INTO isms.octave_impact_area (name, priority) VALUES ('area', 1) RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('area_' || o, x);
		INSERT INTO isms.soa (control_id, applicable, justification) VALUES (ctl, true, 'Needed') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('soa_' || o, x);
		INSERT INTO isms.backup (name, asset_id, method, frequency, retention)
			VALUES ('Backup', a, 'full', '1 day', '30 days') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('backup_' || o, x);
		INSERT INTO isms.network_zone (name, trust_level) VALUES ('Zone', 'internal') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('zone_' || o, x);
		INSERT INTO isms.security_requirement (asset_id, ident, title) VALUES (a, 'SR', 'Requirement') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('requirement_' || o, x);
		INSERT INTO isms.supplier (name, criticality) VALUES ('Supplier', 'low') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('supplier_' || o, x);
		INSERT INTO isms.incident (title, category, severity, detected_at)
			VALUES ('Incident', 'other', 'low', '2026-01-10 10:00+00') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('incident_' || o, x);
		INSERT INTO isms.continuity_plan (title, kind, owner_id) VALUES ('Plan', 'disaster_recovery', p) RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('plan_' || o, x);
		INSERT INTO isms.obligation (kind, title, source) VALUES ('legal', 'Law', 'Act 1') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('obligation_' || o, x);
		INSERT INTO isms.compliance_violation (obligation_id, title, severity, detected_at)
			VALUES (x, 'Violation', 'low', '2026-01-10 10:00+00') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('violation_' || o, x);
		INSERT INTO isms.audit (title, kind, independent, lead_auditor_id) VALUES ('Audit', 'internal', true, p) RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('audit_' || o, x);
		INSERT INTO isms.audit_finding (audit_id, kind, description, raised_on)
			VALUES (x, 'observation', 'Finding', '2026-01-10') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('finding_' || o, x);
		INSERT INTO isms.management_review (title, held_on, chair_id) VALUES ('Review', '2026-01-10', p) RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('review_' || o, x);
		INSERT INTO isms.management_review_decision (review_id, kind, decision) VALUES (x, 'other', 'Decision') RETURNING id INTO x;
		INSERT INTO pg_temp.register_fixture VALUES ('decision_' || o, x);
	END LOOP;
	PERFORM set_config('isms.org_id', register_test.id('org_a')::text, true);
END $$;
