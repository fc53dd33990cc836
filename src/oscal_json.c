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
 * Markdown, converted to OSCAL markup: paragraphs, headings, lists, code
 * blocks, quotes; emphasis, strong, code, links and parameter insertions
 * ("{{ insert: param, id }}").
 *
 * A member the importer needs (an id, a title, a part's name) that is
 * missing is reported here with its JSON path, not as a line of the XML.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "nodes/pg_list.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "compat.h"
#include "oscal.h"

/* ---------- Markdown to OSCAL markup ---------- */

static void md_inline(StringInfo buf, const char *s, int len, int depth);

/* Find the closing marker of an inline span, or -1. */
static int
md_find(const char *s, int from, int len, const char *marker)
{
	int			mlen = strlen(marker);
	int			i;

	for (i = from; i + mlen <= len; i++)
	{
		/* called at every opening marker: quadratic on hostile prose */
		CHECK_FOR_INTERRUPTS();
		if (s[i] == '\\')
		{
			i++;
			continue;
		}
		if (strncmp(s + i, marker, mlen) == 0)
			return i;
	}
	return -1;
}

/* Escape a stretch of text as element content. */
static void
md_escape(StringInfo buf, const char *s, int len)
{
	char	   *copy = pnstrdup(s, len);

	isms_xml_escape(buf, copy, false);
	pfree(copy);
}

/* {{ insert: param, id }} at s[0..len): write <insert/>, or return false. */
static bool
md_insert(StringInfo buf, const char *s, int len)
{
	char	   *inner = pnstrdup(s + 2, len - 4);
	char	   *p = inner;
	char	   *type;
	char	   *id;
	char	   *end;

	while (isspace((unsigned char) *p))
		p++;
	if (pg_strncasecmp(p, "insert:", 7) != 0)
		return false;
	p += 7;
	type = p;
	p = strchr(p, ',');
	if (p == NULL)
		return false;
	*p++ = '\0';
	id = p;
	type = pstrdup(type);
	for (end = type + strlen(type); end > type && isspace((unsigned char) end[-1]); end--)
		*(end - 1) = '\0';
	while (isspace((unsigned char) *type))
		type++;
	while (isspace((unsigned char) *id))
		id++;
	for (end = id + strlen(id); end > id && isspace((unsigned char) end[-1]); end--)
		*(end - 1) = '\0';
	if (*type == '\0' || *id == '\0')
		return false;
	appendStringInfoString(buf, "<insert type=\"");
	isms_xml_escape(buf, type, true);
	appendStringInfoString(buf, "\" id-ref=\"");
	isms_xml_escape(buf, id, true);
	appendStringInfoString(buf, "\"/>");
	return true;
}

/* Markdown inline content to markup. */
static void
md_inline(StringInfo buf, const char *s, int len, int depth)
{
	int			i = 0;
	int			start = 0;

	check_stack_depth();
	while (i < len)
	{
		int			close = -1;

		CHECK_FOR_INTERRUPTS();
		if (s[i] == '\\' && i + 1 < len && ispunct((unsigned char) s[i + 1]))
		{
			md_escape(buf, s + start, i - start);
			md_escape(buf, s + i + 1, 1);
			i += 2;
			start = i;
			continue;
		}
		if (depth < 8 && strncmp(s + i, "{{", 2) == 0 &&
			(close = md_find(s, i + 2, len, "}}")) > 0)
		{
			md_escape(buf, s + start, i - start);
			if (!md_insert(buf, s + i, close + 2 - i))
				md_escape(buf, s + i, close + 2 - i);
			i = close + 2;
			start = i;
			continue;
		}
		if (depth < 8 && strncmp(s + i, "**", 2) == 0 &&
			(close = md_find(s, i + 2, len, "**")) > i + 2)
		{
			md_escape(buf, s + start, i - start);
			appendStringInfoString(buf, "<strong>");
			md_inline(buf, s + i + 2, close - i - 2, depth + 1);
			appendStringInfoString(buf, "</strong>");
			i = close + 2;
			start = i;
			continue;
		}
		if (depth < 8 && s[i] == '*' && (close = md_find(s, i + 1, len, "*")) > i + 1)
		{
			md_escape(buf, s + start, i - start);
			appendStringInfoString(buf, "<em>");
			md_inline(buf, s + i + 1, close - i - 1, depth + 1);
			appendStringInfoString(buf, "</em>");
			i = close + 1;
			start = i;
			continue;
		}
		if (s[i] == '`' && (close = md_find(s, i + 1, len, "`")) > i)
		{
			md_escape(buf, s + start, i - start);
			appendStringInfoString(buf, "<code>");
			md_escape(buf, s + i + 1, close - i - 1);
			appendStringInfoString(buf, "</code>");
			i = close + 1;
			start = i;
			continue;
		}
		if (depth < 8 && s[i] == '[' && (close = md_find(s, i + 1, len, "](")) > i)
		{
			int			end = md_find(s, close + 2, len, ")");

			if (end > close + 2)
			{
				char	   *href = pnstrdup(s + close + 2, end - close - 2);

				md_escape(buf, s + start, i - start);
				appendStringInfoString(buf, "<a href=\"");
				isms_xml_escape(buf, href, true);
				appendStringInfoString(buf, "\">");
				md_inline(buf, s + i + 1, close - i - 1, depth + 1);
				appendStringInfoString(buf, "</a>");
				i = end + 1;
				start = i;
				continue;
			}
		}
		i++;
	}
	md_escape(buf, s + start, len - start);
}

/* Length of a list marker at the start of line ("- ", "1. "), or 0. */
static int
md_list_marker(const char *line, bool *ordered)
{
	int			i = 0;

	if ((line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ')
	{
		*ordered = false;
		return 2;
	}
	while (isdigit((unsigned char) line[i]))
		i++;
	if (i > 0 && i < 10 && line[i] == '.' && line[i + 1] == ' ')
	{
		*ordered = true;
		return i + 2;
	}
	return 0;
}

static bool
md_blank(const char *line)
{
	for (; *line; line++)
		if (!isspace((unsigned char) *line))
			return false;
	return true;
}

/* Level of an ATX heading ("## Title"), or 0. */
static int
md_heading(const char *line)
{
	int			level = 0;

	while (line[level] == '#')
		level++;
	return level >= 1 && level <= 6 && line[level] == ' ' ? level : 0;
}

/* Line i of a text; every walk over the lines comes here. */
static char *
md_line(List *lines, int i)
{
	CHECK_FOR_INTERRUPTS();
	return list_nth(lines, i);
}

/* Markdown blocks to markup (paragraphs, headings, lists, code, quotes). */
static void
md_blocks(StringInfo buf, const char *md)
{
	List	   *lines = NIL;
	char	   *copy = pstrdup(md);
	char	   *p = copy;
	int			n;
	int			i = 0;

	for (;;)
	{
		char	   *nl = strchr(p, '\n');

		CHECK_FOR_INTERRUPTS();
		if (nl != NULL)
			*nl = '\0';
		if (nl != NULL && nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		lines = lappend(lines, p);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	n = list_length(lines);

	while (i < n)
	{
		char	   *line = md_line(lines, i);
		char	   *text = line;
		bool		ordered;
		int			level;

		while (*text == ' ' && text - line < 3)
			text++;
		if (md_blank(line))
		{
			i++;
			continue;
		}
		if (strncmp(text, "```", 3) == 0)
		{
			appendStringInfoString(buf, "<pre>");
			for (i++; i < n && strncmp(md_line(lines, i), "```", 3) != 0; i++)
			{
				isms_xml_escape(buf, md_line(lines, i), false);
				appendStringInfoChar(buf, '\n');
			}
			appendStringInfoString(buf, "</pre>");
			i++;
			continue;
		}
		if ((level = md_heading(text)) > 0)
		{
			appendStringInfo(buf, "<h%d>", level);
			md_inline(buf, text + level + 1, strlen(text + level + 1), 0);
			appendStringInfo(buf, "</h%d>", level);
			i++;
			continue;
		}
		if (md_list_marker(text, &ordered) > 0)
		{
			bool		kind = ordered;

			appendStringInfoString(buf, ordered ? "<ol>" : "<ul>");
			while (i < n)
			{
				StringInfoData item;
				char	   *l = md_line(lines, i);
				int			m;

				while (*l == ' ')
					l++;
				m = md_list_marker(l, &ordered);
				if (m == 0 || ordered != kind)
					break;
				initStringInfo(&item);
				appendStringInfoString(&item, l + m);
				/* continuation lines: indented, not blank, not a new item */
				for (i++; i < n; i++)
				{
					char	   *c = md_line(lines, i);
					bool		o;

					if (md_blank(c) || c[0] != ' ')
						break;
					while (*c == ' ')
						c++;
					if (md_list_marker(c, &o) > 0)
						break;
					appendStringInfo(&item, " %s", c);
				}
				appendStringInfoString(buf, "<li>");
				md_inline(buf, item.data, item.len, 0);
				appendStringInfoString(buf, "</li>");
			}
			appendStringInfoString(buf, kind ? "</ol>" : "</ul>");
			continue;
		}
		{
			StringInfoData para;
			bool		quote = text[0] == '>';

			initStringInfo(&para);
			while (i < n)
			{
				char	   *l = md_line(lines, i);
				bool		o;

				while (*l == ' ' && para.len > 0)
					l++;
				if (md_blank(l) || (para.len > 0 &&
									(md_heading(l) > 0 || md_list_marker(l, &o) > 0 ||
									 strncmp(l, "```", 3) == 0 || (l[0] == '>') != quote)))
					break;
				if (quote)
				{
					l++;
					if (*l == ' ')
						l++;
				}
				if (para.len > 0)
					appendStringInfoChar(&para, ' ');
				appendStringInfoString(&para, l);
				i++;
			}
			appendStringInfoString(buf, quote ? "<blockquote><p>" : "<p>");
			md_inline(buf, para.data, para.len, 0);
			appendStringInfoString(buf, quote ? "</p></blockquote>" : "</p>");
		}
	}
}

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
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid OSCAL catalog"),
			 errdetail("%s has no \"%s\".", path, member)));
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
	md_inline(buf, value, strlen(value), 0);
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
	md_blocks(buf, value);
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
			md_inline(buf, choice, strlen(choice), 0);
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
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid OSCAL catalog"),
				 errdetail("The JSON document has no \"catalog\" object.")));
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
