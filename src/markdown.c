/*
 * markdown.c
 *	  OSCAL's Markdown as OSCAL markup (oscal_json.c writes catalog prose with
 *	  it): paragraphs, headings, lists, code blocks, quotes; emphasis,
 *	  strong, code, links and parameter insertions
 *	  ("{{ insert: param, id }}").
 */
#include "postgres.h"

#include <ctype.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"

#include "markdown.h"
#include "xml_common.h"


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

/*
 * A span of emphasis whose marker (mlen characters) opens at s[i] and
 * closes at s[close], as <tag>: its content is inline Markdown again.
 * Returns where the text after the closing marker starts.
 */
static int
md_span(StringInfo buf, const char *s, int i, int close, int mlen,
		const char *tag, int depth)
{
	appendStringInfo(buf, "<%s>", tag);
	md_inline(buf, s + i + mlen, close - i - mlen, depth + 1);
	appendStringInfo(buf, "</%s>", tag);
	return close + mlen;
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
			i = start = md_span(buf, s, i, close, 2, "strong", depth);
			continue;
		}
		if (depth < 8 && s[i] == '*' && (close = md_find(s, i + 1, len, "*")) > i + 1)
		{
			md_escape(buf, s + start, i - start);
			i = start = md_span(buf, s, i, close, 1, "em", depth);
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
void
markdown_blocks(StringInfo buf, const char *md)
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

/* Markdown inline prose (one line: emphasis, code, links, insertions) to markup. */
void
markdown_inline(StringInfo buf, const char *s, int len)
{
	md_inline(buf, s, len, 0);
}

