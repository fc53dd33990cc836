/*
 * isms.c
 *	  The isms module: an ISO/IEC 27001 information security management
 *	  system inside PostgreSQL.
 */
#include "postgres.h"

#include "fmgr.h"

#include "isms.h"

PG_MODULE_MAGIC;

#include "xml_common.h"

void		_PG_init(void);

/* Define the settings of the module. */
void
_PG_init(void)
{
	isms_xml_define_settings();
}
