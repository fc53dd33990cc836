-- A KPI dashboard from the documented views (what a BI tool would show).
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

\echo
\echo '== KPI dashboard (isms.kpi_* views) =='
\echo 'KPI values now (isms.kpi_values)'
SELECT kpi, nullif(dimension, '') AS dimension, value FROM isms.kpi_values() ORDER BY kpi, dimension;

\echo 'Incidents per year (isms.kpi_incidents)'
SELECT period_start AS year, incidents, high_or_critical, personal_data_breaches AS breaches,
	   date_trunc('second', justify_hours(mean_time_to_detect)) AS mean_ttd, median_time_to_detect AS median_ttd,
	   date_trunc('second', justify_hours(mean_time_to_respond)) AS mean_ttr, median_time_to_respond AS median_ttr
  FROM isms.kpi_incidents WHERE org_id = :org_id AND period = 'year' ORDER BY period_start;

\echo 'Compliance violations per year (isms.kpi_compliance)'
SELECT period_start AS year, violations, resolved, date_trunc('second', justify_hours(mean_time_to_detect)) AS mean_ttd,
	   date_trunc('second', justify_hours(mean_time_to_respond)) AS mean_ttr
  FROM isms.kpi_compliance WHERE org_id = :org_id AND period = 'year' ORDER BY period_start;

\echo 'Risk posture (isms.kpi_risk_posture)'
SELECT dimension, value, risks, round(exposure::numeric, 2) AS exposure
  FROM isms.kpi_risk_posture WHERE org_id = :org_id AND dimension <> 'status'
 ORDER BY dimension, value;

\echo 'Residual heat map (isms.v_heatmap): open risks per cell, likelihood down, impact across'
SELECT likelihood,
	   max(risks) FILTER (WHERE impact_level = 1) AS negligible, max(risks) FILTER (WHERE impact_level = 2) AS minor,
	   max(risks) FILTER (WHERE impact_level = 3) AS moderate, max(risks) FILTER (WHERE impact_level = 4) AS major,
	   max(risks) FILTER (WHERE impact_level = 5) AS severe
  FROM isms.v_heatmap WHERE org_id = :org_id AND assessment = 'residual'
 GROUP BY likelihood_level, likelihood ORDER BY likelihood_level DESC;

\echo 'Controls (isms.kpi_controls)'
SELECT theme_ident, theme, applicable, implemented, partially_implemented AS partial, implementation_rate AS "rate %"
  FROM isms.kpi_controls WHERE org_id = :org_id ORDER BY theme_ident;

\echo 'Training (isms.kpi_training), by course'
SELECT course, assigned, completed, overdue, completion_rate AS "rate %"
  FROM isms.kpi_training WHERE org_id = :org_id AND unit_id IS NULL AND course_id IS NOT NULL ORDER BY course;

\echo 'Audit findings (isms.kpi_audit)'
SELECT finding_kind, findings, open, overdue, open_corrective_actions, overdue_corrective_actions
  FROM isms.kpi_audit WHERE org_id = :org_id ORDER BY finding_kind;

\echo 'What is due (isms.kpi_reviews)'
SELECT item, state, count(*) AS items, min(due_on) AS oldest_due
  FROM isms.kpi_reviews WHERE org_id = :org_id GROUP BY item, state ORDER BY item, state;
