\i sql/fixtures/begin.sql
\i sql/fixtures/register.sql
-- Access control (component 5): accounts, access rights, review decisions,
-- review cadence, authentication requirements; the rules, the KPIs against
-- hand-computed values, and the import of the cluster's roles and rights.
BEGIN;
SELECT FROM register_test.fixture();

-- account
SELECT register_test.base('account', jsonb_build_object('asset_id', register_test.id('asset_a'), 'name', 'jdoe',
	'kind', 'personal', 'person_id', register_test.id('person_a'), 'authentication', 'sso', 'mfa', true,
	'created_on', '2026-01-05'));
SELECT t.what, register_test.ins('account', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid service account', '{"kind": "service", "person_id": null, "service": "Nightly export"}'),
	('valid disabled', '{"disabled_on": "2026-03-01"}'),
	('no such organization', '{"org_id": -1}'),
	('no asset', '{"asset_id": null}'),
	('asset of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('no name', '{"name": null}'),
	('blank name', '{"name": " "}'),
	('unknown kind', '{"kind": "robot"}'),
	('personal without person', '{"person_id": null}'),
	('person of another organization', jsonb_build_object('person_id', register_test.id('person_b'))),
	('blank service', '{"service": ""}'),
	('unknown authentication', '{"authentication": "magic"}'),
	('MFA without a first factor', '{"authentication": "none"}'),
	('MFA on an unknown method', '{"authentication": "unknown"}'),
	('disabled before created', '{"disabled_on": "2026-01-04"}'),
	('unknown source', '{"source": "ldap"}')
  ) t(what, change);
INSERT INTO pg_temp.register_fixture VALUES ('account_a', register_test.add('account'));
SELECT register_test.ins('account', '{}') AS name_taken_on_the_system;
SELECT register_test.ins('account', jsonb_build_object('id', register_test.id('account_a'), 'name', 'other'))
	AS id_taken;
SELECT register_test.ins('account', jsonb_build_object('asset_id', register_test.id('asset2_a')))
	AS same_name_on_another_system;
SELECT set_config('isms.org_id', register_test.id('org_b')::text, true) IS NOT NULL AS in_b;
INSERT INTO pg_temp.register_fixture VALUES ('account_b', register_test.add('account',
	jsonb_build_object('asset_id', register_test.id('asset_b'), 'person_id', register_test.id('person_b'))));
SELECT set_config('isms.org_id', register_test.id('org_a')::text, true) IS NOT NULL AS in_a;

-- access_right: approved by someone other than the holder
SELECT register_test.base('access_right', jsonb_build_object('account_id', register_test.id('account_a'),
	'asset_id', register_test.id('asset_a'), 'level', 'read', 'purpose', 'Monthly reporting',
	'approved_by_id', register_test.id('person2_a'), 'approved_on', '2026-01-05', 'granted_on', '2026-01-06',
	'expires_on', '2026-12-31'));
SELECT t.what, register_test.ins('access_right', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid admin', '{"level": "admin", "privileged": true, "object": "", "role": "security_officer", "purpose": null}'),
	('valid imported, not approved', '{"source": "postgresql", "approved_by_id": null, "approved_on": null,
		"purpose": null, "level": "SELECT", "object": "table public.t"}'),
	('no such organization', '{"org_id": -1}'),
	('no account', '{"account_id": null}'),
	('account of another organization', jsonb_build_object('account_id', register_test.id('account_b'))),
	('no asset', '{"asset_id": null}'),
	('asset of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('no level', '{"level": null}'),
	('blank level', '{"level": ""}'),
	('admin not privileged', '{"level": "admin"}'),
	('no such ISMS role', '{"role": "janitor"}'),
	('blank purpose', '{"purpose": " "}'),
	('no reason', '{"purpose": null}'),
	('not approved', '{"approved_by_id": null, "approved_on": null}'),
	('approver of another organization', jsonb_build_object('approved_by_id', register_test.id('person_b'))),
	('approved without a date', '{"approved_on": null}'),
	('a date but no approver', '{"source": "postgresql", "approved_by_id": null}'),
	('approved after granted', '{"approved_on": "2026-01-07"}'),
	('expires the day it is granted', '{"expires_on": "2026-01-06"}'),
	('revoked before granted', '{"revoked_on": "2026-01-05"}'),
	('unknown source', '{"source": "ldap"}'),
	('approved by the holder', jsonb_build_object('approved_by_id', register_test.id('person_a')))
  ) t(what, change);
INSERT INTO pg_temp.register_fixture VALUES ('right_a', register_test.add('access_right'));
SELECT register_test.ins('access_right', '{}') AS active_twice;
SELECT register_test.ins('access_right', jsonb_build_object('id', register_test.id('right_a'), 'level', 'write'))
	AS id_taken;
SELECT register_test.ins('access_right', '{"object": "table reports"}') AS same_level_on_another_object;
SELECT register_test.probe(format('UPDATE isms.access_right SET revoked_on = %L WHERE id = %s; %s',
	'2026-02-01', register_test.id('right_a'), register_test.insert_sql('access_right', '{}')))
	AS granted_again_after_revocation;
-- the holder's approval, by an update of the right or of the account
SELECT register_test.probe(format('UPDATE isms.access_right SET approved_by_id = %s WHERE id = %s',
	register_test.id('person_a'), register_test.id('right_a'))) AS holder_approves_by_update;
SELECT register_test.probe(format('UPDATE isms.account SET person_id = %s WHERE id = %s',
	register_test.id('person2_a'), register_test.id('account_a'))) AS account_given_to_its_approver;
SELECT register_test.probe(format('UPDATE isms.account SET person_id = %s, kind = %L WHERE id = %s',
	register_test.id('person_a'), 'personal', register_test.id('account_a'))) AS same_holder_again;
SAVEPOINT s;
UPDATE isms.access_right SET approved_by_id = register_test.id('person_a') WHERE id = register_test.id('right_a');
ROLLBACK TO s;

-- access_review_item: decisions on rights in the review's scope; the
-- reviewer is not the holder
INSERT INTO pg_temp.register_fixture
SELECT 'review_access_a', register_test.add('access_review', jsonb_build_object('asset_id', register_test.id('asset_a'),
	'reviewer_id', register_test.id('person2_a'), 'period_start', '2026-01-01', 'period_end', '2026-03-31'));
INSERT INTO pg_temp.register_fixture
SELECT 'review_access_own', register_test.add('access_review', jsonb_build_object('asset_id', register_test.id('asset_a'),
	'reviewer_id', register_test.id('person_a'), 'period_start', '2026-01-01', 'period_end', '2026-03-31'));
INSERT INTO pg_temp.register_fixture
SELECT 'review_access_other_asset', register_test.add('access_review', jsonb_build_object('asset_id', register_test.id('asset3_a'),
	'reviewer_id', register_test.id('person2_a'), 'period_start', '2026-01-01', 'period_end', '2026-03-31'));
-- a right on asset 2 of the account on asset 1: in the scope of a review of either
INSERT INTO pg_temp.register_fixture VALUES ('right2_a', register_test.add('access_right',
	jsonb_build_object('asset_id', register_test.id('asset2_a'))));
SELECT set_config('isms.org_id', register_test.id('org_b')::text, true) IS NOT NULL AS in_b;
INSERT INTO pg_temp.register_fixture
SELECT 'review_access_b', register_test.add('access_review', jsonb_build_object('asset_id', register_test.id('asset_b'),
	'reviewer_id', register_test.id('person2_b'), 'period_start', '2026-01-01', 'period_end', '2026-03-31'));
INSERT INTO pg_temp.register_fixture
SELECT 'right_b', register_test.add('access_right', jsonb_build_object('account_id', register_test.id('account_b'),
	'asset_id', register_test.id('asset_b'), 'approved_by_id', register_test.id('person2_b')));
SELECT set_config('isms.org_id', register_test.id('org_a')::text, true) IS NOT NULL AS in_a;
SELECT register_test.base('access_review_item', jsonb_build_object('review_id', register_test.id('review_access_a'),
	'right_id', register_test.id('right_a'), 'decision', 'kept'));
-- (no such organization breaks three foreign keys at once; which one
-- reports first follows the constraints' oids, so only the SQLSTATE is shown)
SELECT t.what, CASE WHEN t.what = 'no such organization'
					THEN split_part(register_test.ins('access_review_item', t.change), ' ', 1)
					ELSE register_test.ins('access_review_item', t.change) END AS ins
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid changed, explained', '{"decision": "changed", "note": "Reduced to one schema"}'),
	('valid: the account''s right on another asset', jsonb_build_object('right_id', register_test.id('right2_a'))),
	('no such organization', '{"org_id": -1}'),
	('no review', '{"review_id": null}'),
	('review of another organization', jsonb_build_object('review_id', register_test.id('review_access_b'))),
	('right of another organization', jsonb_build_object('right_id', register_test.id('right_b'))),
	('unknown decision', '{"decision": "ignored"}'),
	('changed, unexplained', '{"decision": "changed"}'),
	('changed, blank note', '{"decision": "changed", "note": " "}'),
	('right outside the review''s asset', jsonb_build_object('review_id', register_test.id('review_access_other_asset'))),
	('reviewed by its holder', jsonb_build_object('review_id', register_test.id('review_access_own')))
  ) t(what, change);
-- and the organization's own key is there, as declared
SELECT pg_get_constraintdef(oid) AS definition, conname FROM pg_constraint
 WHERE conrelid = 'isms.access_review_item'::regclass AND conname = 'access_review_item_org_id_fkey';
SELECT register_test.try(register_test.insert_sql('access_review_item', '{}'));
SELECT register_test.ins('access_review_item', '{"decision": "revoked"}') AS decided_twice;
SELECT register_test.probe(format('UPDATE isms.access_review_item SET review_id = %s',
	register_test.id('review_access_own'))) AS moved_to_the_holder_s_review;

-- access_review_cadence
SELECT register_test.base('access_review_cadence', '{"level": "read", "review_interval": "6 months"}');
SELECT t.what, register_test.ins('access_review_cadence', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no level', '{"level": null}'),
	('blank level', '{"level": " "}'),
	('no interval', '{"review_interval": null}'),
	('shorter than a day', '{"review_interval": "12 hours"}'),
	('longer than five years', '{"review_interval": "6 years"}')
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('access_review_cadence', '{}'));
SELECT register_test.ins('access_review_cadence', '{"review_interval": "1 year"}') AS level_twice;

-- authentication_requirement
SELECT register_test.base('authentication_requirement', '{"title": "MFA for privileged accounts",
	"privileged_only": true}');
SELECT t.what, register_test.ins('authentication_requirement', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid by classification', '{"privileged_only": false, "min_classification": "confidential"}'),
	('valid by confidentiality, methods only', '{"min_confidentiality": "major", "mfa_required": false,
		"allowed_methods": ["key", "certificate"]}'),
	('no such organization', '{"org_id": -1}'),
	('no title', '{"title": null}'),
	('blank title', '{"title": ""}'),
	('unknown classification', '{"min_classification": "secret"}'),
	('confidentiality off the scale', '{"min_confidentiality": "7"}'),
	('no method allowed', '{"allowed_methods": []}'),
	('unknown method', '{"allowed_methods": ["password", "telepathy"]}'),
	('requires nothing', '{"mfa_required": false}')
  ) t(what, change);
INSERT INTO pg_temp.register_fixture VALUES ('auth_requirement_a', register_test.add('authentication_requirement'));
SELECT register_test.ins('authentication_requirement', '{}') AS title_twice;
SELECT register_test.ins('authentication_requirement', jsonb_build_object('id', register_test.id('auth_requirement_a'),
	'title', 'Other')) AS id_taken;

-- the cadence: the organization's row for the level (read: 6 months, kept
-- above), else 3 months for a privileged right or level admin, 1 year for
-- the others
SELECT v.level, v.privileged, isms.access_review_interval(v.level, v.privileged) AS cadence
  FROM (VALUES ('read', false), ('read', true), ('admin', false), ('write', false), ('write', true)) v(level, privileged);
SELECT isms.access_review_interval('read', false, register_test.id('org_b')) AS cadence_in_b;
ROLLBACK;

-- The KPIs on a hand-made organization, dates relative to today (d).
BEGIN;
SELECT FROM register_test.fixture();
CREATE TEMPORARY TABLE acc (name text PRIMARY KEY, id bigint) ON COMMIT DROP;
UPDATE isms.asset SET classification = 'restricted', confidentiality = 'severe' WHERE id = register_test.id('asset3_a');
INSERT INTO isms.person (name, end_date) VALUES ('Leaver', CURRENT_DATE - 10);
INSERT INTO isms.person (name) VALUES ('Mover'), ('Soon gone');
INSERT INTO isms.termination (person_id, kind, notified_on, last_working_day)
SELECT p.id, v.kind, CURRENT_DATE - 60, CURRENT_DATE + v.last_day
  FROM (VALUES ('Mover', 'internal_transfer', -5), ('Soon gone', 'resignation', 10)) v(name, kind, last_day)
  JOIN isms.person p ON p.name = v.name AND p.org_id = register_test.id('org_a');
INSERT INTO isms.authentication_requirement (title, privileged_only, min_classification, min_confidentiality,
											 mfa_required, allowed_methods)
VALUES ('R1 MFA for privileged accounts', true, NULL, NULL, true, NULL),
	   ('R2 MFA on restricted systems', false, 'restricted', NULL, true, NULL),
	   ('R3 keys or certificates where confidentiality is severe', false, NULL, 'severe', false, '{key,certificate}');
WITH p AS (SELECT name, id FROM isms.person WHERE org_id = register_test.id('org_a')),
ins AS (
	INSERT INTO isms.account (asset_id, name, kind, person_id, service, privileged, authentication, mfa, created_on,
							  disabled_on)
	SELECT register_test.id(v.asset), v.name, v.kind, (SELECT p.id FROM p WHERE p.name = v.person), v.service,
		   v.privileged, v.auth, v.mfa, CURRENT_DATE - 400, CURRENT_DATE + v.disabled
	  FROM (VALUES
		('asset_a', 'A1', 'personal', 'Person one', NULL, true, 'sso', true, NULL::integer),
		('asset_a', 'A2', 'personal', 'Person two', NULL, false, 'password', false, NULL),
		('asset_a', 'A3', 'personal', 'Leaver', NULL, false, 'password', false, NULL),
		('asset_a', 'A4', 'personal', 'Leaver', NULL, false, 'password', false, -9),
		('asset_a', 'A5', 'personal', 'Mover', NULL, false, 'password', false, NULL),
		('asset_a', 'A6', 'personal', 'Soon gone', NULL, false, 'password', false, NULL),
		('asset3_a', 'A7', 'service', 'Person one', 'Billing export', false, 'key', false, NULL),
		('asset3_a', 'A8', 'group', NULL, NULL, true, 'none', false, NULL),
		('asset_a', 'A9', 'emergency', 'Person one', NULL, true, 'password', false, -1)
	  ) v(asset, name, kind, person, service, privileged, auth, mfa, disabled)
	RETURNING name, id)
INSERT INTO acc SELECT name, id FROM ins;
-- Person one approves what others hold, Person two what Person one holds
INSERT INTO isms.access_review_cadence (level, review_interval) VALUES ('write', '2 years');
WITH ins AS (
	INSERT INTO isms.access_right (account_id, asset_id, level, privileged, purpose, approved_by_id, approved_on,
								   granted_on, expires_on, revoked_on)
	SELECT (SELECT acc.id FROM acc WHERE acc.name = v.account), register_test.id(v.asset), v.level, v.level = 'admin',
		   'Job', register_test.id(CASE WHEN v.account IN ('A1', 'A7') THEN 'person2_a' ELSE 'person_a' END),
		   CURRENT_DATE + v.granted, CURRENT_DATE + v.granted, CURRENT_DATE + v.expires, CURRENT_DATE + v.revoked
	  FROM (VALUES
		('X1', 'A1', 'asset_a', 'read', -400, NULL::integer, NULL::integer),
		('X2', 'A2', 'asset_a', 'admin', -400, NULL, NULL),
		('X3', 'A3', 'asset3_a', 'read', -30, -1, NULL),
		('X4', 'A5', 'asset_a', 'write', -800, 0, NULL),
		('X5', 'A6', 'asset_a', 'write', -400, 1, NULL),
		('X6', 'A7', 'asset3_a', 'read', -10, -7, -5),
		('X7', 'A1', 'asset2_a', 'read', -400, NULL, NULL)
	  ) v(name, account, asset, level, granted, expires, revoked)
	 ORDER BY v.name
	RETURNING id)
SELECT count(*) AS rights FROM ins;
INSERT INTO acc SELECT 'X' || row_number() OVER (ORDER BY id), id FROM isms.access_right
 WHERE org_id = register_test.id('org_a');
-- a completed review 100 days ago kept X1 and X2; one still in progress kept X7
INSERT INTO isms.access_review (asset_id, reviewer_id, period_start, period_end, performed_on, status, accounts_reviewed)
SELECT register_test.id('asset_a'), p.id, CURRENT_DATE - 190, CURRENT_DATE - 100, CURRENT_DATE - 100, 'completed', 2
  FROM isms.person p WHERE p.name = 'Soon gone' AND p.org_id = register_test.id('org_a');
INSERT INTO isms.access_review (asset_id, reviewer_id, period_start, period_end, status)
VALUES (register_test.id('asset2_a'), register_test.id('person2_a'), CURRENT_DATE - 50, CURRENT_DATE - 20, 'in_progress');
INSERT INTO isms.access_review_item (review_id, right_id, decision)
SELECT v.id, acc.id, 'kept'
  FROM isms.access_review v JOIN acc ON acc.name IN ('X1', 'X2')
 WHERE v.org_id = register_test.id('org_a') AND v.status = 'completed'
UNION ALL
SELECT v.id, acc.id, 'kept'
  FROM isms.access_review v JOIN acc ON acc.name = 'X7'
 WHERE v.org_id = register_test.id('org_a') AND v.status = 'in_progress';

-- every account: privileged is the flag or an admin right (A1, A2, A8, A9);
-- only A3 is a leaver still enabled (A4 is disabled, the mover transferred,
-- the other has not left yet)
SELECT name, kind, privileged, active_rights, enabled, left_on - CURRENT_DATE AS left_day, leaver_enabled
  FROM isms.v_access_accounts WHERE org_id = register_test.id('org_a') ORDER BY name;
-- every right: X2 (admin, 3 months since the review 100 days ago), X4
-- (write: 2 years, the cadence's row, since its grant 800 days ago) and X7
-- (a year since its grant: its review is not completed) are overdue; X5 is
-- write as well, granted 400 days ago; X3 and X4 are past expiry (X4 on its
-- day); X6 is revoked
SELECT a.name, r.account, r.level, r.privileged, r.active, r.last_reviewed_on - CURRENT_DATE AS reviewed_day,
	   r.review_interval, r.review_overdue, r.past_expiry, r.expires_on - CURRENT_DATE AS expires_day
  FROM isms.v_access_rights r JOIN acc a ON a.id = r.right_id AND a.name LIKE 'X%' ORDER BY a.name;
-- the requirements: A2 (privileged, R1), A3 (a right on the restricted
-- system: R2, and R3 for its password), A7 (on the restricted system: R2;
-- its key meets R3); A1 has MFA, A8 is a group, A4 and A9 are disabled
SELECT name, requirement, mfa_missing, method_not_allowed
  FROM isms.v_access_requirement_gaps WHERE org_id = register_test.id('org_a') ORDER BY name, requirement;
SELECT name, privileged, requirements FROM isms.v_access_mfa_missing
 WHERE org_id = register_test.id('org_a') ORDER BY name;
SELECT name, privileged_rights FROM isms.v_access_privileged_accounts
 WHERE org_id = register_test.id('org_a') ORDER BY name;
SELECT account, level, days_past FROM isms.v_access_rights_past_expiry
 WHERE org_id = register_test.id('org_a') ORDER BY account, level;
SELECT account, level, asset, last_reviewed_on - CURRENT_DATE AS reviewed_day, review_interval
  FROM isms.v_access_rights_review_overdue WHERE org_id = register_test.id('org_a') ORDER BY account, asset;
SELECT name, person, days_since_left, active_rights FROM isms.v_access_leaver_accounts
 WHERE org_id = register_test.id('org_a');
-- the KPIs: 2 privileged accounts, 3 without MFA, 2 rights past expiry, 3
-- overdue reviews, 1 leaver's account enabled
SELECT org_id = register_test.id('org_a') AS org_a, accounts, enabled_accounts, privileged_accounts,
	   accounts_without_mfa, active_rights, rights_past_expiry, rights_review_overdue, leaver_accounts_enabled
  FROM isms.kpi_access_control WHERE org_id IN (register_test.id('org_a'), register_test.id('org_b'))
 ORDER BY org_id;
SELECT kpi, value FROM isms.kpi_values() WHERE kpi LIKE 'access%' ORDER BY kpi;
SELECT count(*) AS stored FROM isms.kpi_snapshot WHERE org_id = register_test.id('org_a');
SELECT isms.snapshot_kpis(register_test.id('org_a')) > 0 AS snapshot;
SELECT kpi, value FROM isms.kpi_snapshot WHERE org_id = register_test.id('org_a') AND kpi LIKE 'access%' ORDER BY kpi;
SELECT jsonb_pretty(isms.management_review_pack(CURRENT_DATE - 365, CURRENT_DATE)
	-> 'monitoring_results' -> 'access_control');
-- a review that revokes a right that stays active: revocation pending
UPDATE isms.access_review_item SET decision = 'revoked' WHERE right_id = (SELECT id FROM acc WHERE name = 'X1');
SELECT a.name, r.last_decision, r.revocation_pending FROM isms.v_access_rights r JOIN acc a ON a.id = r.right_id
 WHERE a.name IN ('X1', 'X2') ORDER BY 1;
-- the Annex A evidence in the SoA view
SELECT ident, source, rows FROM isms.v_access_evidence WHERE org_id = register_test.id('org_a') ORDER BY ident, source;
SELECT ident, register_evidence FROM isms.v_soa
 WHERE ident IN ('A.5.15', 'A.5.16', 'A.5.17', 'A.5.18', 'A.8.2', 'A.8.5', 'A.5.1') ORDER BY sort_order;
ROLLBACK;

-- The import: the roles and rights of this cluster as accounts and rights
-- of an asset.  Test roles are named regress_access_*; only their rows are
-- shown (the cluster has others).
INSERT INTO isms.organization (name) VALUES ('Regress access import') RETURNING id AS imp_org \gset
SELECT set_config('isms.org_id', :'imp_org', false) IS NOT NULL AS org_set;
INSERT INTO isms.asset (name, kind) VALUES ('This cluster', 'software') RETURNING id AS db_asset \gset
INSERT INTO isms.asset (name, kind) VALUES ('This cluster, seen by a clerk', 'software') RETURNING id AS clerk_asset \gset
CREATE ROLE regress_access_owner LOGIN CREATEDB PASSWORD 'secret-owner';
CREATE ROLE regress_access_reader LOGIN;
CREATE ROLE regress_access_writers NOLOGIN;
CREATE ROLE regress_access_dba LOGIN CREATEROLE BYPASSRLS PASSWORD 'secret-dba';
CREATE ROLE regress_access_app LOGIN PASSWORD 'secret-app' IN ROLE regress_access_writers, pg_read_server_files;
CREATE ROLE regress_access_clerk NOLOGIN;
GRANT regress_access_writers TO regress_access_dba WITH ADMIN OPTION;
CREATE SCHEMA regress_access_data AUTHORIZATION regress_access_owner;
CREATE TABLE regress_access_data.orders (id integer);
ALTER TABLE regress_access_data.orders OWNER TO regress_access_owner;
GRANT USAGE ON SCHEMA regress_access_data TO regress_access_reader, regress_access_writers;
GRANT SELECT ON regress_access_data.orders TO regress_access_reader;
GRANT INSERT, UPDATE ON regress_access_data.orders TO regress_access_writers WITH GRANT OPTION;
GRANT SELECT ON regress_access_data.orders TO PUBLIC;
-- what a clerk needs to import: the tables the import writes, and the
-- asset's row lock
GRANT USAGE ON SCHEMA isms TO regress_access_clerk;
GRANT SELECT ON isms.organization TO regress_access_clerk;
GRANT SELECT, UPDATE ON isms.asset TO regress_access_clerk;
GRANT SELECT, INSERT, UPDATE ON isms.account, isms.access_right TO regress_access_clerk;
-- (1.1: the functions are isms_admin's, the rows the organization's members')
GRANT EXECUTE ON FUNCTION isms.database_roles(), isms.database_rights(), isms.import_database_access(bigint)
	TO regress_access_clerk;
INSERT INTO isms.org_member (org_id, member) SELECT id, 'regress_access_clerk' FROM isms.organization;

CREATE VIEW pg_temp.imported AS
SELECT a.name AS account, a.kind, a.authentication, a.disabled_on IS NOT NULL AS disabled,
	   x.object, x.level, x.privileged, x.revoked_on IS NOT NULL AS revoked
  FROM isms.account a
  LEFT JOIN isms.access_right x ON x.org_id = a.org_id AND x.account_id = a.id
 WHERE a.asset_id = :db_asset AND a.name LIKE 'regress\_access\_%'
 ORDER BY 1, 5, 6, 8;
SELECT accounts_added >= 6 AS accounts_added, accounts_updated, accounts_disabled, rights_added >= 18 AS rights_added,
	   rights_updated, rights_revoked
  FROM isms.import_database_access(:db_asset);
SELECT * FROM pg_temp.imported;
-- what the cluster shows is what was imported
SELECT count(*) AS not_imported
  FROM isms.database_rights() d
 WHERE NOT EXISTS (SELECT FROM isms.access_right x JOIN isms.account a ON a.org_id = x.org_id AND a.id = x.account_id
					WHERE a.asset_id = :db_asset AND a.name = d.role AND x.object = d.object AND x.level = d.level
					  AND x.revoked_on IS NULL);
-- run again: nothing changes, the same rows, no audit entry
SELECT string_agg(x.id::text, ',' ORDER BY x.id) AS right_ids FROM isms.access_right x
 WHERE x.org_id = :imp_org \gset
SELECT max(id) AS audit_head FROM isms.audit_log \gset
SELECT * FROM isms.import_database_access(:db_asset);
SELECT string_agg(x.id::text, ',' ORDER BY x.id) = :'right_ids' AS same_rights FROM isms.access_right x
 WHERE x.org_id = :imp_org;
SELECT count(*) AS new_audit_entries FROM isms.audit_log WHERE id > :audit_head;
-- a reviewer records whose account it is and its MFA; an import keeps that
UPDATE isms.account SET kind = 'service', service = 'Order entry', mfa = true
 WHERE asset_id = :db_asset AND name = 'regress_access_app';
-- the cluster changes: a privilege revoked, a role dropped, a login taken
-- away, a group that can now log in, a new grant
REVOKE SELECT ON regress_access_data.orders FROM regress_access_reader;
ALTER ROLE regress_access_dba NOLOGIN;
ALTER ROLE regress_access_writers LOGIN;
GRANT DELETE ON regress_access_data.orders TO regress_access_reader;
SELECT * FROM isms.import_database_access(:db_asset);
DROP ROLE regress_access_app;
SELECT * FROM isms.import_database_access(:db_asset);
SELECT * FROM pg_temp.imported;
SELECT string_agg(x.id::text, ',' ORDER BY x.id) AS right_ids FROM isms.access_right x
 WHERE x.org_id = :imp_org \gset
SELECT max(id) AS audit_head FROM isms.audit_log \gset
SELECT * FROM isms.import_database_access(:db_asset);
SELECT string_agg(x.id::text, ',' ORDER BY x.id) = :'right_ids' AS same_rights FROM isms.access_right x
 WHERE x.org_id = :imp_org;
SELECT count(*) AS new_audit_entries FROM isms.audit_log WHERE id > :audit_head;
-- the role comes back: the account is enabled again, its rights are new rows
CREATE ROLE regress_access_app LOGIN IN ROLE regress_access_writers;
SELECT * FROM isms.import_database_access(:db_asset);
SELECT account, kind, authentication, disabled, level, revoked FROM pg_temp.imported
 WHERE account = 'regress_access_app';

-- a caller that may not read pg_authid does not know which roles have a
-- password: new login accounts get authentication unknown, and what is
-- recorded stays
SET ROLE regress_access_clerk;
SELECT (SELECT count(*) FROM isms.database_roles() WHERE name LIKE 'regress\_access\_%') AS roles,
	   (SELECT count(*) FROM isms.database_roles() WHERE has_password IS NOT NULL) AS passwords_known;
SELECT accounts_added >= 6 AS accounts_added, accounts_updated, accounts_disabled FROM isms.import_database_access(:clerk_asset);
RESET ROLE;
SELECT name, kind, authentication FROM isms.account
 WHERE asset_id = :clerk_asset AND name LIKE 'regress\_access\_%' ORDER BY name;
SELECT accounts_added, accounts_updated >= 4 AS accounts_updated, accounts_disabled, rights_added
  FROM isms.import_database_access(:clerk_asset);
SET ROLE regress_access_clerk;
SELECT * FROM isms.import_database_access(:clerk_asset);
RESET ROLE;
SELECT name, kind, authentication FROM isms.account
 WHERE asset_id = :clerk_asset AND name LIKE 'regress\_access\_%' ORDER BY name;

-- bad arguments
\set VERBOSITY sqlstate
SELECT * FROM isms.import_database_access(NULL);
SELECT * FROM isms.import_database_access(-1);
\set VERBOSITY default
SELECT * FROM isms.import_database_access(-1);

-- clean up
DELETE FROM isms.access_right WHERE org_id = :imp_org;
DELETE FROM isms.account WHERE org_id = :imp_org;
DELETE FROM isms.asset WHERE org_id = :imp_org;
DELETE FROM isms.organization WHERE id = :imp_org;
RESET isms.org_id;
REVOKE ALL ON ALL TABLES IN SCHEMA isms FROM regress_access_clerk;
REVOKE USAGE ON SCHEMA isms FROM regress_access_clerk;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA isms FROM regress_access_clerk;
DROP SCHEMA regress_access_data CASCADE;
DROP ROLE regress_access_owner, regress_access_reader, regress_access_writers, regress_access_dba,
	regress_access_app, regress_access_clerk;
\i sql/fixtures/end.sql
