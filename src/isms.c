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
#include "storage/lmgr.h"
#include "storage/lock.h"
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

/*
 * Take an advisory lock of isms, held until the transaction ends.  space
 * (the lock tag's last field) is never 1 or 2, which the SQL advisory lock
 * functions use, so no session can take these locks from SQL; each lock of
 * isms has a space of its own, so that their keys cannot collide.
 */
void
isms_advisory_xact_lock(uint32 key1, uint32 key2, uint16 space)
{
	LOCKTAG		tag;

	Assert(space != 1 && space != 2);
	SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, key1, key2, space);
	(void) LockAcquire(&tag, ExclusiveLock, false, false);
}
