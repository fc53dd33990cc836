\i sql/fixtures/begin.sql
\i sql/fixtures/treatment.sql
-- Risk treatment workflow, part 2: the treatment rules (accept, avoid,
-- transfer, mitigate, monitor), acceptances, and the links a mitigated risk
-- keeps.  Helpers: sql/fixtures/treatment.sql.
SET datestyle = 'ISO, YMD';
BEGIN;
SELECT treatment_test.fixture();

-- Accept: the residual level is within appetite, or a valid acceptance
-- covers it.  The risk: critical inherent, medium residual.
INSERT INTO isms.risk (id, ident, title, category, asset_id, owner_id, status, treatment,
	inherent_likelihood, inherent_impact, residual_likelihood, residual_impact, identified_on)
VALUES (990201, 'A-1', 'Payroll fraud', 'finance', 990021, 990011, 'assessed', 'accept',
	'likely', 'major', 'unlikely', 'minor', '2026-01-01')
RETURNING inherent_level, residual_level;
-- no appetite set: the rule needs an acceptance
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'A-1'$$);
-- within the organization's appetite
INSERT INTO isms.risk_appetite (id, max_level) VALUES (990301, 'medium');
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'A-1' RETURNING status;
UPDATE isms.risk SET status = 'assessed' WHERE ident = 'A-1';
-- above the category's appetite
INSERT INTO isms.risk_appetite (id, category, max_level) VALUES (990302, 'finance', 'low');
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'A-1'$$);
-- within the asset's appetite, which comes first
INSERT INTO isms.risk_appetite (id, asset_id, max_level) VALUES (990303, 990021, 'high');
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'A-1' RETURNING status;
UPDATE isms.risk SET status = 'assessed' WHERE ident = 'A-1';
DELETE FROM isms.risk_appetite WHERE id = 990303;
-- an accepted risk needs its residual risk assessed
INSERT INTO isms.risk (id, ident, title, owner_id, status, treatment, inherent_likelihood, inherent_impact, identified_on)
VALUES (990202, 'A-2', 'No residual yet', 990011, 'assessed', 'accept', 'rare', 'minor', '2026-01-01');
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'A-2'$$);

-- Acceptances: complete, not by the owner, for the risk's residual risk.
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, expires_on)
	VALUES (990201, 990011, 'Cheaper than controls', '2099-01-01')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, justification, expires_on)
	VALUES (990201, 'Cheaper than controls', '2099-01-01')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, expires_on)
	VALUES (990201, 990012, '2099-01-01')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, expires_on)
	VALUES (990201, 990012, '  ', '2099-01-01')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification)
	VALUES (990201, 990012, 'Cheaper than controls')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, accepted_on, expires_on)
	VALUES (990201, 990012, 'Cheaper than controls', '2026-03-01', '2026-03-01')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, expires_on)
	VALUES (990202, 990012, 'Small', '2099-01-01')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, expires_on, status)
	VALUES (990201, 990012, 'Cheaper than controls', '2099-01-01', 'expired')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, expires_on, accepted_level)
	VALUES (990201, 990012, 'Cheaper than controls', '2099-01-01', 'low')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, expires_on)
	VALUES (990201, 990014, 'Someone else''s approver', '2099-01-01')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, expires_on)
	VALUES (-1, 990012, 'No such risk', '2099-01-01')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (org_id, risk_id, approved_by_id, justification, expires_on)
	VALUES (990002, 990201, 990014, 'Another organization''s risk', '2099-01-01')$$);
-- a valid acceptance records the residual risk it accepts
INSERT INTO isms.risk_acceptance (id, risk_id, approved_by_id, justification, accepted_on, expires_on, accepted_level)
VALUES (990401, 990201, 990012, 'Cheaper than controls', '2026-03-01', '2099-01-01', '2/4')
RETURNING id, accepted_likelihood, accepted_impact, accepted_level, status, ended_at;
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'A-1' RETURNING status;
UPDATE isms.risk SET status = 'treated' WHERE ident = 'A-1' RETURNING status;
-- an acceptance is a record: what was accepted stays as it was
CALL treatment_test.fails($$UPDATE isms.risk_acceptance SET expires_on = '2100-01-01' WHERE id = 990401$$);
CALL treatment_test.fails($$UPDATE isms.risk_acceptance SET justification = 'Better reason' WHERE id = 990401$$);
-- a newer acceptance supersedes it (here one that expired long ago)
INSERT INTO isms.risk_acceptance (id, risk_id, approved_by_id, justification, accepted_on, expires_on)
VALUES (990402, 990201, 990012, 'Renewed too late', '2020-01-01', '2021-01-01');
SELECT id, status, ended_at IS NOT NULL AS ended, end_reason FROM isms.risk_acceptance WHERE risk_id = 990201 ORDER BY id;
CALL treatment_test.fails($$UPDATE isms.risk_acceptance SET status = 'valid' WHERE id = 990401$$);
-- an expired acceptance covers nothing: every write of the risk is refused
CALL treatment_test.fails($$UPDATE isms.risk SET title = 'Payroll fraud by insiders' WHERE ident = 'A-1'$$);
INSERT INTO isms.risk_acceptance (id, risk_id, approved_by_id, justification, expires_on)
VALUES (990403, 990201, 990012, 'Renewed', '2099-01-01');
UPDATE isms.risk SET title = 'Payroll fraud by insiders' WHERE ident = 'A-1' RETURNING title;
-- nor does one whose approver has become the owner
CALL treatment_test.fails($$UPDATE isms.risk SET owner_id = 990012 WHERE ident = 'A-1'$$);
-- a change of the residual risk invalidates the acceptance: above
-- appetite, the change is refused (and the acceptance stays valid) ...
CALL treatment_test.fails($$UPDATE isms.risk SET residual_likelihood = 'possible' WHERE ident = 'A-1'$$);
SELECT id, status FROM isms.risk_acceptance WHERE id = 990403;
-- ... so the risk goes back to assessment with its new residual risk
UPDATE isms.risk SET status = 'assessed', residual_likelihood = 'possible' WHERE ident = 'A-1'
RETURNING status, residual_level;
SELECT id, status, ended_at IS NOT NULL AS ended, end_reason FROM isms.risk_acceptance WHERE id = 990403;
INSERT INTO isms.risk_acceptance (id, risk_id, approved_by_id, justification, expires_on)
VALUES (990404, 990201, 990012, 'Re-assessed and accepted', '2099-01-01') RETURNING accepted_level;
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'A-1' RETURNING status;
-- within appetite, a change invalidates the acceptance too (it is not needed)
UPDATE isms.risk_appetite SET max_level = 'high' WHERE id = 990302;
UPDATE isms.risk SET residual_likelihood = 'unlikely' WHERE ident = 'A-1' RETURNING residual_level;
SELECT id, status, end_reason FROM isms.risk_acceptance WHERE id = 990404;
-- a withdrawal ends an acceptance; an ended acceptance stays ended
INSERT INTO isms.risk_acceptance (id, risk_id, approved_by_id, justification, expires_on)
VALUES (990405, 990201, 990012, 'Once more', '2099-01-01');
UPDATE isms.risk_acceptance SET status = 'withdrawn' WHERE id = 990405
RETURNING status, ended_at IS NOT NULL AS ended, end_reason;
CALL treatment_test.fails($$UPDATE isms.risk_acceptance SET status = 'valid' WHERE id = 990405$$);
CALL treatment_test.fails($$UPDATE isms.risk_acceptance SET end_reason = 'changed my mind' WHERE id = 990405$$);
CALL treatment_test.fails($$UPDATE isms.risk_acceptance SET status = 'forgotten' WHERE id = 990405$$);
-- a level on another scale than the appetite's is an error, not a comparison
INSERT INTO isms.risk_matrix (id, name, likelihood_levels, impact_levels, level_scale, grid)
VALUES (990051, 'treatment 3x3', 3, 3, 3, '{{low,low,medium},{low,medium,high},{medium,high,high}}');
INSERT INTO isms.risk (id, ident, title, matrix_id, status, treatment, inherent_likelihood, inherent_impact,
	residual_likelihood, residual_impact, identified_on)
VALUES (990203, 'A-3', 'Small matrix', 990051, 'assessed', 'accept', '3/3', '3/3', '2/3', '2/3', '2026-01-01');
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'A-3'$$);

-- Avoid: the activity ends and the risk closes.
INSERT INTO isms.risk (id, ident, title, status, treatment, inherent_likelihood, inherent_impact, identified_on)
VALUES (990204, 'V-1', 'Legacy FTP upload', 'assessed', 'avoid', 'likely', 'major', '2026-01-01');
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'V-1' RETURNING status;
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treated' WHERE ident = 'V-1'$$);
UPDATE isms.risk SET activity_ended_on = '2026-04-30' WHERE ident = 'V-1'
RETURNING status, activity_ended_on, closed_on, next_review;
-- reopened, it stays open only while its treatment is not planned again
UPDATE isms.risk SET status = 'assessed' WHERE ident = 'V-1' RETURNING status, closed_on;
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'V-1' RETURNING status, closed_on;

-- Transfer: a counterparty (supplier or insurer) and the contract or policy.
INSERT INTO isms.risk (id, ident, title, status, treatment, inherent_likelihood, inherent_impact, identified_on)
VALUES (990205, 'T-1', 'Data breach costs', 'assessed', 'transfer', 'possible', 'severe', '2026-01-01');
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'T-1'$$);
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned', transfer_counterparty = 'Cyber insurer'
	WHERE ident = 'T-1'$$);
CALL treatment_test.fails($$UPDATE isms.risk SET transfer_supplier_id = 990032 WHERE ident = 'T-1'$$);
UPDATE isms.risk SET status = 'treatment_planned', transfer_counterparty = 'Cyber insurer',
	   transfer_reference = 'Policy CY-1' WHERE ident = 'T-1' RETURNING status;
UPDATE isms.risk SET transfer_counterparty = NULL, transfer_supplier_id = 990031, transfer_reference = 'Contract 12'
 WHERE ident = 'T-1' RETURNING status, transfer_supplier_id, transfer_reference;
CALL treatment_test.fails($$UPDATE isms.risk SET transfer_reference = NULL WHERE ident = 'T-1'$$);

-- Mitigate: a planned control or action before the treatment is planned.
INSERT INTO isms.risk (id, ident, title, status, treatment, inherent_likelihood, inherent_impact, identified_on)
VALUES (990206, 'M-1', 'Unpatched servers', 'assessed', 'mitigate', 'likely', 'major', '2026-01-01');
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'M-1'$$);
-- a control whose SoA entry has no owner and no date does not count, nor
-- does a cancelled action
INSERT INTO isms.risk_control (risk_id, control_id) VALUES (990206, treatment_test.control('A.8.8'));
INSERT INTO isms.treatment_action (id, risk_id, title, owner_id, due_on, status)
VALUES (990501, 990206, 'Patch by hand', 990013, '2026-06-30', 'cancelled');
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'M-1'$$);
-- an implemented control with an owner does
INSERT INTO isms.risk_control (risk_id, control_id) VALUES (990206, treatment_test.control('A.5.1'));
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'M-1' RETURNING status;
-- the last planned control or action cannot go, nor become one that does not count
CALL treatment_test.fails($$DELETE FROM isms.risk_control WHERE risk_id = 990206 AND control_id = treatment_test.control('A.5.1')$$);
DELETE FROM isms.risk_control WHERE risk_id = 990206 AND control_id = treatment_test.control('A.8.8');
CALL treatment_test.fails($$UPDATE isms.risk_control SET control_id = treatment_test.control('A.8.8')
	WHERE risk_id = 990206$$);
-- once an action is planned, the control link may go; then the action cannot
INSERT INTO isms.treatment_action (id, risk_id, title, owner_id, due_on)
VALUES (990502, 990206, 'Automatic patching', 990013, '2026-09-30');
DELETE FROM isms.risk_control WHERE risk_id = 990206 AND control_id = treatment_test.control('A.5.1');
CALL treatment_test.fails($$UPDATE isms.treatment_action SET status = 'cancelled' WHERE id = 990502$$);
CALL treatment_test.fails($$DELETE FROM isms.treatment_action WHERE id = 990502$$);
UPDATE isms.treatment_action SET status = 'in_progress', started_on = '2026-07-01' WHERE id = 990502 RETURNING status;
-- a planned control (owner, target date) counts too
INSERT INTO isms.risk_control (risk_id, control_id) VALUES (990206, treatment_test.control('A.8.13'));
DELETE FROM isms.treatment_action WHERE id = 990502;
UPDATE isms.risk SET status = 'treated' WHERE ident = 'M-1' RETURNING status;
-- back at assessment, nothing holds the links; a deleted risk takes them along
UPDATE isms.risk SET status = 'assessed' WHERE ident = 'M-1';
DELETE FROM isms.risk_control WHERE risk_id = 990206;
INSERT INTO isms.risk_control (risk_id, control_id) VALUES (990206, treatment_test.control('A.5.1'));
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'M-1';
DELETE FROM isms.risk WHERE ident = 'M-1';
SELECT count(*) AS links_left FROM isms.risk_control WHERE risk_id = 990206;

-- Monitor: someone who watches the risk (the review date is computed).
INSERT INTO isms.risk (id, ident, title, status, treatment, inherent_likelihood, inherent_impact, identified_on)
VALUES (990207, 'W-1', 'Vendor lock-in', 'assessed', 'monitor', 'unlikely', 'major', '2026-01-01');
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'W-1'$$);
CALL treatment_test.fails($$UPDATE isms.risk SET monitor_owner_id = 990014 WHERE ident = 'W-1'$$);
UPDATE isms.risk SET status = 'treatment_planned', monitor_owner_id = 990013 WHERE ident = 'W-1'
RETURNING status, next_review;
CALL treatment_test.fails($$UPDATE isms.risk SET monitor_owner_id = NULL WHERE ident = 'W-1'$$);
-- a change of treatment at a treatment stage meets the new option's rule
CALL treatment_test.fails($$UPDATE isms.risk SET treatment = 'transfer' WHERE ident = 'W-1'$$);

-- Restore mode: acceptances go in as written; their constraints hold.
SET LOCAL check_function_bodies = off;
INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, accepted_on, expires_on,
	accepted_likelihood, accepted_impact, accepted_level, status, ended_at, end_reason)
VALUES (990201, 990011, 'Old record', '2020-01-01', '2021-01-01', 'rare', 'minor', 'low', 'expired',
	'2021-01-02 00:00+00', 'expired on 2021-01-01')
RETURNING status, end_reason;
INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, accepted_on,
	expires_on, accepted_likelihood, accepted_impact, accepted_level)
VALUES (990201, 990012, 'Restored valid', '2026-01-01', '2099-01-01', 'rare', 'minor', 'low');
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, accepted_on,
	expires_on, accepted_likelihood, accepted_impact, accepted_level)
	VALUES (990201, 990012, 'Second valid', '2026-01-01', '2099-01-01', 'rare', 'minor', 'low')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, accepted_on,
	expires_on, accepted_likelihood, accepted_impact, accepted_level, status)
	VALUES (990201, 990012, 'Ended without a time', '2026-01-01', '2099-01-01', 'rare', 'minor', 'low', 'expired')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, accepted_on,
	expires_on, accepted_likelihood, accepted_impact, accepted_level, status, ended_at)
	VALUES (990201, 990012, 'Back to front', '2026-01-01', '2025-01-01', 'rare', 'minor', 'low', 'expired', now())$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, accepted_on,
	expires_on, accepted_likelihood, accepted_impact, accepted_level, status, ended_at)
	VALUES (990201, 990012, 'Odd status', '2026-01-01', '2099-01-01', 'rare', 'minor', 'low', 'lapsed', now())$$);
CALL treatment_test.fails($$INSERT INTO isms.risk_acceptance (risk_id, approved_by_id, justification, accepted_on,
	expires_on, accepted_likelihood, accepted_impact, status, ended_at)
	VALUES (990201, 990012, 'No level', '2026-01-01', '2099-01-01', 'rare', 'minor', 'expired', now())$$);
-- a restored acceptance of another residual level covers nothing once
-- the rules apply again
INSERT INTO isms.risk (id, ident, title, owner_id, status, treatment, inherent_likelihood, inherent_impact,
	residual_likelihood, residual_impact, residual_level, identified_on)
VALUES (990208, 'A-4', 'Restored acceptance', 990011, 'treatment_planned', 'accept', 'likely', 'major',
	'likely', 'minor', 'high', '2026-01-01');
INSERT INTO isms.risk_acceptance (id, risk_id, approved_by_id, justification, accepted_on, expires_on,
	accepted_likelihood, accepted_impact, accepted_level)
VALUES (990406, 990208, 990012, 'Restored', '2026-01-01', '2099-01-01', 'rare', 'minor', 'low');
SET LOCAL check_function_bodies = on;
CALL treatment_test.fails($$UPDATE isms.risk SET title = 'Restored acceptance, checked' WHERE ident = 'A-4'$$);

-- The trigger functions belong on their tables, as row triggers.
CREATE TEMPORARY TABLE not_a_risk (id bigint, title text);
INSERT INTO not_a_risk VALUES (1, 'x');
CREATE TRIGGER wrong_table BEFORE INSERT ON not_a_risk FOR EACH ROW EXECUTE FUNCTION isms.risk_workflow();
CALL treatment_test.fails($$INSERT INTO not_a_risk VALUES (1, 'x')$$);
DROP TRIGGER wrong_table ON not_a_risk;
CREATE TRIGGER wrong_table BEFORE INSERT ON not_a_risk FOR EACH ROW EXECUTE FUNCTION isms.risk_acceptance_guard();
CALL treatment_test.fails($$INSERT INTO not_a_risk VALUES (1, 'x')$$);
DROP TRIGGER wrong_table ON not_a_risk;
CREATE TRIGGER wrong_table AFTER DELETE ON not_a_risk FOR EACH ROW EXECUTE FUNCTION isms.risk_link_guard();
CALL treatment_test.fails($$DELETE FROM not_a_risk$$);
DROP TRIGGER wrong_table ON not_a_risk;
CREATE TRIGGER wrong_kind AFTER INSERT ON not_a_risk FOR EACH STATEMENT EXECUTE FUNCTION isms.risk_workflow();
CALL treatment_test.fails($$INSERT INTO not_a_risk VALUES (1, 'x')$$);
DROP TRIGGER wrong_kind ON not_a_risk;
CREATE TRIGGER wrong_kind BEFORE DELETE ON not_a_risk FOR EACH ROW EXECUTE FUNCTION isms.risk_acceptance_guard();
CALL treatment_test.fails($$DELETE FROM not_a_risk$$);
DROP TRIGGER wrong_kind ON not_a_risk;
CREATE TRIGGER wrong_kind BEFORE INSERT ON not_a_risk FOR EACH ROW EXECUTE FUNCTION isms.risk_link_guard();
CALL treatment_test.fails($$INSERT INTO not_a_risk VALUES (1, 'x')$$);
CALL treatment_test.fails($$SELECT isms.risk_workflow()$$);
ROLLBACK;

-- A hostile search_path, in a new session so that the prepared queries are
-- planned under it: the rules read the same rows.
\c
SET datestyle = 'ISO, YMD';
CREATE SCHEMA hostile;
CREATE FUNCTION hostile.never(bigint, bigint) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE OPERATOR hostile.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = hostile.never);
CREATE FUNCTION hostile.never_text(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE OPERATOR hostile.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.never_text);
CREATE TABLE hostile.risk_acceptance (risk_id bigint, status text);
BEGIN;
SELECT treatment_test.fixture();
-- (the test's own statements name pg_catalog's operator)
SET LOCAL search_path = hostile, isms, public, pg_catalog;
INSERT INTO isms.risk (id, ident, title, owner_id, status, treatment, inherent_likelihood, inherent_impact,
	residual_likelihood, residual_impact, identified_on)
VALUES (990211, 'H-1', 'Hostile', 990011, 'assessed', 'accept', 'likely', 'major', 'unlikely', 'minor', '2026-01-01'),
	   (990212, 'H-2', 'Hostile too', 990011, 'assessed', 'mitigate', 'likely', 'major', 'unlikely', 'minor', '2026-01-01');
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned'
	WHERE id OPERATOR(pg_catalog.=) 990211$$);
INSERT INTO isms.risk_acceptance (id, risk_id, approved_by_id, justification, expires_on)
VALUES (990411, 990211, 990012, 'Accepted', '2099-01-01') RETURNING accepted_level;
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned'
	WHERE id OPERATOR(pg_catalog.=) 990212$$);
INSERT INTO isms.treatment_action (risk_id, title, owner_id, due_on) VALUES (990212, 'Fix', 990013, '2026-12-31');
UPDATE isms.risk SET status = 'treatment_planned' WHERE id OPERATOR(pg_catalog.>=) 990211;
SELECT ident, status FROM isms.risk WHERE id OPERATOR(pg_catalog.>=) 990211 ORDER BY ident;
CALL treatment_test.fails($$UPDATE isms.risk SET owner_id = 990012 WHERE id OPERATOR(pg_catalog.=) 990211$$);
CALL treatment_test.fails($$DELETE FROM isms.treatment_action WHERE risk_id OPERATOR(pg_catalog.=) 990212$$);
ROLLBACK;
DROP SCHEMA hostile CASCADE;
\i sql/fixtures/end.sql
