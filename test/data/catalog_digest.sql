-- catalog_digest(name): one text that holds everything a framework's catalog
-- says (groups, controls, parameters, parts, metadata), without row ids, so
-- that two frameworks can be compared; used by the round-trip tests.
CREATE FUNCTION pg_temp.catalog_digest(fw text) RETURNS TABLE (part text, digest text)
LANGUAGE sql STABLE AS $$
	WITH f AS (SELECT * FROM isms.framework WHERE name = fw),
	g AS (SELECT g.*, p.ident AS parent FROM isms.control_group g
		LEFT JOIN isms.control_group p ON p.id = g.parent_id WHERE g.framework_id = (SELECT id FROM f)),
	c AS (SELECT c.*, p.ident AS parent, g.ident AS grp FROM isms.control c
		LEFT JOIN isms.control p ON p.id = c.parent_id
		LEFT JOIN isms.control_group g ON g.id = c.group_id WHERE c.framework_id = (SELECT id FROM f)),
	pa AS (SELECT p.*, c.ident AS ctl, g.ident AS grp FROM isms.control_param p
		LEFT JOIN isms.control c ON c.id = p.control_id
		LEFT JOIN isms.control_group g ON g.id = p.group_id WHERE p.framework_id = (SELECT id FROM f)),
	-- a part is identified by its owner and its path of sort orders
	pt AS (WITH RECURSIVE r AS (
			SELECT p.*, p.sort_order::text AS path FROM isms.control_part p
			 WHERE p.framework_id = (SELECT id FROM f) AND p.parent_id IS NULL
			UNION ALL
			SELECT p.*, r.path || '.' || p.sort_order FROM isms.control_part p JOIN r ON p.parent_id = r.id)
		SELECT r.*, c.ident AS ctl, g.ident AS grp FROM r
		LEFT JOIN isms.control c ON c.id = r.control_id
		LEFT JOIN isms.control_group g ON g.id = r.group_id)
	SELECT 'framework', md5(concat_ws('|', title, version, uuid, published, last_modified, oscal_version,
		oscal_metadata, oscal_back_matter)) FROM f
	UNION ALL
	SELECT 'groups', md5(string_agg(concat_ws('|', ident, parent, title, class, sort_order, props, links), E'\n' ORDER BY ident)) FROM g
	UNION ALL
	SELECT 'controls', md5(string_agg(concat_ws('|', ident, parent, grp, title, class, statement, withdrawn,
		sort_order, props, links), E'\n' ORDER BY ident)) FROM c
	UNION ALL
	SELECT 'params', md5(string_agg(concat_ws('|', ident, ctl, grp, class, depends_on, label, usage, guidelines,
		param_values, how_many, choices, remarks, props, links, sort_order), E'\n' ORDER BY ident)) FROM pa
	UNION ALL
	SELECT 'parts', md5(string_agg(concat_ws('|', ctl, grp, path, ident, name, ns, class, title, prose, props, links),
		E'\n' ORDER BY ctl, grp, path)) FROM pt
$$;
