\i sql/fixtures/begin.sql
-- Risk treatment workflow, part 1: the life cycle of a risk, its computed
-- levels, scores and review date, and restore mode.  Helpers for the
-- treatment_* tests: sql/fixtures/treatment.sql.
SET datestyle = 'ISO, YMD';
\i sql/fixtures/treatment.sql

BEGIN;
SELECT treatment_test.fixture();

-- The life cycle as a table.
SELECT * FROM isms.risk_status_transitions();

-- Levels come from the risk matrix (the default one here, which the risk
-- then records); scores are generated.  Nothing needs to be typed but the
-- likelihood and impact.
INSERT INTO isms.risk (id, ident, title, owner_id, identified_on, assessed_on, status,
	inherent_likelihood, inherent_impact, current_likelihood, current_impact,
	residual_likelihood, residual_impact, target_likelihood, target_impact)
VALUES (990101, 'R-1', 'Ransomware', 990011, '2026-01-10', '2026-01-20', 'assessed',
	'likely', 'severe', '3', '5', 'unlikely', 'major', 'rare', 'major')
RETURNING ident, inherent_level, inherent_score, current_level, current_score, residual_level,
	residual_score, target_level, target_score, matrix_id = isms.default_matrix() AS default_matrix;
-- a risk without an assessment has no levels (but records the matrix)
INSERT INTO isms.risk (id, ident, title, identified_on) VALUES (990102, 'R-2', 'Shadow IT', '2026-02-01')
RETURNING ident, status, inherent_level, residual_level, next_review, matrix_id = isms.default_matrix() AS default_matrix;
-- COPY goes through the same trigger
COPY isms.risk (id, ident, title, identified_on, status, inherent_likelihood, inherent_impact) FROM stdin;
990103	R-3	Copied risk	2026-03-01	assessed	possible	moderate
\.
SELECT ident, inherent_level, inherent_score, next_review FROM isms.risk WHERE id = 990103;

-- A level that is written must be what the matrix gives; NULL or the same
-- value (also as another spelling) is accepted.
CALL treatment_test.fails($$INSERT INTO isms.risk (ident, title, inherent_likelihood, inherent_impact, inherent_level)
	VALUES ('R-x', 'Typed level', 'likely', 'severe', 'low')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk (ident, title, residual_level) VALUES ('R-x', 'Level alone', 'high')$$);
CALL treatment_test.fails($$UPDATE isms.risk SET current_level = 'medium' WHERE ident = 'R-1'$$);
INSERT INTO isms.risk (id, ident, title, inherent_likelihood, inherent_impact, inherent_level)
VALUES (990104, 'R-4', 'Same level typed', 'likely', 'severe', '4/4') RETURNING inherent_level;
UPDATE isms.risk SET inherent_level = NULL, current_level = 'critical' WHERE ident = 'R-1'
RETURNING inherent_level, current_level;
-- an update of the likelihood recomputes the level and the score
UPDATE isms.risk SET current_likelihood = 'rare' WHERE ident = 'R-1'
RETURNING current_level, current_score;
-- scores cannot be written at all (generated columns)
CALL treatment_test.fails($$UPDATE isms.risk SET inherent_score = 3 WHERE ident = 'R-1'$$);
-- values that do not fit the matrix
CALL treatment_test.fails($$INSERT INTO isms.risk (ident, title, inherent_likelihood, inherent_impact)
	VALUES ('R-x', 'Four levels', '3/4', 'minor')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk (ident, title, matrix_id) VALUES ('R-x', 'No such matrix', -1)$$);

-- Another matrix: levels on its own scale; changing matrix_id re-scores.
INSERT INTO isms.risk_matrix (id, name, likelihood_levels, impact_levels, level_scale, grid)
VALUES (990051, 'treatment 3x3', 3, 3, 3, '{{low,low,medium},{low,medium,high},{medium,high,high}}');
INSERT INTO isms.risk (id, ident, title, matrix_id, inherent_likelihood, inherent_impact)
VALUES (990105, 'R-5', 'Small scale', 990051, '3/3', '2/3') RETURNING inherent_level, inherent_score;
-- the matrix that scored it is read-only from now on
DO $$
BEGIN
	UPDATE isms.risk_matrix SET grid = '{{low,low,low},{low,medium,high},{medium,high,high}}' WHERE id = 990051;
EXCEPTION WHEN object_in_use THEN
	RAISE NOTICE 'read-only: %', SQLERRM;
END $$;
CALL treatment_test.fails($$UPDATE isms.risk SET matrix_id = NULL WHERE ident = 'R-5'$$);

-- Residual risk must not exceed inherent risk; target must not exceed
-- residual unless justified.
CALL treatment_test.fails($$UPDATE isms.risk SET residual_likelihood = 'likely', residual_impact = 'severe' WHERE ident = 'R-3'$$);
CALL treatment_test.fails($$UPDATE isms.risk SET target_likelihood = 'likely' WHERE ident = 'R-1'$$);
UPDATE isms.risk SET target_likelihood = 'likely', target_justification = 'Insurance covers the rest'
 WHERE ident = 'R-1' RETURNING target_level, residual_level;
UPDATE isms.risk SET target_likelihood = 'rare', target_justification = NULL WHERE ident = 'R-1';

-- Transitions.  A new risk starts identified or assessed.
CALL treatment_test.fails($$INSERT INTO isms.risk (ident, title, status, inherent_likelihood, inherent_impact, treatment)
	VALUES ('R-x', 'Skips ahead', 'treatment_planned', 'rare', 'minor', 'monitor')$$);
CALL treatment_test.fails($$INSERT INTO isms.risk (ident, title, status, inherent_likelihood, inherent_impact, treatment, closed_on)
	VALUES ('R-x', 'Born closed', 'closed', 'rare', 'minor', 'avoid', '2026-01-01')$$);
-- every move the table allows works, every other one is refused with the
-- statuses named: walk a risk through the life cycle
INSERT INTO isms.risk (id, ident, title, owner_id, identified_on, treatment, monitor_owner_id)
VALUES (990106, 'R-6', 'Walked through', 990011, '2026-01-01', 'monitor', 990013);
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'R-6'$$);
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'assessed' WHERE ident = 'R-6'$$);
UPDATE isms.risk SET status = 'assessed', inherent_likelihood = 'possible', inherent_impact = 'minor'
 WHERE ident = 'R-6' RETURNING status, inherent_level;
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treated' WHERE ident = 'R-6'$$);
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'identified' WHERE ident = 'R-6'$$);
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'R-6' RETURNING status;
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'monitored' WHERE ident = 'R-6'$$);
UPDATE isms.risk SET status = 'treated' WHERE ident = 'R-6' RETURNING status;
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'closed' WHERE ident = 'R-6'$$);
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'R-6'$$);
UPDATE isms.risk SET status = 'monitored' WHERE ident = 'R-6' RETURNING status;
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'identified' WHERE ident = 'R-6'$$);
-- closing records today's date where none is given; reopening clears it
UPDATE isms.risk SET status = 'closed' WHERE ident = 'R-6'
RETURNING status, closed_on = CURRENT_DATE AS closed_today, next_review;
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treated' WHERE ident = 'R-6'$$);
UPDATE isms.risk SET status = 'assessed' WHERE ident = 'R-6' RETURNING status, closed_on;
-- back to assessed from every treatment stage
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'R-6';
UPDATE isms.risk SET status = 'assessed' WHERE ident = 'R-6' RETURNING status;
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'R-6';
UPDATE isms.risk SET status = 'treated' WHERE ident = 'R-6';
UPDATE isms.risk SET status = 'assessed' WHERE ident = 'R-6' RETURNING status;
-- a closed risk reopens as identified too, with the date given
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'R-6';
UPDATE isms.risk SET status = 'treated' WHERE ident = 'R-6';
UPDATE isms.risk SET status = 'monitored' WHERE ident = 'R-6';
UPDATE isms.risk SET status = 'closed', closed_on = '2026-05-01' WHERE ident = 'R-6' RETURNING closed_on;
UPDATE isms.risk SET status = 'identified' WHERE ident = 'R-6' RETURNING status, closed_on;
-- a risk without a name is named by its id
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'closed' WHERE id = 990102$$);
UPDATE isms.risk SET ident = NULL WHERE id = 990102;
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'closed' WHERE id = 990102$$);

-- Every move, from each status (a risk written in restore mode) to each
-- other: ok, or the SQLSTATE.  The risk is monitored by a watcher, so the
-- rules of every status hold; only the life cycle decides.
CREATE FUNCTION treatment_test.try_status(from_status text, to_status text) RETURNS text
	LANGUAGE plpgsql AS $$
DECLARE
	state text;
BEGIN
	SET LOCAL check_function_bodies = off;
	INSERT INTO isms.risk (id, ident, title, status, treatment, monitor_owner_id, inherent_likelihood,
						   inherent_impact, identified_on, next_review, closed_on)
	VALUES (990199, 'R-t', 'Transition', from_status, 'monitor', 990013, 'possible', 'minor', '2026-01-01',
			'2026-07-01', CASE WHEN from_status = 'closed' THEN date '2026-02-01' END);
	SET LOCAL check_function_bodies = on;
	UPDATE isms.risk SET status = to_status WHERE id = 990199;
	RAISE EXCEPTION USING ERRCODE = 'TTOK0';	-- undo
EXCEPTION
	WHEN SQLSTATE 'TTOK0' THEN
		RETURN 'ok';
	WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE;
		RETURN state;
END $$;
SELECT f AS "from \ to",
	   treatment_test.try_status(f, 'identified') AS identified,
	   treatment_test.try_status(f, 'assessed') AS assessed,
	   treatment_test.try_status(f, 'treatment_planned') AS treatment_planned,
	   treatment_test.try_status(f, 'treated') AS treated,
	   treatment_test.try_status(f, 'monitored') AS monitored,
	   treatment_test.try_status(f, 'closed') AS closed
  FROM unnest('{identified,assessed,treatment_planned,treated,monitored,closed}'::text[]) WITH ORDINALITY u(f, n)
 ORDER BY n;
SHOW check_function_bodies;

-- What a status needs: an inherent assessment from assessed on, a
-- treatment from treatment_planned on.
CALL treatment_test.fails($$INSERT INTO isms.risk (ident, title, status) VALUES ('R-x', 'Unassessed', 'assessed')$$);
CALL treatment_test.fails($$UPDATE isms.risk SET inherent_likelihood = NULL, inherent_impact = NULL WHERE ident = 'R-3'$$);
UPDATE isms.risk SET treatment = NULL WHERE ident = 'R-3';
CALL treatment_test.fails($$UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'R-3'$$);

-- The next review: latest review or assessment (else the identification)
-- plus the cadence of the level now: critical 30, high 90, medium 180,
-- low 365 days by default.
SELECT l AS level, isms.default_review_days(l) AS days
  FROM unnest('{low,medium,high,critical,low/3,medium/3,high/3,very_low/5,low/5,moderate/5,high/5,very_high/5,1/2,2/2}'::isms.risk_level[]) l;
SELECT ident, status, inherent_level, current_level, residual_level, identified_on, assessed_on, reviewed_on, next_review
  FROM isms.risk WHERE org_id = 990001 AND id IN (990101, 990102, 990103) ORDER BY id;
-- a review moves it on
UPDATE isms.risk SET reviewed_on = '2026-04-01' WHERE ident = 'R-1' RETURNING next_review;
-- an assessment later than the last review counts as the review
UPDATE isms.risk SET assessed_on = '2026-05-01' WHERE ident = 'R-1' RETURNING next_review;
-- the organization's own cadence, per level
INSERT INTO isms.review_cadence (level, review_days) VALUES ('critical', 14), ('medium', 60);
SELECT isms.review_days('critical') AS critical, isms.review_days('high') AS high,
	   isms.review_days('medium') AS medium, isms.review_days('critical', 990002) AS other_org,
	   isms.review_days(NULL) AS no_level;
WITH u AS (UPDATE isms.risk SET reviewed_on = '2026-05-02' WHERE ident IN ('R-1', 'R-3')
		   RETURNING ident, current_level, next_review)
SELECT * FROM u ORDER BY ident;
-- once treated, the residual level sets the pace (high: 90 days)
UPDATE isms.risk SET treatment = 'monitor', monitor_owner_id = 990013 WHERE ident = 'R-1';
UPDATE isms.risk SET status = 'treatment_planned' WHERE ident = 'R-1' RETURNING next_review;
UPDATE isms.risk SET status = 'treated' WHERE ident = 'R-1' RETURNING residual_level, next_review;
-- next_review is computed: a client may set an earlier date, not a later one
CALL treatment_test.fails($$UPDATE isms.risk SET next_review = '2030-01-01' WHERE ident = 'R-1'$$);
CALL treatment_test.fails($$UPDATE isms.risk SET next_review = '2030-01-01' WHERE id = 990102$$);
UPDATE isms.risk SET next_review = '2026-06-15' WHERE ident = 'R-1' RETURNING next_review;
-- an earlier date stays through other changes, also of the level ...
UPDATE isms.risk SET title = 'Ransomware in payroll', residual_impact = 'moderate' WHERE ident = 'R-1'
RETURNING residual_level, next_review;
-- ... until the cadence comes to an even earlier date, or the next review
UPDATE isms.risk SET residual_likelihood = 'likely', residual_impact = 'severe' WHERE ident = 'R-1'
RETURNING residual_level, next_review;
UPDATE isms.risk SET next_review = '2026-05-10', residual_likelihood = 'unlikely', residual_impact = 'major'
 WHERE ident = 'R-1' RETURNING next_review;
UPDATE isms.risk SET reviewed_on = '2026-05-20' WHERE ident = 'R-1' RETURNING next_review;
-- NULL asks for the cadence date
UPDATE isms.risk SET next_review = '2026-06-01' WHERE ident = 'R-1';
UPDATE isms.risk SET next_review = NULL WHERE ident = 'R-1' RETURNING next_review;
-- on insert too
INSERT INTO isms.risk (id, ident, title, status, inherent_likelihood, inherent_impact, identified_on, next_review)
VALUES (990109, 'R-9', 'Reviewed early', 'assessed', 'rare', 'minor', '2026-01-01', '2026-02-01') RETURNING next_review;
-- review cadence rows: one per organization and level, 1 to 3660 days
-- ('4/4' is critical, which has its row)
CALL treatment_test.fails($$INSERT INTO isms.review_cadence (level, review_days) VALUES ('4/4', 10)$$);
CALL treatment_test.fails($$INSERT INTO isms.review_cadence (level, review_days) VALUES ('high', 0)$$);
CALL treatment_test.fails($$INSERT INTO isms.review_cadence (level, review_days) VALUES ('high', 3661)$$);
CALL treatment_test.fails($$INSERT INTO isms.review_cadence (level, review_days) VALUES ('9', 10)$$);
CALL treatment_test.fails($$INSERT INTO isms.review_cadence (org_id, level, review_days) VALUES (-1, 'high', 10)$$);
INSERT INTO isms.review_cadence (level, review_days) VALUES ('high/3', 45), ('3', 50) RETURNING level, review_days;

-- Restore mode: pg_dump and pg_restore set check_function_bodies to off.
-- Then the table owner's rows go in unchanged (a restore of rows that were
-- checked when written); the CHECK constraints still hold.
SET LOCAL check_function_bodies = off;
INSERT INTO isms.risk (id, ident, title, status, treatment, inherent_likelihood, inherent_impact, inherent_level,
	residual_likelihood, residual_impact, residual_level, identified_on, next_review, closed_on, activity_ended_on)
VALUES (990107, 'R-7', 'Restored', 'closed', 'avoid', 'likely', 'major', 'critical', 'rare', 'minor', 'low',
	'2025-01-01', '2026-01-01', '2025-12-01', '2025-12-01')
RETURNING ident, status, inherent_level, next_review, matrix_id;
CALL treatment_test.fails($$INSERT INTO isms.risk (ident, title, inherent_level, residual_level)
	VALUES ('R-x', 'Restored badly', 'low', 'high')$$);
-- not for someone who does not own the table
CREATE ROLE regress_treatment_clerk;
GRANT USAGE ON SCHEMA isms, treatment_test TO regress_treatment_clerk;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA isms TO regress_treatment_clerk;
GRANT EXECUTE ON PROCEDURE treatment_test.fails(text) TO regress_treatment_clerk;
INSERT INTO isms.org_member (org_id, member) SELECT id, 'regress_treatment_clerk' FROM isms.organization;
SET LOCAL ROLE regress_treatment_clerk;
CALL treatment_test.fails($$INSERT INTO isms.risk (id, ident, title, status, treatment, inherent_likelihood, inherent_impact)
	VALUES (990108, 'R-8', 'Sneaked in', 'treated', 'accept', 'likely', 'major')$$);
RESET ROLE;
SET LOCAL check_function_bodies = on;
CALL treatment_test.fails($$INSERT INTO isms.risk (ident, title, status) VALUES ('R-x', 'Not restoring', 'closed')$$);
ROLLBACK;
\i sql/fixtures/end.sql
