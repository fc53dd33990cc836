/*
 * isms.c
 *	  The isms module: an ISO/IEC 27001 information security management
 *	  system inside PostgreSQL.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_class.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

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

/* The owner of a relation. */
Oid
isms_relation_owner(Oid relid)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);
	return owner;
}

/*
 * Whether the current user holds mode on a column of a relation, granted on
 * the table or on the column (as has_column_privilege() answers).
 */
bool
isms_has_column_privilege(Oid relid, const char *column, AclMode mode)
{
	AttrNumber	attnum;

	if (pg_class_aclcheck(relid, GetUserId(), mode) == ACLCHECK_OK)
		return true;
	attnum = get_attnum(relid, column);
	return attnum != InvalidAttrNumber &&
		pg_attribute_aclcheck(relid, attnum, GetUserId(), mode) == ACLCHECK_OK;
}
