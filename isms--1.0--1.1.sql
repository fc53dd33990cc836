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

-- Integer forms of the scoring functions, for clients that send levels as
-- integers (JDBC setInt, psycopg): each integer is a level on its type's
-- default scale (likelihood and impact: 1 to 5), a bare level as
-- 3::isms.likelihood gives; others fail with numeric_value_out_of_range.
-- With them alone, two quoted literals (risk_level('likely', 'major')) would
-- fit both forms and the call would be ambiguous; the text forms take such
-- calls (a string type wins for an unknown literal) and read the text as the
-- types' input does, so the call means what it did.  They also serve
-- drivers that send strings as varchar (JDBC setString).
-- C entry points rather than SQL wrappers: a SQL function here would have
-- to pin its search_path, which stops it from being inlined, so each call
-- would start an executor and reload the matrix; the C forms keep the
-- matrix cached per query as the likelihood and impact forms do.  Not
-- LEAKPROOF: they raise errors that depend on their arguments.
CREATE FUNCTION @extschema@.risk_level(integer, integer) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_default_int' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(integer, integer) IS
	'the risk level of a likelihood and an impact given as levels of the default scales (1 to 5) in the default risk matrix';
CREATE FUNCTION @extschema@.risk_level(integer, integer, matrix text) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_named_int' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(integer, integer, text) IS
	'the risk level of a likelihood and an impact given as levels of the default scales (1 to 5) in the newest version of the named risk matrix';
CREATE FUNCTION @extschema@.risk_level(integer, integer, matrix_id bigint) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_by_id_int' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(integer, integer, bigint) IS
	'the risk level of a likelihood and an impact given as levels of the default scales (1 to 5) in one risk matrix version, by id';
CREATE FUNCTION @extschema@.risk_score(integer, integer) RETURNS integer
	AS 'MODULE_PATHNAME', 'risk_score_int' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_score(integer, integer) IS
	'the risk score of a likelihood and an impact given as levels of the default scales (1 to 5), their product';
CREATE FUNCTION @extschema@.risk_level(text, text) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_default_text' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(text, text) IS
	'the risk level of a likelihood and an impact given as text (read as the types read it) in the default risk matrix';
CREATE FUNCTION @extschema@.risk_level(text, text, matrix text) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_named_text' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(text, text, text) IS
	'the risk level of a likelihood and an impact given as text (read as the types read it) in the newest version of the named risk matrix';
CREATE FUNCTION @extschema@.risk_level(text, text, matrix_id bigint) RETURNS @extschema@.risk_level
	AS 'MODULE_PATHNAME', 'risk_level_by_id_text' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(text, text, bigint) IS
	'the risk level of a likelihood and an impact given as text (read as the types read it) in one risk matrix version, by id';
CREATE FUNCTION @extschema@.risk_score(text, text) RETURNS integer
	AS 'MODULE_PATHNAME', 'risk_score_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_score(text, text) IS
	'the risk score of a likelihood and an impact given as text (read as the types read it), the product of their levels';

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
-- on another organization's risks, and fail on values of theirs.  The
-- risks named by risk_ids are a subquery, not = ANY (risk_ids): the planner
-- estimates = ANY of a constant array element by element, without checking
-- for interrupts, so a million ids ran past statement_timeout.
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
		   AND CASE WHEN risk_ids IS NULL THEN k.status <> 'closed' ELSE k.id IN (SELECT pg_catalog.unnest(risk_ids)) END
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

-- Trigger functions and the support functions of aggregates are internal:
-- nobody calls them, and nobody may attach them to a table of their own
-- (CREATE TRIGGER needs EXECUTE).  The C trigger functions also check the
-- table they fire on (by oid: a table of this extension, with the columns
-- they read), for a schema still at 1.0.  Aggregates check their own
-- owner's EXECUTE on their support functions, not the caller's.
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN
		SELECT p.oid::regprocedure
		  FROM pg_catalog.pg_proc p
		  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::regclass
			   AND d.objid = p.oid AND d.deptype = 'e'
			   AND d.refclassid = 'pg_catalog.pg_extension'::regclass
		  JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'isms'
		 WHERE p.prorettype = 'pg_catalog.trigger'::regtype
			OR EXISTS (SELECT FROM pg_catalog.pg_aggregate a
						WHERE p.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn,
										a.aggserialfn, a.aggdeserialfn))
		 ORDER BY 1
	LOOP
		EXECUTE pg_catalog.format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
	END LOOP;
END
$$;

-- isms.track(): only tables that may write the audit log (the tracking
-- trigger checks the same at every statement): permanent tables owned by
-- the owner of the audit log or by a superuser.
CREATE FUNCTION @extschema@.track_check(tbl regclass) RETURNS void
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	owner oid;
	log_owner oid;
BEGIN
	SELECT c.relowner INTO owner FROM pg_catalog.pg_class c WHERE c.oid = tbl;
	SELECT c.relowner INTO STRICT log_owner FROM pg_catalog.pg_class c
	 WHERE c.oid = '@extschema@.audit_log'::regclass;
	IF owner OPERATOR(pg_catalog.<>) log_owner
	   AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid = owner) THEN
		RAISE EXCEPTION 'table % cannot be tracked', tbl
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = pg_catalog.format('Only tables owned by the owner of the audit log (role %s) or by a superuser write the audit log.',
											 pg_catalog.pg_get_userbyid(log_owner)),
				  HINT = 'Change the table''s owner, then call isms.track() again.';
	END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.track_check(regclass) IS
	'raises an error unless a table may be tracked: owned by the owner of the audit log or by a superuser';

CREATE OR REPLACE FUNCTION @extschema@.track(tbl regclass, history boolean DEFAULT true) RETURNS regclass
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	rel pg_catalog.pg_class;
	nsp name;
	hist_name text;
	hist text := '';
	hist_oid regclass;
	keys text;
	columns text;
	names text;
	missing record;
	in_extension boolean;
BEGIN
	SELECT * INTO STRICT rel FROM pg_catalog.pg_class c WHERE c.oid = tbl;
	SELECT n.nspname INTO STRICT nsp FROM pg_catalog.pg_namespace n WHERE n.oid = rel.relnamespace;
	IF rel.relkind <> 'r' THEN
		RAISE EXCEPTION '% is not an ordinary table', tbl
			USING ERRCODE = 'wrong_object_type',
				  DETAIL = 'Only ordinary tables can be tracked; partitioned tables are not supported.';
	END IF;
	IF rel.relpersistence <> 'p' THEN
		RAISE EXCEPTION 'table % is not permanent', tbl
			USING ERRCODE = 'wrong_object_type',
				  DETAIL = 'Temporary and unlogged tables cannot be tracked: their rows can vanish without a trace in the log.';
	END IF;
	PERFORM @extschema@.track_check(tbl);
	SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY k.n) INTO keys
	  FROM pg_catalog.pg_index i,
		   LATERAL pg_catalog.unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
	  JOIN pg_catalog.pg_attribute a ON a.attrelid = tbl AND a.attnum = k.attnum
	 WHERE i.indrelid = tbl AND i.indisprimary AND k.n <= i.indnkeyatts;
	IF keys IS NULL THEN
		RAISE EXCEPTION 'table % has no primary key', tbl
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = 'History and audit entries find a row by its primary key.';
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.pg_attribute a
				WHERE a.attrelid = tbl AND a.attnum > 0 AND NOT a.attisdropped
				  AND a.attname IN ('history_id', 'valid_from', 'operation', 'changed_by')) THEN
		RAISE EXCEPTION 'table % has a column named history_id, valid_from, operation or changed_by', tbl
			USING ERRCODE = 'duplicate_column',
				  DETAIL = 'Its history table adds columns of these names.';
	END IF;

	IF history THEN
		hist_name := rel.relname || '_history';
		IF pg_catalog.octet_length(hist_name) >= 64 THEN
			RAISE EXCEPTION 'history table name "%" is too long', hist_name
				USING ERRCODE = 'name_too_long',
					  HINT = 'Rename the table to at most 55 bytes.';
		END IF;
		hist := pg_catalog.format('%I.%I', nsp, hist_name);
		hist_oid := pg_catalog.to_regclass(hist);
		SELECT pg_catalog.string_agg(pg_catalog.format('%I %s%s', a.attname,
					pg_catalog.format_type(a.atttypid, a.atttypmod),
					CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
						 THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END),
					', ' ORDER BY a.attnum),
			   pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
		  INTO columns, names
		  FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
		 WHERE a.attrelid = tbl AND a.attnum > 0 AND NOT a.attisdropped;

		IF hist_oid IS NULL THEN
			EXECUTE pg_catalog.format(
				'CREATE TABLE %s (history_id bigint NOT NULL, valid_from timestamptz NOT NULL, '
				'operation text NOT NULL CHECK (operation IN (''INSERT'', ''UPDATE'', ''DELETE'', ''TRACK'')), '
				'changed_by text NOT NULL, %s, PRIMARY KEY (%s, history_id))',
				hist, columns, keys);
			hist_oid := hist::regclass;
			EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', hist,
				pg_catalog.format('every version of every row of %s, kept by isms.track(); read it with isms.as_of()', tbl));
			in_extension := EXISTS (
				SELECT FROM pg_catalog.pg_depend d
				 WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = hist_oid
				   AND d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e');
			-- rows already there: a version of operation TRACK each.  Made by
			-- the extension script, they are part of the installation: valid
			-- since ever, and made again rather than dumped.
			EXECUTE pg_catalog.format(
				'INSERT INTO %s (history_id, valid_from, operation, changed_by, %s) '
				'SELECT pg_catalog.nextval(''@extschema@.history_id_seq''), %L, ''TRACK'', current_user, %s '
				'FROM %s ORDER BY %s',
				hist, names, CASE WHEN in_extension THEN '-infinity'::timestamptz ELSE now() END,
				names, tbl, keys);
			EXECUTE pg_catalog.format(
				'CREATE TRIGGER history_append_only BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
				'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.append_only()', hist);
			IF in_extension THEN
				PERFORM pg_catalog.pg_extension_config_dump(hist_oid, 'WHERE operation <> ''TRACK''');
			END IF;
		ELSE
			IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t
							WHERE t.tgrelid = hist_oid AND t.tgname = 'history_append_only') THEN
				RAISE EXCEPTION 'table % exists and is not a history table', hist
					USING ERRCODE = 'duplicate_table';
			END IF;
			-- columns added to the table since: add them to the history
			FOR missing IN
				SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type
				  FROM pg_catalog.pg_attribute a
				 WHERE a.attrelid = tbl AND a.attnum > 0 AND NOT a.attisdropped
				   AND NOT EXISTS (SELECT FROM pg_catalog.pg_attribute h
									WHERE h.attrelid = hist_oid AND h.attname = a.attname
									  AND NOT h.attisdropped)
				 ORDER BY a.attnum
			LOOP
				EXECUTE pg_catalog.format('ALTER TABLE %s ADD COLUMN %I %s',
										  hist, missing.attname, missing.type);
			END LOOP;
		END IF;
	END IF;

	IF EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = tbl AND t.tgname = 'isms_track') THEN
		EXECUTE pg_catalog.format('DROP TRIGGER isms_track ON %s', tbl);
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = tbl AND t.tgname = 'isms_track_truncate') THEN
		EXECUTE pg_catalog.format('DROP TRIGGER isms_track_truncate ON %s', tbl);
	END IF;
	EXECUTE pg_catalog.format(
		'CREATE TRIGGER isms_track AFTER INSERT OR UPDATE OR DELETE ON %s '
		'FOR EACH ROW EXECUTE FUNCTION @extschema@.track_changes(%L)', tbl, hist);
	EXECUTE pg_catalog.format(
		'CREATE TRIGGER isms_track_truncate BEFORE TRUNCATE ON %s '
		'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.track_changes(%L)', tbl, hist);
	RETURN hist_oid;
END
$$;

-- ---------------------------------------------------------------------
-- Register, KPIs and shipped rows
-- ---------------------------------------------------------------------

-- Rows the extension ships (seeded) are protected: not deleted, not
-- changed, not truncated; their seeded flag cannot be cleared.  Only the
-- columns named as the trigger's arguments may change (risk_matrix:
-- is_default, which isms.supersede_matrix() moves).
CREATE FUNCTION @extschema@.seeded_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	changed text[];
BEGIN
	IF TG_OP = 'UPDATE' THEN
		SELECT pg_catalog.array_agg(n.key ORDER BY n.key) INTO changed
		  FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb(NEW)) n
		  JOIN pg_catalog.jsonb_each(pg_catalog.to_jsonb(OLD)) o ON o.key OPERATOR(pg_catalog.=) n.key
		 WHERE n.value OPERATOR(pg_catalog.<>) o.value
		   AND n.key OPERATOR(pg_catalog.<>) ALL (TG_ARGV || ARRAY['updated_at']);
		IF changed IS NULL THEN
			RETURN NEW;
		END IF;
	END IF;
	RAISE EXCEPTION 'cannot % a row that isms ships in table %', pg_catalog.lower(TG_OP), TG_TABLE_NAME
		USING ERRCODE = 'insufficient_privilege',
			  DETAIL = CASE WHEN TG_OP = 'UPDATE'
						   THEN pg_catalog.format('Rows with seeded = true are part of the extension; columns %s cannot change.',
												  pg_catalog.array_to_string(changed, ', '))
						   ELSE 'Rows with seeded = true are part of the extension.' END,
			  HINT = 'Add rows of your own instead; a withdrawn or unused shipped row can be left out of reports.';
END
$$;
COMMENT ON FUNCTION @extschema@.seeded_guard() IS
	'trigger: refuses to delete or change (but for the columns named as arguments) the rows the extension ships (seeded = true)';

CREATE FUNCTION @extschema@.seeded_no_truncate() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	found boolean;
BEGIN
	EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM %I.%I WHERE seeded)', TG_TABLE_SCHEMA, TG_TABLE_NAME)
	   INTO found;
	IF found THEN
		RAISE EXCEPTION 'cannot truncate table %: it holds rows that isms ships', TG_TABLE_NAME
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'Rows with seeded = true are part of the extension.';
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.seeded_no_truncate() IS
	'trigger: refuses TRUNCATE of a table that holds rows the extension ships';

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['framework', 'control_group', 'control', 'control_param', 'control_part',
							 'control_crosswalk', 'threat', 'role', 'risk_matrix']
	LOOP
		EXECUTE pg_catalog.format(
			'CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON @extschema@.%I FOR EACH ROW '
			'WHEN (OLD.seeded) EXECUTE FUNCTION @extschema@.seeded_guard(%s)',
			t || '_seeded_guard', t, CASE t WHEN 'risk_matrix' THEN '''is_default''' ELSE '' END);
		EXECUTE pg_catalog.format(
			'CREATE TRIGGER %I BEFORE TRUNCATE ON @extschema@.%I FOR EACH STATEMENT '
			'EXECUTE FUNCTION @extschema@.seeded_no_truncate()', t || '_seeded_no_truncate', t);
	END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.seeded_guard() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.seeded_no_truncate() FROM PUBLIC;

-- ---------------------------------------------------------------------
-- Access control: accounts, rights, reviews, authentication (register component)
-- ---------------------------------------------------------------------

-- Component 5 of the framework (A.5.15 to A.5.18, A.8.2, A.8.5): the
-- organization's accounts on its systems, the access rights they hold, the
-- reviews of those rights, and the authentication each system requires.
-- isms.import_database_access() records the roles and privileges of the
-- PostgreSQL cluster isms runs in as the accounts and rights of an asset.

CREATE TABLE @extschema@.account (
	id				bigint GENERATED BY DEFAULT AS IDENTITY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		CONSTRAINT account_org_id_fkey REFERENCES @extschema@.organization (id),
	asset_id		bigint NOT NULL,
	name			text NOT NULL CONSTRAINT account_name_not_blank CHECK (btrim(name) <> ''),
	kind			text NOT NULL DEFAULT 'personal' CONSTRAINT account_kind_valid
		CHECK (kind IN ('personal', 'service', 'shared', 'emergency', 'group', 'unassigned')),
	person_id		bigint,
	service			text CONSTRAINT account_service_not_blank CHECK (btrim(service) <> ''),
	privileged		boolean NOT NULL DEFAULT false,
	authentication	text NOT NULL DEFAULT 'password' CONSTRAINT account_authentication_valid
		CHECK (authentication IN ('password', 'key', 'certificate', 'sso', 'external', 'none', 'unknown')),
	mfa				boolean NOT NULL DEFAULT false,
	created_on		date,
	disabled_on		date,
	source			text NOT NULL DEFAULT 'manual' CONSTRAINT account_source_valid
		CHECK (source IN ('manual', 'postgresql')),
	notes			text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (org_id, id),
	CONSTRAINT account_name_unique UNIQUE (org_id, asset_id, name),
	CONSTRAINT account_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id),
	CONSTRAINT account_person_id_fkey FOREIGN KEY (org_id, person_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT account_personal_has_person CHECK (kind <> 'personal' OR person_id IS NOT NULL),
	CONSTRAINT account_mfa_has_authentication CHECK (NOT mfa OR authentication NOT IN ('none', 'unknown')),
	CONSTRAINT account_disabled_after_created CHECK (disabled_on >= created_on)
);
CREATE INDEX account_person_idx ON @extschema@.account (org_id, person_id);
COMMENT ON TABLE @extschema@.account IS
	'accounts on the organization''s systems (component 5, A.5.16 identity management): who or what is behind each, whether privileged, how it authenticates';
COMMENT ON COLUMN @extschema@.account.asset_id IS 'the system (isms.asset) the account is on';
COMMENT ON COLUMN @extschema@.account.name IS 'the account''s name on the system (user name, role name), unique per system';
COMMENT ON COLUMN @extschema@.account.kind IS
	'personal (one person''s; person_id required), service (used by a program), shared, emergency (break glass), group (cannot log in; holds rights for its members) or unassigned (nobody has said yet whose it is: what an import records)';
COMMENT ON COLUMN @extschema@.account.person_id IS 'the person who uses the account (personal) or answers for it (the others)';
COMMENT ON COLUMN @extschema@.account.service IS 'the program or service that uses a service account';
COMMENT ON COLUMN @extschema@.account.privileged IS
	'flagged as a privileged (administrator) account (A.8.2); an account that holds a privileged right is privileged as well (isms.v_access_accounts)';
COMMENT ON COLUMN @extschema@.account.authentication IS
	'how the account proves its identity: password, key, certificate, sso, external (decided outside the account, as pg_hba.conf does for a role without a password), none (cannot log in) or unknown';
COMMENT ON COLUMN @extschema@.account.mfa IS 'a second factor is enforced for the account (A.8.5)';
COMMENT ON COLUMN @extschema@.account.created_on IS 'date the account was created (for an import: the day it was first seen)';
COMMENT ON COLUMN @extschema@.account.disabled_on IS 'date the account was disabled; NULL (or a later date) while it is enabled';
COMMENT ON COLUMN @extschema@.account.source IS 'manual, or postgresql for an account isms.import_database_access() keeps';
COMMENT ON COLUMN @extschema@.account.notes IS 'notes';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.account', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.account_id_seq', '');

CREATE TABLE @extschema@.access_right (
	id				bigint GENERATED BY DEFAULT AS IDENTITY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		CONSTRAINT access_right_org_id_fkey REFERENCES @extschema@.organization (id),
	account_id		bigint NOT NULL,
	asset_id		bigint NOT NULL,
	object			text NOT NULL DEFAULT '',
	level			text NOT NULL CONSTRAINT access_right_level_not_blank CHECK (btrim(level) <> ''),
	privileged		boolean NOT NULL DEFAULT false,
	role			text CONSTRAINT access_right_role_fkey REFERENCES @extschema@.role (key),
	purpose			text CONSTRAINT access_right_purpose_not_blank CHECK (btrim(purpose) <> ''),
	approved_by_id	bigint,
	approved_on		date,
	granted_on		date NOT NULL DEFAULT CURRENT_DATE,
	expires_on		date,
	revoked_on		date,
	source			text NOT NULL DEFAULT 'manual' CONSTRAINT access_right_source_valid
		CHECK (source IN ('manual', 'postgresql')),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (org_id, id),
	CONSTRAINT access_right_account_id_fkey FOREIGN KEY (org_id, account_id)
		REFERENCES @extschema@.account (org_id, id),
	CONSTRAINT access_right_asset_id_fkey FOREIGN KEY (org_id, asset_id)
		REFERENCES @extschema@.asset (org_id, id),
	CONSTRAINT access_right_approved_by_id_fkey FOREIGN KEY (org_id, approved_by_id)
		REFERENCES @extschema@.person (org_id, id),
	CONSTRAINT access_right_admin_is_privileged CHECK (level <> 'admin' OR privileged),
	CONSTRAINT access_right_has_reason CHECK (source <> 'manual' OR role IS NOT NULL OR purpose IS NOT NULL),
	CONSTRAINT access_right_has_approval CHECK (source <> 'manual' OR approved_by_id IS NOT NULL),
	CONSTRAINT access_right_approval_has_date CHECK ((approved_by_id IS NULL) = (approved_on IS NULL)),
	CONSTRAINT access_right_approved_before_granted CHECK (approved_on <= granted_on),
	CONSTRAINT access_right_expires_after_granted CHECK (expires_on > granted_on),
	CONSTRAINT access_right_revoked_after_granted CHECK (revoked_on >= granted_on)
);
-- one active right per account, asset, object and level; a right granted
-- again after its revocation is a new row
CREATE UNIQUE INDEX access_right_active_unique ON @extschema@.access_right (org_id, account_id, asset_id, object, level)
	WHERE revoked_on IS NULL;
CREATE INDEX access_right_asset_idx ON @extschema@.access_right (org_id, asset_id);
COMMENT ON TABLE @extschema@.access_right IS
	'access rights (component 5, A.5.15, A.5.18, A.8.2): an account''s level of access to an asset, why, who approved it (not the holder), from when to when';
COMMENT ON COLUMN @extschema@.access_right.account_id IS 'the account holding the right';
COMMENT ON COLUMN @extschema@.access_right.asset_id IS 'the asset the right gives access to';
COMMENT ON COLUMN @extschema@.access_right.object IS 'the part of the asset (a table, a schema, a folder); empty for the whole asset';
COMMENT ON COLUMN @extschema@.access_right.level IS
	'read, write, admin (always privileged) or the system''s own name for the right (a PostgreSQL privilege, role or attribute)';
COMMENT ON COLUMN @extschema@.access_right.privileged IS 'a privileged right (A.8.2): reviewed more often, makes its account privileged';
COMMENT ON COLUMN @extschema@.access_right.role IS 'the ISMS role (isms.role) the right serves';
COMMENT ON COLUMN @extschema@.access_right.purpose IS 'the job or task the right serves; a right recorded by hand needs a role or a purpose';
COMMENT ON COLUMN @extschema@.access_right.approved_by_id IS
	'who approved the right: required for a right recorded by hand, never the account''s holder';
COMMENT ON COLUMN @extschema@.access_right.approved_on IS 'date approved, on or before granted_on; set exactly when approved_by_id is';
COMMENT ON COLUMN @extschema@.access_right.granted_on IS 'date granted (for an import: the day it was first seen)';
COMMENT ON COLUMN @extschema@.access_right.expires_on IS 'the right ends on this date (past expiry from this day on while not revoked)';
COMMENT ON COLUMN @extschema@.access_right.revoked_on IS 'date revoked; NULL while active';
COMMENT ON COLUMN @extschema@.access_right.source IS 'manual, or postgresql for a right isms.import_database_access() keeps';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.access_right', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.access_right_id_seq', '');

-- The decisions of an access review, one per right in its scope.
ALTER TABLE @extschema@.access_review
	ADD CONSTRAINT access_review_org_id_id_key UNIQUE (org_id, id);

CREATE TABLE @extschema@.access_review_item (
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		CONSTRAINT access_review_item_org_id_fkey REFERENCES @extschema@.organization (id),
	review_id		bigint NOT NULL,
	right_id		bigint NOT NULL,
	decision		text NOT NULL CONSTRAINT access_review_item_decision_valid
		CHECK (decision IN ('kept', 'changed', 'revoked')),
	note			text,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (org_id, review_id, right_id),
	CONSTRAINT access_review_item_review_id_fkey FOREIGN KEY (org_id, review_id)
		REFERENCES @extschema@.access_review (org_id, id) ON DELETE CASCADE,
	CONSTRAINT access_review_item_right_id_fkey FOREIGN KEY (org_id, right_id)
		REFERENCES @extschema@.access_right (org_id, id),
	CONSTRAINT access_review_item_changed_has_note CHECK (decision <> 'changed' OR coalesce(btrim(note), '') <> '')
);
CREATE INDEX access_review_item_right_idx ON @extschema@.access_review_item (org_id, right_id);
COMMENT ON TABLE @extschema@.access_review_item IS
	'what an access review decided for each right in its scope (a right on the reviewed asset or of an account on it): kept, changed or revoked; the reviewer is not the right''s holder';
COMMENT ON COLUMN @extschema@.access_review_item.review_id IS 'the review (isms.access_review)';
COMMENT ON COLUMN @extschema@.access_review_item.right_id IS 'the right reviewed (isms.access_right)';
COMMENT ON COLUMN @extschema@.access_review_item.decision IS
	'kept, changed (the note says how) or revoked (the right''s revoked_on is then due)';
COMMENT ON COLUMN @extschema@.access_review_item.note IS 'the reviewer''s note; required for changed';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.access_review_item', '');

-- How often rights of a level are reviewed: a row per level, else every
-- 3 months for a privileged right and every year for the others.
CREATE TABLE @extschema@.access_review_cadence (
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		CONSTRAINT access_review_cadence_org_id_fkey REFERENCES @extschema@.organization (id),
	level			text NOT NULL CONSTRAINT access_review_cadence_level_not_blank CHECK (btrim(level) <> ''),
	review_interval	interval NOT NULL CONSTRAINT access_review_cadence_interval_range
		CHECK (review_interval >= interval '1 day' AND review_interval <= interval '5 years'),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (org_id, level)
);
COMMENT ON TABLE @extschema@.access_review_cadence IS
	'how often the rights of a level are reviewed (isms.access_review_interval): one row per level; without a row, 3 months for a privileged right and 1 year for the others';
COMMENT ON COLUMN @extschema@.access_review_cadence.level IS 'the level of access (isms.access_right.level)';
COMMENT ON COLUMN @extschema@.access_review_cadence.review_interval IS 'the longest time between two reviews of a right of this level (1 day to 5 years)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.access_review_cadence', '');

CREATE FUNCTION @extschema@.access_review_interval(level text, privileged boolean,
		org bigint DEFAULT @extschema@.current_org()) RETURNS interval
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT coalesce((SELECT c.review_interval FROM @extschema@.access_review_cadence c
					  WHERE c.org_id = $3 AND c.level = $1),
					CASE WHEN $2 OR $1 = 'admin' THEN interval '3 months' ELSE interval '1 year' END)
$$;
COMMENT ON FUNCTION @extschema@.access_review_interval(text, boolean, bigint) IS
	'the review cadence of a right of a level in an organization: isms.access_review_cadence, else 3 months for a privileged right (or level admin) and 1 year for the others';

-- What a system requires of the accounts on it or with rights on it.
CREATE TABLE @extschema@.authentication_requirement (
	id				bigint GENERATED BY DEFAULT AS IDENTITY,
	org_id			bigint NOT NULL DEFAULT @extschema@.current_org()
		CONSTRAINT authentication_requirement_org_id_fkey REFERENCES @extschema@.organization (id),
	title			text NOT NULL CONSTRAINT authentication_requirement_title_not_blank CHECK (btrim(title) <> ''),
	privileged_only	boolean NOT NULL DEFAULT false,
	min_classification text CONSTRAINT authentication_requirement_min_classification_valid
		CHECK (min_classification IN ('public', 'internal', 'confidential', 'restricted')),
	min_confidentiality @extschema@.impact,
	mfa_required	boolean NOT NULL DEFAULT true,
	allowed_methods	text[] CONSTRAINT authentication_requirement_allowed_methods_valid
		CHECK (cardinality(allowed_methods) > 0
			   AND allowed_methods <@ ARRAY['password', 'key', 'certificate', 'sso', 'external']),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (org_id, id),
	CONSTRAINT authentication_requirement_title_unique UNIQUE (org_id, title),
	CONSTRAINT authentication_requirement_confidentiality_on_scale
		CHECK (@extschema@.level(min_confidentiality) <= @extschema@.scale(min_confidentiality)),
	CONSTRAINT authentication_requirement_requires_something CHECK (mfa_required OR allowed_methods IS NOT NULL)
);
COMMENT ON TABLE @extschema@.authentication_requirement IS
	'authentication requirements (A.5.17, A.8.5): what an enabled account (not a group) must use when it is on, or holds a right on, an asset the requirement covers; isms.v_access_requirement_gaps checks them';
COMMENT ON COLUMN @extschema@.authentication_requirement.title IS 'what the requirement says, unique in the organization';
COMMENT ON COLUMN @extschema@.authentication_requirement.privileged_only IS 'covers privileged accounts only';
COMMENT ON COLUMN @extschema@.authentication_requirement.min_classification IS
	'covers assets of this classification or higher (public < internal < confidential < restricted); NULL: every classification';
COMMENT ON COLUMN @extschema@.authentication_requirement.min_confidentiality IS
	'covers assets whose confidentiality impact is at least this; NULL: any';
COMMENT ON COLUMN @extschema@.authentication_requirement.mfa_required IS 'a second factor is required';
COMMENT ON COLUMN @extschema@.authentication_requirement.allowed_methods IS
	'the authentication methods allowed (password, key, certificate, sso, external); NULL: any';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.authentication_requirement', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.authentication_requirement_id_seq', '');

-- Segregation of duties (A.5.3): nobody approves a right of their own
-- account.  (Once logins are tied to persons, the approver will also have
-- to be the person logged in.)
CREATE FUNCTION @extschema@.access_right_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	holder bigint;
BEGIN
	IF NEW.approved_by_id IS NOT NULL THEN
		SELECT a.person_id INTO holder FROM @extschema@.account a
		 WHERE a.org_id = NEW.org_id AND a.id = NEW.account_id;
		IF holder = NEW.approved_by_id THEN
			RAISE EXCEPTION 'the holder of an access right cannot approve it'
				USING ERRCODE = 'check_violation', CONSTRAINT = 'access_right_approver_not_holder',
					  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
					  DETAIL = 'The person behind the account is named as the approver of its right.',
					  HINT = 'Have another person approve the right.';
		END IF;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.access_right_guard() IS
	'trigger: refuses an access right approved by the holder of its account (access_right_approver_not_holder)';
CREATE TRIGGER access_right_guard BEFORE INSERT OR UPDATE OF account_id, approved_by_id ON @extschema@.access_right
	FOR EACH ROW EXECUTE FUNCTION @extschema@.access_right_guard();

-- The same rule when an account changes hands.
CREATE FUNCTION @extschema@.account_holder_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	r bigint;
BEGIN
	SELECT x.id INTO r FROM @extschema@.access_right x
	 WHERE x.org_id = NEW.org_id AND x.account_id = NEW.id AND x.approved_by_id = NEW.person_id
	 ORDER BY x.id LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'the holder of an access right cannot approve it'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'access_right_approver_not_holder',
				  SCHEMA = TG_TABLE_SCHEMA, TABLE = 'access_right',
				  DETAIL = pg_catalog.format('The new holder approved right %s of the account.', r),
				  HINT = 'Have another person approve the account''s rights first.';
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.account_holder_guard() IS
	'trigger: refuses to give an account to a person who approved one of its rights (access_right_approver_not_holder)';
CREATE TRIGGER account_holder_guard AFTER UPDATE OF person_id ON @extschema@.account
	FOR EACH ROW WHEN (NEW.person_id IS DISTINCT FROM OLD.person_id)
	EXECUTE FUNCTION @extschema@.account_holder_guard();

-- A review decides on the rights in its scope, and nobody reviews their own.
CREATE FUNCTION @extschema@.access_review_item_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	rv record;
	rt record;
BEGIN
	SELECT v.asset_id, v.reviewer_id INTO rv FROM @extschema@.access_review v
	 WHERE v.org_id = NEW.org_id AND v.id = NEW.review_id;
	SELECT x.asset_id, a.asset_id AS account_asset_id, a.person_id INTO rt
	  FROM @extschema@.access_right x JOIN @extschema@.account a ON a.org_id = x.org_id AND a.id = x.account_id
	 WHERE x.org_id = NEW.org_id AND x.id = NEW.right_id;
	IF rv IS NULL OR rt IS NULL THEN
		RETURN NEW;		-- the foreign keys say what is missing
	END IF;
	IF rv.asset_id <> rt.asset_id AND rv.asset_id <> rt.account_asset_id THEN
		RAISE EXCEPTION 'access right % is not in the scope of access review %', NEW.right_id, NEW.review_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'access_review_item_in_scope',
				  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
				  DETAIL = 'A review covers the rights on its asset and the rights of the accounts on its asset.';
	END IF;
	IF rv.reviewer_id = rt.person_id THEN
		RAISE EXCEPTION 'the holder of an access right cannot review it'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'access_review_item_reviewer_not_holder',
				  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
				  DETAIL = 'The reviewer is the person behind the account that holds the right.',
				  HINT = 'Have another person review the right.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.access_review_item_guard() IS
	'trigger: refuses a review decision on a right outside the review''s asset (access_review_item_in_scope) or on a right of the reviewer''s own account (access_review_item_reviewer_not_holder)';
CREATE TRIGGER access_review_item_guard BEFORE INSERT OR UPDATE OF review_id, right_id ON @extschema@.access_review_item
	FOR EACH ROW EXECUTE FUNCTION @extschema@.access_review_item_guard();

REVOKE EXECUTE ON FUNCTION @extschema@.access_right_guard() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.account_holder_guard() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.access_review_item_guard() FROM PUBLIC;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['account', 'access_right', 'access_review_item', 'access_review_cadence',
							 'authentication_requirement']
	LOOP
		EXECUTE pg_catalog.format(
			'CREATE TRIGGER %I BEFORE UPDATE ON @extschema@.%I '
			'FOR EACH ROW EXECUTE FUNCTION @extschema@.set_updated_at()', t || '_updated_at', t);
		EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.org_id IS %L', t,
			'organization (isms.organization); defaults to isms.current_org()');
		EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.created_at IS %L', t, 'when the row was inserted');
		EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.updated_at IS %L', t,
			'when the row was last updated (set by a trigger)');
		IF t IN ('account', 'access_right', 'authentication_requirement') THEN
			EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.id IS %L', t, 'surrogate key');
		END IF;
	END LOOP;
END
$$;

-- Views: every account and right with what the rules make of it, the rows
-- behind each KPI, and the KPIs.
CREATE VIEW @extschema@.v_access_accounts AS
SELECT a.org_id,
	   a.id AS account_id,
	   a.asset_id,
	   s.name AS asset,
	   a.name,
	   a.kind,
	   a.person_id,
	   p.name AS person,
	   a.privileged OR r.privileged_rights > 0 AS privileged,
	   r.active_rights,
	   r.privileged_rights,
	   a.authentication,
	   a.mfa,
	   a.created_on,
	   a.disabled_on,
	   (a.disabled_on IS NULL OR a.disabled_on > CURRENT_DATE) AS enabled,
	   l.left_on,
	   a.kind = 'personal' AND coalesce(l.left_on < CURRENT_DATE, false)
		   AND (a.disabled_on IS NULL OR a.disabled_on > CURRENT_DATE) AS leaver_enabled
  FROM @extschema@.account a
  JOIN @extschema@.asset s ON s.org_id = a.org_id AND s.id = a.asset_id
  LEFT JOIN @extschema@.person p ON p.org_id = a.org_id AND p.id = a.person_id
 CROSS JOIN LATERAL (
	SELECT count(*) AS active_rights, count(*) FILTER (WHERE x.privileged) AS privileged_rights
	  FROM @extschema@.access_right x
	 WHERE x.org_id = a.org_id AND x.account_id = a.id AND x.revoked_on IS NULL) r
 CROSS JOIN LATERAL (
	SELECT LEAST(p.end_date,
				 (SELECT max(t.last_working_day) FROM @extschema@.termination t
				   WHERE t.org_id = p.org_id AND t.person_id = p.id AND t.kind <> 'internal_transfer'
					 AND t.last_working_day >= coalesce(p.start_date, '-infinity'::date))) AS left_on) l;
COMMENT ON VIEW @extschema@.v_access_accounts IS
	'every account with its system and person, whether it is privileged (flagged, or holding an active privileged right), enabled, and whether its person has left (end_date or a termination other than an internal transfer)';
COMMENT ON COLUMN @extschema@.v_access_accounts.org_id IS 'organization';
COMMENT ON COLUMN @extschema@.v_access_accounts.account_id IS 'isms.account.id';
COMMENT ON COLUMN @extschema@.v_access_accounts.asset_id IS 'the system the account is on';
COMMENT ON COLUMN @extschema@.v_access_accounts.asset IS 'the system''s name';
COMMENT ON COLUMN @extschema@.v_access_accounts.name IS 'the account''s name on the system';
COMMENT ON COLUMN @extschema@.v_access_accounts.kind IS 'personal, service, shared, emergency, group or unassigned';
COMMENT ON COLUMN @extschema@.v_access_accounts.person_id IS 'the person behind the account';
COMMENT ON COLUMN @extschema@.v_access_accounts.person IS 'the person''s name';
COMMENT ON COLUMN @extschema@.v_access_accounts.privileged IS 'flagged privileged, or holds an active privileged right';
COMMENT ON COLUMN @extschema@.v_access_accounts.active_rights IS 'number of rights not revoked';
COMMENT ON COLUMN @extschema@.v_access_accounts.privileged_rights IS 'number of privileged rights not revoked';
COMMENT ON COLUMN @extschema@.v_access_accounts.authentication IS 'how the account authenticates';
COMMENT ON COLUMN @extschema@.v_access_accounts.mfa IS 'a second factor is enforced';
COMMENT ON COLUMN @extschema@.v_access_accounts.created_on IS 'date created';
COMMENT ON COLUMN @extschema@.v_access_accounts.disabled_on IS 'date disabled';
COMMENT ON COLUMN @extschema@.v_access_accounts.enabled IS 'not disabled today';
COMMENT ON COLUMN @extschema@.v_access_accounts.left_on IS
	'the person''s last day: person.end_date or the last working day of a termination (not an internal transfer), the earlier';
COMMENT ON COLUMN @extschema@.v_access_accounts.leaver_enabled IS
	'a personal account still enabled after its person''s last day (A.5.18, A.6.5)';

CREATE VIEW @extschema@.v_access_rights AS
SELECT x.org_id,
	   x.id AS right_id,
	   x.account_id,
	   a.name AS account,
	   a.kind AS account_kind,
	   a.person_id AS holder_id,
	   p.name AS holder,
	   x.asset_id,
	   s.name AS asset,
	   x.object,
	   x.level,
	   x.privileged,
	   x.role,
	   x.purpose,
	   x.approved_by_id,
	   x.approved_on,
	   x.granted_on,
	   x.expires_on,
	   x.revoked_on,
	   x.source,
	   x.revoked_on IS NULL AS active,
	   rv.performed_on AS last_reviewed_on,
	   rv.decision AS last_decision,
	   c.review_interval,
	   (coalesce(rv.performed_on, x.granted_on) + c.review_interval)::date AS review_due,
	   x.revoked_on IS NULL
		   AND (coalesce(rv.performed_on, x.granted_on) + c.review_interval)::date < CURRENT_DATE AS review_overdue,
	   x.revoked_on IS NULL AND coalesce(x.expires_on <= CURRENT_DATE, false) AS past_expiry,
	   x.revoked_on IS NULL AND coalesce(rv.decision = 'revoked', false) AS revocation_pending
  FROM @extschema@.access_right x
  JOIN @extschema@.account a ON a.org_id = x.org_id AND a.id = x.account_id
  JOIN @extschema@.asset s ON s.org_id = x.org_id AND s.id = x.asset_id
  LEFT JOIN @extschema@.person p ON p.org_id = a.org_id AND p.id = a.person_id
 CROSS JOIN LATERAL (SELECT @extschema@.access_review_interval(x.level, x.privileged, x.org_id) AS review_interval) c
  LEFT JOIN LATERAL (
	SELECT v.performed_on, i.decision
	  FROM @extschema@.access_review_item i
	  JOIN @extschema@.access_review v ON v.org_id = i.org_id AND v.id = i.review_id
	 WHERE i.org_id = x.org_id AND i.right_id = x.id AND v.status = 'completed'
	 ORDER BY v.performed_on DESC, v.id DESC LIMIT 1) rv ON true;
COMMENT ON VIEW @extschema@.v_access_rights IS
	'every access right with its account, holder and asset, its latest review (completed reviews only), the cadence and due date of the next review, and whether it is overdue, past expiry or revoked by a review but still active';
COMMENT ON COLUMN @extschema@.v_access_rights.org_id IS 'organization';
COMMENT ON COLUMN @extschema@.v_access_rights.right_id IS 'isms.access_right.id';
COMMENT ON COLUMN @extschema@.v_access_rights.account_id IS 'the account holding the right';
COMMENT ON COLUMN @extschema@.v_access_rights.account IS 'the account''s name';
COMMENT ON COLUMN @extschema@.v_access_rights.account_kind IS 'the account''s kind';
COMMENT ON COLUMN @extschema@.v_access_rights.holder_id IS 'the person behind the account';
COMMENT ON COLUMN @extschema@.v_access_rights.holder IS 'the person''s name';
COMMENT ON COLUMN @extschema@.v_access_rights.asset_id IS 'the asset the right gives access to';
COMMENT ON COLUMN @extschema@.v_access_rights.asset IS 'the asset''s name';
COMMENT ON COLUMN @extschema@.v_access_rights.object IS 'the part of the asset; empty for all of it';
COMMENT ON COLUMN @extschema@.v_access_rights.level IS 'level of access';
COMMENT ON COLUMN @extschema@.v_access_rights.privileged IS 'a privileged right';
COMMENT ON COLUMN @extschema@.v_access_rights.role IS 'the ISMS role it serves';
COMMENT ON COLUMN @extschema@.v_access_rights.purpose IS 'the job or task it serves';
COMMENT ON COLUMN @extschema@.v_access_rights.approved_by_id IS 'who approved it';
COMMENT ON COLUMN @extschema@.v_access_rights.approved_on IS 'date approved';
COMMENT ON COLUMN @extschema@.v_access_rights.granted_on IS 'date granted';
COMMENT ON COLUMN @extschema@.v_access_rights.expires_on IS 'date it ends';
COMMENT ON COLUMN @extschema@.v_access_rights.revoked_on IS 'date revoked';
COMMENT ON COLUMN @extschema@.v_access_rights.source IS 'manual or postgresql (imported)';
COMMENT ON COLUMN @extschema@.v_access_rights.active IS 'not revoked';
COMMENT ON COLUMN @extschema@.v_access_rights.last_reviewed_on IS 'date of the latest completed review that decided on the right';
COMMENT ON COLUMN @extschema@.v_access_rights.last_decision IS 'what that review decided: kept, changed or revoked';
COMMENT ON COLUMN @extschema@.v_access_rights.review_interval IS 'the cadence of its level (isms.access_review_interval)';
COMMENT ON COLUMN @extschema@.v_access_rights.review_due IS 'the latest review (else the grant) plus the cadence';
COMMENT ON COLUMN @extschema@.v_access_rights.review_overdue IS 'active and review_due has passed';
COMMENT ON COLUMN @extschema@.v_access_rights.past_expiry IS 'active on or after expires_on';
COMMENT ON COLUMN @extschema@.v_access_rights.revocation_pending IS 'active although its latest review revoked it';

CREATE VIEW @extschema@.v_access_privileged_accounts AS
SELECT a.org_id, a.account_id, a.asset_id, a.asset, a.name, a.kind, a.person_id, a.person,
	   a.privileged_rights, a.authentication, a.mfa
  FROM @extschema@.v_access_accounts a
 WHERE a.enabled AND a.privileged AND a.kind <> 'group';
COMMENT ON VIEW @extschema@.v_access_privileged_accounts IS
	'the rows behind KPI access_privileged_accounts: enabled accounts (not groups) flagged privileged or holding an active privileged right (A.8.2)';
COMMENT ON COLUMN @extschema@.v_access_privileged_accounts.org_id IS 'organization';
COMMENT ON COLUMN @extschema@.v_access_privileged_accounts.account_id IS 'isms.account.id';
COMMENT ON COLUMN @extschema@.v_access_privileged_accounts.asset_id IS 'the system the account is on';
COMMENT ON COLUMN @extschema@.v_access_privileged_accounts.asset IS 'the system''s name';
COMMENT ON COLUMN @extschema@.v_access_privileged_accounts.name IS 'the account''s name';
COMMENT ON COLUMN @extschema@.v_access_privileged_accounts.kind IS 'the account''s kind';
COMMENT ON COLUMN @extschema@.v_access_privileged_accounts.person_id IS 'the person behind it';
COMMENT ON COLUMN @extschema@.v_access_privileged_accounts.person IS 'the person''s name';
COMMENT ON COLUMN @extschema@.v_access_privileged_accounts.privileged_rights IS 'its active privileged rights (0: flagged only)';
COMMENT ON COLUMN @extschema@.v_access_privileged_accounts.authentication IS 'how it authenticates';
COMMENT ON COLUMN @extschema@.v_access_privileged_accounts.mfa IS 'a second factor is enforced';

-- An account meets the requirements that cover it: those of the assets it
-- is on or holds an active right on (by classification and confidentiality),
-- and those for privileged accounts if it is privileged.
CREATE VIEW @extschema@.v_access_requirement_gaps AS
SELECT a.org_id, a.account_id, a.asset_id, a.asset, a.name, a.kind, a.person_id, a.person, a.privileged,
	   a.authentication, a.mfa,
	   q.id AS requirement_id,
	   q.title AS requirement,
	   q.mfa_required AND NOT a.mfa AS mfa_missing,
	   q.allowed_methods IS NOT NULL AND a.authentication <> ALL (q.allowed_methods) AS method_not_allowed
  FROM @extschema@.v_access_accounts a
  JOIN @extschema@.authentication_requirement q ON q.org_id = a.org_id
 WHERE a.enabled AND a.kind <> 'group'
   AND (a.privileged OR NOT q.privileged_only)
   AND ((q.mfa_required AND NOT a.mfa)
		OR (q.allowed_methods IS NOT NULL AND a.authentication <> ALL (q.allowed_methods)))
   AND EXISTS (
	SELECT FROM @extschema@.asset s
	 WHERE s.org_id = a.org_id
	   AND (s.id = a.asset_id
			OR s.id IN (SELECT x.asset_id FROM @extschema@.access_right x
						 WHERE x.org_id = a.org_id AND x.account_id = a.account_id AND x.revoked_on IS NULL))
	   AND (q.min_classification IS NULL
			OR pg_catalog.array_position(ARRAY['public', 'internal', 'confidential', 'restricted'], s.classification)
			   >= pg_catalog.array_position(ARRAY['public', 'internal', 'confidential', 'restricted'], q.min_classification))
	   AND (q.min_confidentiality IS NULL OR s.confidentiality >= q.min_confidentiality));
COMMENT ON VIEW @extschema@.v_access_requirement_gaps IS
	'each enabled account (not a group) and each authentication requirement that covers it and that it does not meet: a second factor missing, or a method not allowed';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.org_id IS 'organization';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.account_id IS 'isms.account.id';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.asset_id IS 'the system the account is on';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.asset IS 'the system''s name';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.name IS 'the account''s name';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.kind IS 'the account''s kind';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.person_id IS 'the person behind it';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.person IS 'the person''s name';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.privileged IS 'the account is privileged';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.authentication IS 'how it authenticates';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.mfa IS 'a second factor is enforced';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.requirement_id IS 'the requirement not met';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.requirement IS 'its title';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.mfa_missing IS 'the requirement asks for a second factor and the account has none';
COMMENT ON COLUMN @extschema@.v_access_requirement_gaps.method_not_allowed IS 'the account''s authentication is not among the methods allowed';

CREATE VIEW @extschema@.v_access_mfa_missing AS
SELECT g.org_id, g.account_id, g.asset_id, g.asset, g.name, g.kind, g.person_id, g.person, g.privileged,
	   g.authentication,
	   pg_catalog.array_agg(g.requirement ORDER BY g.requirement) AS requirements
  FROM @extschema@.v_access_requirement_gaps g
 WHERE g.mfa_missing
 GROUP BY g.org_id, g.account_id, g.asset_id, g.asset, g.name, g.kind, g.person_id, g.person, g.privileged,
		  g.authentication;
COMMENT ON VIEW @extschema@.v_access_mfa_missing IS
	'the rows behind KPI access_accounts_without_mfa: enabled accounts without a second factor that a requirement covering them asks for one (A.8.5)';
COMMENT ON COLUMN @extschema@.v_access_mfa_missing.org_id IS 'organization';
COMMENT ON COLUMN @extschema@.v_access_mfa_missing.account_id IS 'isms.account.id';
COMMENT ON COLUMN @extschema@.v_access_mfa_missing.asset_id IS 'the system the account is on';
COMMENT ON COLUMN @extschema@.v_access_mfa_missing.asset IS 'the system''s name';
COMMENT ON COLUMN @extschema@.v_access_mfa_missing.name IS 'the account''s name';
COMMENT ON COLUMN @extschema@.v_access_mfa_missing.kind IS 'the account''s kind';
COMMENT ON COLUMN @extschema@.v_access_mfa_missing.person_id IS 'the person behind it';
COMMENT ON COLUMN @extschema@.v_access_mfa_missing.person IS 'the person''s name';
COMMENT ON COLUMN @extschema@.v_access_mfa_missing.privileged IS 'the account is privileged';
COMMENT ON COLUMN @extschema@.v_access_mfa_missing.authentication IS 'how it authenticates';
COMMENT ON COLUMN @extschema@.v_access_mfa_missing.requirements IS 'the requirements that ask for a second factor';

CREATE VIEW @extschema@.v_access_rights_past_expiry AS
SELECT r.org_id, r.right_id, r.account_id, r.account, r.holder_id, r.holder, r.asset_id, r.asset, r.object, r.level,
	   r.privileged, r.expires_on, CURRENT_DATE - r.expires_on AS days_past
  FROM @extschema@.v_access_rights r
 WHERE r.past_expiry;
COMMENT ON VIEW @extschema@.v_access_rights_past_expiry IS
	'the rows behind KPI access_rights_past_expiry: rights not revoked on or after the day they expire';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.org_id IS 'organization';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.right_id IS 'isms.access_right.id';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.account_id IS 'the account';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.account IS 'the account''s name';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.holder_id IS 'the person behind the account';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.holder IS 'the person''s name';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.asset_id IS 'the asset';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.asset IS 'the asset''s name';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.object IS 'the part of the asset';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.level IS 'level of access';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.privileged IS 'a privileged right';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.expires_on IS 'date it ended';
COMMENT ON COLUMN @extschema@.v_access_rights_past_expiry.days_past IS 'days since expires_on (0 on the day)';

CREATE VIEW @extschema@.v_access_rights_review_overdue AS
SELECT r.org_id, r.right_id, r.account_id, r.account, r.holder_id, r.holder, r.asset_id, r.asset, r.object, r.level,
	   r.privileged, r.granted_on, r.last_reviewed_on, r.review_interval, r.review_due,
	   CURRENT_DATE - r.review_due AS days_overdue
  FROM @extschema@.v_access_rights r
 WHERE r.review_overdue;
COMMENT ON VIEW @extschema@.v_access_rights_review_overdue IS
	'the rows behind KPI access_rights_review_overdue: active rights whose latest completed review (else their grant) is older than the cadence of their level';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.org_id IS 'organization';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.right_id IS 'isms.access_right.id';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.account_id IS 'the account';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.account IS 'the account''s name';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.holder_id IS 'the person behind the account';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.holder IS 'the person''s name';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.asset_id IS 'the asset';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.asset IS 'the asset''s name';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.object IS 'the part of the asset';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.level IS 'level of access';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.privileged IS 'a privileged right';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.granted_on IS 'date granted';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.last_reviewed_on IS 'date of the latest completed review; NULL if never reviewed';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.review_interval IS 'the cadence of its level';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.review_due IS 'when the review was due';
COMMENT ON COLUMN @extschema@.v_access_rights_review_overdue.days_overdue IS 'days since review_due';

CREATE VIEW @extschema@.v_access_leaver_accounts AS
SELECT a.org_id, a.account_id, a.asset_id, a.asset, a.name, a.person_id, a.person, a.left_on,
	   CURRENT_DATE - a.left_on AS days_since_left, a.active_rights, a.privileged
  FROM @extschema@.v_access_accounts a
 WHERE a.leaver_enabled;
COMMENT ON VIEW @extschema@.v_access_leaver_accounts IS
	'the rows behind KPI access_leaver_accounts_enabled: personal accounts still enabled after their person''s last day (A.5.18, A.6.5)';
COMMENT ON COLUMN @extschema@.v_access_leaver_accounts.org_id IS 'organization';
COMMENT ON COLUMN @extschema@.v_access_leaver_accounts.account_id IS 'isms.account.id';
COMMENT ON COLUMN @extschema@.v_access_leaver_accounts.asset_id IS 'the system the account is on';
COMMENT ON COLUMN @extschema@.v_access_leaver_accounts.asset IS 'the system''s name';
COMMENT ON COLUMN @extschema@.v_access_leaver_accounts.name IS 'the account''s name';
COMMENT ON COLUMN @extschema@.v_access_leaver_accounts.person_id IS 'the person who left';
COMMENT ON COLUMN @extschema@.v_access_leaver_accounts.person IS 'the person''s name';
COMMENT ON COLUMN @extschema@.v_access_leaver_accounts.left_on IS 'the person''s last day';
COMMENT ON COLUMN @extschema@.v_access_leaver_accounts.days_since_left IS 'days since that day';
COMMENT ON COLUMN @extschema@.v_access_leaver_accounts.active_rights IS 'rights of the account not revoked';
COMMENT ON COLUMN @extschema@.v_access_leaver_accounts.privileged IS 'the account is privileged';

CREATE VIEW @extschema@.kpi_access_control AS
SELECT o.id AS org_id,
	   (SELECT count(*) FROM @extschema@.account a WHERE a.org_id = o.id) AS accounts,
	   (SELECT count(*) FROM @extschema@.v_access_accounts a WHERE a.org_id = o.id AND a.enabled) AS enabled_accounts,
	   (SELECT count(*) FROM @extschema@.v_access_privileged_accounts a WHERE a.org_id = o.id) AS privileged_accounts,
	   (SELECT count(*) FROM @extschema@.v_access_mfa_missing a WHERE a.org_id = o.id) AS accounts_without_mfa,
	   (SELECT count(*) FROM @extschema@.access_right x WHERE x.org_id = o.id AND x.revoked_on IS NULL) AS active_rights,
	   (SELECT count(*) FROM @extschema@.v_access_rights_past_expiry x WHERE x.org_id = o.id) AS rights_past_expiry,
	   (SELECT count(*) FROM @extschema@.v_access_rights_review_overdue x WHERE x.org_id = o.id) AS rights_review_overdue,
	   (SELECT count(*) FROM @extschema@.v_access_leaver_accounts a WHERE a.org_id = o.id) AS leaver_accounts_enabled
  FROM @extschema@.organization o;
COMMENT ON VIEW @extschema@.kpi_access_control IS
	'KPI: access control per organization (component 5): accounts, enabled accounts, privileged accounts, accounts without a required second factor, active rights, rights past expiry, rights whose review is overdue, personal accounts of leavers still enabled; the v_access_* views give the rows behind each';
COMMENT ON COLUMN @extschema@.kpi_access_control.org_id IS 'organization';
COMMENT ON COLUMN @extschema@.kpi_access_control.accounts IS 'accounts recorded';
COMMENT ON COLUMN @extschema@.kpi_access_control.enabled_accounts IS 'accounts enabled today';
COMMENT ON COLUMN @extschema@.kpi_access_control.privileged_accounts IS 'isms.v_access_privileged_accounts';
COMMENT ON COLUMN @extschema@.kpi_access_control.accounts_without_mfa IS 'isms.v_access_mfa_missing';
COMMENT ON COLUMN @extschema@.kpi_access_control.active_rights IS 'rights not revoked';
COMMENT ON COLUMN @extschema@.kpi_access_control.rights_past_expiry IS 'isms.v_access_rights_past_expiry';
COMMENT ON COLUMN @extschema@.kpi_access_control.rights_review_overdue IS 'isms.v_access_rights_review_overdue';
COMMENT ON COLUMN @extschema@.kpi_access_control.leaver_accounts_enabled IS 'isms.v_access_leaver_accounts';

-- Annex A evidence that the register itself holds.
CREATE VIEW @extschema@.v_access_evidence AS
WITH e (org_id, ident, source, rows) AS (
	SELECT a.org_id, 'A.5.15', 'access_right', count(*) FROM @extschema@.access_right a
	 WHERE a.revoked_on IS NULL GROUP BY a.org_id
	UNION ALL
	SELECT q.org_id, 'A.5.15', 'authentication_requirement', count(*) FROM @extschema@.authentication_requirement q
	 GROUP BY q.org_id
	UNION ALL
	SELECT a.org_id, 'A.5.16', 'account', count(*) FROM @extschema@.account a GROUP BY a.org_id
	UNION ALL
	SELECT a.org_id, 'A.5.17', 'account', count(*) FROM @extschema@.account a
	 WHERE a.authentication <> 'unknown' GROUP BY a.org_id
	UNION ALL
	SELECT v.org_id, 'A.5.18', 'access_review', count(*) FROM @extschema@.access_review v
	 WHERE v.status = 'completed' GROUP BY v.org_id
	UNION ALL
	SELECT i.org_id, 'A.5.18', 'access_review_item', count(*) FROM @extschema@.access_review_item i GROUP BY i.org_id
	UNION ALL
	SELECT a.org_id, 'A.8.2', 'access_right', count(*) FROM @extschema@.access_right a
	 WHERE a.revoked_on IS NULL AND a.privileged GROUP BY a.org_id
	UNION ALL
	SELECT a.org_id, 'A.8.5', 'account', count(*) FROM @extschema@.account a WHERE a.mfa GROUP BY a.org_id
	UNION ALL
	SELECT q.org_id, 'A.8.5', 'authentication_requirement', count(*) FROM @extschema@.authentication_requirement q
	 GROUP BY q.org_id
)
SELECT e.org_id, c.id AS control_id, e.ident, e.source, e.rows
  FROM e
  JOIN @extschema@.control c ON c.ident = e.ident
  JOIN @extschema@.framework f ON f.id = c.framework_id AND f.name = 'iso27001-2022';
COMMENT ON VIEW @extschema@.v_access_evidence IS
	'rows of the access-control register that evidence ISO/IEC 27001:2022 Annex A controls, counted per organization, control and table: A.5.15 active rights and authentication requirements, A.5.16 accounts, A.5.17 accounts whose authentication is known, A.5.18 completed access reviews and their decisions, A.8.2 active privileged rights, A.8.5 accounts with MFA and authentication requirements';
COMMENT ON COLUMN @extschema@.v_access_evidence.org_id IS 'organization';
COMMENT ON COLUMN @extschema@.v_access_evidence.control_id IS 'the control (isms.control)';
COMMENT ON COLUMN @extschema@.v_access_evidence.ident IS 'the control''s identifier';
COMMENT ON COLUMN @extschema@.v_access_evidence.source IS 'the table whose rows are the evidence';
COMMENT ON COLUMN @extschema@.v_access_evidence.rows IS 'how many of its rows';

-- The Statement of Applicability: as in 1.0, with the rows of the register
-- that evidence each control (isms.v_access_evidence) in a last column.
CREATE OR REPLACE VIEW @extschema@.v_soa AS
WITH org AS MATERIALIZED (
	-- the current organization, or none on a fresh install (materialized, so
	-- that the planner does not call current_org() when there is none)
	SELECT CASE WHEN EXISTS (SELECT FROM @extschema@.organization)
				THEN @extschema@.current_org() END AS org_id
)
SELECT c.id AS control_id,
	   c.ident,
	   c.title,
	   g.ident AS theme_ident,
	   g.title AS theme,
	   (SELECT string_agg(dg.ident, ', ' ORDER BY dg.sort_order)
		  FROM @extschema@.control_crosswalk x
		  JOIN @extschema@.control_group dg ON dg.id = x.group_id
		  JOIN @extschema@.framework df ON df.id = dg.framework_id AND df.name = 'iso27001-2013'
		 WHERE x.control_id = c.id) AS domains_2013,
	   org.org_id,
	   s.id AS soa_id,
	   s.applicable,
	   s.justification,
	   s.implementation_status,
	   s.owner_id,
	   p.name AS owner,
	   s.target_date,
	   s.implemented_on,
	   s.reviewed_on,
	   (SELECT count(*) FROM @extschema@.control_evidence e WHERE e.soa_id = s.id) AS evidence_count,
	   c.sort_order,
	   (SELECT coalesce(sum(ae.rows), 0)::bigint FROM @extschema@.v_access_evidence ae
		 WHERE ae.org_id = org.org_id AND ae.control_id = c.id) AS register_evidence
  FROM @extschema@.control c
  JOIN @extschema@.framework f ON f.id = c.framework_id AND f.name = 'iso27001-2022'
  LEFT JOIN @extschema@.control_group g ON g.id = c.group_id
 CROSS JOIN org
  LEFT JOIN @extschema@.soa s ON s.control_id = c.id AND s.org_id = org.org_id
  LEFT JOIN @extschema@.person p ON p.id = s.owner_id
 WHERE NOT c.withdrawn;
COMMENT ON COLUMN @extschema@.v_soa.register_evidence IS
	'rows of the register that evidence the control (isms.v_access_evidence: accounts, rights, reviews, authentication requirements)';

-- The PostgreSQL cluster isms runs in, as accounts and rights.  Roles whose
-- names start with pg_ are the cluster's predefined roles: membership in one
-- is a right, they are no accounts.  Whether a role has a password is in
-- pg_authid, which only a superuser (or a role granted SELECT on it) reads:
-- other callers get NULL.
CREATE FUNCTION @extschema@.database_roles()
	RETURNS TABLE (name text, can_login boolean, superuser boolean, createrole boolean, createdb boolean,
				   replication boolean, bypassrls boolean, has_password boolean)
	LANGUAGE plpgsql STABLE
	SET search_path = @extschema@, pg_temp
AS $$
BEGIN
	-- two statements: a query that names pg_authid fails for a role that may
	-- not read it, even where it would not read a row of it
	IF pg_catalog.has_table_privilege('pg_catalog.pg_authid', 'SELECT') THEN
		RETURN QUERY
		SELECT r.rolname::text, r.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication,
			   r.rolbypassrls, r.rolpassword IS NOT NULL
		  FROM pg_catalog.pg_authid r
		 WHERE r.rolname !~ '^pg_'
		 ORDER BY 1;
	ELSE
		RETURN QUERY
		SELECT r.rolname::text, r.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication,
			   r.rolbypassrls, NULL::boolean
		  FROM pg_catalog.pg_roles r
		 WHERE r.rolname !~ '^pg_'
		 ORDER BY 1;
	END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.database_roles() IS
	'the roles of the PostgreSQL cluster (but the predefined pg_* roles) with their attributes; has_password is NULL for a caller that may not read pg_authid (not a superuser)';

CREATE FUNCTION @extschema@.database_rights()
	RETURNS TABLE (role text, object text, level text, privileged boolean)
	LANGUAGE sql STABLE
	SET search_path = @extschema@, pg_temp
AS $$
	WITH roles AS (
		SELECT r.oid, r.rolname::text AS name FROM pg_catalog.pg_roles r WHERE r.rolname !~ '^pg_'
	), schemas AS (
		SELECT n.oid, n.nspname, n.nspowner, n.nspacl FROM pg_catalog.pg_namespace n
		 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
	), relations AS (
		SELECT c.relowner AS owner, c.relacl AS acl,
			   pg_catalog.format('%s %I.%I', CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
															WHEN 'f' THEN 'foreign table' ELSE 'table' END,
								 s.nspname, c.relname) AS object
		  FROM pg_catalog.pg_class c JOIN schemas s ON s.oid = c.relnamespace
		 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
		UNION ALL
		SELECT s.nspowner, s.nspacl, pg_catalog.format('schema %I', s.nspname) FROM schemas s
	)
	-- role attributes (CREATEDB is not counted as privileged)
	SELECT DISTINCT t.role, t.object, t.level, t.privileged FROM (
		SELECT r.rolname::text AS role, '' AS object, v.attr AS level, v.privileged
		  FROM pg_catalog.pg_roles r
		 CROSS JOIN LATERAL (VALUES ('SUPERUSER', r.rolsuper, true), ('CREATEROLE', r.rolcreaterole, true),
									('CREATEDB', r.rolcreatedb, false), ('REPLICATION', r.rolreplication, true),
									('BYPASSRLS', r.rolbypassrls, true)) v(attr, has, privileged)
		 WHERE v.has AND r.rolname !~ '^pg_'
		UNION ALL
		-- memberships: the granted role's name; privileged with the admin
		-- option or when the role is powerful
		SELECT m.name, '', g.rolname || CASE WHEN bool_or(am.admin_option) THEN ' WITH ADMIN OPTION' ELSE '' END,
			   bool_or(am.admin_option) OR g.rolsuper OR g.rolcreaterole OR g.rolreplication OR g.rolbypassrls
			   OR g.rolname IN ('pg_read_all_data', 'pg_write_all_data', 'pg_read_server_files',
								'pg_write_server_files', 'pg_execute_server_program', 'pg_signal_backend',
								'pg_checkpoint')
		  FROM pg_catalog.pg_auth_members am
		  JOIN roles m ON m.oid = am.member
		  JOIN pg_catalog.pg_roles g ON g.oid = am.roleid
		 GROUP BY m.name, g.rolname, g.rolsuper, g.rolcreaterole, g.rolreplication, g.rolbypassrls
		UNION ALL
		-- owners of the current database's schemas and relations
		SELECT o.name, x.object, 'OWNER', false FROM relations x JOIN roles o ON o.oid = x.owner
		UNION ALL
		-- privileges granted to others than the owner (PUBLIC left out)
		SELECT g.name, x.object, a.privilege_type || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END,
			   false
		  FROM relations x
		 CROSS JOIN LATERAL pg_catalog.aclexplode(x.acl) a
		  JOIN roles g ON g.oid = a.grantee
		 WHERE a.grantee <> x.owner
	) t
	ORDER BY 1, 2, 3
$$;
COMMENT ON FUNCTION @extschema@.database_rights() IS
	'the rights of the roles of the PostgreSQL cluster (but the predefined pg_* roles): the attributes SUPERUSER, CREATEROLE, REPLICATION, BYPASSRLS (privileged) and CREATEDB, memberships (privileged with the admin option or in a role with those attributes or in pg_read_all_data, pg_write_all_data, pg_read_server_files, pg_write_server_files, pg_execute_server_program, pg_signal_backend, pg_checkpoint) (the granted role''s name), and in the current database the ownership (OWNER) of and privileges on schemas, tables, views, materialized views and foreign tables, but not those granted to PUBLIC and not those of the system schemas';

CREATE FUNCTION @extschema@.import_database_access(asset bigint,
		OUT accounts_added integer, OUT accounts_updated integer, OUT accounts_disabled integer,
		OUT rights_added integer, OUT rights_updated integer, OUT rights_revoked integer)
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	org bigint := @extschema@.current_org();
BEGIN
	IF asset IS NULL THEN
		RAISE EXCEPTION 'the asset to import the database''s access into must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- the asset's row lock makes imports into one asset take turns
	PERFORM FROM @extschema@.asset s WHERE s.org_id = org AND s.id = asset FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'asset % does not exist in the current organization', asset
			USING ERRCODE = 'foreign_key_violation',
				  HINT = 'Record the database server as an asset of the current organization first.';
	END IF;

	-- accounts: one per role; a new one is unassigned (a group if it cannot
	-- log in); what a person recorded (kind, person, MFA, a method the
	-- import cannot see) stays
	WITH r AS MATERIALIZED (
		SELECT * FROM @extschema@.database_roles()
	), n AS (
		SELECT a.id, k.kind,
			   CASE WHEN r.can_login OR k.kind = 'group' THEN NULL
					ELSE coalesce(a.disabled_on, CURRENT_DATE) END AS disabled_on,
			   CASE WHEN k.kind = 'group' THEN 'none'
					WHEN NOT r.can_login THEN a.authentication
					WHEN a.authentication NOT IN ('none', 'unknown', 'password', 'external') THEN a.authentication
					WHEN r.has_password THEN 'password'
					WHEN NOT r.has_password THEN 'external'
					WHEN a.authentication = 'none' THEN 'unknown'
					ELSE a.authentication END AS authentication
		  FROM @extschema@.account a
		  JOIN r ON r.name = a.name
		 CROSS JOIN LATERAL (SELECT CASE WHEN r.can_login AND a.kind = 'group' THEN 'unassigned'
										 ELSE a.kind END AS kind) k
		 WHERE a.org_id = org AND a.asset_id = asset
	), added AS (
		INSERT INTO @extschema@.account (org_id, asset_id, name, kind, authentication, created_on, source)
		SELECT org, asset, r.name, CASE WHEN r.can_login THEN 'unassigned' ELSE 'group' END,
			   CASE WHEN NOT r.can_login THEN 'none' WHEN r.has_password THEN 'password'
					WHEN NOT r.has_password THEN 'external' ELSE 'unknown' END,
			   CURRENT_DATE, 'postgresql'
		  FROM r
		 WHERE NOT EXISTS (SELECT FROM @extschema@.account a
							WHERE a.org_id = org AND a.asset_id = asset AND a.name = r.name)
		 ORDER BY r.name
		RETURNING 1
	), updated AS (
		UPDATE @extschema@.account a
		   SET kind = n.kind, disabled_on = n.disabled_on, authentication = n.authentication,
			   mfa = a.mfa AND n.authentication NOT IN ('none', 'unknown'), source = 'postgresql'
		  FROM n
		 WHERE a.org_id = org AND a.id = n.id
		   AND (a.kind, a.disabled_on, a.authentication, a.mfa, a.source)
			   IS DISTINCT FROM (n.kind, n.disabled_on, n.authentication,
								 a.mfa AND n.authentication NOT IN ('none', 'unknown'), 'postgresql')
		RETURNING 1
	), dropped AS (
		UPDATE @extschema@.account a SET disabled_on = CURRENT_DATE
		 WHERE a.org_id = org AND a.asset_id = asset AND a.source = 'postgresql'
		   AND (a.disabled_on IS NULL OR a.disabled_on > CURRENT_DATE)
		   AND NOT EXISTS (SELECT FROM r WHERE r.name = a.name)
		RETURNING 1
	)
	SELECT (SELECT count(*) FROM added), (SELECT count(*) FROM updated), (SELECT count(*) FROM dropped)
	  INTO accounts_added, accounts_updated, accounts_disabled;

	-- rights: the import keeps its own (source postgresql) on this asset; a
	-- right recorded by hand that the cluster also shows is left as it is
	WITH c AS MATERIALIZED (
		SELECT a.id AS account_id, d.object, d.level, d.privileged OR d.level = 'admin' AS privileged
		  FROM @extschema@.database_rights() d
		  JOIN @extschema@.account a ON a.org_id = org AND a.asset_id = asset AND a.name = d.role
	), added AS (
		INSERT INTO @extschema@.access_right (org_id, account_id, asset_id, object, level, privileged, granted_on, source)
		SELECT org, c.account_id, asset, c.object, c.level, c.privileged, CURRENT_DATE, 'postgresql'
		  FROM c
		 WHERE NOT EXISTS (SELECT FROM @extschema@.access_right x
							WHERE x.org_id = org AND x.account_id = c.account_id AND x.asset_id = asset
							  AND x.object = c.object AND x.level = c.level AND x.revoked_on IS NULL)
		 ORDER BY c.account_id, c.object, c.level
		RETURNING 1
	), updated AS (
		UPDATE @extschema@.access_right x SET privileged = c.privileged
		  FROM c
		 WHERE x.org_id = org AND x.asset_id = asset AND x.account_id = c.account_id
		   AND x.object = c.object AND x.level = c.level AND x.revoked_on IS NULL
		   AND x.source = 'postgresql' AND x.privileged <> c.privileged
		RETURNING 1
	), revoked AS (
		UPDATE @extschema@.access_right x SET revoked_on = CURRENT_DATE
		 WHERE x.org_id = org AND x.asset_id = asset AND x.source = 'postgresql' AND x.revoked_on IS NULL
		   AND NOT EXISTS (SELECT FROM c WHERE c.account_id = x.account_id AND c.object = x.object
											AND c.level = x.level)
		RETURNING 1
	)
	SELECT (SELECT count(*) FROM added), (SELECT count(*) FROM updated), (SELECT count(*) FROM revoked)
	  INTO rights_added, rights_updated, rights_revoked;
END
$$;
COMMENT ON FUNCTION @extschema@.import_database_access(bigint) IS
	'records the roles and rights of the PostgreSQL cluster isms runs in (isms.database_roles, isms.database_rights) as the accounts and rights of an asset of the current organization; run again, it changes only what changed, revokes the rights that disappeared and disables the accounts of dropped roles (or of roles that can no longer log in); returns what it changed';

-- History and audit for the tables of this section (and access_review,
-- which gained a key).
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['access_review', 'account', 'access_right', 'access_review_item', 'access_review_cadence',
							 'authentication_requirement']
	LOOP
		PERFORM @extschema@.track(pg_catalog.format('@extschema@.%I', t)::regclass);
	END LOOP;
END
$$;

-- ---------------------------------------------------------------------
-- Per-organization speed of the views and reports
-- ---------------------------------------------------------------------
--
-- A dashboard reads a KPI view for one organization (WHERE org_id =
-- isms.current_org()), and kpi_values(), management_review_pack() and
-- snapshot_kpis() do the same per organization.  That filter must reach
-- the scans, so that one organization's KPIs cost its own rows, not the
-- database's (test/bench/tenants.py: 1,000 organizations of 1,000 risks).
-- The planner moves a filter on org_id into a UNION ALL and through a
-- GROUP BY, but not into a WITH query read more than once (materialized),
-- not below GROUPING SETS (PostgreSQL before 18 keeps it in HAVING), and
-- not into a function.  So the KPI views aggregate one organization at a
-- time, in a LATERAL subquery under isms.organization: a filter on org_id
-- is then a filter on organization.id, each organization's rows are read
-- by an index on org_id, and the per-organization part, parameterized by
-- the organization, runs in one process (parallel workers start cold and
-- cost more than a thousand rows).  kpi_exposure_trend reads the risk
-- history itself, the versions of the organization's risks only, instead
-- of isms.risk_register_as_of() (the whole register twelve times over);
-- joins between organization tables name org_id too, so that the filter
-- carries over to the joined table.  Results are those of the views they
-- replace, row for row; an organization with no rows still has none (the
-- empty grouping set of a LATERAL subquery gives a row on no input: HAVING
-- count(*) > 0 drops it).  kpi_access_control already read per
-- organization, but one of its views looked up assets the slow way.

-- Indexes with org_id first for the scans that had none.
CREATE INDEX training_record_org_idx ON @extschema@.training_record (org_id, course_id);
CREATE INDEX compliance_violation_detected_idx ON @extschema@.compliance_violation (org_id, detected_at);
CREATE INDEX corrective_action_finding_idx ON @extschema@.corrective_action (org_id, finding_id);
CREATE INDEX treatment_action_org_idx ON @extschema@.treatment_action (org_id, risk_id);
CREATE INDEX improvement_action_org_idx ON @extschema@.improvement_action (org_id, review_id);
CREATE INDEX management_review_input_org_idx ON @extschema@.management_review_input (org_id, review_id);
CREATE INDEX risk_history_org_idx ON @extschema@.risk_history (org_id, id);
CREATE INDEX risk_appetite_org_idx ON @extschema@.risk_appetite (org_id);

-- The valid acceptance and the supplier of a risk are the risk's
-- organization's (their foreign keys go through org_id).
CREATE OR REPLACE VIEW @extschema@.v_risk_treatment AS
SELECT r.id AS risk_id,
	   r.org_id,
	   r.ident,
	   r.title,
	   r.status,
	   r.treatment,
	   r.owner_id,
	   n.level,
	   ap.max_level AS appetite,
	   CASE WHEN n.level IS NULL OR ap.max_level IS NULL
				 OR @extschema@.scale(n.level) <> @extschema@.scale(ap.max_level) THEN NULL
			ELSE n.level > ap.max_level END AS above_appetite,
	   a.id AS acceptance_id,
	   a.approved_by_id,
	   a.expires_on AS acceptance_expires_on,
	   CASE WHEN a.id IS NOT NULL
			THEN a.expires_on > CURRENT_DATE AND a.accepted_level = r.residual_level
				 AND a.approved_by_id IS DISTINCT FROM r.owner_id END AS acceptance_valid,
	   r.transfer_supplier_id,
	   s.name AS transfer_supplier,
	   r.transfer_counterparty,
	   r.transfer_reference,
	   r.activity_ended_on,
	   r.monitor_owner_id,
	   r.next_review,
	   COALESCE(r.status <> 'closed' AND r.next_review < CURRENT_DATE, false) AS review_overdue
  FROM @extschema@.risk r
 CROSS JOIN LATERAL (
	SELECT CASE WHEN r.status = 'closed' THEN NULL
				WHEN r.status IN ('treated', 'monitored')
				THEN COALESCE(r.residual_level, r.current_level, r.inherent_level)
				ELSE COALESCE(r.current_level, r.inherent_level) END AS level) n
  LEFT JOIN LATERAL (
	SELECT x.max_level FROM @extschema@.risk_appetite x
	 WHERE x.org_id = r.org_id
	   AND (x.asset_id = r.asset_id OR (x.asset_id IS NULL AND x.category = r.category)
			OR (x.asset_id IS NULL AND x.category IS NULL))
	 ORDER BY x.asset_id IS NOT NULL DESC, x.category IS NOT NULL DESC
	 LIMIT 1) ap ON true
  LEFT JOIN @extschema@.risk_acceptance a ON a.org_id = r.org_id AND a.risk_id = r.id AND a.status = 'valid'
  LEFT JOIN @extschema@.supplier s ON s.org_id = r.org_id AND s.id = r.transfer_supplier_id;

CREATE OR REPLACE VIEW @extschema@.v_risk_appetite AS
SELECT t.risk_id,
	   t.org_id,
	   r.category,
	   r.asset_id,
	   t.level,
	   t.appetite,
	   t.above_appetite
  FROM @extschema@.v_risk_treatment t
  JOIN @extschema@.risk r ON r.org_id = t.org_id AND r.id = t.risk_id
 WHERE t.status <> 'closed';

-- The assets whose requirements cover an account: its own and those of its
-- active rights, each looked up by the asset's key (an OR of the two was a
-- join filter over every asset of the organization, for each account and
-- requirement).
CREATE OR REPLACE VIEW @extschema@.v_access_requirement_gaps AS
SELECT a.org_id, a.account_id, a.asset_id, a.asset, a.name, a.kind, a.person_id, a.person, a.privileged,
	   a.authentication, a.mfa,
	   q.id AS requirement_id,
	   q.title AS requirement,
	   q.mfa_required AND NOT a.mfa AS mfa_missing,
	   q.allowed_methods IS NOT NULL AND a.authentication <> ALL (q.allowed_methods) AS method_not_allowed
  FROM @extschema@.v_access_accounts a
  JOIN @extschema@.authentication_requirement q ON q.org_id = a.org_id
 WHERE a.enabled AND a.kind <> 'group'
   AND (a.privileged OR NOT q.privileged_only)
   AND ((q.mfa_required AND NOT a.mfa)
		OR (q.allowed_methods IS NOT NULL AND a.authentication <> ALL (q.allowed_methods)))
   AND EXISTS (
	SELECT FROM (SELECT a.asset_id
				  UNION ALL
				  SELECT x.asset_id FROM @extschema@.access_right x
				   WHERE x.org_id = a.org_id AND x.account_id = a.account_id AND x.revoked_on IS NULL) c(asset_id)
	  JOIN @extschema@.asset s ON s.org_id = a.org_id AND s.id = c.asset_id
	 WHERE (q.min_classification IS NULL
			OR pg_catalog.array_position(ARRAY['public', 'internal', 'confidential', 'restricted'], s.classification)
			   >= pg_catalog.array_position(ARRAY['public', 'internal', 'confidential', 'restricted'], q.min_classification))
	   AND (q.min_confidentiality IS NULL OR s.confidentiality >= q.min_confidentiality));

CREATE OR REPLACE VIEW @extschema@.kpi_incidents AS
SELECT o.id AS org_id, k.period, k.period_start, k.period_end, k.incidents, k.high_or_critical,
	   k.personal_data_breaches, k.resolved, k.mean_time_to_detect, k.median_time_to_detect,
	   k.mean_time_to_respond, k.median_time_to_respond, k.mean_time_to_resolve, k.median_time_to_resolve
  FROM @extschema@.organization o
 CROSS JOIN LATERAL (
	SELECT CASE WHEN GROUPING(t.month) = 0 THEN 'month' ELSE 'year' END AS period,
		   coalesce(t.month, t.year) AS period_start,
		   (coalesce(t.month, t.year) +
			CASE WHEN GROUPING(t.month) = 0 THEN interval '1 month' ELSE interval '1 year' END)::date AS period_end,
		   count(*) AS incidents,
		   count(*) FILTER (WHERE t.severity IN ('high', 'critical')) AS high_or_critical,
		   count(*) FILTER (WHERE t.personal_data_breach) AS personal_data_breaches,
		   count(*) FILTER (WHERE t.resolved) AS resolved,
		   (@extschema@.duration_stats(t.ttd)).mean AS mean_time_to_detect,
		   (@extschema@.duration_stats(t.ttd)).p50 AS median_time_to_detect,
		   (@extschema@.duration_stats(t.ttr)).mean AS mean_time_to_respond,
		   (@extschema@.duration_stats(t.ttr)).p50 AS median_time_to_respond,
		   (@extschema@.duration_stats(t.ttres)).mean AS mean_time_to_resolve,
		   (@extschema@.duration_stats(t.ttres)).p50 AS median_time_to_resolve
	  FROM (SELECT pg_catalog.date_trunc('year', i.detected_at)::date AS year,
				   pg_catalog.date_trunc('month', i.detected_at)::date AS month,
				   i.severity,
				   i.detected_at - i.occurred_at AS ttd,
				   i.responded_at - i.detected_at AS ttr,
				   i.resolved_at - i.detected_at AS ttres,
				   i.resolved_at IS NOT NULL AS resolved,
				   i.personal_data_breach
			  FROM @extschema@.incident i
			 WHERE i.org_id = o.id) t
	 GROUP BY GROUPING SETS ((t.year, t.month), (t.year))) k;

CREATE OR REPLACE VIEW @extschema@.kpi_compliance AS
SELECT o.id AS org_id, k.period, k.period_start, k.period_end, k.violations, k.high_or_critical,
	   k.reported_to_authority, k.resolved, k.mean_time_to_detect, k.median_time_to_detect,
	   k.mean_time_to_respond, k.median_time_to_respond, k.mean_time_to_resolve, k.median_time_to_resolve
  FROM @extschema@.organization o
 CROSS JOIN LATERAL (
	SELECT CASE WHEN GROUPING(t.month) = 0 THEN 'month' ELSE 'year' END AS period,
		   coalesce(t.month, t.year) AS period_start,
		   (coalesce(t.month, t.year) +
			CASE WHEN GROUPING(t.month) = 0 THEN interval '1 month' ELSE interval '1 year' END)::date AS period_end,
		   count(*) AS violations,
		   count(*) FILTER (WHERE t.severity IN ('high', 'critical')) AS high_or_critical,
		   count(*) FILTER (WHERE t.reported) AS reported_to_authority,
		   count(*) FILTER (WHERE t.resolved) AS resolved,
		   (@extschema@.duration_stats(t.ttd)).mean AS mean_time_to_detect,
		   (@extschema@.duration_stats(t.ttd)).p50 AS median_time_to_detect,
		   (@extschema@.duration_stats(t.ttr)).mean AS mean_time_to_respond,
		   (@extschema@.duration_stats(t.ttr)).p50 AS median_time_to_respond,
		   (@extschema@.duration_stats(t.ttres)).mean AS mean_time_to_resolve,
		   (@extschema@.duration_stats(t.ttres)).p50 AS median_time_to_resolve
	  FROM (SELECT pg_catalog.date_trunc('year', v.detected_at)::date AS year,
				   pg_catalog.date_trunc('month', v.detected_at)::date AS month,
				   v.severity,
				   v.detected_at - v.occurred_at AS ttd,
				   v.responded_at - v.detected_at AS ttr,
				   v.resolved_at - v.detected_at AS ttres,
				   v.resolved_at IS NOT NULL AS resolved,
				   v.reported_to_authority_at IS NOT NULL AS reported
			  FROM @extschema@.compliance_violation v
			 WHERE v.org_id = o.id) t
	 GROUP BY GROUPING SETS ((t.year, t.month), (t.year))) k;

-- Each branch reads the organization's risks (the WITH query of 1.0, read
-- six times, was materialized for every organization).  The appetite is
-- looked up per risk: joined, three copies of isms.risk on id (this one,
-- v_risk_appetite's and v_risk_treatment's) were estimated at one row and
-- joined by nested loops over all pairs.
CREATE OR REPLACE VIEW @extschema@.kpi_risk_posture AS
SELECT o.id AS org_id, k.dimension, k.value, k.risks, k.exposure
  FROM @extschema@.organization o
 CROSS JOIN LATERAL (
	SELECT 'status' AS dimension, r.status AS value, count(*) AS risks, NULL::double precision AS exposure
	  FROM @extschema@.risk r
	 WHERE r.org_id = o.id
	 GROUP BY r.org_id, r.status
	UNION ALL
	SELECT 'treatment', coalesce(r.treatment, 'none'), count(*),
		   @extschema@.exposure(r.residual_likelihood, r.residual_impact)
	  FROM @extschema@.risk r
	 WHERE r.org_id = o.id AND r.status <> 'closed'
	 GROUP BY r.org_id, r.treatment
	UNION ALL
	SELECT 'inherent_level', coalesce(r.inherent_level::text, 'unassessed'), count(*), NULL
	  FROM @extschema@.risk r
	 WHERE r.org_id = o.id AND r.status <> 'closed'
	 GROUP BY r.org_id, r.inherent_level
	UNION ALL
	SELECT 'residual_level', coalesce(r.residual_level::text, 'unassessed'), count(*),
		   @extschema@.exposure(r.residual_likelihood, r.residual_impact)
	  FROM @extschema@.risk r
	 WHERE r.org_id = o.id AND r.status <> 'closed'
	 GROUP BY r.org_id, r.residual_level
	UNION ALL
	SELECT 'appetite',
		   coalesce((SELECT CASE WHEN a.above_appetite THEN 'above' WHEN NOT a.above_appetite THEN 'within'
								 ELSE 'no_appetite_or_level' END
					   FROM @extschema@.v_risk_appetite a
					  WHERE a.org_id = r.org_id AND a.risk_id = r.id), 'no_appetite_or_level'),
		   count(*), @extschema@.exposure(r.residual_likelihood, r.residual_impact)
	  FROM @extschema@.risk r
	 WHERE r.org_id = o.id AND r.status <> 'closed'
	 GROUP BY r.org_id, 2
	UNION ALL
	SELECT 'total', 'open', count(*), @extschema@.exposure(r.residual_likelihood, r.residual_impact)
	  FROM @extschema@.risk r
	 WHERE r.org_id = o.id AND r.status <> 'closed'
	 GROUP BY r.org_id) k;

-- The compliance percentage counts every control still undecided in its
-- denominator (92 undecided of 93 was 100.0 in 1.0 with the one decided
-- control implemented); kpi_values() also reports how many are undecided.
CREATE OR REPLACE VIEW @extschema@.kpi_controls AS
SELECT o.id AS org_id, k.theme_ident, k.theme, k.controls, k.undecided, k.applicable, k.not_applicable,
	   k.implemented, k.partially_implemented, k.planned, k.not_implemented, k.applicability_rate,
	   k.implementation_rate
  FROM @extschema@.organization o
 CROSS JOIN LATERAL (
	SELECT coalesce(c.theme_ident, 'all') AS theme_ident,
		   coalesce(c.theme, 'All themes') AS theme,
		   count(*) AS controls,
		   count(*) FILTER (WHERE c.applicable IS NULL) AS undecided,
		   count(*) FILTER (WHERE c.applicable) AS applicable,
		   count(*) FILTER (WHERE NOT c.applicable) AS not_applicable,
		   count(*) FILTER (WHERE c.applicable AND c.status = 'implemented') AS implemented,
		   count(*) FILTER (WHERE c.applicable AND c.status = 'partially_implemented') AS partially_implemented,
		   count(*) FILTER (WHERE c.applicable AND c.status = 'planned') AS planned,
		   count(*) FILTER (WHERE c.applicable AND c.status = 'not_implemented') AS not_implemented,
		   round(100.0 * count(*) FILTER (WHERE c.applicable) / count(*), 1) AS applicability_rate,
		   round(100.0 * count(*) FILTER (WHERE c.applicable AND c.status = 'implemented')
				 / nullif(count(*) FILTER (WHERE c.applicable IS NOT FALSE), 0), 1) AS implementation_rate
	  FROM (SELECT g.ident AS theme_ident, g.title AS theme, g.sort_order,
				   s.applicable, s.implementation_status AS status
			  FROM @extschema@.control c
			  JOIN @extschema@.framework f ON f.id = c.framework_id AND f.name = 'iso27001-2022'
			  JOIN @extschema@.control_group g ON g.id = c.group_id
			  LEFT JOIN @extschema@.soa s ON s.org_id = o.id AND s.control_id = c.id
			 WHERE NOT c.withdrawn) c
	 GROUP BY GROUPING SETS ((c.sort_order, c.theme_ident, c.theme), ())
	HAVING count(*) > 0) k;

CREATE OR REPLACE VIEW @extschema@.kpi_training AS
SELECT o.id AS org_id, k.course_id, k.course, k.kind, k.unit_id, k.unit, k.assigned, k.completed, k.passed,
	   k.overdue, k.expired, k.completion_rate
  FROM @extschema@.organization o
 CROSS JOIN LATERAL (
	SELECT t.course_id, coalesce(t.course, 'All courses') AS course, t.kind,
		   t.unit_id, coalesce(t.unit, 'All units') AS unit,
		   count(*) AS assigned,
		   count(*) FILTER (WHERE t.completed) AS completed,
		   count(*) FILTER (WHERE t.passed) AS passed,
		   count(*) FILTER (WHERE t.overdue) AS overdue,
		   count(*) FILTER (WHERE coalesce(t.expired, false)) AS expired,
		   round(100.0 * count(*) FILTER (WHERE t.completed) / count(*), 1) AS completion_rate
	  FROM (SELECT tc.id AS course_id, tc.title AS course, tc.kind,
				   u.id AS unit_id, coalesce(u.name, '(no unit)') AS unit,
				   tr.completed_on IS NOT NULL AS completed,
				   coalesce(tr.passed, tr.completed_on IS NOT NULL) AS passed,
				   tr.completed_on IS NULL AND tr.due_on < CURRENT_DATE AS overdue,
				   tr.expires_on < CURRENT_DATE AS expired
			  FROM @extschema@.training_record tr
			  JOIN @extschema@.training_course tc ON tc.org_id = tr.org_id AND tc.id = tr.course_id
			  JOIN @extschema@.person p ON p.org_id = tr.org_id AND p.id = tr.person_id
			  LEFT JOIN @extschema@.org_unit u ON u.org_id = p.org_id AND u.id = p.unit_id
			 WHERE tr.org_id = o.id) t
	 GROUP BY GROUPING SETS ((t.course_id, t.course, t.kind, t.unit_id, t.unit), (t.course_id, t.course, t.kind), ())
	HAVING count(*) > 0) k;

CREATE OR REPLACE VIEW @extschema@.kpi_audit AS
SELECT o.id AS org_id, k.finding_kind, k.findings, k.open, k.overdue, k.open_corrective_actions,
	   k.overdue_corrective_actions
  FROM @extschema@.organization o
 CROSS JOIN LATERAL (
	SELECT coalesce(f.kind, 'all') AS finding_kind,
		   count(*) AS findings,
		   count(*) FILTER (WHERE f.open) AS open,
		   count(*) FILTER (WHERE coalesce(f.overdue, false)) AS overdue,
		   coalesce(sum(f.open_actions), 0)::bigint AS open_corrective_actions,
		   coalesce(sum(f.overdue_actions), 0)::bigint AS overdue_corrective_actions
	  FROM (SELECT f.kind, f.status <> 'closed' AS open,
				   f.status <> 'closed' AND f.due_on < CURRENT_DATE AS overdue,
				   (SELECT count(*) FROM @extschema@.corrective_action ca
					 WHERE ca.org_id = f.org_id AND ca.finding_id = f.id
					   AND ca.status IN ('planned', 'in_progress')) AS open_actions,
				   (SELECT count(*) FROM @extschema@.corrective_action ca
					 WHERE ca.org_id = f.org_id AND ca.finding_id = f.id
					   AND ca.status IN ('planned', 'in_progress')
					   AND ca.due_on < CURRENT_DATE) AS overdue_actions
			  FROM @extschema@.audit_finding f
			 WHERE f.org_id = o.id) f
	 GROUP BY GROUPING SETS ((f.kind), ())
	HAVING count(*) > 0) k;

-- The heat map reads the organization's open risks once for both
-- assessments.  The cells are counted from a series of ten (a matrix has
-- at most ten levels a side): a series up to a column is estimated at 1,000
-- rows, and the query compiled (JIT) for longer than it runs.
CREATE OR REPLACE VIEW @extschema@.v_heatmap AS
WITH m AS (
	SELECT id, name, version, likelihood_levels, impact_levels, grid
	  FROM @extschema@.risk_matrix
	 WHERE id = @extschema@.default_matrix()
)
SELECT o.id AS org_id,
	   a.assessment,
	   m.name AS matrix,
	   m.version AS matrix_version,
	   l AS likelihood_level,
	   i AS impact_level,
	   pg_catalog.format('%s/%s', l, m.likelihood_levels)::@extschema@.likelihood AS likelihood,
	   pg_catalog.format('%s/%s', i, m.impact_levels)::@extschema@.impact AS impact,
	   m.grid[l][i] AS level,
	   coalesce((CASE a.assessment WHEN 'inherent' THEN h.inherent ELSE h.residual END)[l][i], 0) AS risks
  FROM @extschema@.organization o
  LEFT JOIN LATERAL (
	SELECT @extschema@.heatmap(r.inherent_likelihood, r.inherent_impact) AS inherent,
		   @extschema@.heatmap(r.residual_likelihood, r.residual_impact) AS residual
	  FROM @extschema@.risk r
	 WHERE r.org_id = o.id AND r.status <> 'closed'
	 GROUP BY r.org_id) h ON true
 CROSS JOIN (VALUES ('inherent'), ('residual')) a(assessment)
 CROSS JOIN m
 CROSS JOIN pg_catalog.generate_series(1, 10) l
 CROSS JOIN pg_catalog.generate_series(1, 10) i
 WHERE l <= m.likelihood_levels AND i <= m.impact_levels;

CREATE OR REPLACE VIEW @extschema@.kpi_reviews AS
SELECT o.id AS org_id, k.item, k.item_id, k.ident, k.title, k.due_on, k.days_overdue, k.state
  FROM @extschema@.organization o
 CROSS JOIN LATERAL (
	SELECT 'risk_review' AS item, r.id AS item_id, coalesce(r.ident, r.id::text) AS ident, r.title,
		   r.next_review AS due_on, CURRENT_DATE - r.next_review AS days_overdue,
		   'overdue' AS state
	  FROM @extschema@.risk r
	 WHERE r.org_id = o.id AND r.status <> 'closed' AND r.next_review < CURRENT_DATE
	UNION ALL
	SELECT 'policy_review', p.id, p.code, p.title, p.next_review,
		   CURRENT_DATE - p.next_review, 'overdue'
	  FROM @extschema@.policy p
	 WHERE p.org_id = o.id AND p.status = 'approved' AND p.next_review < CURRENT_DATE
	UNION ALL
	SELECT 'acceptance', a.id, coalesce(r.ident, r.id::text), r.title, a.expires_on,
		   CURRENT_DATE - a.expires_on,
		   CASE WHEN a.expires_on <= CURRENT_DATE THEN 'expired' ELSE 'expiring' END
	  FROM @extschema@.risk_acceptance a
	  JOIN @extschema@.risk r ON r.org_id = a.org_id AND r.id = a.risk_id
	 WHERE a.org_id = o.id AND a.status = 'valid'
	   AND a.expires_on < (CURRENT_DATE + 30)) k;

-- The register at the end of each month, as isms.as_of() reads it (per
-- risk the last version valid from at or before the time, unless it is a
-- deletion), but only of the risks that were ever the organization's, and
-- read once for the twelve months.  The months are counted in integers:
-- the planner takes a series of timestamps for 1,000 rows, and compiled
-- the query (JIT) for longer than it runs.
CREATE OR REPLACE VIEW @extschema@.kpi_exposure_trend AS
SELECT o.id AS org_id,
	   r.as_of::date AS as_of,
	   count(*) AS open_risks,
	   count(*) FILTER (WHERE r.residual_level IS NOT NULL) AS assessed_risks,
	   @extschema@.exposure(r.residual_likelihood, r.residual_impact) AS residual_exposure,
	   @extschema@.exposure(r.inherent_likelihood, r.inherent_impact) AS inherent_exposure
  FROM @extschema@.organization o
 CROSS JOIN LATERAL (
	SELECT DISTINCT ON (m.as_of, h.id)
		   m.as_of, h.operation, h.org_id, h.status, h.residual_level,
		   h.residual_likelihood, h.residual_impact, h.inherent_likelihood, h.inherent_impact
	  FROM (SELECT LEAST(pg_catalog.date_trunc('month', pg_catalog.now()) - interval '11 months'
						 + n * interval '1 month' + interval '1 month' - interval '1 microsecond',
						 pg_catalog.now()) AS as_of
			  FROM pg_catalog.generate_series(0, 11) n) m
	  JOIN @extschema@.risk_history h ON h.valid_from <= m.as_of
	 WHERE h.id IN (SELECT x.id FROM @extschema@.risk_history x WHERE x.org_id = o.id)
	 ORDER BY m.as_of, h.id, h.history_id DESC) r
 WHERE r.operation <> 'DELETE' AND r.org_id = o.id AND r.status <> 'closed'
 GROUP BY o.id, r.as_of;


-- ---------------------------------------------------------------------
-- Roles, organizations as tenants, row-level security
-- ---------------------------------------------------------------------
--
-- Four group roles say what a login may do; isms.org_member says which
-- organizations it may see; row-level security applies both to every table
-- with org_id, the history tables and the audit log included.
--
--	 isms_reader	reads its organizations' register, every view, KPI and report
--	 isms_editor	isms_reader + writes its organizations' register, runs the
--					treatment workflow, imports scanner reports
--	 isms_auditor	isms_reader + reads its organizations' audit log and
--					history, verifies their chains
--	 isms_admin		everything: organizations, memberships, shared catalogs,
--					OSCAL imports, matrices, track/untrack, scheduled checks;
--					sees every organization
--
-- The roles are cluster-wide: they are created when missing and outlive
-- DROP EXTENSION.  A role of that name that already exists is used only if
-- it cannot log in and is no superuser and has no BYPASSRLS: one made
-- earlier by another role to catch isms's privileges would otherwise get
-- them.

DO $$
DECLARE
	r text;
	existing pg_catalog.pg_roles;
BEGIN
	FOREACH r IN ARRAY ARRAY['isms_reader', 'isms_editor', 'isms_auditor', 'isms_admin']
	LOOP
		SELECT * INTO existing FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) r;
		IF NOT FOUND THEN
			EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
		ELSIF existing.rolcanlogin OR existing.rolsuper OR existing.rolbypassrls THEN
			RAISE EXCEPTION 'role "%" exists and is not a group role isms can use', r
				USING ERRCODE = 'insufficient_privilege',
					  DETAIL = 'It can log in, is a superuser or has BYPASSRLS.',
					  HINT = pg_catalog.format('Drop or rename role %I, or make it NOLOGIN NOSUPERUSER NOBYPASSRLS.', r);
		END IF;
	END LOOP;
	-- editors, auditors and admins read; admins edit and audit
	FOREACH r IN ARRAY ARRAY['isms_reader:isms_editor', 'isms_reader:isms_auditor',
							 'isms_editor:isms_admin', 'isms_auditor:isms_admin']
	LOOP
		IF NOT pg_catalog.pg_has_role(pg_catalog.split_part(r, ':', 2), pg_catalog.split_part(r, ':', 1), 'MEMBER') THEN
			EXECUTE pg_catalog.format('GRANT %I TO %I', pg_catalog.split_part(r, ':', 1),
									  pg_catalog.split_part(r, ':', 2));
		END IF;
	END LOOP;
END
$$;

-- Who may see an organization: the roles named here, and their members.
CREATE TABLE @extschema@.org_member (
	org_id		bigint NOT NULL DEFAULT @extschema@.current_org() REFERENCES @extschema@.organization (id) ON DELETE CASCADE,
	member		name NOT NULL,
	note		text,
	created_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (org_id, member)
);
COMMENT ON TABLE @extschema@.org_member IS
	'who may see an organization: a role named here sees its rows, and so does every member of that role (pg_has_role(member, ''MEMBER''))';
COMMENT ON COLUMN @extschema@.org_member.member IS
	'a role (a login or a group role); it must exist when the row is written';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.org_member', '');

CREATE FUNCTION @extschema@.org_member_check() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) NEW.member) THEN
		RAISE EXCEPTION 'role "%" does not exist', NEW.member
			USING ERRCODE = 'undefined_object';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.org_member_check() IS
	'trigger: the member of isms.org_member must be an existing role';
REVOKE EXECUTE ON FUNCTION @extschema@.org_member_check() FROM PUBLIC;
CREATE TRIGGER org_member_check BEFORE INSERT OR UPDATE OF member ON @extschema@.org_member
	FOR EACH ROW EXECUTE FUNCTION @extschema@.org_member_check();

-- The test of every policy (C, cached per role and command).
CREATE FUNCTION @extschema@.org_visible(org bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'org_visible' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.org_visible(bigint) IS
	'whether the current role may see organization org: named in isms.org_member (or a member of a role named there), or a member of isms_admin; NULL (rows of no organization): only isms_admin';

-- current_org() in C: the setting isms.org_id is now the module's own
-- (a typo in its name is an error), and it must name an organization the
-- role may see.  PARALLEL RESTRICTED, though a parallel worker would read
-- the same setting: the planner cannot estimate how many rows
-- org_id = current_org() selects and takes a share of every organization,
-- so that a dashboard's view of one organization got a parallel plan
-- whose workers took 50 ms to start, for a few thousand rows (kpi_reviews
-- at 1,000 organizations: 52 ms, in the leader alone 3 ms).
CREATE OR REPLACE FUNCTION @extschema@.current_org() RETURNS bigint
	AS 'MODULE_PATHNAME', 'current_org' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.current_org() IS
	'the current organization: the setting isms.org_id (which the role must be allowed to see), or the only organization the role may see';

-- A person's login: whoever records that a person approved, accepted,
-- verified, reviewed, assessed, performed or audited something must be
-- logged in as that person (segregation of duties, A.5.3).
ALTER TABLE @extschema@.person ADD COLUMN login name;
ALTER TABLE @extschema@.person_history ADD COLUMN login name;
ALTER TABLE @extschema@.person ADD CONSTRAINT person_login_unique UNIQUE (org_id, login);
COMMENT ON COLUMN @extschema@.person.login IS
	'the database login that acts as this person (unique in the organization); only it may record this person''s approvals, acceptances, verifications, reviews and audits';

CREATE FUNCTION @extschema@.acting_person_check() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	col text := TG_ARGV[0];
	person_id bigint := (pg_catalog.to_jsonb(NEW) OPERATOR(pg_catalog.->>) col)::bigint;
	login name;
BEGIN
	IF person_id IS NULL
	   OR (TG_OP = 'UPDATE' AND (pg_catalog.to_jsonb(OLD) OPERATOR(pg_catalog.->>) col)::bigint
								 IS NOT DISTINCT FROM person_id)
	   OR (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER) THEN
		RETURN NEW;
	END IF;
	SELECT p.login INTO login FROM @extschema@.person p
	 WHERE p.org_id OPERATOR(pg_catalog.=) NEW.org_id AND p.id OPERATOR(pg_catalog.=) person_id;
	IF login IS NULL OR login NOT IN (CURRENT_USER, SESSION_USER) THEN
		RAISE EXCEPTION 'login % cannot name person % in %.%', CURRENT_USER, person_id, TG_TABLE_NAME, col
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = CASE WHEN login IS NULL
							   THEN pg_catalog.format('Person %s has no login (isms.person.login).', person_id)
							   ELSE pg_catalog.format('Person %s is login %I.', person_id, login) END,
				  HINT = 'Only the person named records an approval, acceptance, verification, review or audit, logged in as that person.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.acting_person_check() IS
	'trigger: the person named in the column given as argument (an approver, acceptor, verifier, reviewer, assessor or auditor) must be the current login (isms.person.login); superusers are exempt';
REVOKE EXECUTE ON FUNCTION @extschema@.acting_person_check() FROM PUBLIC;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['scope:approved_by_id', 'policy:approver_id', 'access_review:reviewer_id',
							 'site_check:performed_by_id', 'change_request:approver_id',
							 'restore_test:performed_by_id', 'supplier_assessment:assessor_id',
							 'continuity_plan:approver_id', 'compliance_check:performed_by_id',
							 'audit:lead_auditor_id', 'corrective_action:verified_by_id',
							 'risk_acceptance:approved_by_id', 'access_right:approved_by_id']
	LOOP
		EXECUTE pg_catalog.format(
			'CREATE TRIGGER %I BEFORE INSERT OR UPDATE OF %I ON @extschema@.%I '
			'FOR EACH ROW EXECUTE FUNCTION @extschema@.acting_person_check(%L)',
			pg_catalog.split_part(t, ':', 2) || '_is_acting_person', pg_catalog.split_part(t, ':', 2),
			pg_catalog.split_part(t, ':', 1), pg_catalog.split_part(t, ':', 2));
	END LOOP;
END
$$;

-- Row-level security: a row of an organization is seen and written only
-- by roles that may see that organization (isms.org_visible).  Every table
-- with org_id has the policy, history tables included; the organizations
-- themselves by their id.  Shared catalogs (frameworks, controls, threats,
-- matrices, roles, scope questions) have no organization: every reader
-- reads them and only isms_admin writes them (by privileges, below).
-- Owners and superusers are not subject to these policies (the threat
-- model in the README says what that leaves).
DO $$
DECLARE
	t record;
BEGIN
	FOR t IN
		SELECT c.oid::regclass AS rel,
			   CASE WHEN c.relname IN ('organization', 'organization_history') THEN 'id' ELSE 'org_id' END AS col
		  FROM pg_catalog.pg_class c
		  JOIN pg_catalog.pg_depend d ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
			   AND d.objid OPERATOR(pg_catalog.=) c.oid AND d.deptype OPERATOR(pg_catalog.=) 'e'
		  JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid AND e.extname OPERATOR(pg_catalog.=) 'isms'
		 WHERE c.relkind OPERATOR(pg_catalog.=) 'r'
		   AND (c.relname IN ('organization', 'organization_history')
				OR EXISTS (SELECT FROM pg_catalog.pg_attribute a
							WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attname OPERATOR(pg_catalog.=) 'org_id'
							  AND NOT a.attisdropped))
		 ORDER BY c.relname
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t.rel);
		EXECUTE pg_catalog.format('CREATE POLICY isms_org ON %s USING (@extschema@.org_visible(%I))',
								  t.rel, t.col);
	END LOOP;
END
$$;

-- Privileges.  Readers read the register and the catalogs; auditors also
-- the audit log and the history; editors write their organizations' rows;
-- admins write everything but the append-only tables.  Nobody but the
-- owner gets TRUNCATE, which row-level security does not stop.
GRANT USAGE ON SCHEMA @extschema@ TO isms_reader;
DO $$
DECLARE
	t record;
	history boolean;
BEGIN
	FOR t IN
		SELECT c.oid::regclass AS rel, c.relname, c.relkind,
			   EXISTS (SELECT FROM pg_catalog.pg_attribute a
						WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attname OPERATOR(pg_catalog.=) 'org_id'
						  AND NOT a.attisdropped) AS has_org
		  FROM pg_catalog.pg_class c
		  JOIN pg_catalog.pg_depend d ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
			   AND d.objid OPERATOR(pg_catalog.=) c.oid AND d.deptype OPERATOR(pg_catalog.=) 'e'
		  JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid AND e.extname OPERATOR(pg_catalog.=) 'isms'
		 WHERE c.relkind IN ('r', 'v')
		 ORDER BY c.relname
	LOOP
		history := t.relname LIKE '%\_history' OR t.relname OPERATOR(pg_catalog.=) 'audit_log';
		IF t.relkind OPERATOR(pg_catalog.=) 'v' THEN
			-- the exposure trend is computed from the history
			EXECUTE pg_catalog.format('GRANT SELECT ON %s TO %I', t.rel,
									  CASE WHEN t.relname OPERATOR(pg_catalog.=) 'kpi_exposure_trend'
										   THEN 'isms_auditor' ELSE 'isms_reader' END);
		ELSIF history THEN
			EXECUTE pg_catalog.format('GRANT SELECT ON %s TO isms_auditor', t.rel);
		ELSE
			EXECUTE pg_catalog.format('GRANT SELECT ON %s TO isms_reader', t.rel);
			EXECUTE pg_catalog.format('GRANT INSERT, UPDATE, DELETE ON %s TO isms_admin', t.rel);
			IF t.has_org AND t.relname NOT IN ('org_member', 'kpi_snapshot', 'risk_review_overdue') THEN
				EXECUTE pg_catalog.format('GRANT INSERT, UPDATE, DELETE ON %s TO isms_editor', t.rel);
			END IF;
		END IF;
	END LOOP;
END
$$;

-- Views run with the privileges and policies of the role that queries them
-- (security_invoker, PostgreSQL 15 and later).  Before 15, views run as
-- their owner, which a superuser's policies do not filter: there they
-- belong to isms_view_owner, a NOLOGIN role with no members that reads the
-- tables (as an isms_auditor) and is subject to the policies (whose test, org_visible(), looks
-- at the role that runs the query).
DO $$
DECLARE
	v regclass;
BEGIN
	IF pg_catalog.current_setting('server_version_num')::integer >= 150000 THEN
		NULL;
	ELSIF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'isms_view_owner') THEN
		CREATE ROLE isms_view_owner NOLOGIN;
		-- isms_auditor: kpi_exposure_trend reads the history (and only
		-- auditors may read that view)
		GRANT isms_auditor TO isms_view_owner;
	ELSIF EXISTS (SELECT FROM pg_catalog.pg_roles r
				   WHERE r.rolname OPERATOR(pg_catalog.=) 'isms_view_owner'
					 AND (r.rolcanlogin OR r.rolsuper OR r.rolbypassrls
						  OR EXISTS (SELECT FROM pg_catalog.pg_auth_members m
									  WHERE m.roleid OPERATOR(pg_catalog.=) r.oid))) THEN
		-- its members would own every view of isms
		RAISE EXCEPTION 'role "isms_view_owner" exists and is not a role isms can use'
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'It can log in, is a superuser, has BYPASSRLS or has members.',
				  HINT = 'Drop or rename role isms_view_owner.';
	END IF;
	FOR v IN
		SELECT c.oid::regclass
		  FROM pg_catalog.pg_class c
		  JOIN pg_catalog.pg_depend d ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
			   AND d.objid OPERATOR(pg_catalog.=) c.oid AND d.deptype OPERATOR(pg_catalog.=) 'e'
		  JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid AND e.extname OPERATOR(pg_catalog.=) 'isms'
		 WHERE c.relkind OPERATOR(pg_catalog.=) 'v'
		 ORDER BY c.relname
	LOOP
		IF pg_catalog.current_setting('server_version_num')::integer >= 150000 THEN
			EXECUTE pg_catalog.format('ALTER VIEW %s SET (security_invoker = true)', v);
		ELSE
			EXECUTE pg_catalog.format('ALTER VIEW %s OWNER TO isms_view_owner', v);
		END IF;
	END LOOP;
END
$$;

-- Functions.  Those that only compute (the scale types, CVSS, FAIR,
-- OCTAVE arithmetic, XML text helpers, risk_level and the policy test)
-- stay executable by everyone; the rest by the role whose work they do.
REVOKE EXECUTE ON FUNCTION
	@extschema@.default_matrix(),
	@extschema@.appetite_for(bigint, text, bigint), @extschema@.appetite(text, bigint),
	@extschema@.within_appetite(@extschema@.risk_level, text, bigint),
	@extschema@.review_days(@extschema@.risk_level, bigint),
	@extschema@.octave_max_score(), @extschema@.octave_relative_risk_score(jsonb),
	@extschema@.octave_risk_pool(text, jsonb),
	@extschema@.kpi_values(bigint), @extschema@.kpi_trend(text, text),
	@extschema@.management_review_pack(date, date),
	@extschema@.heatmap_svg(text, text, bigint[]),
	@extschema@.loss_exceedance_svg(jsonb, integer, bigint, integer, text, text),
	@extschema@.soa_xml(), @extschema@.export_oscal_catalog(text),
	@extschema@.access_review_interval(text, boolean, bigint)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	@extschema@.default_matrix(),
	@extschema@.appetite_for(bigint, text, bigint), @extschema@.appetite(text, bigint),
	@extschema@.within_appetite(@extschema@.risk_level, text, bigint),
	@extschema@.review_days(@extschema@.risk_level, bigint),
	@extschema@.octave_max_score(), @extschema@.octave_relative_risk_score(jsonb),
	@extschema@.octave_risk_pool(text, jsonb),
	@extschema@.kpi_values(bigint), @extschema@.kpi_trend(text, text),
	@extschema@.management_review_pack(date, date),
	@extschema@.heatmap_svg(text, text, bigint[]),
	@extschema@.loss_exceedance_svg(jsonb, integer, bigint, integer, text, text),
	@extschema@.soa_xml(), @extschema@.export_oscal_catalog(text),
	@extschema@.access_review_interval(text, boolean, bigint)
	TO isms_reader;

REVOKE EXECUTE ON FUNCTION
	@extschema@.rescore_risks(bigint, bigint), @extschema@.octave_rank_impact_areas(text[]),
	@extschema@.import_nessus(text, boolean), @extschema@.import_openvas(text, boolean),
	@extschema@.scanner_asset(text, text)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	@extschema@.rescore_risks(bigint, bigint), @extschema@.octave_rank_impact_areas(text[]),
	@extschema@.import_nessus(text, boolean), @extschema@.import_openvas(text, boolean),
	@extschema@.scanner_asset(text, text)
	TO isms_editor;

REVOKE EXECUTE ON FUNCTION
	@extschema@.verify_audit_log(), @extschema@.verify_audit_log(bigint, bytea),
	@extschema@.audit_log_head(), @extschema@.history_table(regclass),
	@extschema@.as_of(anyelement, timestamptz), @extschema@.risk_register_as_of(timestamptz)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	@extschema@.verify_audit_log(), @extschema@.verify_audit_log(bigint, bytea),
	@extschema@.audit_log_head(), @extschema@.history_table(regclass),
	@extschema@.as_of(anyelement, timestamptz), @extschema@.risk_register_as_of(timestamptz)
	TO isms_auditor;

REVOKE EXECUTE ON FUNCTION
	@extschema@.supersede_matrix(bigint, @extschema@.risk_level[], integer, text),
	@extschema@.run_scheduled_checks(date, bigint), @extschema@.scheduled_checks_lock(),
	@extschema@.snapshot_kpis(bigint),
	@extschema@.import_oscal_catalog(text, text), @extschema@.import_oscal_catalog(jsonb, text),
	@extschema@.oscal_check_stale_controls(bigint, text[]),
	@extschema@.track(regclass, boolean), @extschema@.untrack(regclass), @extschema@.track_check(regclass),
	@extschema@.import_database_access(bigint), @extschema@.database_roles(), @extschema@.database_rights()
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	@extschema@.supersede_matrix(bigint, @extschema@.risk_level[], integer, text),
	@extschema@.run_scheduled_checks(date, bigint), @extschema@.scheduled_checks_lock(),
	@extschema@.snapshot_kpis(bigint),
	@extschema@.import_oscal_catalog(text, text), @extschema@.import_oscal_catalog(jsonb, text),
	@extschema@.oscal_check_stale_controls(bigint, text[]),
	@extschema@.track(regclass, boolean), @extschema@.untrack(regclass), @extschema@.track_check(regclass),
	@extschema@.import_database_access(bigint), @extschema@.database_roles(), @extschema@.database_rights()
	TO isms_admin;

-- ---------------------------------------------------------------------
-- Audit chains per organization and the event outbox
-- ---------------------------------------------------------------------

-- The audit log is one hash chain per organization: an entry's org_id is
-- the tracked row's org_id (the new row's; the old row's for a DELETE), an
-- organization's own id for a row of isms.organization, and NULL for the
-- tables without org_id (the shared catalogs).  Every entry of 1.0 formed
-- one chain: it is the chain of no organization (org_id NULL), and goes
-- on.  An entry's prev_hash is the hash of the previous entry of the same
-- chain; the hashed content is 1.0's, so 1.0's entries still verify.  Each
-- chain has its own lock, taken at commit (see src/audit.c), so writers of
-- different organizations never wait for each other.  Ids come from a
-- sequence, taken while the chain's lock is held: unique, increasing along
-- each chain, no longer contiguous.
ALTER TABLE @extschema@.audit_log ADD COLUMN org_id bigint;
CREATE INDEX audit_log_org_id_id_idx ON @extschema@.audit_log (org_id, id);
COMMENT ON TABLE @extschema@.audit_log IS
	'append-only log of every change to a tracked table (isms.track), hash-chained per organization; check it with isms.verify_audit_log()';
COMMENT ON COLUMN @extschema@.audit_log.id IS
	'unique, increasing along each chain (from isms.audit_log_id_seq, taken under the chain''s lock); not contiguous';
COMMENT ON COLUMN @extschema@.audit_log.org_id IS
	'the chain: the organization of the changed row (its org_id; its id for isms.organization); NULL for tables without org_id and for every entry of isms 1.0';
COMMENT ON COLUMN @extschema@.audit_log.prev_hash IS
	'hash of the previous entry of the same chain (same org_id; 32 zero bytes for a chain''s first)';

CREATE SEQUENCE @extschema@.audit_log_id_seq;
COMMENT ON SEQUENCE @extschema@.audit_log_id_seq IS
	'ids of isms.audit_log, taken while the chain''s lock is held';
SELECT pg_catalog.setval('@extschema@.audit_log_id_seq', m.id)
  FROM (SELECT pg_catalog.max(l.id) AS id FROM @extschema@.audit_log l) m
 WHERE m.id IS NOT NULL;
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_log_id_seq', '');

COMMENT ON FUNCTION @extschema@.verify_audit_log() IS
	'recomputes the hash chains of isms.audit_log that the caller may see: ok if all are, number of entries, smallest id of an entry altered or following a removed one';
COMMENT ON FUNCTION @extschema@.verify_audit_log(bigint, bytea) IS
	'verify_audit_log(), and also that entry anchor_id is still there with the hash recorded for it earlier (finds entries removed from the end)';
COMMENT ON FUNCTION @extschema@.audit_log_head() IS
	'the last entry of the audit log the caller may read (id, hash, at): record it outside the database as an anchor for verify_audit_log(anchor_id, anchor_hash)';

CREATE FUNCTION @extschema@.verify_audit_log(org bigint,
		OUT ok boolean, OUT entries bigint, OUT first_broken bigint)
	RETURNS record
	AS 'MODULE_PATHNAME', 'verify_audit_log_org' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.verify_audit_log(bigint) IS
	'recomputes one organization''s hash chain (NULL: the chain of no organization), reading no other: ok, number of entries, id of the first entry altered or following a removed one';

CREATE FUNCTION @extschema@.verify_audit_log(org bigint, anchor_id bigint, anchor_hash bytea,
		OUT ok boolean, OUT entries bigint, OUT first_broken bigint)
	RETURNS record
	AS 'MODULE_PATHNAME', 'verify_audit_log_org' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.verify_audit_log(bigint, bigint, bytea) IS
	'verify_audit_log(org), and also that entry anchor_id of that chain is still there with the hash recorded for it earlier (audit_log_head(org))';

CREATE FUNCTION @extschema@.audit_log_head(org bigint, OUT id bigint, OUT hash bytea, OUT at timestamptz)
	RETURNS record
	AS 'MODULE_PATHNAME', 'audit_log_head_org' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.audit_log_head(bigint) IS
	'the last entry of one organization''s chain (NULL: the chain of no organization): (id, hash, at), to record outside the database as an anchor for verify_audit_log(org, anchor_id, anchor_hash)';

-- The event outbox: every event of the treatment workflow and of the
-- scheduled checks, one row each, written by the C code when the
-- transaction commits (never for one that rolls back), as the audit log is:
-- append-only, no role writes it.  Its ids are taken under the lock of the
-- organization's audit chain, so that within one organization they
-- increase in the order of the commits: a consumer that reads WHERE org_id
-- = X AND id > (the last id it saw) misses nothing, even after being
-- offline.  NOTIFY isms_events only wakes consumers up: its payload holds
-- the event's kind, id, organization and row ids, nothing else; anyone
-- may send a NOTIFY on that channel, so a consumer reads the event from
-- this table, which is the record.
CREATE SEQUENCE @extschema@.event_id_seq;
COMMENT ON SEQUENCE @extschema@.event_id_seq IS
	'ids of isms.event, taken under the lock of the organization''s audit chain';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.event_id_seq', '');

CREATE TABLE @extschema@.event (
	id			bigint NOT NULL,
	org_id		bigint NOT NULL,
	at			timestamptz NOT NULL,
	txid		bigint NOT NULL,
	kind		text NOT NULL,
	table_name	text NOT NULL,
	row_ids		jsonb NOT NULL,
	details		jsonb NOT NULL,
	CONSTRAINT event_pkey PRIMARY KEY (org_id, id)
);
COMMENT ON TABLE @extschema@.event IS
	'append-only outbox of events (above_appetite, acceptance_*, review_overdue), in commit order per organization; NOTIFY isms_events only wakes consumers (anyone may NOTIFY), this table is the record';
COMMENT ON COLUMN @extschema@.event.id IS
	'increasing in commit order within an organization (from isms.event_id_seq); read WHERE org_id = X AND id > the last id seen';
COMMENT ON COLUMN @extschema@.event.org_id IS 'organization (isms.organization)';
COMMENT ON COLUMN @extschema@.event.at IS 'start of the transaction that raised the event (now())';
COMMENT ON COLUMN @extschema@.event.txid IS 'top-level transaction id (pg_current_xact_id())';
COMMENT ON COLUMN @extschema@.event.kind IS
	'above_appetite, acceptance_invalidated, acceptance_expired, acceptance_withdrawn or review_overdue';
COMMENT ON COLUMN @extschema@.event.table_name IS 'the table whose row raised the event, schema-qualified';
COMMENT ON COLUMN @extschema@.event.row_ids IS
	'ids of the rows the event is about: risk_id, and acceptance_id or review_overdue_id (also in the NOTIFY payload)';
COMMENT ON COLUMN @extschema@.event.details IS
	'what else the event says (ident, status, level, appetite, expires_on, reason, due_on); not in the NOTIFY payload';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.event', '');
REVOKE ALL ON @extschema@.event FROM PUBLIC;
CREATE TRIGGER event_append_only
	BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.event
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.append_only();

-- review_overdue events come from the rows run_scheduled_checks() inserts
CREATE FUNCTION @extschema@.review_overdue_event() RETURNS trigger
	AS 'MODULE_PATHNAME', 'review_overdue_event' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.review_overdue_event() IS
	'trigger: the event review_overdue for each row of isms.risk_review_overdue (from isms.run_scheduled_checks())';
REVOKE EXECUTE ON FUNCTION @extschema@.review_overdue_event() FROM PUBLIC;
CREATE TRIGGER risk_review_overdue_event AFTER INSERT ON @extschema@.risk_review_overdue
	FOR EACH ROW EXECUTE FUNCTION @extschema@.review_overdue_event();

-- run_scheduled_checks(): as before, but its review_overdue events are the
-- outbox's, raised by the trigger above (in the order of the risks)
CREATE OR REPLACE FUNCTION @extschema@.run_scheduled_checks(as_of date DEFAULT CURRENT_DATE, org bigint DEFAULT NULL)
	RETURNS TABLE (action text, org_id bigint, risk_id bigint, acceptance_id bigint, due_on date)
	LANGUAGE plpgsql
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	r record;
BEGIN
	IF as_of IS NULL THEN
		RAISE EXCEPTION 'the date of the scheduled checks must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- a second run waits here, then finds nothing left to do
	PERFORM @extschema@.scheduled_checks_lock();

	-- the acceptance trigger raises the acceptance_expired events
	FOR r IN
		WITH expired AS (
			UPDATE @extschema@.risk_acceptance a SET status = 'expired'
			 WHERE a.status OPERATOR(pg_catalog.=) 'valid' AND a.expires_on OPERATOR(pg_catalog.<=) as_of
			   AND (org IS NULL OR a.org_id OPERATOR(pg_catalog.=) org)
			RETURNING a.org_id, a.risk_id, a.id, a.expires_on)
		SELECT * FROM expired e ORDER BY e.id
	LOOP
		action := 'acceptance_expired';
		org_id := r.org_id;
		risk_id := r.risk_id;
		acceptance_id := r.id;
		due_on := r.expires_on;
		RETURN NEXT;
	END LOOP;

	-- the trigger on risk_review_overdue raises the review_overdue events
	FOR r IN
		WITH marked AS (
			INSERT INTO @extschema@.risk_review_overdue AS o (org_id, risk_id, due_on)
			SELECT k.org_id, k.id, k.next_review FROM @extschema@.risk k
			 WHERE k.status OPERATOR(pg_catalog.<>) 'closed' AND k.next_review OPERATOR(pg_catalog.<) as_of
			   AND (org IS NULL OR k.org_id OPERATOR(pg_catalog.=) org)
			 ORDER BY k.id
			ON CONFLICT ON CONSTRAINT risk_review_overdue_unique DO NOTHING
			RETURNING o.org_id, o.risk_id, o.due_on)
		SELECT m.* FROM marked m ORDER BY m.risk_id
	LOOP
		action := 'review_overdue';
		org_id := r.org_id;
		risk_id := r.risk_id;
		acceptance_id := NULL;
		due_on := r.due_on;
		RETURN NEXT;
	END LOOP;
END
$$;

-- Row-level security and privileges of the chains and the outbox, as the
-- section "Roles, organizations as tenants, row-level security" gives them
-- to the other tables (it runs before org_id exists on the audit log): an
-- entry or an event is seen by the roles that may see its organization,
-- the chain of no organization by those who see every organization;
-- auditors read the log and verify the chains, readers read the events.
ALTER TABLE @extschema@.audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY isms_org ON @extschema@.audit_log USING (@extschema@.org_visible(org_id));
ALTER TABLE @extschema@.event ENABLE ROW LEVEL SECURITY;
CREATE POLICY isms_org ON @extschema@.event USING (@extschema@.org_visible(org_id));
GRANT SELECT ON @extschema@.event TO isms_reader;
REVOKE EXECUTE ON FUNCTION
	@extschema@.verify_audit_log(bigint), @extschema@.verify_audit_log(bigint, bigint, bytea),
	@extschema@.audit_log_head(bigint)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	@extschema@.verify_audit_log(bigint), @extschema@.verify_audit_log(bigint, bigint, bytea),
	@extschema@.audit_log_head(bigint)
	TO isms_auditor;

-- ---------------------------------------------------------------------
-- Views and reports that run on Citus
-- ---------------------------------------------------------------------
--
-- On Citus (isms.distribute()) a query over organization tables runs on
-- the workers only if every join between them names org_id, each UNION
-- ALL branch and GROUP BY carries org_id, and no GROUPING SETS, correlated
-- subquery over a reference table or LATERAL subquery under the reference
-- table isms.organization remains.  So the views below aggregate per
-- org_id in a subquery joined to isms.organization on org_id (instead of a
-- LATERAL subquery under it), GROUPING SETS are a UNION ALL of GROUP BYs,
-- and correlated counts are joins to counts grouped by org_id.  On one
-- server a filter on org_id still reaches the scans: the planner carries
-- o.id = constant over the join to the subquery's org_id, into every UNION
-- ALL branch and through every GROUP BY (org_id is a grouping column).
-- Results are those of the views they replace, row for row.

CREATE OR REPLACE VIEW @extschema@.v_risk_register AS
SELECT r.id AS risk_id,
	   r.org_id,
	   r.ident,
	   r.title,
	   r.category,
	   r.status,
	   r.treatment,
	   r.asset_id,
	   a.name AS asset,
	   r.threat_id,
	   t.name AS threat,
	   r.owner_id,
	   p.name AS owner,
	   r.inherent_likelihood,
	   r.inherent_impact,
	   r.inherent_likelihood * r.inherent_impact AS inherent_score,
	   r.inherent_level,
	   r.current_level,
	   r.residual_likelihood,
	   r.residual_impact,
	   r.residual_likelihood * r.residual_impact AS residual_score,
	   r.residual_level,
	   r.target_level,
	   r.ale,
	   r.identified_on,
	   r.reviewed_on,
	   r.next_review AS review_due,
	   coalesce(r.status <> 'closed' AND r.next_review < CURRENT_DATE, false) AS review_overdue,
	   (SELECT count(*) FROM @extschema@.risk_control rc WHERE rc.org_id = r.org_id AND rc.risk_id = r.id) AS controls,
	   (SELECT count(*) FROM @extschema@.treatment_action ta
		 WHERE ta.org_id = r.org_id AND ta.risk_id = r.id AND ta.status IN ('planned', 'in_progress')) AS open_actions,
	   r.matrix_id
  FROM @extschema@.risk r
  LEFT JOIN @extschema@.asset a ON a.org_id = r.org_id AND a.id = r.asset_id
  LEFT JOIN @extschema@.threat t ON t.id = r.threat_id
  LEFT JOIN @extschema@.person p ON p.org_id = r.org_id AND p.id = r.owner_id;

CREATE OR REPLACE VIEW @extschema@.kpi_risk_posture AS
SELECT o.id AS org_id, k.dimension, k.value, k.risks, k.exposure
  FROM @extschema@.organization o
  JOIN (
	SELECT r.org_id, 'status' AS dimension, r.status AS value, count(*) AS risks,
		   NULL::double precision AS exposure
	  FROM @extschema@.risk r
	 GROUP BY r.org_id, r.status
	UNION ALL
	SELECT r.org_id, 'treatment', coalesce(r.treatment, 'none'), count(*),
		   @extschema@.exposure(r.residual_likelihood, r.residual_impact)
	  FROM @extschema@.risk r
	 WHERE r.status <> 'closed'
	 GROUP BY r.org_id, r.treatment
	UNION ALL
	SELECT r.org_id, 'inherent_level', coalesce(r.inherent_level::text, 'unassessed'), count(*), NULL
	  FROM @extschema@.risk r
	 WHERE r.status <> 'closed'
	 GROUP BY r.org_id, r.inherent_level
	UNION ALL
	SELECT r.org_id, 'residual_level', coalesce(r.residual_level::text, 'unassessed'), count(*),
		   @extschema@.exposure(r.residual_likelihood, r.residual_impact)
	  FROM @extschema@.risk r
	 WHERE r.status <> 'closed'
	 GROUP BY r.org_id, r.residual_level
	UNION ALL
	-- above_appetite of isms.v_risk_appetite (that is, v_risk_treatment's),
	-- computed on the risk itself; the appetite in a subquery, not a LEFT
	-- JOIN LATERAL: Citus on PostgreSQL 15 and 16 refuses an outer join
	-- under the constant qual a filter on dimension makes of this branch
	SELECT r.org_id, 'appetite',
		   CASE WHEN r.level IS NULL OR r.max_level IS NULL
					 OR @extschema@.scale(r.level) <> @extschema@.scale(r.max_level) THEN 'no_appetite_or_level'
				WHEN r.level > r.max_level THEN 'above' ELSE 'within' END,
		   count(*), @extschema@.exposure(r.residual_likelihood, r.residual_impact)
	  FROM (SELECT r.org_id, r.residual_likelihood, r.residual_impact,
				   CASE WHEN r.status IN ('treated', 'monitored')
						THEN COALESCE(r.residual_level, r.current_level, r.inherent_level)
						ELSE COALESCE(r.current_level, r.inherent_level) END AS level,
				   (SELECT x.max_level FROM @extschema@.risk_appetite x
					 WHERE x.org_id = r.org_id
					   AND (x.asset_id = r.asset_id OR (x.asset_id IS NULL AND x.category = r.category)
							OR (x.asset_id IS NULL AND x.category IS NULL))
					 ORDER BY x.asset_id IS NOT NULL DESC, x.category IS NOT NULL DESC
					 LIMIT 1) AS max_level
			  FROM @extschema@.risk r
			 WHERE r.status <> 'closed') r
	 GROUP BY r.org_id, 3
	UNION ALL
	SELECT r.org_id, 'total', 'open', count(*), @extschema@.exposure(r.residual_likelihood, r.residual_impact)
	  FROM @extschema@.risk r
	 WHERE r.status <> 'closed'
	 GROUP BY r.org_id) k ON k.org_id = o.id;

CREATE OR REPLACE VIEW @extschema@.kpi_incidents AS
SELECT o.id AS org_id, k.period, k.period_start, k.period_end, k.incidents, k.high_or_critical,
	   k.personal_data_breaches, k.resolved, k.mean_time_to_detect, k.median_time_to_detect,
	   k.mean_time_to_respond, k.median_time_to_respond, k.mean_time_to_resolve, k.median_time_to_resolve
  FROM @extschema@.organization o
  JOIN (
	SELECT t.org_id, p.period, p.period_start, p.period_end,
		   count(*) AS incidents,
		   count(*) FILTER (WHERE t.severity IN ('high', 'critical')) AS high_or_critical,
		   count(*) FILTER (WHERE t.personal_data_breach) AS personal_data_breaches,
		   count(*) FILTER (WHERE t.resolved) AS resolved,
		   (@extschema@.duration_stats(t.ttd)).mean AS mean_time_to_detect,
		   (@extschema@.duration_stats(t.ttd)).p50 AS median_time_to_detect,
		   (@extschema@.duration_stats(t.ttr)).mean AS mean_time_to_respond,
		   (@extschema@.duration_stats(t.ttr)).p50 AS median_time_to_respond,
		   (@extschema@.duration_stats(t.ttres)).mean AS mean_time_to_resolve,
		   (@extschema@.duration_stats(t.ttres)).p50 AS median_time_to_resolve
	  FROM (SELECT i.org_id,
				   pg_catalog.date_trunc('year', i.detected_at)::date AS year,
				   pg_catalog.date_trunc('month', i.detected_at)::date AS month,
				   i.severity,
				   i.detected_at - i.occurred_at AS ttd,
				   i.responded_at - i.detected_at AS ttr,
				   i.resolved_at - i.detected_at AS ttres,
				   i.resolved_at IS NOT NULL AS resolved,
				   i.personal_data_breach
			  FROM @extschema@.incident i) t
	 CROSS JOIN LATERAL (VALUES ('month', t.month, (t.month + interval '1 month')::date),
								('year', t.year, (t.year + interval '1 year')::date)) p(period, period_start, period_end)
	 GROUP BY t.org_id, p.period, p.period_start, p.period_end) k ON k.org_id = o.id;

CREATE OR REPLACE VIEW @extschema@.kpi_compliance AS
SELECT o.id AS org_id, k.period, k.period_start, k.period_end, k.violations, k.high_or_critical,
	   k.reported_to_authority, k.resolved, k.mean_time_to_detect, k.median_time_to_detect,
	   k.mean_time_to_respond, k.median_time_to_respond, k.mean_time_to_resolve, k.median_time_to_resolve
  FROM @extschema@.organization o
  JOIN (
	SELECT t.org_id, p.period, p.period_start, p.period_end,
		   count(*) AS violations,
		   count(*) FILTER (WHERE t.severity IN ('high', 'critical')) AS high_or_critical,
		   count(*) FILTER (WHERE t.reported) AS reported_to_authority,
		   count(*) FILTER (WHERE t.resolved) AS resolved,
		   (@extschema@.duration_stats(t.ttd)).mean AS mean_time_to_detect,
		   (@extschema@.duration_stats(t.ttd)).p50 AS median_time_to_detect,
		   (@extschema@.duration_stats(t.ttr)).mean AS mean_time_to_respond,
		   (@extschema@.duration_stats(t.ttr)).p50 AS median_time_to_respond,
		   (@extschema@.duration_stats(t.ttres)).mean AS mean_time_to_resolve,
		   (@extschema@.duration_stats(t.ttres)).p50 AS median_time_to_resolve
	  FROM (SELECT v.org_id,
				   pg_catalog.date_trunc('year', v.detected_at)::date AS year,
				   pg_catalog.date_trunc('month', v.detected_at)::date AS month,
				   v.severity,
				   v.detected_at - v.occurred_at AS ttd,
				   v.responded_at - v.detected_at AS ttr,
				   v.resolved_at - v.detected_at AS ttres,
				   v.resolved_at IS NOT NULL AS resolved,
				   v.reported_to_authority_at IS NOT NULL AS reported
			  FROM @extschema@.compliance_violation v) t
	 CROSS JOIN LATERAL (VALUES ('month', t.month, (t.month + interval '1 month')::date),
								('year', t.year, (t.year + interval '1 year')::date)) p(period, period_start, period_end)
	 GROUP BY t.org_id, p.period, p.period_start, p.period_end) k ON k.org_id = o.id;

CREATE OR REPLACE VIEW @extschema@.kpi_training AS
SELECT o.id AS org_id, k.course_id, k.course, k.kind, k.unit_id, k.unit, k.assigned, k.completed, k.passed,
	   k.overdue, k.expired, k.completion_rate
  FROM @extschema@.organization o
  JOIN (
	SELECT t.org_id, g.course_id, coalesce(g.course, 'All courses') AS course, g.kind,
		   g.unit_id, coalesce(g.unit, 'All units') AS unit,
		   count(*) AS assigned,
		   count(*) FILTER (WHERE t.completed) AS completed,
		   count(*) FILTER (WHERE t.passed) AS passed,
		   count(*) FILTER (WHERE t.overdue) AS overdue,
		   count(*) FILTER (WHERE coalesce(t.expired, false)) AS expired,
		   round(100.0 * count(*) FILTER (WHERE t.completed) / count(*), 1) AS completion_rate
	  FROM (SELECT tr.org_id, tc.id AS course_id, tc.title AS course, tc.kind,
				   u.id AS unit_id, coalesce(u.name, '(no unit)') AS unit,
				   tr.completed_on IS NOT NULL AS completed,
				   coalesce(tr.passed, tr.completed_on IS NOT NULL) AS passed,
				   tr.completed_on IS NULL AND tr.due_on < CURRENT_DATE AS overdue,
				   tr.expires_on < CURRENT_DATE AS expired
			  FROM @extschema@.training_record tr
			  JOIN @extschema@.training_course tc ON tc.org_id = tr.org_id AND tc.id = tr.course_id
			  JOIN @extschema@.person p ON p.org_id = tr.org_id AND p.id = tr.person_id
			  LEFT JOIN @extschema@.org_unit u ON u.org_id = p.org_id AND u.id = p.unit_id) t
	 -- the grouping sets (course, unit), (course) and () of 1.0
	 CROSS JOIN LATERAL (VALUES (0, t.course_id, t.course, t.kind, t.unit_id, t.unit),
								(1, t.course_id, t.course, t.kind, NULL, NULL),
								(2, NULL, NULL, NULL, NULL, NULL)) g(level, course_id, course, kind, unit_id, unit)
	 GROUP BY t.org_id, g.level, g.course_id, g.course, g.kind, g.unit_id, g.unit) k ON k.org_id = o.id;

CREATE OR REPLACE VIEW @extschema@.kpi_audit AS
SELECT o.id AS org_id, k.finding_kind, k.findings, k.open, k.overdue, k.open_corrective_actions,
	   k.overdue_corrective_actions
  FROM @extschema@.organization o
  JOIN (
	SELECT f.org_id, coalesce(g.kind, 'all') AS finding_kind,
		   count(*) AS findings,
		   count(*) FILTER (WHERE f.open) AS open,
		   count(*) FILTER (WHERE coalesce(f.overdue, false)) AS overdue,
		   coalesce(sum(f.open_actions), 0)::bigint AS open_corrective_actions,
		   coalesce(sum(f.overdue_actions), 0)::bigint AS overdue_corrective_actions
	  FROM (SELECT f.org_id, f.kind, f.status <> 'closed' AS open,
				   f.status <> 'closed' AND f.due_on < CURRENT_DATE AS overdue,
				   ca.open_actions, ca.overdue_actions
			  FROM @extschema@.audit_finding f
			  LEFT JOIN (
				SELECT ca.org_id, ca.finding_id, count(*) AS open_actions,
					   count(*) FILTER (WHERE ca.due_on < CURRENT_DATE) AS overdue_actions
				  FROM @extschema@.corrective_action ca
				 WHERE ca.status IN ('planned', 'in_progress')
				 GROUP BY ca.org_id, ca.finding_id) ca ON ca.org_id = f.org_id AND ca.finding_id = f.id) f
	 -- the grouping sets (kind) and () of 1.0
	 CROSS JOIN LATERAL (VALUES (0, f.kind), (1, NULL)) g(level, kind)
	 GROUP BY f.org_id, g.level, g.kind) k ON k.org_id = o.id;

CREATE OR REPLACE VIEW @extschema@.kpi_reviews AS
SELECT o.id AS org_id, k.item, k.item_id, k.ident, k.title, k.due_on, k.days_overdue, k.state
  FROM @extschema@.organization o
  JOIN (
	SELECT r.org_id, 'risk_review' AS item, r.id AS item_id, coalesce(r.ident, r.id::text) AS ident, r.title,
		   r.next_review AS due_on, CURRENT_DATE - r.next_review AS days_overdue,
		   'overdue' AS state
	  FROM @extschema@.risk r
	 WHERE r.status <> 'closed' AND r.next_review < CURRENT_DATE
	UNION ALL
	SELECT p.org_id, 'policy_review', p.id, p.code, p.title, p.next_review,
		   CURRENT_DATE - p.next_review, 'overdue'
	  FROM @extschema@.policy p
	 WHERE p.status = 'approved' AND p.next_review < CURRENT_DATE
	UNION ALL
	SELECT a.org_id, 'acceptance', a.id, coalesce(r.ident, r.id::text), r.title, a.expires_on,
		   CURRENT_DATE - a.expires_on,
		   CASE WHEN a.expires_on <= CURRENT_DATE THEN 'expired' ELSE 'expiring' END
	  FROM @extschema@.risk_acceptance a
	  JOIN @extschema@.risk r ON r.org_id = a.org_id AND r.id = a.risk_id
	 WHERE a.status = 'valid'
	   AND a.expires_on < (CURRENT_DATE + 30)) k ON k.org_id = o.id;

CREATE OR REPLACE VIEW @extschema@.v_heatmap AS
WITH m AS (
	SELECT id, name, version, likelihood_levels, impact_levels, grid
	  FROM @extschema@.risk_matrix
	 WHERE id = @extschema@.default_matrix()
)
SELECT o.id AS org_id,
	   a.assessment,
	   m.name AS matrix,
	   m.version AS matrix_version,
	   l AS likelihood_level,
	   i AS impact_level,
	   pg_catalog.format('%s/%s', l, m.likelihood_levels)::@extschema@.likelihood AS likelihood,
	   pg_catalog.format('%s/%s', i, m.impact_levels)::@extschema@.impact AS impact,
	   m.grid[l][i] AS level,
	   coalesce((CASE a.assessment WHEN 'inherent' THEN h.inherent ELSE h.residual END)[l][i], 0) AS risks
  FROM @extschema@.organization o
  LEFT JOIN (
	SELECT r.org_id,
		   @extschema@.heatmap(r.inherent_likelihood, r.inherent_impact) AS inherent,
		   @extschema@.heatmap(r.residual_likelihood, r.residual_impact) AS residual
	  FROM @extschema@.risk r
	 WHERE r.status <> 'closed'
	 GROUP BY r.org_id) h ON h.org_id = o.id
 CROSS JOIN (VALUES ('inherent'), ('residual')) a(assessment)
 CROSS JOIN m
 CROSS JOIN pg_catalog.generate_series(1, 10) l
 CROSS JOIN pg_catalog.generate_series(1, 10) i
 WHERE l <= m.likelihood_levels AND i <= m.impact_levels;

-- The access-control views: counts per account and the person's last
-- day are joins to rows grouped by (org_id, account) and (org_id, person),
-- the latest completed review of a right is a DISTINCT ON per (org_id,
-- right), the review cadence (isms.access_review_interval(), a function
-- that reads a table, which a worker cannot call) a join to
-- access_review_cadence, and the assets covering an account a semi-join to
-- a UNION ALL that carries org_id (Citus refuses a subquery without FROM).

CREATE OR REPLACE VIEW @extschema@.v_access_accounts AS
SELECT a.org_id,
	   a.id AS account_id,
	   a.asset_id,
	   s.name AS asset,
	   a.name,
	   a.kind,
	   a.person_id,
	   p.name AS person,
	   a.privileged OR coalesce(r.privileged_rights, 0) > 0 AS privileged,
	   coalesce(r.active_rights, 0) AS active_rights,
	   coalesce(r.privileged_rights, 0) AS privileged_rights,
	   a.authentication,
	   a.mfa,
	   a.created_on,
	   a.disabled_on,
	   (a.disabled_on IS NULL OR a.disabled_on > CURRENT_DATE) AS enabled,
	   LEAST(p.end_date, t.last_working_day) AS left_on,
	   a.kind = 'personal' AND coalesce(LEAST(p.end_date, t.last_working_day) < CURRENT_DATE, false)
		   AND (a.disabled_on IS NULL OR a.disabled_on > CURRENT_DATE) AS leaver_enabled
  FROM @extschema@.account a
  JOIN @extschema@.asset s ON s.org_id = a.org_id AND s.id = a.asset_id
  LEFT JOIN @extschema@.person p ON p.org_id = a.org_id AND p.id = a.person_id
  LEFT JOIN (
	SELECT x.org_id, x.account_id, count(*) AS active_rights, count(*) FILTER (WHERE x.privileged) AS privileged_rights
	  FROM @extschema@.access_right x
	 WHERE x.revoked_on IS NULL
	 GROUP BY x.org_id, x.account_id) r ON r.org_id = a.org_id AND r.account_id = a.id
  LEFT JOIN (
	SELECT t.org_id, t.person_id, max(t.last_working_day) AS last_working_day
	  FROM @extschema@.termination t
	  JOIN @extschema@.person tp ON tp.org_id = t.org_id AND tp.id = t.person_id
	 WHERE t.kind <> 'internal_transfer'
	   AND t.last_working_day >= coalesce(tp.start_date, '-infinity'::date)
	 GROUP BY t.org_id, t.person_id) t ON t.org_id = p.org_id AND t.person_id = p.id;

CREATE OR REPLACE VIEW @extschema@.v_access_rights AS
SELECT x.org_id,
	   x.id AS right_id,
	   x.account_id,
	   a.name AS account,
	   a.kind AS account_kind,
	   a.person_id AS holder_id,
	   p.name AS holder,
	   x.asset_id,
	   s.name AS asset,
	   x.object,
	   x.level,
	   x.privileged,
	   x.role,
	   x.purpose,
	   x.approved_by_id,
	   x.approved_on,
	   x.granted_on,
	   x.expires_on,
	   x.revoked_on,
	   x.source,
	   x.revoked_on IS NULL AS active,
	   rv.performed_on AS last_reviewed_on,
	   rv.decision AS last_decision,
	   x.review_interval,
	   (coalesce(rv.performed_on, x.granted_on) + x.review_interval)::date AS review_due,
	   x.revoked_on IS NULL
		   AND (coalesce(rv.performed_on, x.granted_on) + x.review_interval)::date < CURRENT_DATE AS review_overdue,
	   x.revoked_on IS NULL AND coalesce(x.expires_on <= CURRENT_DATE, false) AS past_expiry,
	   x.revoked_on IS NULL AND coalesce(rv.decision = 'revoked', false) AS revocation_pending
  FROM (SELECT x.*,
			   -- isms.access_review_interval(x.level, x.privileged, x.org_id)
			   coalesce(c.review_interval,
						CASE WHEN x.privileged OR x.level = 'admin' THEN interval '3 months' ELSE interval '1 year' END)
				   AS review_interval
		  FROM @extschema@.access_right x
		  LEFT JOIN @extschema@.access_review_cadence c ON c.org_id = x.org_id AND c.level = x.level) x
  JOIN @extschema@.account a ON a.org_id = x.org_id AND a.id = x.account_id
  JOIN @extschema@.asset s ON s.org_id = x.org_id AND s.id = x.asset_id
  LEFT JOIN @extschema@.person p ON p.org_id = a.org_id AND p.id = a.person_id
  LEFT JOIN (
	SELECT DISTINCT ON (i.org_id, i.right_id) i.org_id, i.right_id, v.performed_on, i.decision
	  FROM @extschema@.access_review_item i
	  JOIN @extschema@.access_review v ON v.org_id = i.org_id AND v.id = i.review_id
	 WHERE v.status = 'completed'
	 ORDER BY i.org_id, i.right_id, v.performed_on DESC, v.id DESC) rv ON rv.org_id = x.org_id AND rv.right_id = x.id;

CREATE OR REPLACE VIEW @extschema@.v_access_requirement_gaps AS
SELECT a.org_id, a.account_id, a.asset_id, a.asset, a.name, a.kind, a.person_id, a.person, a.privileged,
	   a.authentication, a.mfa,
	   q.id AS requirement_id,
	   q.title AS requirement,
	   q.mfa_required AND NOT a.mfa AS mfa_missing,
	   q.allowed_methods IS NOT NULL AND a.authentication <> ALL (q.allowed_methods) AS method_not_allowed
  FROM @extschema@.v_access_accounts a
  JOIN @extschema@.authentication_requirement q ON q.org_id = a.org_id
 WHERE a.enabled AND a.kind <> 'group'
   AND (a.privileged OR NOT q.privileged_only)
   AND ((q.mfa_required AND NOT a.mfa)
		OR (q.allowed_methods IS NOT NULL AND a.authentication <> ALL (q.allowed_methods)))
   AND EXISTS (
	SELECT FROM (SELECT c.org_id, c.id AS account_id, c.asset_id FROM @extschema@.account c
				  UNION ALL
				  SELECT x.org_id, x.account_id, x.asset_id FROM @extschema@.access_right x
				   WHERE x.revoked_on IS NULL) c
	  JOIN @extschema@.asset s ON s.org_id = c.org_id AND s.id = c.asset_id
	 WHERE c.org_id = a.org_id AND c.account_id = a.account_id
	   AND (q.min_classification IS NULL
			OR pg_catalog.array_position(ARRAY['public', 'internal', 'confidential', 'restricted'], s.classification)
			   >= pg_catalog.array_position(ARRAY['public', 'internal', 'confidential', 'restricted'], q.min_classification))
	   AND (q.min_confidentiality IS NULL OR s.confidentiality >= q.min_confidentiality));

CREATE OR REPLACE VIEW @extschema@.kpi_access_control AS
SELECT o.id AS org_id,
	   coalesce(a.accounts, 0) AS accounts,
	   coalesce(a.enabled_accounts, 0) AS enabled_accounts,
	   coalesce(a.privileged_accounts, 0) AS privileged_accounts,
	   coalesce(m.accounts_without_mfa, 0) AS accounts_without_mfa,
	   coalesce(x.active_rights, 0) AS active_rights,
	   coalesce(x.rights_past_expiry, 0) AS rights_past_expiry,
	   coalesce(x.rights_review_overdue, 0) AS rights_review_overdue,
	   coalesce(a.leaver_accounts_enabled, 0) AS leaver_accounts_enabled
  FROM @extschema@.organization o
  -- the rows of v_access_accounts (one per account), v_access_privileged_accounts
  -- and v_access_leaver_accounts
  LEFT JOIN (
	SELECT a.org_id, count(*) AS accounts,
		   count(*) FILTER (WHERE a.enabled) AS enabled_accounts,
		   count(*) FILTER (WHERE a.enabled AND a.privileged AND a.kind <> 'group') AS privileged_accounts,
		   count(*) FILTER (WHERE a.leaver_enabled) AS leaver_accounts_enabled
	  FROM @extschema@.v_access_accounts a
	 GROUP BY a.org_id) a ON a.org_id = o.id
  LEFT JOIN (
	SELECT a.org_id, count(*) AS accounts_without_mfa
	  FROM @extschema@.v_access_mfa_missing a
	 GROUP BY a.org_id) m ON m.org_id = o.id
  -- the rows of v_access_rights, v_access_rights_past_expiry and v_access_rights_review_overdue
  LEFT JOIN (
	SELECT x.org_id, count(*) FILTER (WHERE x.active) AS active_rights,
		   count(*) FILTER (WHERE x.past_expiry) AS rights_past_expiry,
		   count(*) FILTER (WHERE x.review_overdue) AS rights_review_overdue
	  FROM @extschema@.v_access_rights x
	 GROUP BY x.org_id) x ON x.org_id = o.id;

-- v_access_evidence names the columns of its first branch too: Citus
-- deparses the CTE for the workers without its column list.
CREATE OR REPLACE VIEW @extschema@.v_access_evidence AS
WITH e (org_id, ident, source, rows) AS (
	SELECT a.org_id, 'A.5.15' AS ident, 'access_right' AS source, count(*) AS rows FROM @extschema@.access_right a
	 WHERE a.revoked_on IS NULL GROUP BY a.org_id
	UNION ALL
	SELECT q.org_id, 'A.5.15', 'authentication_requirement', count(*) FROM @extschema@.authentication_requirement q
	 GROUP BY q.org_id
	UNION ALL
	SELECT a.org_id, 'A.5.16', 'account', count(*) FROM @extschema@.account a GROUP BY a.org_id
	UNION ALL
	SELECT a.org_id, 'A.5.17', 'account', count(*) FROM @extschema@.account a
	 WHERE a.authentication <> 'unknown' GROUP BY a.org_id
	UNION ALL
	SELECT v.org_id, 'A.5.18', 'access_review', count(*) FROM @extschema@.access_review v
	 WHERE v.status = 'completed' GROUP BY v.org_id
	UNION ALL
	SELECT i.org_id, 'A.5.18', 'access_review_item', count(*) FROM @extschema@.access_review_item i GROUP BY i.org_id
	UNION ALL
	SELECT a.org_id, 'A.8.2', 'access_right', count(*) FROM @extschema@.access_right a
	 WHERE a.revoked_on IS NULL AND a.privileged GROUP BY a.org_id
	UNION ALL
	SELECT a.org_id, 'A.8.5', 'account', count(*) FROM @extschema@.account a WHERE a.mfa GROUP BY a.org_id
	UNION ALL
	SELECT q.org_id, 'A.8.5', 'authentication_requirement', count(*) FROM @extschema@.authentication_requirement q
	 GROUP BY q.org_id
)
SELECT e.org_id, c.id AS control_id, e.ident, e.source, e.rows
  FROM e
  JOIN @extschema@.control c ON c.ident = e.ident
  JOIN @extschema@.framework f ON f.id = c.framework_id AND f.name = 'iso27001-2022';

-- v_soa: the 2013 domains, the evidence and the register's evidence as
-- joins to rows grouped by control (no correlated subquery over a
-- reference table).
CREATE OR REPLACE VIEW @extschema@.v_soa AS
WITH org AS MATERIALIZED (
	-- the current organization, or none on a fresh install (materialized, so
	-- that the planner does not call current_org() when there is none)
	SELECT CASE WHEN EXISTS (SELECT FROM @extschema@.organization)
				THEN @extschema@.current_org() END AS org_id
)
SELECT c.id AS control_id,
	   c.ident,
	   c.title,
	   g.ident AS theme_ident,
	   g.title AS theme,
	   d.domains_2013,
	   org.org_id,
	   s.id AS soa_id,
	   s.applicable,
	   s.justification,
	   s.implementation_status,
	   s.owner_id,
	   p.name AS owner,
	   s.target_date,
	   s.implemented_on,
	   s.reviewed_on,
	   coalesce(ce.evidence_count, 0) AS evidence_count,
	   c.sort_order,
	   coalesce(ae.rows, 0)::bigint AS register_evidence
  FROM @extschema@.control c
  JOIN @extschema@.framework f ON f.id = c.framework_id AND f.name = 'iso27001-2022'
  LEFT JOIN @extschema@.control_group g ON g.id = c.group_id
  LEFT JOIN (
	SELECT x.control_id, string_agg(dg.ident, ', ' ORDER BY dg.sort_order) AS domains_2013
	  FROM @extschema@.control_crosswalk x
	  JOIN @extschema@.control_group dg ON dg.id = x.group_id
	  JOIN @extschema@.framework df ON df.id = dg.framework_id AND df.name = 'iso27001-2013'
	 GROUP BY x.control_id) d ON d.control_id = c.id
 CROSS JOIN org
  LEFT JOIN @extschema@.soa s ON s.control_id = c.id AND s.org_id = org.org_id
  LEFT JOIN @extschema@.person p ON p.org_id = s.org_id AND p.id = s.owner_id
  LEFT JOIN (
	SELECT e.org_id, e.soa_id, count(*) AS evidence_count
	  FROM @extschema@.control_evidence e
	 GROUP BY e.org_id, e.soa_id) ce ON ce.org_id = s.org_id AND ce.soa_id = s.id
  LEFT JOIN (
	SELECT ae.org_id, ae.control_id, sum(ae.rows) AS rows
	  FROM @extschema@.v_access_evidence ae
	 GROUP BY ae.org_id, ae.control_id) ae ON ae.org_id = org.org_id AND ae.control_id = c.id
 WHERE NOT c.withdrawn;

-- One organization's KPI values and review pack read a few thousand rows
-- through many small queries: parallel workers, each starting cold (its
-- own library, caches and settings), cost more to start than they save,
-- and their plans, estimated as a whole, were compiled (JIT) for longer
-- than they run, at every call (snapshot_kpis() calls kpi_values() once
-- per organization).
-- kpi_values() reads kpi_access_control, kpi_controls and kpi_training once
-- each (five, two and two times before: snapshot_kpis() calls it once per
-- organization).
-- kpi_values() in PL/pgSQL: Citus cannot plan the body of a SQL function
-- with a parameter as a whole; the same query, run with its organization
-- as a parameter, goes to that organization's shard.
CREATE OR REPLACE FUNCTION @extschema@.kpi_values(org bigint DEFAULT @extschema@.current_org())
	RETURNS TABLE (kpi text, dimension text, value numeric)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
	SET max_parallel_workers_per_gather = 0
	SET jit = off
AS $$
BEGIN
	RETURN QUERY
	SELECT 'risks_open'::text, '', count(*)::numeric
	  FROM @extschema@.risk r WHERE r.org_id = org AND r.status <> 'closed'
	UNION ALL
	SELECT 'risks_by_residual_level', coalesce(p.value, ''), p.risks
	  FROM @extschema@.kpi_risk_posture p WHERE p.org_id = org AND p.dimension = 'residual_level'
	UNION ALL
	SELECT 'risks_above_appetite', '', count(*) FILTER (WHERE a.above_appetite)
	  FROM @extschema@.v_risk_appetite a WHERE a.org_id = org
	UNION ALL
	SELECT 'residual_exposure', '',
		   coalesce(@extschema@.exposure(r.residual_likelihood, r.residual_impact), 0)::numeric(12,4)
	  FROM @extschema@.risk r WHERE r.org_id = org AND r.status <> 'closed'
	UNION ALL
	SELECT 'overdue_risk_reviews', '', count(*)
	  FROM @extschema@.risk r WHERE r.org_id = org AND r.status <> 'closed' AND r.next_review < CURRENT_DATE
	UNION ALL
	SELECT 'incidents_year_to_date', '', count(*)
	  FROM @extschema@.incident i
	 WHERE i.org_id = org AND i.detected_at >= pg_catalog.date_trunc('year', pg_catalog.now())
	UNION ALL
	SELECT 'compliance_violations_year_to_date', '', count(*)
	  FROM @extschema@.compliance_violation v
	 WHERE v.org_id = org AND v.detected_at >= pg_catalog.date_trunc('year', pg_catalog.now())
	UNION ALL
	SELECT v.kpi, '', v.value
	  FROM @extschema@.kpi_controls c
	 CROSS JOIN LATERAL (VALUES ('controls_implementation_rate', coalesce(c.implementation_rate, 0)),
								('controls_undecided', c.undecided)) v(kpi, value)
	 WHERE c.org_id = org AND c.theme_ident = 'all'
	UNION ALL
	SELECT v.kpi, '', v.value
	  FROM @extschema@.kpi_training t
	 CROSS JOIN LATERAL (VALUES ('training_completion_rate', t.completion_rate),
								('training_overdue', t.overdue)) v(kpi, value)
	 WHERE t.org_id = org AND t.course_id IS NULL
	UNION ALL
	SELECT 'open_nonconformities', '', count(*)
	  FROM @extschema@.audit_finding f
	 WHERE f.org_id = org AND f.status <> 'closed'
	   AND f.kind IN ('major_nonconformity', 'minor_nonconformity')
	UNION ALL
	SELECT 'overdue_corrective_actions', '', count(*)
	  FROM @extschema@.corrective_action ca
	 WHERE ca.org_id = org AND ca.status IN ('planned', 'in_progress') AND ca.due_on < CURRENT_DATE
	UNION ALL
	SELECT 'overdue_policy_reviews', '', count(*)
	  FROM @extschema@.policy p
	 WHERE p.org_id = org AND p.status = 'approved' AND p.next_review < CURRENT_DATE
	UNION ALL
	SELECT 'acceptances_expiring', '', count(*)
	  FROM @extschema@.kpi_reviews k WHERE k.org_id = org AND k.item = 'acceptance'
	UNION ALL
	SELECT v.kpi, '', v.value
	  FROM @extschema@.kpi_access_control k
	 CROSS JOIN LATERAL (VALUES ('access_privileged_accounts', k.privileged_accounts),
								('access_accounts_without_mfa', k.accounts_without_mfa),
								('access_rights_past_expiry', k.rights_past_expiry),
								('access_rights_review_overdue', k.rights_review_overdue),
								('access_leaver_accounts_enabled', k.leaver_accounts_enabled)) v(kpi, value)
	 WHERE k.org_id = org;
END
$$;

COMMENT ON FUNCTION @extschema@.kpi_values(bigint) IS
	'the KPI values of an organization as of now: the set that isms.snapshot_kpis() stores';

-- The management review pack: as in 1.0, with access control among the
-- monitoring results; its joins to management_review and its count of
-- findings per audit name org_id (Citus would repartition them).
CREATE OR REPLACE FUNCTION @extschema@.management_review_pack(from_date date, to_date date) RETURNS jsonb
	LANGUAGE plpgsql STABLE
	SET search_path = @extschema@, pg_temp
	SET max_parallel_workers_per_gather = 0
	SET jit = off
AS $$
DECLARE
	org bigint := @extschema@.current_org();
	t0 timestamptz := from_date::timestamptz;
	t1 timestamptz := (to_date + 1)::timestamptz;
BEGIN
	IF from_date IS NULL OR to_date IS NULL OR from_date > to_date THEN
		RAISE EXCEPTION 'invalid review period from % to %', from_date, to_date
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give a start date that is not after the end date.';
	END IF;
	RETURN pg_catalog.jsonb_build_object(
		'organization', (SELECT o.name FROM @extschema@.organization o WHERE o.id = org),
		'period', pg_catalog.jsonb_build_object('from', from_date, 'to', to_date),
		-- 9.3.2 a) status of actions from previous management reviews
		'previous_actions', (
			SELECT pg_catalog.jsonb_build_object(
				'by_status', coalesce(pg_catalog.jsonb_object_agg(s.status, s.n), '{}'),
				'open', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
							'title', a.title, 'due_on', a.due_on, 'status', a.status,
							'overdue', a.due_on < CURRENT_DATE) ORDER BY a.due_on, a.id)
						FROM @extschema@.improvement_action a
						JOIN @extschema@.management_review mr ON mr.org_id = a.org_id AND mr.id = a.review_id
					   WHERE a.org_id = org AND mr.held_on < from_date
						 AND a.status IN ('planned', 'in_progress')), '[]'))
			  FROM (SELECT a.status, count(*) AS n
					  FROM @extschema@.improvement_action a
					  JOIN @extschema@.management_review mr ON mr.org_id = a.org_id AND mr.id = a.review_id
					 WHERE a.org_id = org AND mr.held_on < from_date
					 GROUP BY a.status) s),
		-- 9.3.2 b) changes in external and internal issues relevant to the ISMS
		'changes', pg_catalog.jsonb_build_object(
			'change_requests', (SELECT count(*) FROM @extschema@.change_request c
								 WHERE c.org_id = org AND c.requested_at >= t0 AND c.requested_at < t1),
			'policies_approved', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
					'code', p.code, 'title', p.title, 'version', p.version, 'approved_on', p.approved_on)
					ORDER BY p.approved_on, p.code)
				  FROM @extschema@.policy p
				 WHERE p.org_id = org AND p.approved_on BETWEEN from_date AND to_date), '[]'),
			'risks_identified', (SELECT count(*) FROM @extschema@.risk r
								  WHERE r.org_id = org AND r.identified_on BETWEEN from_date AND to_date),
			'risks_closed', (SELECT count(*) FROM @extschema@.risk r
							  WHERE r.org_id = org AND r.closed_on BETWEEN from_date AND to_date)),
		-- 9.3.2 c) 1) nonconformities and corrective actions
		'nonconformities', (
			SELECT pg_catalog.jsonb_build_object(
				'raised', count(*) FILTER (WHERE f.raised_on BETWEEN from_date AND to_date),
				'open', count(*) FILTER (WHERE f.status <> 'closed'),
				'closed_in_period', count(*) FILTER (WHERE f.closed_on BETWEEN from_date AND to_date),
				'corrective_actions_open', (SELECT count(*) FROM @extschema@.corrective_action ca
											 WHERE ca.org_id = org AND ca.status IN ('planned', 'in_progress')),
				'corrective_actions_overdue', (SELECT count(*) FROM @extschema@.corrective_action ca
												WHERE ca.org_id = org AND ca.status IN ('planned', 'in_progress')
												  AND ca.due_on < CURRENT_DATE),
				'corrective_actions_verified_in_period', (SELECT count(*) FROM @extschema@.corrective_action ca
														   WHERE ca.org_id = org
															 AND ca.verified_on BETWEEN from_date AND to_date))
			  FROM @extschema@.audit_finding f
			 WHERE f.org_id = org AND f.kind IN ('major_nonconformity', 'minor_nonconformity')),
		-- 9.3.2 c) 2) monitoring and measurement results
		'monitoring_results', pg_catalog.jsonb_build_object(
			'incidents', (
				SELECT pg_catalog.jsonb_build_object(
					'count', count(*),
					'high_or_critical', count(*) FILTER (WHERE i.severity IN ('high', 'critical')),
					'personal_data_breaches', count(*) FILTER (WHERE i.personal_data_breach),
					'mean_time_to_detect', (@extschema@.duration_stats(i.detected_at - i.occurred_at)).mean,
					'median_time_to_detect', (@extschema@.duration_stats(i.detected_at - i.occurred_at)).p50,
					'mean_time_to_respond', (@extschema@.duration_stats(i.responded_at - i.detected_at)).mean,
					'median_time_to_respond', (@extschema@.duration_stats(i.responded_at - i.detected_at)).p50)
				  FROM @extschema@.incident i
				 WHERE i.org_id = org AND i.detected_at >= t0 AND i.detected_at < t1),
			'compliance_violations', (
				SELECT pg_catalog.jsonb_build_object(
					'count', count(*),
					'mean_time_to_detect', (@extschema@.duration_stats(v.detected_at - v.occurred_at)).mean,
					'mean_time_to_respond', (@extschema@.duration_stats(v.responded_at - v.detected_at)).mean)
				  FROM @extschema@.compliance_violation v
				 WHERE v.org_id = org AND v.detected_at >= t0 AND v.detected_at < t1),
			'controls', (SELECT pg_catalog.to_jsonb(c) - 'org_id' FROM @extschema@.kpi_controls c
						  WHERE c.org_id = org AND c.theme_ident = 'all'),
			'training', (SELECT pg_catalog.jsonb_build_object('assigned', t.assigned, 'completed', t.completed,
							'overdue', t.overdue, 'completion_rate', t.completion_rate)
						   FROM @extschema@.kpi_training t WHERE t.org_id = org AND t.course_id IS NULL),
			'access_control', (SELECT pg_catalog.to_jsonb(k) - 'org_id'
								   || pg_catalog.jsonb_build_object('reviews_completed_in_period',
										(SELECT count(*) FROM @extschema@.access_review v
										  WHERE v.org_id = org AND v.status = 'completed'
											AND v.performed_on BETWEEN from_date AND to_date))
								 FROM @extschema@.kpi_access_control k WHERE k.org_id = org)),
		-- 9.3.2 c) 3) audit results
		'audit_results', coalesce((
			SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
				'title', a.title, 'kind', a.kind, 'independent', a.independent, 'ended_on', a.ended_on,
				'findings', (SELECT coalesce(pg_catalog.jsonb_object_agg(k.kind, k.n), '{}')
							   FROM (SELECT f.kind, count(*) AS n FROM @extschema@.audit_finding f
									  WHERE f.org_id = a.org_id AND f.audit_id = a.id GROUP BY f.kind) k))
				ORDER BY coalesce(a.ended_on, a.started_on, a.planned_start), a.id)
			  FROM @extschema@.audit a
			 WHERE a.org_id = org
			   AND coalesce(a.ended_on, a.started_on, a.planned_start) BETWEEN from_date AND to_date), '[]'),
		-- 9.3.2 c) 4) fulfilment of objectives: the KPI values now
		'kpis', (SELECT coalesce(pg_catalog.jsonb_object_agg(
						CASE WHEN v.dimension = '' THEN v.kpi ELSE v.kpi || '.' || v.dimension END, v.value), '{}')
				   FROM @extschema@.kpi_values(org) v),
		-- 9.3.2 e) results of risk assessment and status of the risk treatment plan
		'risk_assessment', pg_catalog.jsonb_build_object(
			'posture', (SELECT coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
								'dimension', p.dimension, 'value', p.value, 'risks', p.risks)
								ORDER BY p.dimension, p.value), '[]')
						  FROM @extschema@.kpi_risk_posture p WHERE p.org_id = org),
			'above_appetite', (SELECT count(*) FILTER (WHERE a.above_appetite)
								 FROM @extschema@.v_risk_appetite a WHERE a.org_id = org),
			'acceptances_valid', (SELECT count(*) FROM @extschema@.risk_acceptance ra
								   WHERE ra.org_id = org AND ra.status = 'valid'),
			'acceptances_expiring', (SELECT count(*) FROM @extschema@.kpi_reviews k
									  WHERE k.org_id = org AND k.item = 'acceptance'),
			'treatment_actions', (SELECT coalesce(pg_catalog.jsonb_object_agg(s.status, s.n), '{}')
									FROM (SELECT ta.status, count(*) AS n FROM @extschema@.treatment_action ta
										   WHERE ta.org_id = org GROUP BY ta.status) s),
			'treatment_actions_overdue', (SELECT count(*) FROM @extschema@.treatment_action ta
										   WHERE ta.org_id = org AND ta.status IN ('planned', 'in_progress')
											 AND ta.due_on < CURRENT_DATE)),
		-- 9.3.2 d) feedback from interested parties, and other inputs recorded for reviews in the period
		'recorded_inputs', coalesce((
			SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
				'review', mr.title, 'held_on', mr.held_on, 'topic', i.topic, 'summary', i.summary)
				ORDER BY mr.held_on, mr.id, i.topic)
			  FROM @extschema@.management_review_input i
			  JOIN @extschema@.management_review mr ON mr.org_id = i.org_id AND mr.id = i.review_id
			 WHERE i.org_id = org AND mr.held_on BETWEEN from_date AND to_date), '[]'),
		-- 9.3.2 f) opportunities for continual improvement
		'opportunities_for_improvement', coalesce((
			SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
				'ident', f.ident, 'description', f.description, 'status', f.status) ORDER BY f.raised_on, f.id)
			  FROM @extschema@.audit_finding f
			 WHERE f.org_id = org AND f.kind = 'opportunity'
			   AND (f.status <> 'closed' OR f.raised_on BETWEEN from_date AND to_date)), '[]'));
END
$$;

-- kpi_exposure_trend: the last version of each risk at each month's end,
-- per organization.  Since 1.1 a risk's key is (org_id, id), and a change
-- of org_id ends the old key's history with a tombstone (DELETE), so the
-- versions of one key are all of one organization: DISTINCT ON begins with
-- org_id, a filter on org_id reaches the history's index, and Citus runs it
-- on the organization's shard.  (A risk moved to another organization under
-- 1.0, whose history has no such tombstone, counts in both until 1.1.)
CREATE OR REPLACE VIEW @extschema@.kpi_exposure_trend AS
SELECT o.id AS org_id, k.as_of, k.open_risks, k.assessed_risks, k.residual_exposure, k.inherent_exposure
  FROM @extschema@.organization o
  JOIN (
	SELECT r.org_id,
		   r.as_of::date AS as_of,
		   count(*) AS open_risks,
		   count(*) FILTER (WHERE r.residual_level IS NOT NULL) AS assessed_risks,
		   @extschema@.exposure(r.residual_likelihood, r.residual_impact) AS residual_exposure,
		   @extschema@.exposure(r.inherent_likelihood, r.inherent_impact) AS inherent_exposure
	  FROM (SELECT DISTINCT ON (h.org_id, m.as_of, h.id)
				   h.org_id, m.as_of, h.operation, h.status, h.residual_level,
				   h.residual_likelihood, h.residual_impact, h.inherent_likelihood, h.inherent_impact
			  FROM (SELECT LEAST(pg_catalog.date_trunc('month', pg_catalog.now()) - interval '11 months'
								 + n * interval '1 month' + interval '1 month' - interval '1 microsecond',
								 pg_catalog.now()) AS as_of
					  FROM pg_catalog.generate_series(0, 11) n) m
			  JOIN @extschema@.risk_history h ON h.valid_from <= m.as_of
			 ORDER BY h.org_id, m.as_of, h.id, h.history_id DESC) r
	 WHERE r.operation <> 'DELETE' AND r.status <> 'closed'
	 GROUP BY r.org_id, r.as_of) k ON k.org_id = o.id;

-- CREATE OR REPLACE VIEW resets the options of a view: they run with the
-- privileges and policies of the role that queries them, as before.
DO $$
DECLARE
	v text;
BEGIN
	IF pg_catalog.current_setting('server_version_num')::integer >= 150000 THEN
		FOREACH v IN ARRAY ARRAY['v_risk_register', 'kpi_risk_posture', 'kpi_incidents', 'kpi_compliance',
								 'kpi_training', 'kpi_audit', 'kpi_reviews', 'v_heatmap', 'v_access_accounts',
								 'v_access_rights', 'v_access_requirement_gaps', 'kpi_access_control',
								 'v_access_evidence', 'v_soa', 'kpi_exposure_trend'] LOOP
			EXECUTE pg_catalog.format('ALTER VIEW @extschema@.%I SET (security_invoker = true)', v);
		END LOOP;
	END IF;
END
$$;

-- ---------------------------------------------------------------------
-- Aggregates that Citus combines
-- ---------------------------------------------------------------------

-- heatmap, level_counts, duration_stats and fair_portfolio keep their
-- state in a bytea (the whole state, flat) rather than in internal: Citus
-- aggregates partially on its workers, and combines on the coordinator,
-- only an aggregate whose state type is not a pseudo-type (it ships the
-- state as text); with internal it sends every row to the coordinator.
-- The transition and combine functions update the state in place when the
-- aggregate owns it, so that one server is as fast as before, and refuse a
-- state they did not write.  A state is in the byte order of the machine
-- that wrote it: the nodes of a cluster share one.
-- CREATE OR REPLACE AGGREGATE changes the state type of the aggregate in
-- place (same oid): the views that use it stay as they are, and their
-- results do not change.  The support functions of 1.0 go; their C stays
-- in the library for a schema still at 1.0.
CREATE FUNCTION @extschema@.heatmap_transfn(bytea, @extschema@.likelihood, @extschema@.impact)
	RETURNS bytea AS 'MODULE_PATHNAME', 'heatmap_flat_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.heatmap_finalfn(bytea) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'heatmap_flat_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.level_counts_transfn(bytea, @extschema@.risk_level)
	RETURNS bytea AS 'MODULE_PATHNAME', 'level_counts_flat_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.level_counts_finalfn(bytea) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'level_counts_flat_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.count_grid_combine(bytea, bytea) RETURNS bytea
	AS 'MODULE_PATHNAME', 'count_grid_flat_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE AGGREGATE @extschema@.heatmap(@extschema@.likelihood, @extschema@.impact) (
	SFUNC = @extschema@.heatmap_transfn, STYPE = bytea, SSPACE = 816,
	FINALFUNC = @extschema@.heatmap_finalfn,
	COMBINEFUNC = @extschema@.count_grid_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.level_counts(@extschema@.risk_level) (
	SFUNC = @extschema@.level_counts_transfn, STYPE = bytea, SSPACE = 816,
	FINALFUNC = @extschema@.level_counts_finalfn,
	COMBINEFUNC = @extschema@.count_grid_combine,
	PARALLEL = SAFE
);
DROP FUNCTION @extschema@.heatmap_transfn(internal, @extschema@.likelihood, @extschema@.impact),
	@extschema@.heatmap_finalfn(internal),
	@extschema@.level_counts_transfn(internal, @extschema@.risk_level),
	@extschema@.level_counts_finalfn(internal),
	@extschema@.count_grid_combine(internal, internal),
	@extschema@.count_grid_serialize(internal),
	@extschema@.count_grid_deserialize(bytea, internal);
COMMENT ON FUNCTION @extschema@.heatmap_transfn(bytea, @extschema@.likelihood, @extschema@.impact) IS 'transition function of isms.heatmap';
COMMENT ON FUNCTION @extschema@.heatmap_finalfn(bytea) IS 'final function of isms.heatmap';
COMMENT ON FUNCTION @extschema@.level_counts_transfn(bytea, @extschema@.risk_level) IS 'transition function of isms.level_counts';
COMMENT ON FUNCTION @extschema@.level_counts_finalfn(bytea) IS 'final function of isms.level_counts';
COMMENT ON FUNCTION @extschema@.count_grid_combine(bytea, bytea) IS 'combine function of isms.heatmap and isms.level_counts';

CREATE FUNCTION @extschema@.duration_stats_transfn(bytea, interval) RETURNS bytea
	AS 'MODULE_PATHNAME', 'duration_stats_flat_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.duration_stats_combine(bytea, bytea) RETURNS bytea
	AS 'MODULE_PATHNAME', 'duration_stats_flat_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.duration_stats_finalfn(bytea) RETURNS @extschema@.duration_stats
	AS 'MODULE_PATHNAME', 'duration_stats_flat_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE AGGREGATE @extschema@.duration_stats(interval) (
	SFUNC = @extschema@.duration_stats_transfn, STYPE = bytea,
	FINALFUNC = @extschema@.duration_stats_finalfn, FINALFUNC_EXTRA = false,
	COMBINEFUNC = @extschema@.duration_stats_combine,
	PARALLEL = SAFE
);
DROP FUNCTION @extschema@.duration_stats_transfn(internal, interval),
	@extschema@.duration_stats_combine(internal, internal),
	@extschema@.duration_stats_serialize(internal),
	@extschema@.duration_stats_deserialize(bytea, internal),
	@extschema@.duration_stats_finalfn(internal);
COMMENT ON FUNCTION @extschema@.duration_stats_transfn(bytea, interval) IS 'transition function of isms.duration_stats';
COMMENT ON FUNCTION @extschema@.duration_stats_combine(bytea, bytea) IS 'combine function of isms.duration_stats';
COMMENT ON FUNCTION @extschema@.duration_stats_finalfn(bytea) IS 'final function of isms.duration_stats';

-- (COST: a transition simulates every year of one risk; the planner should
-- know that splitting the rows over workers pays)
CREATE FUNCTION @extschema@.fair_portfolio_transfn(bytea, jsonb, bigint, integer, bigint) RETURNS bytea
	AS 'MODULE_PATHNAME', 'fair_portfolio_flat_transfn' LANGUAGE C PARALLEL SAFE COST 100000;
CREATE FUNCTION @extschema@.fair_portfolio_transfn(bytea, jsonb, bigint) RETURNS bytea
	AS 'MODULE_PATHNAME', 'fair_portfolio_flat_transfn' LANGUAGE C PARALLEL SAFE COST 100000;
CREATE FUNCTION @extschema@.fair_portfolio_combinefn(bytea, bytea) RETURNS bytea
	AS 'MODULE_PATHNAME', 'fair_portfolio_flat_combinefn' LANGUAGE C PARALLEL SAFE;
CREATE FUNCTION @extschema@.fair_portfolio_finalfn(bytea) RETURNS @extschema@.fair_result
	AS 'MODULE_PATHNAME', 'fair_portfolio_flat_finalfn' LANGUAGE C PARALLEL SAFE;
CREATE OR REPLACE AGGREGATE @extschema@.fair_portfolio(model jsonb, risk_id bigint, iterations integer, seed bigint) (
	SFUNC = @extschema@.fair_portfolio_transfn,
	STYPE = bytea,
	FINALFUNC = @extschema@.fair_portfolio_finalfn,
	COMBINEFUNC = @extschema@.fair_portfolio_combinefn,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.fair_portfolio(model jsonb, risk_id bigint) (
	SFUNC = @extschema@.fair_portfolio_transfn,
	STYPE = bytea,
	FINALFUNC = @extschema@.fair_portfolio_finalfn,
	COMBINEFUNC = @extschema@.fair_portfolio_combinefn,
	PARALLEL = SAFE
);
DROP FUNCTION @extschema@.fair_portfolio_transfn(internal, jsonb, bigint, integer, bigint),
	@extschema@.fair_portfolio_transfn(internal, jsonb, bigint),
	@extschema@.fair_portfolio_combinefn(internal, internal),
	@extschema@.fair_portfolio_serialfn(internal),
	@extschema@.fair_portfolio_deserialfn(bytea, internal),
	@extschema@.fair_portfolio_finalfn(internal);
COMMENT ON FUNCTION @extschema@.fair_portfolio_transfn(bytea, jsonb, bigint, integer, bigint) IS
	'fair_portfolio transition: adds one risk''s simulated years';
COMMENT ON FUNCTION @extschema@.fair_portfolio_transfn(bytea, jsonb, bigint) IS
	'fair_portfolio transition (100000 iterations, seed 1): adds one risk''s simulated years';
COMMENT ON FUNCTION @extschema@.fair_portfolio_combinefn(bytea, bytea) IS
	'fair_portfolio combine: adds two partial year totals';
COMMENT ON FUNCTION @extschema@.fair_portfolio_finalfn(bytea) IS
	'fair_portfolio final: statistics of the total annual loss';

-- Not for PUBLIC, as the functions they replace; but the roles of isms may
-- call them: Citus checks that the role running the query (not the
-- aggregate's owner, as PostgreSQL does) may execute the support functions
-- of an aggregate it splits (worker_partial_agg, coord_combine_agg).  The
-- same holds for exposure, whose state (bigint) Citus already split.  They
-- refuse any state they did not write.
REVOKE EXECUTE ON FUNCTION
	@extschema@.heatmap_transfn(bytea, @extschema@.likelihood, @extschema@.impact),
	@extschema@.heatmap_finalfn(bytea),
	@extschema@.level_counts_transfn(bytea, @extschema@.risk_level),
	@extschema@.level_counts_finalfn(bytea),
	@extschema@.count_grid_combine(bytea, bytea),
	@extschema@.duration_stats_transfn(bytea, interval),
	@extschema@.duration_stats_combine(bytea, bytea),
	@extschema@.duration_stats_finalfn(bytea),
	@extschema@.fair_portfolio_transfn(bytea, jsonb, bigint, integer, bigint),
	@extschema@.fair_portfolio_transfn(bytea, jsonb, bigint),
	@extschema@.fair_portfolio_combinefn(bytea, bytea),
	@extschema@.fair_portfolio_finalfn(bytea)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	@extschema@.heatmap_transfn(bytea, @extschema@.likelihood, @extschema@.impact),
	@extschema@.heatmap_finalfn(bytea),
	@extschema@.level_counts_transfn(bytea, @extschema@.risk_level),
	@extschema@.level_counts_finalfn(bytea),
	@extschema@.count_grid_combine(bytea, bytea),
	@extschema@.duration_stats_transfn(bytea, interval),
	@extschema@.duration_stats_combine(bytea, bytea),
	@extschema@.duration_stats_finalfn(bytea),
	@extschema@.fair_portfolio_transfn(bytea, jsonb, bigint, integer, bigint),
	@extschema@.fair_portfolio_transfn(bytea, jsonb, bigint),
	@extschema@.fair_portfolio_combinefn(bytea, bytea),
	@extschema@.fair_portfolio_finalfn(bytea),
	@extschema@.exposure_transfn(bigint, @extschema@.likelihood, @extschema@.impact),
	@extschema@.exposure_combine(bigint, bigint),
	@extschema@.exposure_finalfn(bigint)
	TO isms_reader;

-- ---------------------------------------------------------------------
-- Organization keys: org_id in every primary and unique key
-- ---------------------------------------------------------------------

-- Every primary and unique key of an organization's table (a table with
-- org_id) and of its history table begins with org_id, so that a key,
-- and every foreign key (they already go through (org_id, id)), stays
-- within one organization: Citus distributes such tables by org_id, and
-- one organization's rows are found through their keys' first column.
-- A table keyed by id alone gets the primary key (org_id, id) and keeps
-- UNIQUE (id) as <table>_id_key: ids stay unique across organizations
-- (one identity per table), and a lookup by id alone keeps its index.
-- isms.distribute() turns that into a plain index, since Citus cannot
-- enforce a unique key without the distribution column.  The constraints
-- keep their names (ON CONFLICT ON CONSTRAINT names some of them).
-- The audit log is left as it is: its entries of no organization have no
-- org_id, and its chain index already begins with org_id.
DO $$
DECLARE
	t regclass;
	c record;
	f record;
	fks text[];
	stmt text;
BEGIN
	FOR t IN
		SELECT r.oid::regclass FROM pg_class r
		 WHERE r.relnamespace = '@extschema@'::regnamespace AND r.relkind = 'r'
		   AND r.relname NOT IN ('audit_log', 'organization')
		   AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = r.oid
						  AND a.attname = 'org_id' AND NOT a.attisdropped)
		 ORDER BY r.relname
	LOOP
		-- the foreign keys that reference a key of t that changes: dropped
		-- and made again once the keys are (they then use the new ones)
		fks := '{}';
		FOR f IN
			SELECT k.conrelid::regclass AS rel, k.conname, pg_get_constraintdef(k.oid) AS def
			  FROM pg_constraint k
			 WHERE k.contype = 'f' AND k.confrelid = t
			   AND k.conindid IN (SELECT u.conindid FROM pg_constraint u
								   WHERE u.conrelid = t AND u.contype IN ('p', 'u'))
			 ORDER BY k.oid
		LOOP
			fks := fks || format('ALTER TABLE %s ADD CONSTRAINT %I %s', f.rel, f.conname, f.def);
			EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', f.rel, f.conname);
		END LOOP;
		FOR c IN
			SELECT k.conname, k.contype, pg_get_constraintdef(k.oid) AS def,
				   (SELECT array_agg(a.attname ORDER BY o.n)
					  FROM unnest(k.conkey) WITH ORDINALITY o(attnum, n)
					  JOIN pg_attribute a ON a.attrelid = t AND a.attnum = o.attnum) AS cols
			  FROM pg_constraint k
			 WHERE k.conrelid = t AND k.contype IN ('p', 'u')
			 ORDER BY k.contype, k.conname
		LOOP
			IF 'org_id' = ANY (c.cols) THEN
				-- UNIQUE (org_id, id) becomes the primary key
				IF c.contype = 'u' AND c.cols = '{org_id,id}' THEN
					EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', t, c.conname);
				END IF;
				CONTINUE;
			END IF;
			EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', t, c.conname);
			IF c.contype = 'p' AND c.cols = '{id}' THEN
				EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I UNIQUE (id)',
							   t, (SELECT relname FROM pg_class WHERE oid = t) || '_id_key');
			END IF;
			EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', t, c.conname,
						   regexp_replace(c.def, '\(', '(org_id, '));
		END LOOP;
		FOREACH stmt IN ARRAY fks
		LOOP
			EXECUTE stmt;
		END LOOP;
	END LOOP;
END
$$;

-- the one unique index that is not a constraint and lacks org_id
DROP INDEX @extschema@.risk_acceptance_one_valid;
CREATE UNIQUE INDEX risk_acceptance_one_valid ON @extschema@.risk_acceptance (org_id, risk_id)
	WHERE status = 'valid';

-- ---------------------------------------------------------------------
-- Distribution on Citus
-- ---------------------------------------------------------------------

-- isms.distribute(): on a Citus coordinator, in one call, the tables
-- without org_id (the shared catalogs, organization among them) become
-- reference tables, and every table with org_id (the register, its
-- histories, memberships, the audit log and the outbox) is distributed by
-- org_id, all co-located, so that one organization's rows are on one
-- node and every join through (org_id, id) stays there.  Tables are taken
-- in the order of their foreign keys.  The unique keys on id alone (see
-- "Organization keys") become plain indexes: Citus cannot enforce a unique
-- key without the distribution column; the identities still give every
-- row its own id.  The settings it needs are set for the database:
-- citus.enable_unsafe_triggers (the register's triggers run on the
-- workers' shards) and citus.enable_local_reference_table_foreign_keys
-- off.  verify_audit_log(org) and audit_log_head(org) run on the node
-- that holds the organization's chain; each worker's sequences of history,
-- audit and event ids get a range of their own.  Returns each table and
-- what it became.  Refuses where Citus is absent (0A000) or on a node that
-- is not the coordinator (55000).
CREATE FUNCTION @extschema@.distribute()
RETURNS TABLE (table_name regclass, became text)
LANGUAGE plpgsql
SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	ns oid := '@extschema@'::regnamespace;
	t regclass;
	done oid[] := '{}';
	todo oid[];
	progress boolean;
	first_distributed regclass;
	key name;
	node text;
	failure text;
BEGIN
	IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
		RAISE EXCEPTION 'isms.distribute() needs Citus'
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = 'The extension citus is not installed in this database.',
				  HINT = 'On a Citus coordinator, run CREATE EXTENSION citus and add the workers first.';
	END IF;
	IF NOT (SELECT EXISTS (SELECT FROM pg_dist_node WHERE groupid = 0 AND noderole = 'primary')
			   AND (SELECT groupid FROM pg_dist_local_group) = 0) THEN
		RAISE EXCEPTION 'isms.distribute() runs on the Citus coordinator'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'Call citus_set_coordinator_host() on the coordinator and run isms.distribute() there.';
	END IF;
	IF EXISTS (SELECT FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
				WHERE c.relnamespace = ns) THEN
		RAISE EXCEPTION 'the tables of isms are distributed already'
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;

	PERFORM set_config('citus.enable_unsafe_triggers', 'on', true);
	PERFORM set_config('citus.enable_local_reference_table_foreign_keys', 'off', true);
	PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);
	PERFORM set_config('client_min_messages', 'warning', true);
	EXECUTE format('ALTER DATABASE %I SET citus.enable_unsafe_triggers = on', current_database());
	EXECUTE format('ALTER DATABASE %I SET citus.enable_local_reference_table_foreign_keys = off',
				   current_database());

	-- unique keys on id alone become plain indexes
	FOR t, key IN
		SELECT k.conrelid::regclass, k.conname FROM pg_constraint k
		  JOIN pg_class c ON c.oid = k.conrelid
		 WHERE c.relnamespace = ns AND k.contype IN ('p', 'u')
		   AND NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid
							  AND a.attname = 'org_id' AND a.attnum = ANY (k.conkey))
		   AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid
						  AND a.attname = 'org_id' AND NOT a.attisdropped)
	LOOP
		EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', t, key);
		EXECUTE format('CREATE INDEX %I ON %s (id)', key, t);
	END LOOP;

	-- every table, referenced ones first
	todo := ARRAY(SELECT c.oid FROM pg_class c
				   WHERE c.relnamespace = ns AND c.relkind IN ('r', 'p') AND NOT c.relispartition
				   ORDER BY c.relname);
	WHILE cardinality(todo) > 0 LOOP
		progress := false;
		FOREACH t IN ARRAY todo LOOP
			CONTINUE WHEN EXISTS (SELECT FROM pg_constraint k
								   WHERE k.conrelid = t AND k.contype = 'f'
									 AND k.confrelid <> t AND NOT k.confrelid = ANY (done));
			table_name := t;
			-- the rows copied into the shards are not changes: no trigger
			-- of the register or the history fires on them
			EXECUTE format('ALTER TABLE %s DISABLE TRIGGER USER', t);
			IF EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = t
						  AND a.attname = 'org_id' AND NOT a.attisdropped) THEN
				IF first_distributed IS NULL THEN
					PERFORM create_distributed_table(t, 'org_id');
					first_distributed := t;
				ELSE
					PERFORM create_distributed_table(t, 'org_id', colocate_with => first_distributed::text);
				END IF;
				became := 'distributed by org_id';
			ELSE
				PERFORM create_reference_table(t);
				became := 'reference';
			END IF;
			EXECUTE format('ALTER TABLE %s ENABLE TRIGGER USER', t);
			RETURN NEXT;
			done := done || t::oid;
			todo := array_remove(todo, t::oid);
			progress := true;
		END LOOP;
		IF NOT progress THEN
			RAISE EXCEPTION 'the foreign keys among %s form a cycle', todo::regclass[]::text
				USING ERRCODE = 'object_not_in_prerequisite_state';
		END IF;
	END LOOP;
	-- a chain is verified on the node that holds it
	PERFORM create_distributed_function(f::regprocedure, '$1', colocate_with := '@extschema@.audit_log')
	   FROM unnest(ARRAY['@extschema@.verify_audit_log(bigint)',
						 '@extschema@.verify_audit_log(bigint, bigint, bytea)',
						 '@extschema@.audit_log_head(bigint)']) f;

	-- history, audit and event ids are taken on the node that holds the
	-- organization: each node's sequences get a range of their own, its
	-- group id in the top 16 bits (as Citus does for the bigint sequences
	-- of distributed tables), so that ids stay unique in the cluster
	FOR node, failure IN
		SELECT nodename || ':' || nodeport, result
		  FROM run_command_on_workers($cmd$
DO $do$
DECLARE
	g bigint := (SELECT groupid FROM pg_dist_local_group);
	s text;
BEGIN
	SET LOCAL citus.enable_ddl_propagation = off;
	FOREACH s IN ARRAY ARRAY['history_id_seq', 'audit_log_id_seq', 'event_id_seq'] LOOP
		EXECUTE format('ALTER SEQUENCE @extschema@.%I MINVALUE %s MAXVALUE %s START %s RESTART %s',
					   s, (g << 48) + 1, ((g + 1) << 48) - 1, (g << 48) + 1, (g << 48) + 1);
	END LOOP;
END
$do$
$cmd$) WHERE NOT success
	LOOP
		RAISE EXCEPTION 'could not give the sequences of worker % their range: %', node, failure;
	END LOOP;
	PERFORM set_config('citus.enable_ddl_propagation', 'off', true);
	ALTER SEQUENCE @extschema@.history_id_seq MAXVALUE 281474976710655;
	ALTER SEQUENCE @extschema@.audit_log_id_seq MAXVALUE 281474976710655;
	ALTER SEQUENCE @extschema@.event_id_seq MAXVALUE 281474976710655;
	PERFORM set_config('citus.enable_ddl_propagation', 'on', true);

	-- the coordinator's copies of the rows, now in the shards, are removed
	-- (referencing tables first; the append-only triggers do not fire)
	PERFORM set_config('session_replication_role', 'replica', true);
	FOREACH t IN ARRAY (SELECT array_agg(d ORDER BY n DESC) FROM unnest(done) WITH ORDINALITY u(d, n)) LOOP
		PERFORM truncate_local_data_after_distributing_table(t);
	END LOOP;
	PERFORM set_config('session_replication_role', 'origin', true);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.distribute() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.distribute() IS
	'on a Citus coordinator: make the shared catalogs reference tables and every organization table distributed by org_id, co-located';

-- The OSCAL import's check for controls still referred to: as in 1.0, but
-- the referring rows are a subquery (IN), not a correlated EXISTS, which
-- Citus refuses over the reference table isms.control.
CREATE OR REPLACE FUNCTION @extschema@.oscal_check_stale_controls(framework_id bigint, keep text[])
	RETURNS void
	LANGUAGE plpgsql STABLE
	SET search_path = @extschema@, pg_temp
AS $$
DECLARE
	fk record;
	stale text;
BEGIN
	FOR fk IN
		SELECT k.conrelid::regclass AS tbl, a.attname AS col, k.conname
		  FROM pg_catalog.pg_constraint k
		  JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
		 WHERE k.contype = 'f' AND k.confrelid = '@extschema@.control'::regclass
		   AND k.confdeltype IN ('a', 'r') AND pg_catalog.cardinality(k.conkey) = 1
		 ORDER BY k.conname
	LOOP
		EXECUTE pg_catalog.format(
			'SELECT c.ident FROM @extschema@.control c'
			' WHERE c.framework_id OPERATOR(pg_catalog.=) $1'
			'   AND ($2 IS NULL OR c.ident OPERATOR(pg_catalog.<>) ALL ($2))'
			'   AND c.id IN (SELECT r.%I FROM %s r)'
			' ORDER BY c.sort_order, c.id LIMIT 1', fk.col, fk.tbl)
			INTO stale USING framework_id, keep;
		IF stale IS NOT NULL THEN
			RAISE EXCEPTION 'control "%" is not in the catalog any more but % refers to it', stale, fk.tbl
				USING ERRCODE = 'foreign_key_violation',
					  CONSTRAINT = fk.conname,
					  DETAIL = 'An import deletes the controls that the document no longer has, but never rows that refer to them.',
					  HINT = 'Import the catalog under another name, or point those rows at other controls first.';
		END IF;
	END LOOP;
END
$$;
