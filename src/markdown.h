/*
 * markdown.h
 *	  OSCAL's Markdown as OSCAL markup (markdown.c).
 */
#ifndef ISMS_MARKDOWN_H
#define ISMS_MARKDOWN_H

#include "postgres.h"

#include "lib/stringinfo.h"

extern void markdown_blocks(StringInfo buf, const char *md);
extern void markdown_inline(StringInfo buf, const char *s, int len);

#endif							/* ISMS_MARKDOWN_H */
