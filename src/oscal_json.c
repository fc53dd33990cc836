/*
 * oscal_json.c
 *	  isms.oscal_json_to_xml(jsonb): an OSCAL JSON catalog as OSCAL XML, so
 *	  that JSON catalogs go through the one importer.
 *
 * The conversion follows the OSCAL metaschema's JSON and XML bindings for
 * what a catalog holds: the catalog, metadata (title, dates, versions,
 * document ids, properties, links, roles, parties, responsible parties,
 * remarks), parameters, groups, controls, parts, properties, links and the
 * back matter's resources.  Other members are left out.  Prose is OSCAL's
 * Markdown, converted to OSCAL markup by markdown.c.
 *
 * A member the importer needs (an id, a title, a part's name) that is
 * missing is reported here with its JSON path, not as a line of the XML.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "compat.h"
#include "markdown.h"
#include "oscal.h"

/* ---------- JSON navigation ---------- */

/* The value of key in an object container, or NULL. */
static JsonbValue *
jget(JsonbContainer *obj, const char *key)
{
	JsonbValue *v;

	if (obj == NULL || !JsonContainerIsObject(obj))
		return NULL;
	v = palloc(sizeof(JsonbValue));
	return getKeyJsonValueFromContainer(obj, key, strlen(key), v);
}

/* A scalar member as a string (numbers and booleans as written), or NULL. */
static char *
jstring(JsonbContainer *obj, const char *key)
{
	JsonbValue *v = jget(obj, key);

	if (v == NULL)
		return NULL;
	switch (v->type)
	{
		case jbvString:
			return pnstrdup(v->val.string.val, v->val.string.len);
		case jbvNumeric:
			return DatumGetCString(DirectFunctionCall1(numeric_out,
													   NumericGetDatum(v->val.numeric)));
		case jbvBool:
			return pstrdup(v->val.boolean ? "true" : "false");
		default:
			return NULL;
	}
}

/* An array or object member as a container, or NULL. */
static JsonbContainer *
jcontainer(JsonbContainer *obj, const char *key)
{
	JsonbValue *v = jget(obj, key);

	return v != NULL && v->type == jbvBinary ? v->val.binary.data : NULL;
}

/* Number of elements of an array member (0 if absent or not an array). */
static int
jcount(JsonbContainer *arr)
{
	return arr != NULL && JsonContainerIsArray(arr) ? JsonContainerSize(arr) : 0;
}

/* The i-th element of an array: its container, or NULL for a scalar. */
static JsonbContainer *
jelement(JsonbContainer *arr, int i)
{
	JsonbValue *v;

	/* every walk over an array comes here, once per element */
	CHECK_FOR_INTERRUPTS();
	v = getIthJsonbValueFromContainer(arr, i);

	return v != NULL && v->type == jbvBinary ? v->val.binary.data : NULL;
}

/* The i-th element of an array as a string, or NULL. */
static char *
jelement_string(JsonbContainer *arr, int i)
{
	JsonbValue *v;

	CHECK_FOR_INTERRUPTS();
	v = getIthJsonbValueFromContainer(arr, i);

	return v != NULL && v->type == jbvString ?
		pnstrdup(v->val.string.val, v->val.string.len) : NULL;
}

static void pg_attribute_noreturn()
missing(const char *path, const char *member)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("invalid OSCAL catalog"),
			errdetail("%s has no \"%s\".", path, member));
}

/* ---------- writing XML ---------- */

static void
x_attr(StringInfo buf, JsonbContainer *obj, const char *key)
{
	char	   *value = jstring(obj, key);

	if (value == NULL)
		return;
	appendStringInfo(buf, " %s=\"", key);
	isms_xml_escape(buf, value, true);
	appendStringInfoChar(buf, '"');
}

/* A required attribute. */
static void
x_required_attr(StringInfo buf, JsonbContainer *obj, const char *key,
				const char *path)
{
	if (jstring(obj, key) == NULL)
		missing(path, key);
	x_attr(buf, obj, key);
}

/* A plain string member as an element. */
static void
x_text(StringInfo buf, JsonbContainer *obj, const char *key, const char *tag)
{
	char	   *value = jstring(obj, key);

	if (value != NULL)
		isms_xml_append_element(buf, tag != NULL ? tag : key, value);
}

/* A markup-line member (Markdown) as an element. */
static void
x_line(StringInfo buf, JsonbContainer *obj, const char *key, const char *tag)
{
	char	   *value = jstring(obj, key);

	if (value == NULL)
		return;
	appendStringInfo(buf, "<%s>", tag);
	markdown_inline(buf, value, strlen(value));
	appendStringInfo(buf, "</%s>", tag);
}

/* A markup-multiline member (Markdown) as an element, or bare if no tag. */
static void
x_multiline(StringInfo buf, JsonbContainer *obj, const char *key,
			const char *tag)
{
	char	   *value = jstring(obj, key);

	if (value == NULL)
		return;
	if (tag != NULL)
		appendStringInfo(buf, "<%s>", tag);
	markdown_blocks(buf, value);
	if (tag != NULL)
		appendStringInfo(buf, "</%s>", tag);
}

static void
x_props(StringInfo buf, JsonbContainer *obj, const char *path)
{
	JsonbContainer *props = jcontainer(obj, "props");
	int			i;

	for (i = 0; i < jcount(props); i++)
	{
		JsonbContainer *prop = jelement(props, i);
		char	   *where = psprintf("%s.props[%d]", path, i);

		appendStringInfoString(buf, "<prop");
		x_required_attr(buf, prop, "name", where);
		x_attr(buf, prop, "uuid");
		x_attr(buf, prop, "ns");
		x_required_attr(buf, prop, "value", where);
		x_attr(buf, prop, "class");
		x_attr(buf, prop, "group");
		if (jstring(prop, "remarks") != NULL)
		{
			appendStringInfoChar(buf, '>');
			x_multiline(buf, prop, "remarks", "remarks");
			appendStringInfoString(buf, "</prop>");
		}
		else
			appendStringInfoString(buf, "/>");
	}
}

static void
x_links(StringInfo buf, JsonbContainer *obj, const char *path)
{
	JsonbContainer *links = jcontainer(obj, "links");
	int			i;

	for (i = 0; i < jcount(links); i++)
	{
		JsonbContainer *link = jelement(links, i);

		appendStringInfoString(buf, "<link");
		x_required_attr(buf, link, "href", psprintf("%s.links[%d]", path, i));
		x_attr(buf, link, "rel");
		x_attr(buf, link, "media-type");
		x_attr(buf, link, "resource-fragment");
		if (jstring(link, "text") != NULL)
		{
			appendStringInfoChar(buf, '>');
			x_line(buf, link, "text", "text");
			appendStringInfoString(buf, "</link>");
		}
		else
			appendStringInfoString(buf, "/>");
	}
}

static void
x_part(StringInfo buf, JsonbContainer *part, const char *path)
{
	JsonbContainer *parts = jcontainer(part, "parts");
	int			i;

	check_stack_depth();
	appendStringInfoString(buf, "<part");
	x_attr(buf, part, "id");
	x_required_attr(buf, part, "name", path);
	x_attr(buf, part, "ns");
	x_attr(buf, part, "class");
	appendStringInfoChar(buf, '>');
	x_line(buf, part, "title", "title");
	x_props(buf, part, path);
	x_multiline(buf, part, "prose", NULL);
	for (i = 0; i < jcount(parts); i++)
		x_part(buf, jelement(parts, i), psprintf("%s.parts[%d]", path, i));
	x_links(buf, part, path);
	appendStringInfoString(buf, "</part>");
}

static void
x_parts(StringInfo buf, JsonbContainer *obj, const char *path)
{
	JsonbContainer *parts = jcontainer(obj, "parts");
	int			i;

	for (i = 0; i < jcount(parts); i++)
		x_part(buf, jelement(parts, i), psprintf("%s.parts[%d]", path, i));
}

static void
x_param(StringInfo buf, JsonbContainer *param, const char *path)
{
	JsonbContainer *guidelines = jcontainer(param, "guidelines");
	JsonbContainer *values = jcontainer(param, "values");
	JsonbContainer *select = jcontainer(param, "select");
	int			i;

	appendStringInfoString(buf, "<param");
	x_required_attr(buf, param, "id", path);
	x_attr(buf, param, "class");
	x_attr(buf, param, "depends-on");
	appendStringInfoChar(buf, '>');
	x_props(buf, param, path);
	x_links(buf, param, path);
	x_line(buf, param, "label", "label");
	x_multiline(buf, param, "usage", "usage");
	for (i = 0; i < jcount(guidelines); i++)
		x_multiline(buf, jelement(guidelines, i), "prose", "guideline");
	for (i = 0; i < jcount(values); i++)
	{
		char	   *value = jelement_string(values, i);

		if (value != NULL)
			isms_xml_append_element(buf, "value", value);
	}
	if (select != NULL)
	{
		JsonbContainer *choices = jcontainer(select, "choice");

		appendStringInfoString(buf, "<select");
		x_attr(buf, select, "how-many");
		appendStringInfoChar(buf, '>');
		for (i = 0; i < jcount(choices); i++)
		{
			char	   *choice = jelement_string(choices, i);

			if (choice == NULL)
				continue;
			appendStringInfoString(buf, "<choice>");
			markdown_inline(buf, choice, strlen(choice));
			appendStringInfoString(buf, "</choice>");
		}
		appendStringInfoString(buf, "</select>");
	}
	x_multiline(buf, param, "remarks", "remarks");
	appendStringInfoString(buf, "</param>");
}

static void
x_params(StringInfo buf, JsonbContainer *obj, const char *path)
{
	JsonbContainer *params = jcontainer(obj, "params");
	int			i;

	for (i = 0; i < jcount(params); i++)
		x_param(buf, jelement(params, i), psprintf("%s.params[%d]", path, i));
}

static void x_controls(StringInfo buf, JsonbContainer *obj, const char *path);

/* The id and title that groups and controls must have. */
static void
x_head(StringInfo buf, JsonbContainer *obj, const char *tag, const char *path)
{
	appendStringInfo(buf, "<%s", tag);
	x_required_attr(buf, obj, "id", path);
	x_attr(buf, obj, "class");
	appendStringInfoChar(buf, '>');
	if (jstring(obj, "title") == NULL)
		missing(path, "title");
	x_line(buf, obj, "title", "title");
	x_params(buf, obj, path);
	x_props(buf, obj, path);
	x_links(buf, obj, path);
	x_parts(buf, obj, path);
}

static void
x_control(StringInfo buf, JsonbContainer *control, const char *path)
{
	check_stack_depth();
	x_head(buf, control, "control", path);
	x_controls(buf, control, path);
	appendStringInfoString(buf, "</control>");
}

static void
x_controls(StringInfo buf, JsonbContainer *obj, const char *path)
{
	JsonbContainer *controls = jcontainer(obj, "controls");
	int			i;

	for (i = 0; i < jcount(controls); i++)
		x_control(buf, jelement(controls, i), psprintf("%s.controls[%d]", path, i));
}

static void
x_groups(StringInfo buf, JsonbContainer *obj, const char *path)
{
	JsonbContainer *groups = jcontainer(obj, "groups");
	int			i;

	check_stack_depth();
	for (i = 0; i < jcount(groups); i++)
	{
		JsonbContainer *group = jelement(groups, i);
		char	   *where = psprintf("%s.groups[%d]", path, i);

		x_head(buf, group, "group", where);
		x_controls(buf, group, where);
		x_groups(buf, group, where);
		appendStringInfoString(buf, "</group>");
	}
}

/* Metadata, in the element order of the OSCAL schema. */
static void
x_metadata(StringInfo buf, JsonbContainer *metadata)
{
	JsonbContainer *list;
	int			i;
	int			j;

	appendStringInfoString(buf, "<metadata>");
	if (jstring(metadata, "title") == NULL)
		missing("catalog.metadata", "title");
	x_line(buf, metadata, "title", "title");
	x_text(buf, metadata, "published", NULL);
	x_text(buf, metadata, "last-modified", NULL);
	x_text(buf, metadata, "version", NULL);
	x_text(buf, metadata, "oscal-version", NULL);
	list = jcontainer(metadata, "document-ids");
	for (i = 0; i < jcount(list); i++)
	{
		JsonbContainer *docid = jelement(list, i);

		appendStringInfoString(buf, "<document-id");
		x_attr(buf, docid, "scheme");
		appendStringInfoChar(buf, '>');
		isms_xml_escape(buf, jstring(docid, "identifier") ?
						jstring(docid, "identifier") : "", false);
		appendStringInfoString(buf, "</document-id>");
	}
	x_props(buf, metadata, "catalog.metadata");
	x_links(buf, metadata, "catalog.metadata");
	list = jcontainer(metadata, "roles");
	for (i = 0; i < jcount(list); i++)
	{
		JsonbContainer *role = jelement(list, i);

		appendStringInfoString(buf, "<role");
		x_required_attr(buf, role, "id", psprintf("catalog.metadata.roles[%d]", i));
		appendStringInfoChar(buf, '>');
		x_line(buf, role, "title", "title");
		x_multiline(buf, role, "description", "description");
		appendStringInfoString(buf, "</role>");
	}
	list = jcontainer(metadata, "parties");
	for (i = 0; i < jcount(list); i++)
	{
		JsonbContainer *party = jelement(list, i);
		JsonbContainer *emails = jcontainer(party, "email-addresses");

		appendStringInfoString(buf, "<party");
		x_required_attr(buf, party, "uuid", psprintf("catalog.metadata.parties[%d]", i));
		x_attr(buf, party, "type");
		appendStringInfoChar(buf, '>');
		x_text(buf, party, "name", NULL);
		x_text(buf, party, "short-name", NULL);
		for (j = 0; j < jcount(emails); j++)
			if (jelement_string(emails, j) != NULL)
				isms_xml_append_element(buf, "email-address", jelement_string(emails, j));
		appendStringInfoString(buf, "</party>");
	}
	list = jcontainer(metadata, "responsible-parties");
	for (i = 0; i < jcount(list); i++)
	{
		JsonbContainer *rp = jelement(list, i);
		JsonbContainer *uuids = jcontainer(rp, "party-uuids");

		appendStringInfoString(buf, "<responsible-party");
		x_required_attr(buf, rp, "role-id",
						psprintf("catalog.metadata.responsible-parties[%d]", i));
		appendStringInfoChar(buf, '>');
		for (j = 0; j < jcount(uuids); j++)
			if (jelement_string(uuids, j) != NULL)
				isms_xml_append_element(buf, "party-uuid", jelement_string(uuids, j));
		appendStringInfoString(buf, "</responsible-party>");
	}
	x_multiline(buf, metadata, "remarks", "remarks");
	appendStringInfoString(buf, "</metadata>");
}

static void
x_back_matter(StringInfo buf, JsonbContainer *back_matter)
{
	JsonbContainer *resources = jcontainer(back_matter, "resources");
	int			i;
	int			j;

	appendStringInfoString(buf, "<back-matter>");
	for (i = 0; i < jcount(resources); i++)
	{
		JsonbContainer *resource = jelement(resources, i);
		JsonbContainer *citation = jcontainer(resource, "citation");
		JsonbContainer *rlinks = jcontainer(resource, "rlinks");

		appendStringInfoString(buf, "<resource");
		x_required_attr(buf, resource, "uuid",
						psprintf("catalog.back-matter.resources[%d]", i));
		appendStringInfoChar(buf, '>');
		x_line(buf, resource, "title", "title");
		x_multiline(buf, resource, "description", "description");
		if (citation != NULL)
		{
			appendStringInfoString(buf, "<citation>");
			x_line(buf, citation, "text", "text");
			appendStringInfoString(buf, "</citation>");
		}
		for (j = 0; j < jcount(rlinks); j++)
		{
			JsonbContainer *rlink = jelement(rlinks, j);

			appendStringInfoString(buf, "<rlink");
			x_attr(buf, rlink, "href");
			x_attr(buf, rlink, "media-type");
			appendStringInfoString(buf, "/>");
		}
		x_multiline(buf, resource, "remarks", "remarks");
		appendStringInfoString(buf, "</resource>");
	}
	appendStringInfoString(buf, "</back-matter>");
}

/* isms.oscal_json_to_xml(doc jsonb) RETURNS xml */
PG_FUNCTION_INFO_V1(oscal_json_to_xml);
Datum
oscal_json_to_xml(PG_FUNCTION_ARGS)
{
	Jsonb	   *doc = PG_GETARG_JSONB_P(0);
	JsonbContainer *catalog = jcontainer(&doc->root, "catalog");
	JsonbContainer *metadata;
	StringInfoData buf;

	if (catalog == NULL || !JsonContainerIsObject(catalog))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("invalid OSCAL catalog"),
				errdetail("The JSON document has no \"catalog\" object."));
	metadata = jcontainer(catalog, "metadata");
	if (metadata == NULL)
		missing("catalog", "metadata");

	initStringInfo(&buf);
	appendStringInfo(&buf, "<catalog xmlns=\"%s\"", OSCAL_NS);
	x_required_attr(&buf, catalog, "uuid", "catalog");
	appendStringInfoChar(&buf, '>');
	x_metadata(&buf, metadata);
	x_params(&buf, catalog, "catalog");
	x_controls(&buf, catalog, "catalog");
	x_groups(&buf, catalog, "catalog");
	if (jcontainer(catalog, "back-matter") != NULL)
		x_back_matter(&buf, jcontainer(catalog, "back-matter"));
	appendStringInfoString(&buf, "</catalog>\n");

	isms_xml_check_wellformed(buf.data, buf.len, "converted OSCAL catalog");
	PG_RETURN_DATUM(isms_xml_datum(&buf));
}
