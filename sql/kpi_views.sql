\i sql/fixtures/begin.sql
-- KPI views, snapshots, trend and the management review pack, on a fixed
-- data set of one organization (dates chosen so that "overdue" does not
-- depend on the day the test runs: due in 2020 is overdue, 2099 is not).
SET search_path = isms, public;
SET TimeZone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

INSERT INTO organization (name) VALUES ('KPI Org') RETURNING id AS kpi_org \gset
SELECT set_config('isms.org_id', :'kpi_org', false) IS NOT NULL AS org_set;

INSERT INTO org_unit (name) VALUES ('Ops'), ('Dev');
INSERT INTO person (name, unit_id)
SELECT 'P' || g, (SELECT id FROM org_unit WHERE org_id = :kpi_org AND name = CASE WHEN g <= 2 THEN 'Ops' ELSE 'Dev' END)
  FROM generate_series(1, 4) g;

-- incidents in two months of 2025 and one of 2026
INSERT INTO incident (title, category, severity, status, occurred_at, detected_at, responded_at, resolved_at, personal_data_breach)
VALUES ('I1', 'malware', 'high', 'resolved', '2025-03-01 10:00+00', '2025-03-01 12:00+00', '2025-03-01 13:00+00', '2025-03-02 12:00+00', false),
       ('I2', 'phishing', 'low', 'resolved', '2025-03-10 08:00+00', '2025-03-10 09:00+00', '2025-03-10 09:30+00', '2025-03-10 12:00+00', true),
       ('I3', 'other', 'critical', 'resolved', '2025-07-04 00:00+00', '2025-07-06 00:00+00', '2025-07-06 06:00+00', '2025-07-08 00:00+00', false),
       ('I4', 'other', 'medium', 'new', NULL, '2026-01-15 10:00+00', NULL, NULL, false);
SELECT period, period_start, period_end, incidents, high_or_critical, personal_data_breaches, resolved,
       mean_time_to_detect, median_time_to_detect, mean_time_to_respond, median_time_to_respond,
       mean_time_to_resolve, median_time_to_resolve
  FROM kpi_incidents WHERE org_id = :kpi_org ORDER BY period DESC, period_start;

INSERT INTO obligation (kind, title, source) VALUES ('legal', 'GDPR', 'Regulation (EU) 2016/679');
INSERT INTO compliance_violation (obligation_id, title, severity, status, occurred_at, detected_at, responded_at, resolved_at)
SELECT (SELECT id FROM obligation WHERE org_id = :kpi_org), v.*
  FROM (VALUES ('V1', 'high', 'resolved', '2025-05-01 00:00+00'::timestamptz, '2025-05-11 00:00+00'::timestamptz,
                '2025-05-12 00:00+00'::timestamptz, '2025-06-01 00:00+00'::timestamptz),
               ('V2', 'low', 'open', NULL, '2025-05-20 00:00+00', NULL, NULL)) v;
SELECT period, period_start, violations, high_or_critical, resolved, mean_time_to_detect,
       mean_time_to_respond, median_time_to_resolve
  FROM kpi_compliance WHERE org_id = :kpi_org ORDER BY period DESC, period_start;

-- the Statement of Applicability for five controls
INSERT INTO soa (control_id, applicable, justification, implementation_status, implemented_on, owner_id)
SELECT c.id, v.applicable, 'test', v.status, CASE WHEN v.status = 'implemented' THEN date '2025-01-01' END,
       (SELECT min(id) FROM person WHERE org_id = :kpi_org)
  FROM (VALUES ('A.5.1', true, 'implemented'), ('A.5.2', true, 'planned'), ('A.6.1', true, 'implemented'),
               ('A.7.1', false, 'not_applicable'), ('A.8.1', true, 'partially_implemented')) v(ident, applicable, status)
  JOIN control c ON c.ident = v.ident
  JOIN framework f ON f.id = c.framework_id AND f.name = 'iso27001-2022';
SELECT theme_ident, theme, controls, undecided, applicable, not_applicable, implemented, partially_implemented,
       planned, not_implemented, applicability_rate, implementation_rate
  FROM kpi_controls WHERE org_id = :kpi_org ORDER BY theme_ident;

-- training: one course, four people, one overdue, one not yet due
INSERT INTO training_course (title, kind) VALUES ('Awareness', 'awareness');
INSERT INTO training_record (person_id, course_id, assigned_on, due_on, completed_on, passed)
SELECT p.id, (SELECT id FROM training_course WHERE org_id = :kpi_org), '2020-01-01', v.due, v.done, v.passed
  FROM (VALUES ('P1', '2020-02-01'::date, '2020-01-15'::date, true), ('P2', '2020-02-01', NULL, NULL),
               ('P3', '2099-01-01', NULL, NULL), ('P4', '2020-02-01', '2020-01-20', false)) v(name, due, done, passed)
  JOIN person p ON p.name = v.name AND p.org_id = :kpi_org;
SELECT course, kind, unit, assigned, completed, passed, overdue, expired, completion_rate
  FROM kpi_training WHERE org_id = :kpi_org ORDER BY course_id NULLS LAST, unit_id NULLS LAST;

-- audit findings and corrective actions
INSERT INTO audit (title, kind, independent, auditor_name, status, started_on, ended_on)
VALUES ('Internal 2025', 'internal', true, 'A. Auditor', 'completed', '2025-09-01', '2025-09-05');
INSERT INTO audit_finding (audit_id, kind, description, status, raised_on, due_on, closed_on)
SELECT (SELECT id FROM audit WHERE org_id = :kpi_org), v.*
  FROM (VALUES ('major_nonconformity', 'No risk owner for R2', 'open', '2019-12-01'::date, '2020-01-01'::date, NULL::date),
               ('minor_nonconformity', 'Late review', 'closed', '2025-09-05', '2025-12-01', '2025-10-01'),
               ('opportunity', 'Automate reviews', 'open', '2025-09-05', NULL, NULL)) v;
INSERT INTO corrective_action (finding_id, action, owner_id, due_on, status, completed_on, verified_on,
                               verified_by_id, effective)
SELECT f.id, 'Fix ' || f.description, (SELECT min(id) FROM person WHERE org_id = :kpi_org), v.due, v.status,
       v.done, v.done, CASE WHEN v.done IS NOT NULL THEN (SELECT max(id) FROM person WHERE org_id = :kpi_org) END,
       CASE WHEN v.done IS NOT NULL THEN true END
  FROM (VALUES ('major_nonconformity', '2020-06-01'::date, 'in_progress', NULL::date),
               ('major_nonconformity', '2099-06-01', 'planned', NULL),
               ('minor_nonconformity', '2020-06-01', 'verified', date '2025-09-30')) v(kind, due, status, done)
  JOIN audit_finding f ON f.kind = v.kind AND f.org_id = :kpi_org;
SELECT finding_kind, findings, open, overdue, open_corrective_actions, overdue_corrective_actions
  FROM kpi_audit WHERE org_id = :kpi_org ORDER BY finding_kind;

-- risks, the appetite, the posture and the heat map rows
INSERT INTO risk_appetite (max_level) VALUES ('medium');
INSERT INTO risk (title, category, status, inherent_likelihood, inherent_impact, residual_likelihood, residual_impact)
VALUES ('R1', 'cyber', 'assessed', 'likely', 'severe', 'possible', 'major'),
       ('R2', 'cyber', 'assessed', 'possible', 'moderate', 'unlikely', 'minor'),
       ('R3', 'legal', 'identified', NULL, NULL, NULL, NULL),
       ('R4', 'legal', 'assessed', 'rare', 'negligible', 'rare', 'negligible');
SELECT dimension, value, risks, round(exposure::numeric, 4) AS exposure
  FROM kpi_risk_posture WHERE org_id = :kpi_org ORDER BY dimension, value;
SELECT assessment, likelihood_level, impact_level, likelihood, impact, level, risks
  FROM v_heatmap WHERE org_id = :kpi_org AND risks > 0 ORDER BY assessment, likelihood_level, impact_level;
SELECT assessment, count(*) AS cells, sum(risks) AS risks FROM v_heatmap WHERE org_id = :kpi_org GROUP BY assessment ORDER BY 1;

-- what is due: a risk identified in 2020 (its review is long overdue), an
-- approved policy past its review, and an acceptance that expires in 10 days
INSERT INTO risk (title, category, status, identified_on, inherent_likelihood, inherent_impact, owner_id)
VALUES ('R6', 'legal', 'assessed', '2020-01-01', 'rare', 'minor',
        (SELECT id FROM person WHERE org_id = :kpi_org AND name = 'P1'));
UPDATE risk SET residual_likelihood = 'rare', residual_impact = 'minor'
 WHERE org_id = :kpi_org AND title = 'R6';
INSERT INTO risk_acceptance (risk_id, approved_by_id, justification, expires_on)
SELECT r.id, (SELECT id FROM person WHERE org_id = :kpi_org AND name = 'P2'), 'Low risk, cheap to carry',
       CURRENT_DATE + 10
  FROM risk r WHERE r.org_id = :kpi_org AND r.title = 'R6';
INSERT INTO policy (code, title, status, introduction, scope_text, roles_responsibilities, procedures, review_update,
                    owner_id, approver_id, approved_on, next_review)
SELECT 'POL-1', 'Information security policy', 'approved', 'i', 's', 'r', 'p', 'u',
       (SELECT id FROM person WHERE org_id = :kpi_org AND name = 'P1'),
       (SELECT id FROM person WHERE org_id = :kpi_org AND name = 'P2'), '2019-01-01', '2020-01-01';
SELECT item, title, CASE WHEN item <> 'acceptance' THEN due_on END AS fixed_due_on,
       days_overdue > 1000 AS long_overdue, days_overdue = -10 AS in_ten_days, state
  FROM kpi_reviews WHERE org_id = :kpi_org ORDER BY item, title;

-- the exposure trend from the history: this organization's risks exist only
-- since today, so only the current month has a row, equal to the posture now
SELECT as_of = CURRENT_DATE AS today, open_risks, assessed_risks, round(residual_exposure::numeric, 4) AS residual,
       round(inherent_exposure::numeric, 4) AS inherent,
       residual_exposure = (SELECT exposure FROM kpi_risk_posture
                             WHERE org_id = :kpi_org AND dimension = 'total') AS equals_posture
  FROM kpi_exposure_trend WHERE org_id = :kpi_org;

-- KPI values, snapshots and the trend
-- (the year-to-date counts depend on today: checked against their definition)
SELECT kpi, dimension, CASE WHEN kpi LIKE '%year_to_date' THEN NULL ELSE value END AS value
  FROM kpi_values() ORDER BY kpi, dimension;
SELECT v.kpi, v.value = CASE v.kpi
         WHEN 'incidents_year_to_date' THEN (SELECT count(*) FROM incident i WHERE i.org_id = :kpi_org
                                              AND i.detected_at >= date_trunc('year', now()))
         ELSE (SELECT count(*) FROM compliance_violation c WHERE c.org_id = :kpi_org
                AND c.detected_at >= date_trunc('year', now())) END AS as_defined
  FROM kpi_values() v WHERE v.kpi LIKE '%year_to_date' ORDER BY 1;
SELECT snapshot_kpis(:kpi_org) AS stored;
INSERT INTO risk (title, category) VALUES ('R5', 'legal');
-- two snapshots in one transaction share the time: the second updates the first
BEGIN;
SELECT snapshot_kpis(:kpi_org) AS stored_again;
SELECT snapshot_kpis() >= 13 AS all_organizations;
COMMIT;
SELECT count(*) AS snapshot_rows FROM kpi_snapshot WHERE org_id = :kpi_org;
SELECT dimension, value FROM kpi_trend('risks_open');
SELECT count(*) AS points FROM kpi_trend('risks_by_residual_level');

-- management reviews: one before the period (with an open action), one in it
INSERT INTO management_review (title, held_on, chair_id)
SELECT v.title, v.held_on, (SELECT min(id) FROM person WHERE org_id = :kpi_org)
  FROM (VALUES ('Review 2024', date '2024-11-01'), ('Review 2025', date '2025-11-01')) v(title, held_on);
INSERT INTO improvement_action (review_id, title, owner_id, due_on, status, completed_on)
SELECT r.id, v.title, (SELECT min(id) FROM person WHERE org_id = :kpi_org), v.due, v.status, v.done
  FROM (VALUES ('Hire a security officer', date '2025-03-01', 'in_progress', NULL::date),
               ('Buy a SIEM', date '2025-06-01', 'done', date '2025-05-20')) v(title, due, status, done)
  JOIN management_review r ON r.title = 'Review 2024' AND r.org_id = :kpi_org;
INSERT INTO management_review_input (review_id, topic, summary)
SELECT id, 'interested_party_feedback', 'Customers ask for SOC 2' FROM management_review
 WHERE title = 'Review 2025' AND org_id = :kpi_org;

-- the management review pack: every clause 9.3.2 input
SELECT jsonb_pretty(management_review_pack('2025-01-01', '2025-12-31') - 'kpis' - 'risk_assessment');
SELECT jsonb_pretty((management_review_pack('2025-01-01', '2025-12-31') -> 'risk_assessment') - 'posture');
SELECT management_review_pack('2025-01-01', '2025-12-31') -> 'kpis' -> 'risks_open' AS risks_open;
\set VERBOSITY sqlstate
SELECT management_review_pack('2025-12-31', '2025-01-01');
\set VERBOSITY default
SELECT management_review_pack('2025-12-31', '2025-01-01');

RESET isms.org_id;
RESET TimeZone;
RESET datestyle;
RESET intervalstyle;
\i sql/fixtures/end.sql
