/*
 * xml_common.c
 *	  Safe XML parsing on the server's libxml2 error handling, and the small
 *	  reading and writing helpers that the OSCAL, scanner and SVG code share.
 *
 * The parser runs with XML_PARSE_NONET (no network), without
 * XML_PARSE_NOENT (no entity substitution) and without XML_PARSE_DTDLOAD
 * (no external DTD), and a SAX hook stops it at the first document type
 * declaration: a document with a DOCTYPE is rejected, so that neither an
 * external entity (XXE, reading a local file) nor an entity expansion
 * ("billion laughs") can ever be declared.  The server's pg_xml_init()
 * collects libxml2's messages, and PG_TRY guarantees pg_xml_done() and
 * xmlFreeDoc() on every path, so that a failed call leaves no parser state
 * behind.
 *
 * Every document isms writes is well-formed whatever text a column holds:
 * the writers (isms_xml_escape for text, isms_xml_append_valid for stored
 * markup and for what SQL built) replace the characters that XML 1.0 does
 * not allow, the C0 controls other than tab, newline and carriage return,
 * U+FFFE and U+FFFF, by U+FFFD.
 */
#include "postgres.h"

#include "access/detoast.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "xml_common.h"

/* 64 MB: a full NIST SP 800-53 catalog is about 2 MB, a large scan 50 MB */
int			isms_xml_max_size_kb = 64 * 1024;

/* Define the setting isms.xml_max_size; called from _PG_init. */
void
isms_xml_define_settings(void)
{
	DefineCustomIntVariable("isms.xml_max_size",
							"Largest XML document that isms reads.",
							"OSCAL catalogs and scanner reports above this size are rejected before parsing.",
							&isms_xml_max_size_kb,
							64 * 1024,
							1,
							1024 * 1024,
							PGC_SUSET,
							GUC_UNIT_KB,
							NULL, NULL, NULL);
}

/* Refuse a document larger than isms.xml_max_size. */
void
isms_xml_check_size(Size bytes, const char *what)
{
	if (bytes > (Size) isms_xml_max_size_kb * 1024)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("XML document too large"),
				errdetail("The %s has %zu bytes; the limit is %d kB.",
						  what, bytes, isms_xml_max_size_kb),
				errhint("A superuser can raise the setting isms.xml_max_size."));
}

/* What the DOCTYPE hook reports back to the parsing code. */
typedef struct ParseState
{
	int			doctype_line;	/* line of a DOCTYPE, 0 if none */
} ParseState;

/*
 * SAX hook for <!DOCTYPE ...>: stop the parser before it reads any
 * declaration of the internal subset or loads the external one.
 */
static void
reject_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
			   const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr) ctx;
	ParseState *state = (ParseState *) ctxt->_private;

	(void) name;
	(void) external_id;
	(void) system_id;
	state->doctype_line = ctxt->input != NULL ? ctxt->input->line : 1;
	if (state->doctype_line <= 0)
		state->doctype_line = 1;
	xmlStopParser(ctxt);
}

/*
 * Parse UTF-8 text into a document.  Must run between pg_xml_init() and
 * pg_xml_done().  Raises 2200M with libxml2's line and message when the
 * document is not well-formed, and when it has a DOCTYPE.
 */
static xmlDocPtr
parse_utf8(PgXmlErrorContext *xmlerrcxt, const char *utf8, int len,
		   const char *what)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr	doc;
	ParseState	state = {0};
	bool		wellformed;

	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL || pg_xml_error_occurred(xmlerrcxt))
		xml_ereport(xmlerrcxt, ERROR, ERRCODE_OUT_OF_MEMORY,
					"could not allocate parser context");
	ctxt->_private = &state;
	ctxt->sax->internalSubset = reject_doctype;

	/*
	 * The text is UTF-8 whatever its XML declaration says (we converted it
	 * from the server encoding), hence "UTF-8" and XML_PARSE_IGNORE_ENC.
	 */
	doc = xmlCtxtReadMemory(ctxt, utf8, len, NULL, "UTF-8",
							XML_PARSE_NONET | XML_PARSE_NOCDATA |
							XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC);
	wellformed = ctxt->wellFormed != 0;
	xmlFreeParserCtxt(ctxt);

	if (state.doctype_line > 0)
	{
		if (doc != NULL)
			xmlFreeDoc(doc);
		ereport(ERROR,
				errcode(ERRCODE_INVALID_XML_DOCUMENT),
				errmsg("invalid XML document"),
				errdetail("Line %d: the %s has a document type declaration (DOCTYPE), which isms does not accept.",
						  state.doctype_line, what),
				errhint("Remove the DOCTYPE.  isms reads no DTD and expands no entities, so that a document cannot read files or exhaust memory."));
	}
	if (doc == NULL || !wellformed || pg_xml_error_occurred(xmlerrcxt))
	{
		if (doc != NULL)
			xmlFreeDoc(doc);
		xml_ereport(xmlerrcxt, ERROR, ERRCODE_INVALID_XML_DOCUMENT,
					"invalid XML document");
	}
	if (xmlDocGetRootElement(doc) == NULL)
	{
		xmlFreeDoc(doc);
		ereport(ERROR,
				errcode(ERRCODE_INVALID_XML_DOCUMENT),
				errmsg("invalid XML document"),
				errdetail("The %s has no root element.", what));
	}
	return doc;
}

/*
 * Fetch a text argument that holds a document, checking the size limit
 * before the value is even detoasted.
 */
text *
isms_xml_getarg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	Datum		value = PG_GETARG_DATUM(argno);

	isms_xml_check_size(toast_raw_datum_size(value) - VARHDRSZ, what);
	return DatumGetTextPP(value);
}

/*
 * Parse a document (text in server encoding) and run work on it.  The
 * document is freed and the libxml2 error handling restored on every path.
 */
void
isms_xml_with_document(text *document, const char *what, IsmsXmlWork work,
					   void *arg)
{
	int			size = VARSIZE_ANY_EXHDR(document);
	char	   *utf8;
	volatile int len;
	PgXmlErrorContext *xmlerrcxt;
	volatile xmlDocPtr doc = NULL;

	isms_xml_check_size(size, what);
	utf8 = pg_server_to_any(VARDATA_ANY(document), size, PG_UTF8);
	len = utf8 != VARDATA_ANY(document) ? (int) strlen(utf8) : size;

	xmlerrcxt = pg_xml_init(PG_XML_STRICTNESS_WELLFORMED);
	PG_TRY();
	{
		doc = parse_utf8(xmlerrcxt, utf8, len, what);
		work(doc, arg);
	}
	PG_CATCH();
	{
		if (doc != NULL)
			xmlFreeDoc(doc);
		pg_xml_done(xmlerrcxt, true);
		PG_RE_THROW();
	}
	PG_END_TRY();
	xmlFreeDoc(doc);
	pg_xml_done(xmlerrcxt, false);
}

/*
 * Check that text we generated (in server encoding) is well-formed XML:
 * the last line of defence against a stored fragment that a user broke.
 */
void
isms_xml_check_wellformed(const char *data, int size, const char *what)
{
	char	   *utf8 = pg_server_to_any(data, size, PG_UTF8);
	volatile int len = utf8 != data ? (int) strlen(utf8) : size;
	PgXmlErrorContext *xmlerrcxt;
	volatile xmlDocPtr doc = NULL;
	xmlerrcxt = pg_xml_init(PG_XML_STRICTNESS_WELLFORMED);
	PG_TRY();
	{
		doc = parse_utf8(xmlerrcxt, utf8, len, what);
	}
	PG_CATCH();
	{
		pg_xml_done(xmlerrcxt, true);
		PG_RE_THROW();
	}
	PG_END_TRY();
	xmlFreeDoc(doc);
	pg_xml_done(xmlerrcxt, false);
}

/* Is node an element called name in namespace ns (NULL: no namespace)? */
bool
isms_xml_is(xmlNodePtr node, const char *ns, const char *name)
{
	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return false;
	if (name != NULL && strcmp((const char *) node->name, name) != 0)
		return false;
	if (ns == NULL)
		return node->ns == NULL;
	return node->ns != NULL && node->ns->href != NULL &&
		strcmp((const char *) node->ns->href, ns) == 0;
}

/* The first child element of parent called name (any name if NULL). */
xmlNodePtr
isms_xml_first(xmlNodePtr parent, const char *ns, const char *name)
{
	xmlNodePtr	child;

	for (child = parent->children; child != NULL; child = child->next)
		if (isms_xml_is(child, ns, name))
			return child;
	return NULL;
}

/* The next sibling element of node called name (any name if NULL). */
xmlNodePtr
isms_xml_next(xmlNodePtr node, const char *ns, const char *name)
{
	for (node = node->next; node != NULL; node = node->next)
		if (isms_xml_is(node, ns, name))
			return node;
	return NULL;
}

/* UTF-8 from libxml2 to a palloc'd string in the server encoding. */
char *
isms_xml_to_server(const char *utf8, int len)
{
	char	   *result;

	if (GetDatabaseEncoding() == PG_UTF8)
		return pnstrdup(utf8, len);
	result = pg_any_to_server(utf8, len, PG_UTF8);
	if (result == utf8)
		result = pnstrdup(utf8, len);
	return result;
}

/* Append the text of node and its descendants (UTF-8). */
static void
append_text(StringInfo buf, xmlNodePtr node)
{
	xmlNodePtr	child;

	check_stack_depth();
	switch (node->type)
	{
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (node->content != NULL)
				appendStringInfoString(buf, (const char *) node->content);
			break;
		case XML_ELEMENT_NODE:
		case XML_ATTRIBUTE_NODE:
			for (child = node->children; child != NULL; child = child->next)
				append_text(buf, child);
			break;
		default:
			break;
	}
}

/* The value of an attribute without namespace in UTF-8, or NULL. */
char *
isms_xml_attr_utf8(xmlNodePtr node, const char *name)
{
	xmlAttrPtr	attr;

	for (attr = node->properties; attr != NULL; attr = attr->next)
	{
		if (attr->ns == NULL && strcmp((const char *) attr->name, name) == 0)
		{
			StringInfoData buf;

			initStringInfo(&buf);
			append_text(&buf, (xmlNodePtr) attr);
			return buf.data;
		}
	}
	return NULL;
}

/* The value of an attribute without namespace, or NULL. */
char *
isms_xml_attr(xmlNodePtr node, const char *name)
{
	char	   *utf8 = isms_xml_attr_utf8(node, name);

	return utf8 != NULL ? isms_xml_to_server(utf8, strlen(utf8)) : NULL;
}

/* The text content of an element, as it stands. */
char *
isms_xml_text(xmlNodePtr node)
{
	StringInfoData buf;

	initStringInfo(&buf);
	append_text(&buf, node);
	return isms_xml_to_server(buf.data, buf.len);
}

/* The text of the first child called name, or NULL if there is none. */
char *
isms_xml_child_text(xmlNodePtr parent, const char *ns, const char *name)
{
	xmlNodePtr	child = isms_xml_first(parent, ns, name);

	return child != NULL ? isms_xml_text(child) : NULL;
}

/* The line of a node in its document. */
int
isms_xml_line(xmlNodePtr node)
{
	return (int) xmlGetLineNo(node);
}

/*
 * What a character that XML 1.0 does not allow becomes: U+FFFD, the
 * replacement character, as a character reference, which is well-formed in
 * every server encoding.
 */
#define XML_REPLACEMENT "&#xFFFD;"

/*
 * The length in bytes of the character at p if XML 1.0 does not allow it
 * (production Char: the C0 controls other than tab, newline and carriage
 * return, and U+FFFE and U+FFFF), else 0.  DEL, the C1 controls and the
 * characters beyond the BMP are allowed; surrogates cannot occur in valid
 * UTF-8, and U+FFFE and U+FFFF exist only in a UTF-8 database.
 */
static inline int
xml_invalid_char(const unsigned char *p, int avail, bool utf8)
{
	if (*p < 0x20)
		return *p == '\t' || *p == '\n' || *p == '\r' ? 0 : 1;
	if (utf8 && avail >= 3 && p[0] == 0xEF && p[1] == 0xBF &&
		(p[2] == 0xBE || p[2] == 0xBF))
		return 3;
	return 0;
}

/* Escape text for element content or an attribute value. */
void
isms_xml_escape(StringInfo buf, const char *str, bool attribute)
{
	bool		utf8 = GetDatabaseEncoding() == PG_UTF8;
	int			len = strlen(str);
	int			i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) str[i];
		int			invalid;

		/* a title or a justification may be as long as a text can be */
		if ((i & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
		switch (c)
		{
			case '&':
				appendStringInfoString(buf, "&amp;");
				break;
			case '<':
				appendStringInfoString(buf, "&lt;");
				break;
			case '>':
				appendStringInfoString(buf, "&gt;");
				break;
			case '"':
				if (attribute)
					appendStringInfoString(buf, "&quot;");
				else
					appendStringInfoChar(buf, c);
				break;
			case '\r':
				appendStringInfoString(buf, "&#13;");
				break;
			case '\n':
			case '\t':
				if (attribute)
					appendStringInfo(buf, "&#%d;", c);
				else
					appendStringInfoChar(buf, c);
				break;
			default:
				invalid = xml_invalid_char((const unsigned char *) str + i,
										   len - i, utf8);
				if (invalid > 0)
				{
					appendStringInfoString(buf, XML_REPLACEMENT);
					i += invalid - 1;
				}
				else
					appendStringInfoChar(buf, c);
				break;
		}
	}
}

/* Append len bytes of s with each character XML 1.0 does not allow replaced. */
static void
append_replacing(StringInfo buf, const char *s, int len, const char *replacement)
{
	bool		utf8 = GetDatabaseEncoding() == PG_UTF8;
	int			start = 0;
	int			i = 0;
	uint32		steps = 0;

	while (i < len)
	{
		int			invalid;

		if ((++steps & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		invalid = xml_invalid_char((const unsigned char *) s + i, len - i, utf8);
		if (invalid == 0)
		{
			i++;
			continue;
		}
		appendBinaryStringInfo(buf, s + start, i - start);
		appendStringInfoString(buf, replacement);
		i += invalid;
		start = i;
	}
	appendBinaryStringInfo(buf, s + start, len - start);
}

/*
 * Append XML (markup in the server encoding) with the characters that XML
 * 1.0 does not allow replaced, and nothing else changed: for markup that
 * was stored, or built by SQL, whose text no writer of ours escaped.
 */
void
isms_xml_append_valid(StringInfo buf, const char *markup, int len)
{
	append_replacing(buf, markup, len, XML_REPLACEMENT);
}

/*
 * isms.xml_replace_invalid(doc xml) RETURNS xml
 *
 * The document with every character that XML 1.0 does not allow replaced
 * by U+FFFD (written &#xFFFD;).  The server's xmlelement() copies control
 * characters of its arguments as they are, which makes its result not
 * well-formed; the SQL functions that build XML pass it through this.
 */
PG_FUNCTION_INFO_V1(xml_replace_invalid);
Datum
xml_replace_invalid(PG_FUNCTION_ARGS)
{
	text	   *doc = PG_GETARG_TEXT_PP(0);
	StringInfoData buf;

	initStringInfo(&buf);
	isms_xml_append_valid(&buf, VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc));
	PG_RETURN_DATUM(isms_xml_datum(&buf));
}

/*
 * isms.xml_valid_text(value text) RETURNS text
 *
 * The text with every character that XML 1.0 does not allow replaced by
 * U+FFFD itself, for the arguments of xmlelement() and xmlattributes():
 * libxml2 writes U+FFFE and U+FFFF in an attribute as the character
 * references of their three bytes, or a lone byte at the end of the value,
 * which no parser reads back.  A database of another encoding than UTF-8
 * has no U+FFFD to write and no U+FFFE or U+FFFF to meet: its text is
 * returned as it is, and xml_replace_invalid replaces the control
 * characters in the document.
 */
PG_FUNCTION_INFO_V1(xml_valid_text);
Datum
xml_valid_text(PG_FUNCTION_ARGS)
{
	text	   *value = PG_GETARG_TEXT_PP(0);
	StringInfoData buf;

	if (GetDatabaseEncoding() != PG_UTF8)
		PG_RETURN_TEXT_P(value);
	initStringInfo(&buf);
	append_replacing(&buf, VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value),
					 "\xEF\xBF\xBD");
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf.data, buf.len));
}

/* Append <name>content</name>, content escaped. */
void
isms_xml_append_element(StringInfo buf, const char *name, const char *content)
{
	appendStringInfo(buf, "<%s>", name);
	isms_xml_escape(buf, content, false);
	appendStringInfo(buf, "</%s>", name);
}

/*
 * Elements whose content is text mixed with inline markup: white space in
 * them is significant (collapsed to one space).  Anywhere else a text node
 * of white space only is layout and is dropped.
 */
static bool
is_mixed_content(const xmlChar *name)
{
	static const char *const mixed[] = {
		"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "em",
		"strong", "b", "i", "sub", "sup", "q", "code", "a", "span", "img",
		"title", "label", "choice", "text", "value", "description", "pre",
		"name", "addr-line", "city", "state", "postal-code", "country",
		"email-address", "telephone-number", "url", "short-name",
		"document-id", "party-uuid", "member-of-organization",
		"location-uuid", "published", "last-modified", "version",
		"oscal-version", "base64", "prose"
	};
	int			i;

	for (i = 0; i < (int) lengthof(mixed); i++)
		if (strcmp((const char *) name, mixed[i]) == 0)
			return true;
	return false;
}

/* Elements at whose edges white space is trimmed (block-level text). */
static bool
is_text_block(const xmlChar *name)
{
	static const char *const blocks[] = {
		"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "title",
		"label", "choice", "text", "value", "description", "name",
		"addr-line", "city", "state", "postal-code", "country",
		"email-address", "telephone-number", "url", "short-name",
		"document-id", "party-uuid", "member-of-organization",
		"location-uuid", "published", "last-modified", "version",
		"oscal-version"
	};
	int			i;

	for (i = 0; i < (int) lengthof(blocks); i++)
		if (strcmp((const char *) name, blocks[i]) == 0)
			return true;
	return false;
}

/* Append UTF-8 text with runs of white space collapsed, escaped. */
static void
append_collapsed(StringInfo buf, const char *text, bool trim_start,
				 bool trim_end)
{
	StringInfoData tmp;
	const char *p;
	bool		space = false;

	initStringInfo(&tmp);
	for (p = text; *p; p++)
	{
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		{
			space = true;
			continue;
		}
		if (space && !(trim_start && tmp.len == 0))
			appendStringInfoChar(&tmp, ' ');
		space = false;
		appendStringInfoChar(&tmp, *p);
	}
	if (space && !trim_end && !(trim_start && tmp.len == 0))
		appendStringInfoChar(&tmp, ' ');
	isms_xml_escape(buf, tmp.data, false);
	pfree(tmp.data);
}

/* Is a text node nothing but white space? */
static bool
is_blank(const xmlChar *text)
{
	const xmlChar *p;

	for (p = text; p != NULL && *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return false;
	return true;
}

static void serialize_node(StringInfo buf, xmlNodePtr node, const char *ns,
						   bool preformatted);

/* Serialize the children of parent (see isms_xml_serialize_children). */
static void
serialize_children(StringInfo buf, xmlNodePtr parent, const char *ns,
				   bool preformatted)
{
	bool		mixed = is_mixed_content(parent->name);
	bool		block = is_text_block(parent->name);
	xmlNodePtr	child;

	for (child = parent->children; child != NULL; child = child->next)
	{
		if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
		{
			if (child->content == NULL)
				continue;
			if (preformatted)
				isms_xml_escape(buf, (const char *) child->content, false);
			else if (mixed)
				append_collapsed(buf, (const char *) child->content,
								 block && child->prev == NULL,
								 block && child->next == NULL);
			else if (!is_blank(child->content))
				append_collapsed(buf, (const char *) child->content,
								 true, true);
		}
		else if (child->type == XML_ELEMENT_NODE)
			serialize_node(buf, child, ns, preformatted);
	}
}

/* Serialize one element (and its subtree) of namespace ns. */
static void
serialize_node(StringInfo buf, xmlNodePtr node, const char *ns,
			   bool preformatted)
{
	xmlAttrPtr	attr;

	check_stack_depth();
	if (!isms_xml_is(node, ns, NULL))
		return;					/* foreign elements are not carried over */
	appendStringInfo(buf, "<%s", (const char *) node->name);
	for (attr = node->properties; attr != NULL; attr = attr->next)
	{
		StringInfoData value;

		if (attr->ns != NULL &&
			strcmp((const char *) attr->ns->href,
				   (const char *) XML_XML_NAMESPACE) != 0)
			continue;
		initStringInfo(&value);
		append_text(&value, (xmlNodePtr) attr);
		appendStringInfo(buf, " %s%s=\"", attr->ns != NULL ? "xml:" : "",
						 (const char *) attr->name);
		isms_xml_escape(buf, value.data, true);
		appendStringInfoChar(buf, '"');
		pfree(value.data);
	}
	if (node->children == NULL)
	{
		appendStringInfoString(buf, "/>");
		return;
	}
	appendStringInfoChar(buf, '>');
	serialize_children(buf, node, ns,
					   preformatted || strcmp((const char *) node->name, "pre") == 0);
	appendStringInfo(buf, "</%s>", (const char *) node->name);
}

/*
 * Serialize an element as an XML fragment in UTF-8, without namespace
 * declarations: its elements take the default namespace of wherever the
 * fragment is written back.  Elements of other namespaces, comments and
 * processing instructions are left out; white space is normalized the
 * way HTML renders it (collapsed in text, dropped between blocks), except
 * inside <pre>.
 */
void
isms_xml_serialize(StringInfo buf, xmlNodePtr node, const char *ns)
{
	serialize_node(buf, node, ns, false);
}

/* Serialize the content of parent (see isms_xml_serialize). */
void
isms_xml_serialize_children(StringInfo buf, xmlNodePtr parent, const char *ns)
{
	serialize_children(buf, parent, ns, false);
}

/* The xml Datum of text we wrote in the server encoding. */
Datum
isms_xml_datum(StringInfo buf)
{
	return PointerGetDatum(cstring_to_text_with_len(buf->data, buf->len));
}
