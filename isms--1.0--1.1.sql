/* isms--1.0--1.1.sql: update isms from version 1.0 to 1.1 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION isms UPDATE TO '1.1'" to load this file. \quit

-- The schema must belong to the role that installs the extension (or to a
-- superuser).  A role with CREATE on the database could otherwise create
-- schema isms before CREATE EXTENSION, let the extension install into it,
-- then rename it and plant objects of her own under the name isms.
DO $$
DECLARE
	owner oid;
BEGIN
	SELECT n.nspowner INTO STRICT owner FROM pg_catalog.pg_namespace n
	 WHERE n.oid = '@extschema@'::regnamespace;
	IF owner OPERATOR(pg_catalog.<>) (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
	   AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid = owner) THEN
		RAISE EXCEPTION 'schema % is owned by role %, not by the role installing isms',
			'@extschema@', pg_catalog.pg_get_userbyid(owner)
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'isms installs only into a schema that the installing role or a superuser owns.',
				  HINT = 'Drop or rename the schema, or change its owner, then create the extension again.';
	END IF;
END
$$;

-- ---------------------------------------------------------------------
-- Scale types and scoring functions
-- ---------------------------------------------------------------------

-- ---------------------------------------------------------------------
-- XML, SVG and FAIR outputs
-- ---------------------------------------------------------------------

-- Every document isms writes is well-formed, whatever text its columns
-- hold: characters that XML 1.0 does not allow (control characters pasted
-- from a terminal, U+FFFE, U+FFFF) become U+FFFD.  The C writers replace
-- them themselves.  xmlelement() and xmlattributes() copy control
-- characters as they are, and libxml2 mangles U+FFFE and U+FFFF in an
-- attribute: SQL that builds XML passes each text through xml_valid_text
-- and the document through xml_replace_invalid.
CREATE FUNCTION @extschema@.xml_valid_text(value text) RETURNS text
	AS 'MODULE_PATHNAME', 'xml_valid_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.xml_valid_text(text) IS
	'the text with every character that XML 1.0 does not allow (the C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF) replaced by U+FFFD, for xmlelement() (in a database of another encoding than UTF-8: the text as it is)';
CREATE FUNCTION @extschema@.xml_replace_invalid(doc xml) RETURNS xml
	AS 'MODULE_PATHNAME', 'xml_replace_invalid'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.xml_replace_invalid(xml) IS
	'the document with every character that XML 1.0 does not allow (the C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF) replaced by U+FFFD, written &#xFFFD;';

-- OSCAL properties and links back to XML, for the export: as in 1.0, but
-- their texts go through xml_valid_text.
CREATE OR REPLACE FUNCTION @extschema@.oscal_props_xml(props jsonb) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT pg_catalog.string_agg(
			xmlelement(name prop, xmlattributes(@extschema@.xml_valid_text(p->>'name') AS name,
				@extschema@.xml_valid_text(p->>'uuid') AS uuid, @extschema@.xml_valid_text(p->>'ns') AS ns, @extschema@.xml_valid_text(p->>'value') AS value,
				@extschema@.xml_valid_text(p->>'class') AS class, @extschema@.xml_valid_text(p->>'group') AS "group"))::text,
			'' ORDER BY o)
	  FROM pg_catalog.jsonb_array_elements(CASE WHEN pg_catalog.jsonb_typeof(props) = 'array'
												THEN props END) WITH ORDINALITY AS e(p, o)
$$;

CREATE OR REPLACE FUNCTION @extschema@.oscal_links_xml(links jsonb) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT pg_catalog.string_agg(
			xmlelement(name link, xmlattributes(@extschema@.xml_valid_text(l->>'href') AS href, @extschema@.xml_valid_text(l->>'rel') AS rel,
				@extschema@.xml_valid_text(l->>'media-type') AS "media-type",
				@extschema@.xml_valid_text(l->>'resource-fragment') AS "resource-fragment"),
				CASE WHEN l ? 'text' THEN xmlelement(name text, @extschema@.xml_valid_text(l->>'text')) END)::text,
			'' ORDER BY o)
	  FROM pg_catalog.jsonb_array_elements(CASE WHEN pg_catalog.jsonb_typeof(links) = 'array'
												THEN links END) WITH ORDINALITY AS e(l, o)
$$;

-- The register's heat map: as in 1.0, but the risks of the current
-- organization are read first (MATERIALIZED).  Inlined, the check that a
-- risk's values fit the matrix could run before the organization filter,
-- on another organization's risks, and fail on values of theirs.
CREATE OR REPLACE FUNCTION @extschema@.heatmap_svg(kind text DEFAULT 'residual', matrix text DEFAULT NULL,
		risk_ids bigint[] DEFAULT NULL) RETURNS xml
	LANGUAGE plpgsql STABLE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	org bigint := @extschema@.current_org();
	m @extschema@.risk_matrix;
	counts bigint[];
BEGIN
	IF kind IS NULL OR kind NOT IN ('inherent', 'current', 'residual', 'target') THEN
		RAISE EXCEPTION 'invalid risk stage "%" for a heat map', kind
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Use inherent, current, residual or target.';
	END IF;
	IF matrix IS NULL THEN
		SELECT * INTO m FROM risk_matrix WHERE id = @extschema@.default_matrix();
		IF NOT FOUND THEN
			RAISE EXCEPTION 'there is no default risk matrix'
				USING ERRCODE = 'undefined_object',
					  HINT = 'Mark one with UPDATE isms.risk_matrix SET is_default = true, or name one.';
		END IF;
	ELSE
		SELECT * INTO m FROM risk_matrix WHERE name = matrix ORDER BY version DESC LIMIT 1;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'risk matrix "%" does not exist', matrix
				USING ERRCODE = 'undefined_object';
		END IF;
	END IF;

	WITH r AS MATERIALIZED (
		SELECT CASE kind WHEN 'inherent' THEN k.inherent_likelihood WHEN 'current' THEN k.current_likelihood
						 WHEN 'residual' THEN k.residual_likelihood ELSE k.target_likelihood END AS l,
			   CASE kind WHEN 'inherent' THEN k.inherent_impact WHEN 'current' THEN k.current_impact
						 WHEN 'residual' THEN k.residual_impact ELSE k.target_impact END AS i
		  FROM risk k
		 WHERE k.org_id = org
		   AND CASE WHEN risk_ids IS NULL THEN k.status <> 'closed' ELSE k.id = ANY (risk_ids) END
	), c AS (
		SELECT @extschema@.level(r.l) AS l, @extschema@.level(r.i) AS i, pg_catalog.count(*) AS n
		  FROM r
		 WHERE r.l IS NOT NULL AND r.i IS NOT NULL
		   AND @extschema@.risk_level(r.l, r.i, m.id) IS NOT NULL	-- fits the matrix
		 GROUP BY 1, 2
	)
	SELECT pg_catalog.array_agg(cells ORDER BY cl) INTO counts
	  FROM (SELECT cl, pg_catalog.array_agg(coalesce(c.n, 0) ORDER BY ci) AS cells
			  FROM pg_catalog.generate_series(1, m.likelihood_levels) AS cl
			 CROSS JOIN pg_catalog.generate_series(1, m.impact_levels) AS ci
			  LEFT JOIN c ON c.l = cl AND c.i = ci
			 GROUP BY cl) AS rows;

	RETURN @extschema@.heatmap_svg(m.grid, counts,
		pg_catalog.format('%s risk on risk matrix "%s" version %s',
						  pg_catalog.initcap(kind), m.name, m.version));
END
$$;

-- The Statement of Applicability: as in 1.0, but its texts go through
-- xml_valid_text and its document through xml_replace_invalid (a
-- justification may hold the colour codes of a terminal).
CREATE OR REPLACE FUNCTION @extschema@.soa_xml(entries @extschema@.soa_entry[], organization text,
		framework text, framework_version text DEFAULT NULL,
		generated timestamptz DEFAULT pg_catalog.now()) RETURNS xml
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	bad @extschema@.soa_entry;
	result xml;
BEGIN
	IF organization IS NULL OR pg_catalog.btrim(organization) = ''
	   OR framework IS NULL OR pg_catalog.btrim(framework) = '' THEN
		RAISE EXCEPTION 'a Statement of Applicability needs an organization and a framework'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT e.* INTO bad FROM pg_catalog.unnest(entries) AS e
	 WHERE e.control IS NULL OR pg_catalog.btrim(e.control) = '' OR e.title IS NULL
	    OR pg_catalog.btrim(e.title) = ''
	    OR e.status NOT IN ('implemented', 'partially_implemented', 'planned', 'not_implemented',
						   'not_applicable')
	    OR (e.status = 'not_applicable' AND e.applicable IS DISTINCT FROM false)
	    OR (e.applicable = false AND e.status <> 'not_applicable')
	    OR (e.applicable IS NULL AND e.status IS NOT NULL)
	 LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'invalid Statement of Applicability entry for control "%"', bad.control
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Every entry needs a control and a title.  status is one of implemented, partially_implemented, planned, not_implemented, not_applicable; not_applicable exactly for a control that is not applicable, none for a control not decided yet (applicable NULL).';
	END IF;
	SELECT e.control INTO bad.control FROM pg_catalog.unnest(entries) AS e
	 GROUP BY e.control HAVING pg_catalog.count(*) > 1 LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'control "%" appears twice in the Statement of Applicability', bad.control
			USING ERRCODE = 'unique_violation';
	END IF;

	SELECT xmlelement(name "statementOfApplicability",
			xmlattributes('urn:isms:soa:1' AS xmlns, @extschema@.xml_valid_text(organization) AS organization,
				@extschema@.xml_valid_text(framework) AS framework, @extschema@.xml_valid_text(framework_version) AS "frameworkVersion",
				pg_catalog.to_char(generated AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS generated,
				pg_catalog.count(e.control) AS controls,
				pg_catalog.count(e.control) FILTER (WHERE e.applicable) AS applicable,
				pg_catalog.count(e.control) FILTER (WHERE e.status = 'implemented') AS implemented,
				NULLIF(pg_catalog.count(e.control) FILTER (WHERE e.applicable IS NULL), 0) AS undecided),
			xmlagg(xmlelement(name control,
					xmlattributes(@extschema@.xml_valid_text(e.control) AS id, e.applicable AS applicable, e.status AS status),
					xmlelement(name title, @extschema@.xml_valid_text(e.title)),
					CASE WHEN NULLIF(e.theme, '') IS NOT NULL THEN xmlelement(name theme, @extschema@.xml_valid_text(e.theme)) END,
					CASE WHEN e.justification IS NOT NULL
						 THEN xmlelement(name justification, @extschema@.xml_valid_text(e.justification)) END,
					CASE WHEN NULLIF(e.owner, '') IS NOT NULL THEN xmlelement(name owner, @extschema@.xml_valid_text(e.owner)) END,
					CASE WHEN e.evidence IS NOT NULL THEN xmlelement(name evidence, @extschema@.xml_valid_text(e.evidence)) END,
					CASE WHEN e.last_reviewed IS NOT NULL THEN xmlelement(name "lastReviewed", e.last_reviewed) END)
				ORDER BY e.ord))
	  INTO result
	  FROM pg_catalog.unnest(entries) WITH ORDINALITY
		   AS e(control, title, theme, applicable, justification, status, owner, evidence,
				last_reviewed, ord);
	RETURN @extschema@.xml_replace_invalid(result);
END
$$;

COMMENT ON FUNCTION @extschema@.loss_exceedance_svg(double precision[], double precision[], text, text) IS
	'an SVG loss exceedance curve: probabilities[i] is the probability that the annual loss exceeds losses[i] (at most 10000 points, losses from 0 to 1e27)';

-- ---------------------------------------------------------------------
-- Triggers, tracking and internal functions
-- ---------------------------------------------------------------------

-- ---------------------------------------------------------------------
-- Register, KPIs and shipped rows
-- ---------------------------------------------------------------------
