/*
 * oscal_import.c
 *	  isms.import_oscal_catalog(doc): an OSCAL XML catalog into the tables
 *	  framework, control_group, control, control_param and control_part.
 *	  (OSCAL JSON is first converted to XML: see oscal_json.c.)
 *
 * An import is idempotent: groups, controls and parameters are upserted by
 * their id, the parts of the catalog are replaced, and whatever the
 * framework held that the document no longer has is deleted, so that the
 * framework mirrors the document.
 *
 * What is kept: the catalog's uuid, title, dates, versions, the rest of its
 * metadata and its back matter (as markup); groups and controls (nested)
 * with id, class, title, properties and links; parameters with label,
 * usage, guidelines, values, selection and remarks; parts (nested) with
 * their prose as markup.  A control's statement is also rendered as plain
 * text (parameters shown the way NIST prints them, "[Assignment: ...]").
 * Titles and labels are kept as plain text.
 *
 * Identifiers: OSCAL ids are tokens (a letter or "_", then letters, digits,
 * ".", "-", "_").  Catalogs such as ISO/IEC 27001 Annex A number their
 * controls "5.1"; a group or control id that breaks the pattern only by its
 * first character is kept as it is (with a NOTICE), and exported as
 * "_5.1" with the original in <prop ns="urn:isms:oscal" name="ident">,
 * which an import reads back.  Any other invalid id is an error.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"


#include "compat.h"
#include "isms.h"
#include "oscal.h"

#define WHAT_CATALOG	"OSCAL catalog"

/* A parameter of the document, by id (UTF-8), for rendering statements. */
typedef struct ParamEntry
{
	const char *id;
	xmlNodePtr	node;
} ParamEntry;

/* The state of one import. */
typedef struct OscalImport
{
	const char *name;			/* requested framework name, or NULL */
	MemoryContext callcxt;		/* lives as long as the call */
	MemoryContext rowcxt;		/* reset after each row */
	int64		framework_id;
	SPIPlanPtr	group_plan;
	SPIPlanPtr	control_plan;
	SPIPlanPtr	param_plan;
	SPIPlanPtr	part_plan;
	SPIPlanPtr	part_insert_plan;	/* when the framework has no parts yet */
	SPIPlanPtr	group_lookup_plan;	/* (framework, ident): id, when an upsert */
	SPIPlanPtr	control_lookup_plan;	/* returned none (see upsert_id) */
	bool		has_parts;
	ParamEntry *params;			/* sorted by id */
	int			nparams;
	List	   *group_idents;	/* idents seen, for deleting stale rows */
	List	   *control_idents;
	List	   *param_idents;
	int64	   *part_ids;		/* parts written or found unchanged */
	int			nparts;
	int			maxparts;
	int			ngroups;
	int			ncontrols;
	int			nwithdrawn;
	int			nloose;			/* ids kept although they break the pattern */
	char	   *first_loose;
	char	   *result_name;	/* the framework's name, in callcxt */
} OscalImport;

/* Arguments of one SPI execution. */
typedef struct SpiArgs
{
	Datum		values[16];
	char		nulls[16];
	int			n;
} SpiArgs;

/* Append an argument (NULL pointer: SQL NULL) to args. */
static void
arg_text(SpiArgs *args, const char *value)
{
	args->values[args->n] = value != NULL ? CStringGetTextDatum(value) : (Datum) 0;
	args->nulls[args->n++] = value != NULL ? ' ' : 'n';
}

/* Append a bigint argument. */
static void
arg_int8(SpiArgs *args, int64 value, bool isnull)
{
	args->values[args->n] = Int64GetDatum(value);
	args->nulls[args->n++] = isnull ? 'n' : ' ';
}

/* Append an integer argument. */
static void
arg_int4(SpiArgs *args, int32 value)
{
	args->values[args->n] = Int32GetDatum(value);
	args->nulls[args->n++] = ' ';
}

/* Append a boolean argument. */
static void
arg_bool(SpiArgs *args, bool value)
{
	args->values[args->n] = BoolGetDatum(value);
	args->nulls[args->n++] = ' ';
}

/* A text[] argument from a list of strings; NULL when the list is empty. */
static void
arg_text_array(SpiArgs *args, List *strings)
{
	Datum	   *elems;
	ListCell   *lc;
	int			i = 0;

	if (strings == NIL)
	{
		args->values[args->n] = (Datum) 0;
		args->nulls[args->n++] = 'n';
		return;
	}
	elems = palloc(sizeof(Datum) * list_length(strings));
	foreach(lc, strings)
		elems[i++] = CStringGetTextDatum((char *) lfirst(lc));
	args->values[args->n] = PointerGetDatum(construct_array(elems, i, TEXTOID,
															-1, false,
															TYPALIGN_INT));
	args->nulls[args->n++] = ' ';
}

/* Run a prepared statement that returns one bigint (an id). */
static int64
execute_returning_id(SPIPlanPtr plan, SpiArgs *args)
{
	bool		isnull;
	Datum		id;

	if (SPI_execute_plan(plan, args->values, args->nulls, false, 0) < 0 ||
		SPI_processed != 1)
		elog(ERROR, "OSCAL import statement did not return one row");
	id = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return isnull ? 0 : DatumGetInt64(id);
}

/* Execute a statement that returns at most one row; false if none. */
static bool
execute_optional(SPIPlanPtr plan, SpiArgs *args)
{
	if (SPI_execute_plan(plan, args->values, args->nulls, false, 0) < 0 ||
		SPI_processed > 1)
		elog(ERROR, "OSCAL import statement returned more than one row");
	return SPI_processed == 1;
}

/*
 * Execute a group or control upsert and return the row's id.  The upsert
 * returns it, also for a row it leaves as it is (from the statement's
 * snapshot), except where a concurrent transaction committed that row
 * after the snapshot was taken: then the id is looked up again, by a new
 * statement, which sees it in READ COMMITTED.
 */
static int64
upsert_id(SPIPlanPtr plan, SpiArgs *args, SPIPlanPtr lookup, int64 framework_id,
		  const char *ident, const char *kind)
{
	Datum		values[2];
	bool		isnull;

	if (execute_optional(plan, args))
		return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1,
										   &isnull));
	values[0] = Int64GetDatum(framework_id);
	values[1] = CStringGetTextDatum(ident);
	if (SPI_execute_plan(lookup, values, NULL, false, 1) < 0 || SPI_processed != 1)
		ereport(ERROR,
				errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				errmsg("could not find %s \"%s\" of the catalog after upserting it", kind, ident),
				errdetail("A concurrent transaction changed it."),
				errhint("Run the import again."));
	return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
}

/* Is node the OSCAL element name? */
static bool
is_oscal(xmlNodePtr node, const char *name)
{
	return isms_xml_is(node, OSCAL_NS, name);
}

/* Raise the error for a catalog that is well-formed but not valid OSCAL. */
static void pg_attribute_noreturn()
invalid_catalog(xmlNodePtr node, const char *fmt, const char *arg)
{
	char	   *detail = psprintf(fmt, arg);

	ereport(ERROR,
			errcode(ERRCODE_INVALID_XML_DOCUMENT),
			errmsg("invalid OSCAL catalog"),
			errdetail("Line %d: %s.", isms_xml_line(node), detail));
}

/* May c be in an OSCAL token (non-ASCII bytes count as letters)? */
static bool
is_token_char(unsigned char c, bool first)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80)
		return true;
	return !first && ((c >= '0' && c <= '9') || c == '.' || c == '-');
}

/*
 * Is s an OSCAL token?  1: yes; 0: a token but for its first character
 * (ISO's "5.1"); -1: no.
 */
int
oscal_token_kind(const char *s)
{
	const unsigned char *p;

	if (s == NULL || *s == '\0')
		return -1;
	for (p = (const unsigned char *) s + 1; *p; p++)
		if (!is_token_char(*p, false))
			return -1;
	if (is_token_char((unsigned char) s[0], true))
		return 1;
	return is_token_char((unsigned char) s[0], false) ? 0 : -1;
}

/*
 * The ident of a group or control: the isms ident property if the element
 * has one (an export of ours), else its id.  Checks the token rules.
 */
static char *
element_ident(OscalImport *import, xmlNodePtr node, const char *kind)
{
	char	   *id = isms_xml_attr(node, "id");
	char	   *ident = NULL;
	xmlNodePtr	prop;
	int			kind_of_token;

	if (id == NULL)
		invalid_catalog(node, "a %s has no id", kind);
	kind_of_token = oscal_token_kind(id);
	if (kind_of_token < 0)
		invalid_catalog(node, psprintf("the %s id \"%%s\" is not an OSCAL token", kind), id);
	if (kind_of_token == 0 && import->nloose++ == 0)
		import->first_loose = MemoryContextStrdup(import->callcxt, id);

	/* an export of ours: the ident as it was, if it was not a token */
	for (prop = isms_xml_first(node, OSCAL_NS, "prop"); prop != NULL;
		 prop = isms_xml_next(prop, OSCAL_NS, "prop"))
	{
		char	   *ns = isms_xml_attr(prop, "ns");
		char	   *name = isms_xml_attr(prop, "name");

		if (ns != NULL && name != NULL && strcmp(ns, ISMS_OSCAL_NS) == 0 &&
			strcmp(name, "ident") == 0)
			ident = isms_xml_attr(prop, "value");
	}
	if (ident == NULL)
		return id;
	if (ident[0] == '\0')
		invalid_catalog(node, "the ident property of a %s is empty", kind);
	return ident;
}

/* The id of a parameter or part, which must be a valid token if given. */
static char *
strict_id(xmlNodePtr node, const char *kind, bool required)
{
	char	   *id = isms_xml_attr(node, "id");

	if (id == NULL)
	{
		if (required)
			invalid_catalog(node, "a %s has no id", kind);
		return NULL;
	}
	if (oscal_token_kind(id) != 1)
		invalid_catalog(node, psprintf("the %s id \"%%s\" is not an OSCAL token", kind), id);
	return id;
}

/* The plain text of a title or label, white space collapsed. */
static char *
plain_text(xmlNodePtr node)
{
	char	   *raw = isms_xml_text(node);
	StringInfoData buf;
	char	   *p;
	bool		space = false;

	initStringInfo(&buf);
	for (p = raw; *p; p++)
	{
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		{
			space = buf.len > 0;
			continue;
		}
		if (space)
			appendStringInfoChar(&buf, ' ');
		space = false;
		appendStringInfoChar(&buf, *p);
	}
	return buf.data;
}

/* The title of a group, control or part (required for the first two). */
static char *
element_title(xmlNodePtr node, const char *kind, const char *ident,
			  bool required)
{
	xmlNodePtr	title = isms_xml_first(node, OSCAL_NS, "title");

	if (title == NULL)
	{
		if (required)
			invalid_catalog(node, psprintf("the %s \"%%s\" has no title", kind), ident);
		return NULL;
	}
	return plain_text(title);
}

/*
 * The properties of an element as a JSON array (NULL if none), leaving out
 * what has a column of its own: a control's withdrawn status, and our ident.
 */
static char *
props_json(xmlNodePtr node, bool *withdrawn)
{
	static const char *const attrs[] = {"name", "uuid", "ns", "value", "class", "group"};
	StringInfoData buf;
	xmlNodePtr	prop;
	int			n = 0;

	if (withdrawn != NULL)
		*withdrawn = false;
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (prop = isms_xml_first(node, OSCAL_NS, "prop"); prop != NULL;
		 prop = isms_xml_next(prop, OSCAL_NS, "prop"))
	{
		char	   *name = isms_xml_attr(prop, "name");
		char	   *ns = isms_xml_attr(prop, "ns");
		char	   *value = isms_xml_attr(prop, "value");
		bool		first = true;
		int			i;

		if (name == NULL || value == NULL)
			invalid_catalog(prop, "a property has no %s", name == NULL ? "name" : "value");
		if (ns != NULL && strcmp(ns, ISMS_OSCAL_NS) == 0 && strcmp(name, "ident") == 0)
			continue;
		/* catalogs in the wild write "Withdrawn" too */
		if (withdrawn != NULL && pg_strcasecmp(name, "status") == 0 &&
			pg_strcasecmp(value, "withdrawn") == 0 &&
			(ns == NULL || strcmp(ns, "http://csrc.nist.gov/ns/oscal") == 0))
		{
			*withdrawn = true;
			continue;
		}
		appendStringInfoString(&buf, n++ > 0 ? ", {" : "{");
		for (i = 0; i < (int) lengthof(attrs); i++)
		{
			char	   *v = isms_xml_attr(prop, attrs[i]);

			if (v == NULL)
				continue;
			appendStringInfo(&buf, "%s\"%s\": ", first ? "" : ", ", attrs[i]);
			escape_json(&buf, v);
			first = false;
		}
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoChar(&buf, ']');
	return n > 0 ? buf.data : NULL;
}

/* The links of an element as a JSON array, or NULL if none. */
static char *
links_json(xmlNodePtr node)
{
	static const char *const attrs[] = {"href", "rel", "media-type", "resource-fragment"};
	StringInfoData buf;
	xmlNodePtr	link;
	int			n = 0;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (link = isms_xml_first(node, OSCAL_NS, "link"); link != NULL;
		 link = isms_xml_next(link, OSCAL_NS, "link"))
	{
		xmlNodePtr	text = isms_xml_first(link, OSCAL_NS, "text");
		bool		first = true;
		int			i;

		if (isms_xml_attr_utf8(link, "href") == NULL)
			invalid_catalog(link, "a link has no %s", "href");
		appendStringInfoString(&buf, n++ > 0 ? ", {" : "{");
		for (i = 0; i < (int) lengthof(attrs); i++)
		{
			char	   *v = isms_xml_attr(link, attrs[i]);

			if (v == NULL)
				continue;
			appendStringInfo(&buf, "%s\"%s\": ", first ? "" : ", ", attrs[i]);
			escape_json(&buf, v);
			first = false;
		}
		if (text != NULL)
		{
			appendStringInfoString(&buf, ", \"text\": ");
			escape_json(&buf, plain_text(text));
		}
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoChar(&buf, ']');
	return n > 0 ? buf.data : NULL;
}

/* Markup of the given children of node, or NULL if there are none. */
static char *
markup_of(xmlNodePtr node, bool (*wanted) (xmlNodePtr))
{
	StringInfoData buf;
	xmlNodePtr	child;

	initStringInfo(&buf);
	for (child = node->children; child != NULL; child = child->next)
		if (child->type == XML_ELEMENT_NODE && wanted(child))
			isms_xml_serialize(&buf, child, OSCAL_NS);
	return buf.len > 0 ? isms_xml_to_server(buf.data, buf.len) : NULL;
}

/* The prose of a part: everything but its title, properties, parts, links. */
static bool
is_prose(xmlNodePtr node)
{
	return !is_oscal(node, "title") && !is_oscal(node, "prop") &&
		!is_oscal(node, "part") && !is_oscal(node, "link");
}

/* Markup of the content of node (for markup-line and markup-multiline). */
static char *
content_markup(xmlNodePtr node)
{
	StringInfoData buf;

	initStringInfo(&buf);
	isms_xml_serialize_children(&buf, node, OSCAL_NS);
	return isms_xml_to_server(buf.data, buf.len);
}

/* ---------- rendering statements as plain text ---------- */

/* Order of parameters by id, for qsort and bsearch. */
static int
param_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const ParamEntry *) a)->id, ((const ParamEntry *) b)->id);
}

/* The parameter of the document with this id, or NULL. */
static xmlNodePtr
find_param(OscalImport *import, const char *id)
{
	ParamEntry	key = {id, NULL};
	ParamEntry *found;

	if (import->nparams == 0)
		return NULL;
	found = bsearch(&key, import->params, import->nparams, sizeof(ParamEntry),
					param_entry_cmp);
	return found != NULL ? found->node : NULL;
}

/* Collect every parameter of the document (pass 1), checking unique ids. */
static void
collect_params(OscalImport *import, xmlNodePtr node, int *capacity)
{
	xmlNodePtr	child;

	check_stack_depth();
	for (child = node->children; child != NULL; child = child->next)
	{
		if (child->type != XML_ELEMENT_NODE || !isms_xml_is(child, OSCAL_NS, NULL))
			continue;
		if (is_oscal(child, "param"))
		{
			char	   *id = isms_xml_attr_utf8(child, "id");

			if (id == NULL)
				continue;		/* reported when the parameter is imported */
			if (import->nparams == *capacity)
			{
				*capacity *= 2;
				import->params = repalloc(import->params,
										  sizeof(ParamEntry) * *capacity);
			}
			import->params[import->nparams].id = id;
			import->params[import->nparams++].node = child;
		}
		else if (is_oscal(child, "group") || is_oscal(child, "control"))
			collect_params(import, child, capacity);
	}
}

/* Sort the parameters by id and reject duplicates. */
static void
index_params(OscalImport *import)
{
	int			i;

	qsort(import->params, import->nparams, sizeof(ParamEntry), param_entry_cmp);
	for (i = 1; i < import->nparams; i++)
		if (strcmp(import->params[i - 1].id, import->params[i].id) == 0)
			invalid_catalog(import->params[i].node,
							"the parameter id \"%s\" is used more than once",
							isms_xml_to_server(import->params[i].id,
											   strlen(import->params[i].id)));
}

static void render_inline(OscalImport *import, StringInfo out, xmlNodePtr node,
						  int depth);

/* Append the rendered content of a choice, label or value, trimmed. */
static void
render_trimmed(OscalImport *import, StringInfo out, xmlNodePtr node, int depth)
{
	StringInfoData tmp;
	int			start = 0;
	int			end;

	initStringInfo(&tmp);
	render_inline(import, &tmp, node, depth);
	end = tmp.len;
	while (start < end && isspace((unsigned char) tmp.data[start]))
		start++;
	while (end > start && isspace((unsigned char) tmp.data[end - 1]))
		end--;
	appendBinaryStringInfo(out, tmp.data + start, end - start);
	pfree(tmp.data);
}

/* Append the plain-text rendering of a parameter insertion. */
static void
render_param(OscalImport *import, StringInfo out, const char *id, int depth)
{
	xmlNodePtr	param = id != NULL ? find_param(import, id) : NULL;
	xmlNodePtr	select;
	xmlNodePtr	label;
	xmlNodePtr	child;
	int			n = 0;

	if (param == NULL || depth > 8)
	{
		appendStringInfo(out, "{{ insert: param, %s }}", id != NULL ? id : "");
		return;
	}
	/* values, where the catalog sets them */
	for (child = isms_xml_first(param, OSCAL_NS, "value"); child != NULL;
		 child = isms_xml_next(child, OSCAL_NS, "value"))
	{
		if (n++ > 0)
			appendStringInfoString(out, ", ");
		render_trimmed(import, out, child, depth + 1);
	}
	if (n > 0)
		return;
	select = isms_xml_first(param, OSCAL_NS, "select");
	if (select != NULL)
	{
		char	   *how_many = isms_xml_attr_utf8(select, "how-many");

		appendStringInfo(out, "[Selection%s: ",
						 how_many != NULL && pg_strcasecmp(how_many, "one-or-more") == 0
						 ? " (one or more)" : "");
		for (child = isms_xml_first(select, OSCAL_NS, "choice"); child != NULL;
			 child = isms_xml_next(child, OSCAL_NS, "choice"))
		{
			if (n++ > 0)
				appendStringInfoString(out, "; ");
			render_trimmed(import, out, child, depth + 1);
		}
		appendStringInfoChar(out, ']');
		return;
	}
	label = isms_xml_first(param, OSCAL_NS, "label");
	if (label != NULL)
	{
		appendStringInfoString(out, "[Assignment: ");
		render_trimmed(import, out, label, depth + 1);
		appendStringInfoChar(out, ']');
		return;
	}
	appendStringInfo(out, "{{ insert: param, %s }}", id);
}

/* Is this element a block of prose (ends a line of plain text)? */
static bool
is_block(xmlNodePtr node)
{
	static const char *const blocks[] = {
		"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre", "blockquote"
	};
	int			i;

	for (i = 0; i < (int) lengthof(blocks); i++)
		if (strcmp((const char *) node->name, blocks[i]) == 0)
			return true;
	return false;
}

/*
 * Append the text of node's content (UTF-8); a block ends with '\001',
 * which render_lines turns into a line break.
 */
static void
render_inline(OscalImport *import, StringInfo out, xmlNodePtr node, int depth)
{
	xmlNodePtr	child;

	check_stack_depth();
	for (child = node->children; child != NULL; child = child->next)
	{
		if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
		{
			if (child->content != NULL)
				appendStringInfoString(out, (const char *) child->content);
		}
		else if (child->type == XML_ELEMENT_NODE && isms_xml_is(child, OSCAL_NS, NULL))
		{
			if (strcmp((const char *) child->name, "insert") == 0)
			{
				char	   *type = isms_xml_attr_utf8(child, "type");
				char	   *id = isms_xml_attr_utf8(child, "id-ref");

				if (type != NULL && pg_strcasecmp(type, "param") == 0)
					render_param(import, out, id, depth);
				else
					appendStringInfo(out, "{{ insert: %s, %s }}",
									 type != NULL ? type : "", id != NULL ? id : "");
			}
			else if (strcmp((const char *) child->name, "li") == 0)
			{
				appendStringInfoString(out, "\001- ");
				render_inline(import, out, child, depth);
				appendStringInfoChar(out, '\001');
			}
			else
			{
				render_inline(import, out, child, depth);
				if (is_block(child))
					appendStringInfoChar(out, '\001');
			}
		}
	}
}

/*
 * Turn rendered text into lines: white space collapsed, empty lines
 * dropped, each line indented and the first one prefixed.
 */
static void
render_lines(StringInfo out, const char *raw, const char *prefix, int indent)
{
	const char *p = raw;
	bool		first = true;

	while (*p)
	{
		StringInfoData line;
		bool		space = false;

		initStringInfo(&line);
		for (; *p && *p != '\001'; p++)
		{
			if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			{
				space = line.len > 0;
				continue;
			}
			if (space)
				appendStringInfoChar(&line, ' ');
			space = false;
			appendStringInfoChar(&line, *p);
		}
		if (*p == '\001')
			p++;
		if (line.len == 0 && !(first && prefix != NULL))
			continue;
		if (out->len > 0)
			appendStringInfoChar(out, '\n');
		appendStringInfoSpaces(out, indent * 2);
		if (first && prefix != NULL)
			appendStringInfo(out, "%s%s", prefix, line.len > 0 ? " " : "");
		appendBinaryStringInfo(out, line.data, line.len);
		first = false;
		pfree(line.data);
	}
	if (first && prefix != NULL)
	{
		if (out->len > 0)
			appendStringInfoChar(out, '\n');
		appendStringInfoSpaces(out, indent * 2);
		appendStringInfoString(out, prefix);
	}
}

/* The label property of a part, or NULL. */
static char *
part_label(xmlNodePtr part)
{
	xmlNodePtr	prop;

	for (prop = isms_xml_first(part, OSCAL_NS, "prop"); prop != NULL;
		 prop = isms_xml_next(prop, OSCAL_NS, "prop"))
	{
		char	   *name = isms_xml_attr_utf8(prop, "name");

		if (name != NULL && pg_strcasecmp(name, "label") == 0 &&
			isms_xml_attr_utf8(prop, "ns") == NULL)
			return isms_xml_attr_utf8(prop, "value");
	}
	return NULL;
}

/* Append the plain text of a statement part and its items (UTF-8). */
static void
render_part(OscalImport *import, StringInfo out, xmlNodePtr part, int depth)
{
	StringInfoData raw;
	xmlNodePtr	child;

	check_stack_depth();
	initStringInfo(&raw);
	for (child = part->children; child != NULL; child = child->next)
		if (child->type == XML_ELEMENT_NODE && isms_xml_is(child, OSCAL_NS, NULL) &&
			is_prose(child))
		{
			if (strcmp((const char *) child->name, "ol") == 0 ||
				strcmp((const char *) child->name, "ul") == 0 ||
				strcmp((const char *) child->name, "table") == 0)
				appendStringInfoChar(&raw, '\001');
			render_inline(import, &raw, child, 0);
			if (is_block(child))
				appendStringInfoChar(&raw, '\001');
		}
	render_lines(out, raw.data, depth > 0 ? part_label(part) : NULL,
				 depth > 0 ? depth - 1 : 0);
	for (child = isms_xml_first(part, OSCAL_NS, "part"); child != NULL;
		 child = isms_xml_next(child, OSCAL_NS, "part"))
		render_part(import, out, child, depth + 1);
}

/* The plain-text statement of a control, or NULL if it has none. */
static char *
control_statement(OscalImport *import, xmlNodePtr control)
{
	StringInfoData out;
	xmlNodePtr	part;

	initStringInfo(&out);
	for (part = isms_xml_first(control, OSCAL_NS, "part"); part != NULL;
		 part = isms_xml_next(part, OSCAL_NS, "part"))
	{
		char	   *name = isms_xml_attr_utf8(part, "name");

		if (name != NULL && pg_strcasecmp(name, "statement") == 0)
			render_part(import, &out, part, 0);
	}
	return out.len > 0 ? isms_xml_to_server(out.data, out.len) : NULL;
}

/* ---------- writing rows ---------- */

/* Add an ident to a list that lives as long as the call. */
static List *
remember(OscalImport *import, List *idents, const char *ident)
{
	MemoryContext old = MemoryContextSwitchTo(import->callcxt);

	idents = lappend(idents, pstrdup(ident));
	MemoryContextSwitchTo(old);
	return idents;
}

/* Insert a part and its subparts. */
static void
import_part(OscalImport *import, xmlNodePtr node, int64 control_id,
			int64 group_id, int64 parent_id, int sort_order)
{
	MemoryContext old = MemoryContextSwitchTo(import->rowcxt);
	SpiArgs		args = {0};
	char	   *name = isms_xml_attr(node, "name");
	int64		id;
	xmlNodePtr	child;
	int			n = 0;

	check_stack_depth();
	if (name == NULL)
		invalid_catalog(node, "a part has no %s", "name");
	arg_int8(&args, import->framework_id, false);
	arg_int8(&args, control_id, control_id == 0);
	arg_int8(&args, group_id, group_id == 0);
	arg_int8(&args, parent_id, parent_id == 0);
	arg_text(&args, strict_id(node, "part", false));
	arg_text(&args, name);
	arg_text(&args, isms_xml_attr(node, "ns"));
	arg_text(&args, isms_xml_attr(node, "class"));
	arg_text(&args, element_title(node, "part", NULL, false));
	arg_text(&args, markup_of(node, is_prose));
	arg_text(&args, props_json(node, NULL));
	arg_text(&args, links_json(node));
	arg_int4(&args, sort_order);
	id = execute_returning_id(import->has_parts ? import->part_plan : import->part_insert_plan,
							  &args);
	MemoryContextSwitchTo(old);
	MemoryContextReset(import->rowcxt);
	if (import->nparts == import->maxparts)
	{
		import->maxparts = Max(64, import->maxparts * 2);
		import->part_ids = import->part_ids == NULL ?
			MemoryContextAlloc(import->callcxt, sizeof(int64) * import->maxparts) :
			repalloc(import->part_ids, sizeof(int64) * import->maxparts);
	}
	import->part_ids[import->nparts++] = id;

	for (child = isms_xml_first(node, OSCAL_NS, "part"); child != NULL;
		 child = isms_xml_next(child, OSCAL_NS, "part"))
		import_part(import, child, control_id, group_id, id, ++n);
}

/*
 * The how-many of a selection as the OSCAL schema spells it ("one",
 * "one-or-more"), also where a catalog wrote it in another case; absent
 * means one.  Any other value is kept, for the table's check to refuse.
 */
static const char *
how_many(xmlNodePtr select)
{
	char	   *value = isms_xml_attr(select, "how-many");

	if (value == NULL || pg_strcasecmp(value, "one") == 0)
		return "one";
	if (pg_strcasecmp(value, "one-or-more") == 0)
		return "one-or-more";
	return value;
}

/* Upsert a parameter of the catalog, a group or a control. */
static void
import_param(OscalImport *import, xmlNodePtr node, int64 control_id,
			 int64 group_id, int sort_order)
{
	MemoryContext old = MemoryContextSwitchTo(import->rowcxt);
	SpiArgs		args = {0};
	char	   *ident = strict_id(node, "parameter", true);
	xmlNodePtr	child;
	xmlNodePtr	select = isms_xml_first(node, OSCAL_NS, "select");
	List	   *guidelines = NIL;
	List	   *values = NIL;
	List	   *choices = NIL;

	for (child = isms_xml_first(node, OSCAL_NS, "guideline"); child != NULL;
		 child = isms_xml_next(child, OSCAL_NS, "guideline"))
		guidelines = lappend(guidelines, content_markup(child));
	for (child = isms_xml_first(node, OSCAL_NS, "value"); child != NULL;
		 child = isms_xml_next(child, OSCAL_NS, "value"))
		values = lappend(values, plain_text(child));
	if (select != NULL)
		for (child = isms_xml_first(select, OSCAL_NS, "choice"); child != NULL;
			 child = isms_xml_next(child, OSCAL_NS, "choice"))
			choices = lappend(choices, content_markup(child));

	arg_int8(&args, import->framework_id, false);
	arg_int8(&args, control_id, control_id == 0);
	arg_int8(&args, group_id, group_id == 0);
	arg_text(&args, ident);
	arg_text(&args, isms_xml_attr(node, "class"));
	arg_text(&args, isms_xml_attr(node, "depends-on"));
	child = isms_xml_first(node, OSCAL_NS, "label");
	arg_text(&args, child != NULL ? plain_text(child) : NULL);
	child = isms_xml_first(node, OSCAL_NS, "usage");
	arg_text(&args, child != NULL ? content_markup(child) : NULL);
	arg_text_array(&args, guidelines);
	arg_text_array(&args, values);
	arg_text(&args, select != NULL ? how_many(select) : NULL);
	arg_text_array(&args, choices);
	child = isms_xml_first(node, OSCAL_NS, "remarks");
	arg_text(&args, child != NULL ? content_markup(child) : NULL);
	arg_text(&args, props_json(node, NULL));
	arg_text(&args, links_json(node));
	arg_int4(&args, sort_order);
	(void) execute_optional(import->param_plan, &args);
	import->param_idents = remember(import, import->param_idents, ident);
	MemoryContextSwitchTo(old);
	MemoryContextReset(import->rowcxt);
}

static void import_control(OscalImport *import, xmlNodePtr node,
						   int64 group_id, int64 parent_id, int sort_order);

/* Upsert a group and everything in it. */
static void
import_group(OscalImport *import, xmlNodePtr node, int64 parent_id,
			 int sort_order)
{
	MemoryContext old = MemoryContextSwitchTo(import->rowcxt);
	SpiArgs		args = {0};
	char	   *ident = element_ident(import, node, "group");
	int64		id;
	xmlNodePtr	child;
	int			n = 0;

	check_stack_depth();
	arg_int8(&args, import->framework_id, false);
	arg_int8(&args, parent_id, parent_id == 0);
	arg_text(&args, ident);
	arg_text(&args, element_title(node, "group", ident, true));
	arg_text(&args, isms_xml_attr(node, "class"));
	arg_int4(&args, sort_order);
	arg_text(&args, props_json(node, NULL));
	arg_text(&args, links_json(node));
	id = upsert_id(import->group_plan, &args, import->group_lookup_plan,
				   import->framework_id, ident, "group");
	import->group_idents = remember(import, import->group_idents, ident);
	import->ngroups++;
	MemoryContextSwitchTo(old);
	MemoryContextReset(import->rowcxt);

	for (child = node->children; child != NULL; child = child->next)
	{
		if (is_oscal(child, "param"))
			import_param(import, child, 0, id, ++n);
		else if (is_oscal(child, "part"))
			import_part(import, child, 0, id, 0, ++n);
		else if (is_oscal(child, "group"))
			import_group(import, child, id, ++n);
		else if (is_oscal(child, "control"))
			import_control(import, child, id, 0, ++n);
	}
}

/* Upsert a control and its parameters, parts and enhancements. */
static void
import_control(OscalImport *import, xmlNodePtr node, int64 group_id,
			   int64 parent_id, int sort_order)
{
	MemoryContext old = MemoryContextSwitchTo(import->rowcxt);
	SpiArgs		args = {0};
	char	   *ident = element_ident(import, node, "control");
	char	   *props;
	bool		withdrawn;
	int64		id;
	xmlNodePtr	child;
	int			n = 0;

	check_stack_depth();
	props = props_json(node, &withdrawn);
	arg_int8(&args, import->framework_id, false);
	arg_int8(&args, group_id, group_id == 0);
	arg_int8(&args, parent_id, parent_id == 0);
	arg_text(&args, ident);
	arg_text(&args, element_title(node, "control", ident, true));
	arg_text(&args, isms_xml_attr(node, "class"));
	arg_text(&args, control_statement(import, node));
	arg_bool(&args, withdrawn);
	arg_int4(&args, sort_order);
	arg_text(&args, props);
	arg_text(&args, links_json(node));
	id = upsert_id(import->control_plan, &args, import->control_lookup_plan,
				   import->framework_id, ident, "control");
	import->control_idents = remember(import, import->control_idents, ident);
	import->ncontrols++;
	if (withdrawn)
		import->nwithdrawn++;
	MemoryContextSwitchTo(old);
	MemoryContextReset(import->rowcxt);

	for (child = node->children; child != NULL; child = child->next)
	{
		if (is_oscal(child, "param"))
			import_param(import, child, id, 0, ++n);
		else if (is_oscal(child, "part"))
			import_part(import, child, id, 0, 0, ++n);
		else if (is_oscal(child, "control"))
			import_control(import, child, group_id, id, ++n);
	}
}

/* Is this child of <metadata> kept as markup (not one of our columns)? */
static bool
is_other_metadata(xmlNodePtr node)
{
	return !is_oscal(node, "title") && !is_oscal(node, "published") &&
		!is_oscal(node, "last-modified") && !is_oscal(node, "version") &&
		!is_oscal(node, "oscal-version");
}

/* Every element (for markup_of). */
static bool
is_any(xmlNodePtr node)
{
	(void) node;
	return true;
}

/* A uuid as OSCAL writes it (any version), to refuse junk early. */
static bool
is_uuid(const char *s)
{
	int			i;

	if (s == NULL || strlen(s) != 36)
		return false;
	for (i = 0; i < 36; i++)
	{
		if (i == 8 || i == 13 || i == 18 || i == 23)
		{
			if (s[i] != '-')
				return false;
		}
		else if (!isxdigit((unsigned char) s[i]))
			return false;
	}
	return true;
}

/* Upsert the framework itself from the catalog and its metadata. */
static void
import_framework(OscalImport *import, xmlNodePtr catalog)
{
	xmlNodePtr	metadata = isms_xml_first(catalog, OSCAL_NS, "metadata");
	xmlNodePtr	back_matter = isms_xml_first(catalog, OSCAL_NS, "back-matter");
	char	   *uuid = isms_xml_attr(catalog, "uuid");
	char	   *title;
	char	   *name;
	SpiArgs		args = {0};
	SPIPlanPtr	plan;
	static Oid	types[] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
		TEXTOID, TEXTOID, TEXTOID, TEXTOID};

	if (!is_uuid(uuid))
		invalid_catalog(catalog, "the catalog has no valid uuid%s", "");
	if (metadata == NULL)
		invalid_catalog(catalog, "the catalog has no metadata%s", "");
	title = isms_xml_first(metadata, OSCAL_NS, "title") != NULL ?
		plain_text(isms_xml_first(metadata, OSCAL_NS, "title")) : NULL;
	if (title == NULL || title[0] == '\0')
		invalid_catalog(metadata, "the catalog has no title%s", "");
	name = import->name != NULL ? pstrdup(import->name) : title;

	/* the catalogs the extension installs are not overwritten by imports */
	arg_text(&args, name);
	if (SPI_execute_with_args("SELECT FROM framework WHERE name = $1 AND seeded",
							  1, types, args.values, args.nulls, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not look up framework \"%s\"", name);
	if (SPI_processed > 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("framework \"%s\" is installed by the extension",
					   isms_echo(name, -1, ISMS_ECHO_CHARS)),
				errdetail("An import would replace its controls, to which the register refers."),
				errhint("Import the catalog under another name."));
	args.n = 0;

	/*
	 * updated_at is set by the table's trigger (set_updated_at); not here:
	 * Citus refuses a function that is not IMMUTABLE, now() among them, in
	 * the DO UPDATE SET of an upsert into a table it distributes
	 */
	plan = SPI_prepare("INSERT INTO framework AS f (name, title, version, source, uuid,"
					   " published, last_modified, oscal_version, oscal_metadata,"
					   " oscal_back_matter)"
					   " VALUES ($1, $2, $3, 'OSCAL', $4::uuid, $5::timestamptz,"
					   " $6::timestamptz, $7, $8, $9)"
					   " ON CONFLICT ON CONSTRAINT framework_name_unique DO UPDATE SET"
					   " title = excluded.title, version = excluded.version,"
					   " source = excluded.source, uuid = excluded.uuid,"
					   " published = excluded.published,"
					   " last_modified = excluded.last_modified,"
					   " oscal_version = excluded.oscal_version,"
					   " oscal_metadata = excluded.oscal_metadata,"
					   " oscal_back_matter = excluded.oscal_back_matter,"
					   " seeded = false"
					   " RETURNING id", 9, types);
	if (plan == NULL)
		elog(ERROR, "could not prepare framework upsert: %s",
			 SPI_result_code_string(SPI_result));
	arg_text(&args, name);
	arg_text(&args, title);
	arg_text(&args, isms_xml_child_text(metadata, OSCAL_NS, "version"));
	arg_text(&args, uuid);
	arg_text(&args, isms_xml_child_text(metadata, OSCAL_NS, "published"));
	arg_text(&args, isms_xml_child_text(metadata, OSCAL_NS, "last-modified"));
	arg_text(&args, isms_xml_child_text(metadata, OSCAL_NS, "oscal-version"));
	arg_text(&args, markup_of(metadata, is_other_metadata));
	arg_text(&args, back_matter != NULL ? markup_of(back_matter, is_any) : NULL);
	import->framework_id = execute_returning_id(plan, &args);
	import->result_name = MemoryContextStrdup(import->callcxt, name);
}

/* Prepare the statements of an import. */
static void
prepare_import(OscalImport *import)
{
	static Oid	group_types[] = {INT8OID, INT8OID, TEXTOID, TEXTOID, TEXTOID,
		INT4OID, TEXTOID, TEXTOID};
	static Oid	control_types[] = {INT8OID, INT8OID, INT8OID, TEXTOID, TEXTOID,
		TEXTOID, TEXTOID, BOOLOID, INT4OID, TEXTOID, TEXTOID};
	static Oid	param_types[] = {INT8OID, INT8OID, INT8OID, TEXTOID, TEXTOID,
		TEXTOID, TEXTOID, TEXTOID, TEXTARRAYOID, TEXTARRAYOID, TEXTOID,
		TEXTARRAYOID, TEXTOID, TEXTOID, TEXTOID, INT4OID};
	static Oid	part_types[] = {INT8OID, INT8OID, INT8OID, INT8OID, TEXTOID,
		TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, INT4OID};

	/*
	 * A row the document leaves as it is stays untouched: no new version in
	 * its history, no audit entry, the same updated_at.  A group or control
	 * upsert then returns the id of the row that is there.
	 */
	import->group_plan =
		SPI_prepare("WITH up AS ("
					"INSERT INTO control_group AS g (framework_id, parent_id, ident,"
					" title, class, sort_order, props, links)"
					" VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)"
					" ON CONFLICT ON CONSTRAINT control_group_ident_unique DO UPDATE SET"
					" parent_id = excluded.parent_id, title = excluded.title,"
					" class = excluded.class, sort_order = excluded.sort_order,"
					" props = excluded.props, links = excluded.links, seeded = false"
					" WHERE (g.parent_id, g.title, g.class, g.sort_order, g.props, g.links, g.seeded)"
					" IS DISTINCT FROM (excluded.parent_id, excluded.title, excluded.class,"
					" excluded.sort_order, excluded.props, excluded.links, false)"
					" RETURNING g.id)"
					" SELECT id FROM up UNION ALL"
					" SELECT g.id FROM control_group g WHERE g.framework_id = $1 AND g.ident = $3"
					" AND NOT EXISTS (SELECT FROM up)", 8, group_types);
	import->control_plan =
		SPI_prepare("WITH up AS ("
					"INSERT INTO control AS c (framework_id, group_id, parent_id, ident,"
					" title, class, statement, withdrawn, sort_order, props, links)"
					" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb)"
					" ON CONFLICT ON CONSTRAINT control_ident_unique DO UPDATE SET"
					" group_id = excluded.group_id, parent_id = excluded.parent_id,"
					" title = excluded.title, class = excluded.class,"
					" statement = excluded.statement, withdrawn = excluded.withdrawn,"
					" sort_order = excluded.sort_order, props = excluded.props,"
					" links = excluded.links, seeded = false"
					" WHERE (c.group_id, c.parent_id, c.title, c.class, c.statement, c.withdrawn,"
					" c.sort_order, c.props, c.links, c.seeded)"
					" IS DISTINCT FROM (excluded.group_id, excluded.parent_id, excluded.title,"
					" excluded.class, excluded.statement, excluded.withdrawn, excluded.sort_order,"
					" excluded.props, excluded.links, false)"
					" RETURNING c.id)"
					" SELECT id FROM up UNION ALL"
					" SELECT c.id FROM control c WHERE c.framework_id = $1 AND c.ident = $4"
					" AND NOT EXISTS (SELECT FROM up)", 11, control_types);
	import->param_plan =
		SPI_prepare("INSERT INTO control_param AS p (framework_id, control_id, group_id,"
					" ident, class, depends_on, label, usage, guidelines, param_values,"
					" how_many, choices, remarks, props, links, sort_order)"
					" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
					" $14::jsonb, $15::jsonb, $16)"
					" ON CONFLICT ON CONSTRAINT control_param_ident_unique DO UPDATE SET"
					" control_id = excluded.control_id, group_id = excluded.group_id,"
					" class = excluded.class, depends_on = excluded.depends_on,"
					" label = excluded.label, usage = excluded.usage,"
					" guidelines = excluded.guidelines, param_values = excluded.param_values,"
					" how_many = excluded.how_many, choices = excluded.choices,"
					" remarks = excluded.remarks, props = excluded.props,"
					" links = excluded.links, sort_order = excluded.sort_order,"
					" seeded = false"
					" WHERE (p.control_id, p.group_id, p.class, p.depends_on, p.label, p.usage,"
					" p.guidelines, p.param_values, p.how_many, p.choices, p.remarks, p.props,"
					" p.links, p.sort_order, p.seeded)"
					" IS DISTINCT FROM (excluded.control_id, excluded.group_id, excluded.class,"
					" excluded.depends_on, excluded.label, excluded.usage, excluded.guidelines,"
					" excluded.param_values, excluded.how_many, excluded.choices, excluded.remarks,"
					" excluded.props, excluded.links, excluded.sort_order, false)"
					" RETURNING p.id", 16, param_types);

	/*
	 * Parts have no id of their own to match on: a part is the one at its
	 * position (owner, enclosing part, place among its siblings), updated
	 * if it differs, inserted if there is none; parts at positions the
	 * document no longer has are deleted at the end (delete_stale).
	 */
	import->part_plan =
		SPI_prepare("WITH old AS ("
					"SELECT p.id, (p.ident, p.name, p.ns, p.class, p.title, p.prose, p.props,"
					" p.links, p.seeded) IS DISTINCT FROM ($5, $6, $7, $8, $9, $10, $11::jsonb,"
					" $12::jsonb, false) AS changed"
					" FROM control_part p WHERE p.framework_id = $1"
					" AND coalesce(p.control_id, 0) = coalesce($2, 0)"
					" AND coalesce(p.group_id, 0) = coalesce($3, 0)"
					" AND coalesce(p.parent_id, 0) = coalesce($4, 0)"
					" AND p.sort_order = $13 ORDER BY p.id LIMIT 1),"
					" upd AS (UPDATE control_part p SET ident = $5, name = $6, ns = $7, class = $8,"
					" title = $9, prose = $10, props = $11::jsonb, links = $12::jsonb, seeded = false"
					" FROM old WHERE p.id = old.id AND old.changed RETURNING p.id),"
					" ins AS (INSERT INTO control_part (framework_id, control_id, group_id,"
					" parent_id, ident, name, ns, class, title, prose, props, links, sort_order)"
					" SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13"
					" WHERE NOT EXISTS (SELECT FROM old) RETURNING id)"
					" SELECT id FROM old UNION ALL SELECT id FROM ins", 13, part_types);
	{
		Oid			lookup_types[] = {INT8OID, TEXTOID};

		import->group_lookup_plan =
			SPI_prepare("SELECT id FROM control_group WHERE framework_id = $1 AND ident = $2",
						2, lookup_types);
		import->control_lookup_plan =
			SPI_prepare("SELECT id FROM control WHERE framework_id = $1 AND ident = $2",
						2, lookup_types);
	}
	import->part_insert_plan =
		SPI_prepare("INSERT INTO control_part (framework_id, control_id, group_id,"
					" parent_id, ident, name, ns, class, title, prose, props, links, sort_order)"
					" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13)"
					" RETURNING id", 13, part_types);
	if (import->group_plan == NULL || import->control_plan == NULL ||
		import->param_plan == NULL || import->part_plan == NULL ||
		import->part_insert_plan == NULL || import->group_lookup_plan == NULL ||
		import->control_lookup_plan == NULL)
		elog(ERROR, "could not prepare OSCAL import: %s",
			 SPI_result_code_string(SPI_result));
}

/*
 * Delete the rows of the framework that the document no longer has; but
 * first refuse (isms.oscal_check_stale_controls) if a row of the register
 * refers to a control that would go.
 */
static void
delete_stale(OscalImport *import)
{
	static const char *const tables[] = {"control_param", "control", "control_group"};
	List	   *idents[3];
	int			i;

	{
		SpiArgs		args = {0};
		Oid			types[] = {INT8OID, TEXTARRAYOID};

		arg_int8(&args, import->framework_id, false);
		arg_text_array(&args, import->control_idents);
		if (SPI_execute_with_args("SELECT oscal_check_stale_controls($1, $2)",
								  2, types, args.values, args.nulls, false, 0) != SPI_OK_SELECT)
			elog(ERROR, "could not check the controls that the catalog no longer has");
	}
	{
		Datum	   *ids = palloc(sizeof(Datum) * Max(import->nparts, 1));
		Datum		values[2];
		Oid			types[] = {INT8OID, INT8ARRAYOID};

		for (i = 0; i < import->nparts; i++)
			ids[i] = Int64GetDatum(import->part_ids[i]);
		values[0] = Int64GetDatum(import->framework_id);
		values[1] = PointerGetDatum(construct_array(ids, import->nparts, INT8OID,
													sizeof(int64), FLOAT8PASSBYVAL,
													TYPALIGN_DOUBLE));
		if (SPI_execute_with_args("DELETE FROM control_part WHERE framework_id = $1"
								  " AND id <> ALL ($2)", 2, types, values, NULL, false, 0) < 0)
			elog(ERROR, "could not delete the parts that the catalog no longer has");
	}
	idents[0] = import->param_idents;
	idents[1] = import->control_idents;
	idents[2] = import->group_idents;
	for (i = 0; i < 3; i++)
	{
		SpiArgs		args = {0};
		Oid			types[] = {INT8OID, TEXTARRAYOID};

		arg_int8(&args, import->framework_id, false);
		arg_text_array(&args, idents[i]);
		if (SPI_execute_with_args(psprintf("DELETE FROM %s WHERE framework_id = $1"
										   " AND ($2 IS NULL OR ident <> ALL ($2))",
										   tables[i]),
								  2, types, args.values, args.nulls, false, 0) < 0)
			elog(ERROR, "could not delete stale rows of %s", tables[i]);
	}
}

/* Order of strings, for qsort. */
static int
string_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Refuse a document in which two groups (or two controls) share an id. */
static void
check_unique(List *idents, const char *kind)
{
	int			n = list_length(idents);
	char	  **sorted;
	ListCell   *lc;
	int			i = 0;

	if (n < 2)
		return;
	sorted = palloc(sizeof(char *) * n);
	foreach(lc, idents)
		sorted[i++] = (char *) lfirst(lc);
	qsort(sorted, n, sizeof(char *), string_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(sorted[i - 1], sorted[i]) == 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_XML_DOCUMENT),
					errmsg("invalid OSCAL catalog"),
					errdetail("The %s id \"%s\" is used more than once.",
							  kind, sorted[i]));
}

/* The import proper, on a parsed document. */
static void
import_catalog(xmlDocPtr doc, void *arg)
{
	OscalImport *import = (OscalImport *) arg;
	xmlNodePtr	catalog = xmlDocGetRootElement(doc);
	xmlNodePtr	child;
	int			capacity = 64;
	int			n = 0;

	if (!is_oscal(catalog, "catalog"))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_XML_DOCUMENT),
				errmsg("invalid OSCAL catalog"),
				errdetail("The root element is <%s>%s%s%s, not <catalog> in namespace %s.",
						  (const char *) catalog->name,
						  catalog->ns != NULL ? " in namespace \"" : " without namespace",
						  catalog->ns != NULL ? (const char *) catalog->ns->href : "",
						  catalog->ns != NULL ? "\"" : "",
						  OSCAL_NS));

	import->params = palloc(sizeof(ParamEntry) * capacity);
	collect_params(import, catalog, &capacity);
	index_params(import);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	import->rowcxt = AllocSetContextCreate(CurrentMemoryContext,
										   "OSCAL import row",
										   ALLOCSET_DEFAULT_SIZES);
	import_framework(import, catalog);
	prepare_import(import);
	{
		SpiArgs		args = {0};
		Oid			types[] = {INT8OID};
		bool		isnull;

		/* a first import has no parts to find again */
		arg_int8(&args, import->framework_id, false);
		if (SPI_execute_with_args("SELECT EXISTS (SELECT FROM control_part WHERE framework_id = $1)",
								  1, types, args.values, args.nulls, true, 1) != SPI_OK_SELECT)
			elog(ERROR, "could not look for the parts of the framework");
		import->has_parts = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0],
													   SPI_tuptable->tupdesc, 1, &isnull));
	}

	for (child = catalog->children; child != NULL; child = child->next)
	{
		if (is_oscal(child, "param"))
			import_param(import, child, 0, 0, ++n);
		else if (is_oscal(child, "control"))
			import_control(import, child, 0, 0, ++n);
		else if (is_oscal(child, "group"))
			import_group(import, child, 0, ++n);
	}
	delete_stale(import);

	/* the same id twice would have updated one row twice: refuse it */
	check_unique(import->group_idents, "group");
	check_unique(import->control_idents, "control");
	SPI_finish();

	if (import->nloose > 0)
		ereport(NOTICE,
				errmsg("%d ids of the catalog are not OSCAL tokens", import->nloose),
				errdetail("The first is \"%s\".  They are kept as they are; an export writes them with a leading \"_\" and the original in a property.",
						  import->first_loose));
}

/*
 * isms.import_oscal_catalog(doc text, name text DEFAULT NULL)
 *	  RETURNS (framework text, groups integer, controls integer,
 *			   withdrawn integer)
 */
PG_FUNCTION_INFO_V1(import_oscal_catalog);
Datum
import_oscal_catalog(PG_FUNCTION_ARGS)
{
	OscalImport import = {0};
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	import.name = PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (import.name != NULL && import.name[0] == '\0')
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("framework name must not be empty"));
	import.callcxt = CurrentMemoryContext;

	isms_xml_with_document(isms_xml_getarg(fcinfo, 0, WHAT_CATALOG),
						   WHAT_CATALOG, import_catalog, &import);

	values[0] = CStringGetTextDatum(import.result_name);
	values[1] = Int32GetDatum(import.ngroups);
	values[2] = Int32GetDatum(import.ncontrols);
	values[3] = Int32GetDatum(import.nwithdrawn);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc),
													  values, nulls)));
}
