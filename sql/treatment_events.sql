\i sql/fixtures/begin.sql
\i sql/fixtures/treatment.sql
-- Risk treatment workflow, part 3: events (the outbox isms.event, and
-- NOTIFY isms_events with the kind, ids and organization of each), the
-- scheduled checks, and the view v_risk_treatment.  Notifications are
-- delivered at commit; psql prints them with the sending backend's PID,
-- which sed replaces so that the output stays the same from run to run.
-- Helpers: sql/fixtures/treatment.sql.  The test commits (a notification
-- needs a commit) and removes its organizations at the end.
SET datestyle = 'ISO, YMD';
LISTEN isms_events;
BEGIN;
SELECT treatment_test.fixture();
INSERT INTO isms.risk_appetite (id, org_id, max_level) VALUES (990301, 990001, 'medium');
COMMIT;
SET isms.org_id = '990001';

-- A risk that goes above appetite: on insert, and on an update that takes
-- it there from within appetite; not again while it stays above.
BEGIN;
INSERT INTO isms.risk (id, ident, title, owner_id, status, inherent_likelihood, inherent_impact, identified_on)
VALUES (990601, 'E-1', 'Above from the start', 990011, 'assessed', 'likely', 'major', '2026-01-01'),
	   (990602, 'E-2', 'Within at first', 990011, 'assessed', 'rare', 'minor', '2026-01-01'),
	   (990603, 'E-3', 'Not assessed', 990011, 'identified', NULL, NULL, '2026-01-01');
UPDATE isms.risk SET inherent_likelihood = 'almost_certain' WHERE ident = 'E-1';
UPDATE isms.risk SET inherent_likelihood = 'likely', inherent_impact = 'moderate' WHERE ident = 'E-2';
UPDATE isms.risk SET title = 'Above now' WHERE ident = 'E-2';
\o | sed -e 's/PID [0-9]*/PID <pid>/'
COMMIT;
\o
-- the level now is the current level when there is one: E-1 comes within
-- appetite (nothing to send), then goes above it again (sent); E-3, once
-- assessed, is above its category's appetite (sent)
BEGIN;
UPDATE isms.risk SET current_likelihood = 'rare', current_impact = 'minor' WHERE ident = 'E-1';
UPDATE isms.risk SET current_likelihood = 'likely', current_impact = 'major' WHERE ident = 'E-1';
INSERT INTO isms.risk_appetite (id, org_id, category, max_level) VALUES (990302, 990001, 'privacy', 'low');
UPDATE isms.risk SET category = 'privacy', inherent_likelihood = 'unlikely', inherent_impact = 'minor'
 WHERE ident = 'E-3' RETURNING inherent_level;
UPDATE isms.risk SET status = 'assessed' WHERE ident = 'E-3';
\o | sed -e 's/PID [0-9]*/PID <pid>/'
COMMIT;
\o
-- nothing is sent for a transaction that rolls back
BEGIN;
INSERT INTO isms.risk (id, ident, title, status, inherent_likelihood, inherent_impact, identified_on)
VALUES (990604, 'E-4', 'Rolled back', 'assessed', 'almost_certain', 'severe', '2026-01-01');
ROLLBACK;

-- An acceptance invalidated by a change of the residual risk, and one
-- withdrawn.
BEGIN;
INSERT INTO isms.risk (id, ident, title, owner_id, status, treatment, inherent_likelihood, inherent_impact,
	residual_likelihood, residual_impact, identified_on)
VALUES (990605, 'E-5', 'Accepted', 990011, 'assessed', 'accept', 'likely', 'major', 'possible', 'major', '2026-01-01');
INSERT INTO isms.risk_acceptance (id, risk_id, approved_by_id, justification, expires_on)
VALUES (990701, 990605, 990012, 'Cheaper than the fix', '2099-01-01');
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'E-5';
UPDATE isms.risk SET status = 'assessed', residual_likelihood = 'likely' WHERE ident = 'E-5';
INSERT INTO isms.risk_acceptance (id, risk_id, approved_by_id, justification, expires_on)
VALUES (990702, 990605, 990012, 'Still cheaper', '2099-01-01');
UPDATE isms.risk_acceptance SET status = 'withdrawn', end_reason = 'the approver left' WHERE id = 990702;
\o | sed -e 's/PID [0-9]*/PID <pid>/'
COMMIT;
\o
SELECT id, status, end_reason FROM isms.risk_acceptance WHERE risk_id = 990605 ORDER BY id;

-- The scheduled checks: acceptances that expire, reviews that are overdue.
BEGIN;
INSERT INTO isms.risk_acceptance (id, risk_id, approved_by_id, justification, accepted_on, expires_on)
VALUES (990703, 990605, 990012, 'For a while', '2026-06-01', '2027-01-01');
UPDATE isms.risk SET reviewed_on = '2026-06-01' WHERE ident IN ('E-1', 'E-2', 'E-3', 'E-5');
COMMIT;
SELECT ident, status, current_level, inherent_level, reviewed_on, next_review
  FROM isms.risk WHERE org_id = 990001 ORDER BY ident;
-- as of 2026-06-20 nothing is due and nothing expires
SELECT * FROM isms.run_scheduled_checks('2026-06-20', 990001);
-- as of 2026-07-15 the reviews of E-1 and E-5 (critical: 30 days) are overdue
BEGIN;
SELECT * FROM isms.run_scheduled_checks('2026-07-15', 990001);
-- one run at a time: the advisory lock is held until the end of the transaction
SELECT count(*) AS advisory_locks FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid();
\o | sed -e 's/PID [0-9]*/PID <pid>/'
COMMIT;
\o
-- a second run finds nothing new, and sends nothing
SELECT * FROM isms.run_scheduled_checks('2026-07-15', 990001);
-- the lock is not for everyone: a role that may not do what the checks do
-- cannot take it (and hold up the scheduler)
CREATE ROLE regress_events_reader;
GRANT USAGE ON SCHEMA isms TO regress_events_reader;
-- (1.1: the function is isms_admin's; granted here, it still checks the columns)
GRANT EXECUTE ON FUNCTION isms.scheduled_checks_lock(), isms.run_scheduled_checks(date, bigint)
	TO regress_events_reader;
SET ROLE regress_events_reader;
SELECT isms.scheduled_checks_lock();
RESET ROLE;
-- nor for one that may write other columns than the checks write
GRANT UPDATE (justification) ON isms.risk_acceptance TO regress_events_reader;
GRANT INSERT (due_on) ON isms.risk_review_overdue TO regress_events_reader;
SET ROLE regress_events_reader;
SELECT isms.scheduled_checks_lock();
RESET ROLE;
-- the columns the checks write will do
GRANT UPDATE (status) ON isms.risk_acceptance TO regress_events_reader;
GRANT INSERT (org_id, risk_id) ON isms.risk_review_overdue TO regress_events_reader;
BEGIN;
SET LOCAL ROLE regress_events_reader;
SELECT isms.scheduled_checks_lock();
SELECT count(*) AS held FROM pg_locks
 WHERE locktype = 'advisory' AND objsubid = 26995 AND pid = pg_backend_pid() AND granted;
COMMIT;
DROP OWNED BY regress_events_reader;
DROP ROLE regress_events_reader;
-- as of 2026-09-15 E-2 (high: 90 days) is overdue too
BEGIN;
SELECT * FROM isms.run_scheduled_checks('2026-09-15', 990001);
\o | sed -e 's/PID [0-9]*/PID <pid>/'
COMMIT;
\o
-- after a review, the next missed date is marked again; the acceptance expires
UPDATE isms.risk SET reviewed_on = '2026-09-20' WHERE ident = 'E-5' RETURNING next_review;
BEGIN;
SELECT * FROM isms.run_scheduled_checks('2027-01-01', 990001);
\o | sed -e 's/PID [0-9]*/PID <pid>/'
COMMIT;
\o
SELECT id, status, end_reason FROM isms.risk_acceptance WHERE id = 990703;
SELECT r.ident, o.due_on FROM isms.risk_review_overdue o JOIN isms.risk r ON r.id = o.risk_id
 WHERE o.org_id = 990001 ORDER BY r.ident, o.due_on;
-- other organizations were left alone
SELECT count(*) AS other_marks FROM isms.risk_review_overdue WHERE org_id <> 990001;
CALL treatment_test.fails($$SELECT * FROM isms.run_scheduled_checks(NULL)$$);

-- The treatment state for readers (E-5 accepted anew).
INSERT INTO isms.risk_acceptance (id, risk_id, approved_by_id, justification, expires_on)
VALUES (990704, 990605, 990012, 'Renewed', '2099-01-01');
SELECT ident, status, treatment, level, appetite, above_appetite, acceptance_id, acceptance_valid, next_review
  FROM isms.v_risk_treatment WHERE org_id = 990001 ORDER BY ident;

-- The outbox holds every event sent, in the order of the commits, with
-- what the NOTIFY payloads leave out; nothing of the rolled-back E-4.
SELECT id, kind, table_name, row_ids, details, at IS NOT NULL AND txid IS NOT NULL AS stamped
  FROM isms.event WHERE org_id = 990001 ORDER BY id;

-- Remove the test's organizations.
UNLISTEN isms_events;
RESET isms.org_id;
DELETE FROM isms.risk WHERE org_id IN (990001, 990002);
DELETE FROM isms.risk_appetite WHERE org_id IN (990001, 990002);
DELETE FROM isms.soa WHERE org_id IN (990001, 990002);
DELETE FROM isms.supplier WHERE org_id IN (990001, 990002);
DELETE FROM isms.asset WHERE org_id IN (990001, 990002);
DELETE FROM isms.person WHERE org_id IN (990001, 990002);
DELETE FROM isms.organization WHERE id IN (990001, 990002);
\i sql/fixtures/end.sql
