-- Prints the demo organization's risk register and a summary of its
-- Statement of Applicability.  Run after the numbered files:
--   psql -X -f test/demo/show/10_register.sql (make demo does)
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

\echo
\echo Risk register (isms.v_risk_register)
SELECT ident AS risk,
	   CASE WHEN length(title) > 48 THEN left(title, 47) || '…' ELSE title END AS title,
	   asset,
	   owner,
	   inherent_likelihood AS likelihood,
	   inherent_impact AS impact,
	   inherent_score AS inh,
	   inherent_level AS inherent,
	   residual_score AS res,
	   residual_level AS residual,
	   treatment,
	   status,
	   review_due,
	   CASE WHEN review_overdue THEN 'overdue' ELSE '' END AS review
  FROM isms.v_risk_register
 WHERE org_id = :org_id
 ORDER BY ident;

\echo Statement of Applicability (isms.v_soa), by theme
SELECT coalesce(theme_ident || ' ' || theme, 'All themes') AS theme,
	   count(*) AS controls,
	   count(*) FILTER (WHERE applicable) AS applicable,
	   count(*) FILTER (WHERE implementation_status = 'implemented') AS implemented,
	   count(*) FILTER (WHERE implementation_status = 'partially_implemented') AS partial,
	   count(*) FILTER (WHERE implementation_status IN ('planned', 'not_implemented')) AS open,
	   count(*) FILTER (WHERE NOT applicable) AS excluded,
	   count(*) FILTER (WHERE soa_id IS NULL) AS undecided,
	   round(100.0 * count(*) FILTER (WHERE implementation_status = 'implemented')
			 / nullif(count(*) FILTER (WHERE applicable), 0), 1) AS "implemented %"
  FROM isms.v_soa
 GROUP BY ROLLUP ((theme_ident, theme))
 ORDER BY theme_ident NULLS LAST;
