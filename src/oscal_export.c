/*
 * oscal_export.c
 *	  isms.export_oscal_catalog(framework): a framework as an OSCAL XML
 *	  catalog, which an import reads back into the same catalog.
 *
 * The rows of the framework's groups, controls, parameters and parts are
 * read in four queries, linked to their owners in memory and written in
 * the element order of the OSCAL catalog schema.  Markup that the import
 * stored (prose, the rest of the metadata, the back matter) is written as
 * it is, but for characters that XML does not allow (replaced, as in all
 * text); the whole document is checked for well-formedness before it is
 * returned.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "compat.h"
#include "isms.h"
#include "oscal.h"
#include "xml_common.h"

/* A row of the catalog being exported, with its children. */
typedef struct Row Row;
typedef struct RowList
{
	Row	   *head;
	Row	   *tail;
} RowList;

struct Row
{
	int64		id;
	int			sort_order;
	char	  **f;				/* the row's columns as text, NULL for null */
	Datum	   *arrays;			/* the row's text[] columns (param only) */
	bool	   *array_nulls;
	Row	   *next;			/* next sibling in the owner's list */
	RowList	params;
	RowList	parts;
	RowList	groups;
	RowList	controls;
};

/* All rows of one table, sorted by id for lookup. */
typedef struct RowSet
{
	Row	   *items;
	int			n;
} RowSet;

/* Append a row to the list of its owner's children. */
static void
append_row(RowList *list, Row *item)
{
	if (list->tail != NULL)
		list->tail->next = item;
	else
		list->head = item;
	list->tail = item;
}

/* Order of rows by id, for qsort and bsearch. */
static int
row_id_cmp(const void *a, const void *b)
{
	int64		x = ((const Row *) a)->id;
	int64		y = ((const Row *) b)->id;

	return x < y ? -1 : x > y ? 1 : 0;
}

/* The row with this id (as text), or NULL. */
static Row *
find_row(RowSet *set, const char *id)
{
	Row		key;

	if (id == NULL)
		return NULL;
	key.id = strtoi64(id, NULL, 10);
	return bsearch(&key, set->items, set->n, sizeof(Row), row_id_cmp);
}

/*
 * Load the rows of a query into an RowSet.  Column 1 is the id, column 2
 * the sort order; array_columns are fetched as Datums (copied out of SPI).
 */
static void
load_rows(RowSet *set, const char *sql, int64 framework_id,
		   int first_array, int narrays)
{
	Oid			types[] = {INT8OID};
	Datum		args[] = {Int64GetDatum(framework_id)};
	uint64		i;
	int			natts;

	if (SPI_execute_with_args(sql, 1, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the catalog");
	natts = SPI_tuptable->tupdesc->natts;
	set->n = (int) SPI_processed;
	set->items = palloc0(sizeof(Row) * Max(set->n, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		Row	   *item = &set->items[i];
		int			col;

		item->f = palloc0(sizeof(char *) * (natts + 1));
		for (col = 1; col <= natts; col++)
		{
			if (col >= first_array && col < first_array + narrays)
				continue;
			item->f[col] = SPI_getvalue(tuple, SPI_tuptable->tupdesc, col);
		}
		if (narrays > 0)
		{
			item->arrays = palloc0(sizeof(Datum) * narrays);
			item->array_nulls = palloc0(sizeof(bool) * narrays);
			for (col = 0; col < narrays; col++)
			{
				Datum		d = SPI_getbinval(tuple, SPI_tuptable->tupdesc,
											  first_array + col,
											  &item->array_nulls[col]);

				if (!item->array_nulls[col])
					item->arrays[col] = PointerGetDatum(DatumGetArrayTypePCopy(d));
			}
		}
		item->id = strtoi64(item->f[1], NULL, 10);
		item->sort_order = (int) strtol(item->f[2], NULL, 10);
	}
	qsort(set->items, set->n, sizeof(Row), row_id_cmp);
}

/* Columns of the export queries (1-based, as in the SELECT lists). */
enum
{
	G_ID = 1, G_SORT, G_PARENT, G_IDENT, G_TITLE, G_CLASS, G_PROPS, G_LINKS
};
enum
{
	C_ID = 1, C_SORT, C_GROUP, C_PARENT, C_IDENT, C_TITLE, C_CLASS,
	C_STATEMENT, C_WITHDRAWN, C_PROPS, C_LINKS
};
enum
{
	P_ID = 1, P_SORT, P_GROUP, P_CONTROL, P_IDENT, P_CLASS, P_DEPENDS_ON,
	P_LABEL, P_USAGE, P_HOW_MANY, P_REMARKS, P_PROPS, P_LINKS,
	P_GUIDELINES, P_VALUES, P_CHOICES
};
enum
{
	T_ID = 1, T_SORT, T_GROUP, T_CONTROL, T_PARENT, T_IDENT, T_NAME, T_NS,
	T_CLASS, T_TITLE, T_PROSE, T_PROPS, T_LINKS
};

typedef struct OscalExport
{
	StringInfoData buf;
	RowList	params;			/* of the catalog */
	RowList	controls;
	RowList	groups;
} OscalExport;

/* Start a new line, indented for depth (before every element we write). */
static void
indent(StringInfo buf, int depth)
{
	CHECK_FOR_INTERRUPTS();
	appendStringInfoChar(buf, '\n');
	appendStringInfoSpaces(buf, depth * 2);
}

/*
 * The id an ident is exported under: itself if it is a token, else "_"
 * and the ident with what a token cannot hold made "_" (the ident itself
 * goes into an isms property).
 */
static const char *
export_id(const char *ident)
{
	char	   *id;
	char	   *p;

	if (oscal_token_kind(ident) == 1)
		return ident;
	id = psprintf("_%s", ident);
	for (p = id + 1; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			  (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_' ||
			  (unsigned char) *p >= 0x80))
			*p = '_';
	return id;
}

/* id="..." and the optional attributes of an element. */
static void
append_attr(StringInfo buf, const char *name, const char *value)
{
	if (value == NULL)
		return;
	appendStringInfo(buf, " %s=\"", name);
	isms_xml_escape(buf, value, true);
	appendStringInfoChar(buf, '"');
}

/*
 * Markup stored by the import (already XML) as it is, but for characters
 * that XML does not allow, which an UPDATE may have put there.
 */
static void
append_stored(StringInfo buf, const char *markup)
{
	isms_xml_append_valid(buf, markup, strlen(markup));
}

/* Stored markup, indented as one line. */
static void
append_markup(StringInfo buf, const char *markup, int depth)
{
	if (markup == NULL || markup[0] == '\0')
		return;
	indent(buf, depth);
	append_stored(buf, markup);
}

/* <tag>stored markup</tag> */
static void
append_markup_element(StringInfo buf, const char *tag, const char *markup)
{
	appendStringInfo(buf, "<%s>", tag);
	append_stored(buf, markup);
	appendStringInfo(buf, "</%s>", tag);
}

/* Props of a group or control: our ident first (if needed), then stored. */
static void
append_props(StringInfo buf, const char *ident, const char *props_xml,
			 bool withdrawn, int depth)
{
	if (ident != NULL && oscal_token_kind(ident) != 1)
	{
		indent(buf, depth);
		appendStringInfo(buf, "<prop name=\"ident\" ns=\"%s\" value=\"", ISMS_OSCAL_NS);
		isms_xml_escape(buf, ident, true);
		appendStringInfoString(buf, "\"/>");
	}
	append_markup(buf, props_xml, depth);
	if (withdrawn)
	{
		indent(buf, depth);
		appendStringInfoString(buf, "<prop name=\"status\" value=\"withdrawn\"/>");
	}
}

/* Write a <param>. */
static void
emit_param(StringInfo buf, Row *param, int depth)
{
	char	  **f = param->f;
	int			i;

	indent(buf, depth);
	appendStringInfoString(buf, "<param");
	append_attr(buf, "id", f[P_IDENT]);
	append_attr(buf, "class", f[P_CLASS]);
	append_attr(buf, "depends-on", f[P_DEPENDS_ON]);
	appendStringInfoChar(buf, '>');
	append_markup(buf, f[P_PROPS], depth + 1);
	append_markup(buf, f[P_LINKS], depth + 1);
	if (f[P_LABEL] != NULL)
	{
		indent(buf, depth + 1);
		isms_xml_append_element(buf, "label", f[P_LABEL]);
	}
	if (f[P_USAGE] != NULL)
	{
		indent(buf, depth + 1);
		append_markup_element(buf, "usage", f[P_USAGE]);
	}
	for (i = 0; i < 3; i++)
	{
		Datum	   *elems;
		bool	   *nulls;
		int			n;
		int			j;

		if (param->array_nulls[i])
			continue;
		deconstruct_array(DatumGetArrayTypeP(param->arrays[i]), TEXTOID, -1,
						  false, TYPALIGN_INT, &elems, &nulls, &n);
		if (i == 2 && n > 0)
		{
			indent(buf, depth + 1);
			appendStringInfoString(buf, "<select");
			append_attr(buf, "how-many", f[P_HOW_MANY] != NULL &&
						strcmp(f[P_HOW_MANY], "one") != 0 ? f[P_HOW_MANY] : NULL);
			appendStringInfoChar(buf, '>');
		}
		for (j = 0; j < n; j++)
		{
			char	   *s;

			if (nulls[j])
				continue;
			s = TextDatumGetCString(elems[j]);
			if (i == 0)
			{
				indent(buf, depth + 1);
				append_markup_element(buf, "guideline", s);
			}
			else if (i == 1)
			{
				indent(buf, depth + 1);
				isms_xml_append_element(buf, "value", s);
			}
			else
			{
				indent(buf, depth + 2);
				append_markup_element(buf, "choice", s);
			}
		}
		if (i == 2 && n > 0)
		{
			indent(buf, depth + 1);
			appendStringInfoString(buf, "</select>");
		}
	}
	if (f[P_REMARKS] != NULL)
	{
		indent(buf, depth + 1);
		append_markup_element(buf, "remarks", f[P_REMARKS]);
	}
	indent(buf, depth);
	appendStringInfoString(buf, "</param>");
}

/* Write a <part> and its subparts. */
static void
emit_part(StringInfo buf, Row *part, int depth)
{
	char	  **f = part->f;
	Row	   *child;

	check_stack_depth();
	indent(buf, depth);
	appendStringInfoString(buf, "<part");
	append_attr(buf, "id", f[T_IDENT]);
	append_attr(buf, "name", f[T_NAME]);
	append_attr(buf, "ns", f[T_NS]);
	append_attr(buf, "class", f[T_CLASS]);
	appendStringInfoChar(buf, '>');
	if (f[T_TITLE] != NULL)
	{
		indent(buf, depth + 1);
		isms_xml_append_element(buf, "title", f[T_TITLE]);
	}
	append_markup(buf, f[T_PROPS], depth + 1);
	append_markup(buf, f[T_PROSE], depth + 1);
	for (child = part->parts.head; child != NULL; child = child->next)
		emit_part(buf, child, depth + 1);
	append_markup(buf, f[T_LINKS], depth + 1);
	indent(buf, depth);
	appendStringInfoString(buf, "</part>");
}

/* A control's plain-text statement, for a control without parts. */
static void
emit_statement_part(StringInfo buf, const char *xid, const char *statement,
					int depth)
{
	const char *p = statement;

	indent(buf, depth);
	appendStringInfoString(buf, "<part");
	append_attr(buf, "id", psprintf("%s_smt", xid));
	appendStringInfoString(buf, " name=\"statement\">");
	while (*p)
	{
		const char *end = strchr(p, '\n');
		int			len = end != NULL ? (int) (end - p) : (int) strlen(p);

		indent(buf, depth + 1);
		isms_xml_append_element(buf, "p", pnstrdup(p, len));
		p += len;
		if (*p == '\n')
			p++;
	}
	indent(buf, depth);
	appendStringInfoString(buf, "</part>");
}

/* Write a <control> and its enhancements. */
static void
emit_control(StringInfo buf, Row *control, int depth)
{
	char	  **f = control->f;
	const char *xid = export_id(f[C_IDENT]);
	Row	   *child;

	check_stack_depth();
	indent(buf, depth);
	appendStringInfoString(buf, "<control");
	append_attr(buf, "id", xid);
	append_attr(buf, "class", f[C_CLASS]);
	appendStringInfoChar(buf, '>');
	indent(buf, depth + 1);
	isms_xml_append_element(buf, "title", f[C_TITLE]);
	for (child = control->params.head; child != NULL; child = child->next)
		emit_param(buf, child, depth + 1);
	append_props(buf, f[C_IDENT], f[C_PROPS], strcmp(f[C_WITHDRAWN], "t") == 0,
				 depth + 1);
	append_markup(buf, f[C_LINKS], depth + 1);
	for (child = control->parts.head; child != NULL; child = child->next)
		emit_part(buf, child, depth + 1);
	if (control->parts.head == NULL && f[C_STATEMENT] != NULL)
		emit_statement_part(buf, xid, f[C_STATEMENT], depth + 1);
	for (child = control->controls.head; child != NULL; child = child->next)
		emit_control(buf, child, depth + 1);
	indent(buf, depth);
	appendStringInfoString(buf, "</control>");
}

/* Write a <group> and what it holds. */
static void
emit_group(StringInfo buf, Row *group, int depth)
{
	char	  **f = group->f;
	Row	   *child;
	Row	   *sub;
	Row	   *ctl;

	check_stack_depth();
	indent(buf, depth);
	appendStringInfoString(buf, "<group");
	append_attr(buf, "id", export_id(f[G_IDENT]));
	append_attr(buf, "class", f[G_CLASS]);
	appendStringInfoChar(buf, '>');
	indent(buf, depth + 1);
	isms_xml_append_element(buf, "title", f[G_TITLE]);
	for (child = group->params.head; child != NULL; child = child->next)
		emit_param(buf, child, depth + 1);
	append_props(buf, f[G_IDENT], f[G_PROPS], false, depth + 1);
	append_markup(buf, f[G_LINKS], depth + 1);
	for (child = group->parts.head; child != NULL; child = child->next)
		emit_part(buf, child, depth + 1);
	/* subgroups and controls, in the order of the document */
	sub = group->groups.head;
	ctl = group->controls.head;
	while (sub != NULL || ctl != NULL)
	{
		if (ctl == NULL || (sub != NULL && sub->sort_order <= ctl->sort_order))
		{
			emit_group(buf, sub, depth + 1);
			sub = sub->next;
		}
		else
		{
			emit_control(buf, ctl, depth + 1);
			ctl = ctl->next;
		}
	}
	indent(buf, depth);
	appendStringInfoString(buf, "</group>");
}

/* Document order of rows: sort order, then id. */
static int
row_order_cmp(const void *a, const void *b)
{
	const Row *x = *(Row *const *) a;
	const Row *y = *(Row *const *) b;

	if (x->sort_order != y->sort_order)
		return x->sort_order < y->sort_order ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id ? 1 : 0;
}

/* Link the rows of each table to their owners, in document order. */
static void
link_rows(OscalExport *export, RowSet *groups, RowSet *controls,
		   RowSet *params, RowSet *parts)
{
	Row	  **ordered;
	int			i;
	int			k;
	RowSet    *sets[] = {groups, controls, params, parts};

	for (k = 0; k < 4; k++)
	{
		RowSet    *set = sets[k];

		/* children are appended in sort order, ties by id */
		ordered = palloc(sizeof(Row *) * Max(set->n, 1));
		for (i = 0; i < set->n; i++)
			ordered[i] = &set->items[i];
		qsort(ordered, set->n, sizeof(Row *), row_order_cmp);
		for (i = 0; i < set->n; i++)
		{
			Row	   *item = ordered[i];
			char	  **f = item->f;
			Row	   *owner;

			switch (k)
			{
				case 0:
					owner = find_row(groups, f[G_PARENT]);
					append_row(owner != NULL ? &owner->groups : &export->groups, item);
					break;
				case 1:
					owner = find_row(controls, f[C_PARENT]);
					if (owner == NULL)
						owner = find_row(groups, f[C_GROUP]);
					append_row(owner != NULL ? &owner->controls : &export->controls, item);
					break;
				case 2:
					owner = find_row(controls, f[P_CONTROL]);
					if (owner == NULL)
						owner = find_row(groups, f[P_GROUP]);
					append_row(owner != NULL ? &owner->params : &export->params, item);
					break;
				case 3:
					owner = find_row(parts, f[T_PARENT]);
					if (owner == NULL)
						owner = find_row(controls, f[T_CONTROL]);
					if (owner == NULL)
						owner = find_row(groups, f[T_GROUP]);
					if (owner != NULL)
						append_row(&owner->parts, item);
					break;
			}
		}
		pfree(ordered);
	}
}

/* isms.export_oscal_catalog(framework text) RETURNS xml */
PG_FUNCTION_INFO_V1(export_oscal_catalog);
Datum
export_oscal_catalog(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	MemoryContext callcxt = CurrentMemoryContext;
	OscalExport export = {0};
	RowSet		groups;
	RowSet		controls;
	RowSet		params;
	RowSet		parts;
	Oid			types[] = {TEXTOID};
	Datum		args[1];
	char	  **fw;
	int64		framework_id;
	StringInfo	buf;
	Row	   *item;
	int			i;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	args[0] = CStringGetTextDatum(name);
	if (SPI_execute_with_args("SELECT id, uuid, title, version, oscal_version,"
							  " to_char(published AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
							  " to_char(coalesce(last_modified, updated_at) AT TIME ZONE 'UTC',"
							  "  'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
							  " oscal_metadata, oscal_back_matter"
							  " FROM framework WHERE name = $1",
							  1, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the framework");
	if (SPI_processed == 0)
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_OBJECT),
				errmsg("framework \"%s\" does not exist",
					   isms_echo(name, -1, ISMS_ECHO_CHARS)));
	fw = palloc(sizeof(char *) * 10);
	for (i = 1; i <= 9; i++)
		fw[i] = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, i);
	framework_id = strtoi64(fw[1], NULL, 10);

	load_rows(&groups,
			   "SELECT id, sort_order, parent_id, ident, title, class,"
			   " oscal_props_xml(props), oscal_links_xml(links)"
			   " FROM control_group WHERE framework_id = $1", framework_id, 0, 0);
	load_rows(&controls,
			   "SELECT id, sort_order, group_id, parent_id, ident, title, class,"
			   " statement, withdrawn, oscal_props_xml(props), oscal_links_xml(links)"
			   " FROM control WHERE framework_id = $1", framework_id, 0, 0);
	load_rows(&params,
			   "SELECT id, sort_order, group_id, control_id, ident, class, depends_on,"
			   " label, usage, how_many, remarks, oscal_props_xml(props),"
			   " oscal_links_xml(links), guidelines, param_values, choices"
			   " FROM control_param WHERE framework_id = $1",
			   framework_id, P_GUIDELINES, 3);
	load_rows(&parts,
			   "SELECT id, sort_order, group_id, control_id, parent_id, ident, name,"
			   " ns, class, title, prose, oscal_props_xml(props), oscal_links_xml(links)"
			   " FROM control_part WHERE framework_id = $1", framework_id, 0, 0);
	link_rows(&export, &groups, &controls, &params, &parts);

	buf = &export.buf;
	initStringInfo(buf);
	appendStringInfo(buf, "<catalog xmlns=\"%s\" uuid=\"%s\">", OSCAL_NS, fw[2]);
	indent(buf, 1);
	appendStringInfoString(buf, "<metadata>");
	indent(buf, 2);
	isms_xml_append_element(buf, "title", fw[3]);
	if (fw[6] != NULL)
	{
		indent(buf, 2);
		isms_xml_append_element(buf, "published", fw[6]);
	}
	indent(buf, 2);
	isms_xml_append_element(buf, "last-modified", fw[7]);
	indent(buf, 2);
	isms_xml_append_element(buf, "version", fw[4] != NULL ? fw[4] : "1");
	indent(buf, 2);
	isms_xml_append_element(buf, "oscal-version", fw[5] != NULL ? fw[5] : "1.1.2");
	append_markup(buf, fw[8], 2);
	indent(buf, 1);
	appendStringInfoString(buf, "</metadata>");
	for (item = export.params.head; item != NULL; item = item->next)
		emit_param(buf, item, 1);
	for (item = export.controls.head; item != NULL; item = item->next)
		emit_control(buf, item, 1);
	for (item = export.groups.head; item != NULL; item = item->next)
		emit_group(buf, item, 1);
	if (fw[9] != NULL)
	{
		indent(buf, 1);
		append_markup_element(buf, "back-matter", fw[9]);
	}
	appendStringInfoString(buf, "\n</catalog>\n");

	/* stored markup may have been edited: never hand out broken XML */
	isms_xml_check_wellformed(buf->data, buf->len, "exported OSCAL catalog");

	{
		MemoryContext spicxt = MemoryContextSwitchTo(callcxt);
		Datum		result = isms_xml_datum(buf);

		MemoryContextSwitchTo(spicxt);
		SPI_finish();
		PG_RETURN_DATUM(result);
	}
}
