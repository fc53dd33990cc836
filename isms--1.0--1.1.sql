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

-- The compliance percentage counts every control still undecided in its
-- denominator (92 undecided of 93 was 100.0 with the one decided control
-- implemented); kpi_values() also reports how many are undecided.
CREATE OR REPLACE VIEW @extschema@.kpi_controls AS
WITH c AS (
	SELECT o.id AS org_id, g.ident AS theme_ident, g.title AS theme, g.sort_order,
		   s.applicable, s.implementation_status AS status
	  FROM @extschema@.organization o
	 CROSS JOIN @extschema@.control c
	  JOIN @extschema@.framework f ON f.id OPERATOR(pg_catalog.=) c.framework_id AND f.name OPERATOR(pg_catalog.=) 'iso27001-2022'
	  JOIN @extschema@.control_group g ON g.id OPERATOR(pg_catalog.=) c.group_id
	  LEFT JOIN @extschema@.soa s ON s.control_id OPERATOR(pg_catalog.=) c.id AND s.org_id OPERATOR(pg_catalog.=) o.id
	 WHERE NOT c.withdrawn
)
SELECT org_id,
	   coalesce(theme_ident, 'all') AS theme_ident,
	   coalesce(theme, 'All themes') AS theme,
	   count(*) AS controls,
	   count(*) FILTER (WHERE applicable IS NULL) AS undecided,
	   count(*) FILTER (WHERE applicable) AS applicable,
	   count(*) FILTER (WHERE NOT applicable) AS not_applicable,
	   count(*) FILTER (WHERE applicable AND status OPERATOR(pg_catalog.=) 'implemented') AS implemented,
	   count(*) FILTER (WHERE applicable AND status OPERATOR(pg_catalog.=) 'partially_implemented') AS partially_implemented,
	   count(*) FILTER (WHERE applicable AND status OPERATOR(pg_catalog.=) 'planned') AS planned,
	   count(*) FILTER (WHERE applicable AND status OPERATOR(pg_catalog.=) 'not_implemented') AS not_implemented,
	   round(100.0 OPERATOR(pg_catalog.*) count(*) FILTER (WHERE applicable) OPERATOR(pg_catalog./) count(*), 1)
		   AS applicability_rate,
	   round(100.0 OPERATOR(pg_catalog.*) count(*) FILTER (WHERE applicable AND status OPERATOR(pg_catalog.=) 'implemented')
			 OPERATOR(pg_catalog./) nullif(count(*) FILTER (WHERE applicable IS NOT FALSE), 0), 1) AS implementation_rate
  FROM c
 GROUP BY GROUPING SETS ((org_id, sort_order, theme_ident, theme), (org_id));

CREATE OR REPLACE FUNCTION @extschema@.kpi_values(org bigint DEFAULT @extschema@.current_org())
	RETURNS TABLE (kpi text, dimension text, value numeric)
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = @extschema@, pg_temp
AS $$
	SELECT 'risks_open', '', count(*)::numeric
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
	SELECT 'controls_implementation_rate', '', coalesce(c.implementation_rate, 0)
	  FROM @extschema@.kpi_controls c WHERE c.org_id = org AND c.theme_ident = 'all'
	UNION ALL
	SELECT 'controls_undecided', '', c.undecided
	  FROM @extschema@.kpi_controls c WHERE c.org_id = org AND c.theme_ident = 'all'
	UNION ALL
	SELECT 'training_completion_rate', '', t.completion_rate
	  FROM @extschema@.kpi_training t WHERE t.org_id = org AND t.course_id IS NULL
	UNION ALL
	SELECT 'training_overdue', '', t.overdue
	  FROM @extschema@.kpi_training t WHERE t.org_id = org AND t.course_id IS NULL
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
$$;
COMMENT ON FUNCTION @extschema@.kpi_values(bigint) IS
	'the KPI values of an organization as of now: the set that isms.snapshot_kpis() stores';

-- An event never makes the write that raised it fail: the ident in the
-- payload of review_overdue is cut at 200 characters (NOTIFY refuses a
-- payload of 8000 bytes or more).
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

	-- the acceptance trigger sends the acceptance_expired events
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

	FOR r IN
		WITH marked AS (
			INSERT INTO @extschema@.risk_review_overdue AS o (org_id, risk_id, due_on)
			SELECT k.org_id, k.id, k.next_review FROM @extschema@.risk k
			 WHERE k.status OPERATOR(pg_catalog.<>) 'closed' AND k.next_review OPERATOR(pg_catalog.<) as_of
			   AND (org IS NULL OR k.org_id OPERATOR(pg_catalog.=) org)
			ON CONFLICT ON CONSTRAINT risk_review_overdue_unique DO NOTHING
			RETURNING o.org_id, o.risk_id, o.due_on)
		SELECT m.*, k.ident FROM marked m JOIN @extschema@.risk k ON k.id OPERATOR(pg_catalog.=) m.risk_id
		 ORDER BY m.risk_id
	LOOP
		PERFORM pg_catalog.pg_notify('isms_events', pg_catalog.format(
			'{"event": "review_overdue", "risk_id": %s, "org_id": %s, "ident": %s, "due_on": "%s"}',
			r.risk_id, r.org_id, COALESCE(pg_catalog.to_json(pg_catalog.left(r.ident, 200))::text, 'null'),
			pg_catalog.to_char(r.due_on, 'YYYY-MM-DD')));
		action := 'review_overdue';
		org_id := r.org_id;
		risk_id := r.risk_id;
		acceptance_id := NULL;
		due_on := r.due_on;
		RETURN NEXT;
	END LOOP;
END
$$;
