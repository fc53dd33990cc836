/*
 * xml_common.h
 *	  Safe XML reading and writing on libxml2, shared by the OSCAL, scanner,
 *	  SoA and SVG code.
 *
 * Every document is parsed through isms_xml_with_document(), which runs
 * libxml2 under the server's pg_xml_init()/pg_xml_done() error handling,
 * with no network access, no DTD loading, no entity substitution, and which
 * rejects any document type declaration outright (no XXE, no "billion
 * laughs").  Documents larger than the setting isms.xml_max_size are
 * refused before parsing.
 */
#ifndef ISMS_XML_COMMON_H
#define ISMS_XML_COMMON_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"

#include <libxml/tree.h>

/* the namespace of OSCAL XML documents */
#define ISMS_OSCAL_NAMESPACE "http://csrc.nist.gov/ns/oscal/1.0"

/* the setting isms.xml_max_size, in kilobytes */
extern int	isms_xml_max_size_kb;

extern void isms_xml_define_settings(void);

/* Work on a parsed document; runs inside the libxml2 error context. */
typedef void (*IsmsXmlWork) (xmlDocPtr doc, void *arg);

extern text *isms_xml_getarg(FunctionCallInfo fcinfo, int argno,
							  const char *what);
extern void isms_xml_with_document(text *document, const char *what,
								   IsmsXmlWork work, void *arg);
extern void isms_xml_check_size(Size bytes, const char *what);
extern void isms_xml_check_wellformed(const char *data, int len,
									  const char *what);

/* Reading a parsed tree (strings come back palloc'd in server encoding). */
extern bool isms_xml_is(xmlNodePtr node, const char *ns, const char *name);
extern xmlNodePtr isms_xml_first(xmlNodePtr parent, const char *ns,
								 const char *name);
extern xmlNodePtr isms_xml_next(xmlNodePtr node, const char *ns,
								const char *name);
extern char *isms_xml_attr(xmlNodePtr node, const char *name);
extern char *isms_xml_attr_utf8(xmlNodePtr node, const char *name);
extern char *isms_xml_text(xmlNodePtr node);
extern char *isms_xml_child_text(xmlNodePtr parent, const char *ns,
								 const char *name);
extern int	isms_xml_line(xmlNodePtr node);
extern char *isms_xml_to_server(const char *utf8, int len);

/* Writing. */
extern void isms_xml_escape(StringInfo buf, const char *str, bool attribute);
extern void isms_xml_append_valid(StringInfo buf, const char *markup, int len);
extern void isms_xml_append_element(StringInfo buf, const char *name,
									const char *content);
extern void isms_xml_serialize(StringInfo buf, xmlNodePtr node,
							   const char *ns);
extern void isms_xml_serialize_children(StringInfo buf, xmlNodePtr parent,
										const char *ns);
extern Datum isms_xml_datum(StringInfo buf);

#endif							/* ISMS_XML_COMMON_H */
