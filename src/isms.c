/*
 * isms.c
 *	  The isms module: an ISO/IEC 27001 information security management
 *	  system inside PostgreSQL.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/skey.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/pg_class.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "storage/lock.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "compat.h"
#include "isms.h"

PG_MODULE_MAGIC;

#include "xml_common.h"

void		_PG_init(void);

static void isms_namespace_invalidate(Datum arg, int cacheid, uint32 hashvalue);
static void isms_trigger_invalidate(Datum arg, Oid relid);

/* Define the settings of the module; register the cache callbacks. */
void
_PG_init(void)
{
	isms_xml_define_settings();
	isms_access_define_settings();
	MarkGUCPrefixReserved("isms");
	CacheRegisterSyscacheCallback(NAMESPACEOID, isms_namespace_invalidate, (Datum) 0);
	CacheRegisterRelcacheCallback(isms_trigger_invalidate, (Datum) 0);
}

/* ----------------------------------------------------------------------
 * The extension's own objects, by oid
 *
 * The C code never names "isms.audit_log" in a string: the schema is the
 * one pg_extension records for extension isms, found once per backend and
 * again after any change to pg_namespace (a schema renamed or dropped).
 * ----------------------------------------------------------------------
 */
static Oid	cached_namespace = InvalidOid;

static void
isms_namespace_invalidate(Datum arg, int cacheid, uint32 hashvalue)
{
	(void) arg;
	(void) cacheid;
	(void) hashvalue;
	cached_namespace = InvalidOid;
}

/* The schema of extension isms, or InvalidOid if it is not installed. */
Oid
isms_namespace(bool missing_ok)
{
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;
	Oid			nsp = InvalidOid;

	if (OidIsValid(cached_namespace))
		return cached_namespace;

	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber, F_NAMEEQ,
				CStringGetDatum("isms"));
	scan = systable_beginscan(rel, ExtensionNameIndexId, true, NULL, 1, &key);
	tuple = systable_getnext(scan);
	if (HeapTupleIsValid(tuple))
		nsp = ((Form_pg_extension) GETSTRUCT(tuple))->extnamespace;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);

	if (!OidIsValid(nsp) && !missing_ok)
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_OBJECT),
				errmsg("extension \"isms\" is not installed"));
	cached_namespace = nsp;
	return nsp;
}

/* A relation of the extension's schema, or InvalidOid. */
Oid
isms_relid(const char *relname, bool missing_ok)
{
	Oid			nsp = isms_namespace(missing_ok);
	Oid			relid = OidIsValid(nsp) ? get_relname_relid(relname, nsp) : InvalidOid;

	if (!OidIsValid(relid) && !missing_ok)
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_TABLE),
				errmsg("relation \"%s\" of extension \"isms\" does not exist", relname),
				errhint("The extension may have been altered; run ALTER EXTENSION isms UPDATE or install it again."));
	return relid;
}

/* ----------------------------------------------------------------------
 * Trigger functions fire only on the tables they were written for
 *
 * Anyone with USAGE on the schema could otherwise attach a trigger function
 * of isms to a table of their own whose columns have other types, and the C
 * code would read a text as a timestamp.  A check passes when the table is a
 * member of the very extension the function belongs to (pg_depend, by oid),
 * has the expected name, and its columns have the expected types.  Passed
 * checks are remembered per (function, table) until the table's relcache
 * entry is invalidated (ALTER TABLE, DROP, ...).
 * ----------------------------------------------------------------------
 */
#define TRIGGER_CHECKS	32

typedef struct TriggerCheck
{
	Oid			funcid;
	Oid			relid;
} TriggerCheck;

static TriggerCheck trigger_checks[TRIGGER_CHECKS];
static int	ntrigger_checks = 0;

static void
isms_trigger_invalidate(Datum arg, Oid relid)
{
	int			keep = 0;

	(void) arg;
	for (int i = 0; i < ntrigger_checks; i++)
		if (OidIsValid(relid) && trigger_checks[i].relid != relid)
			trigger_checks[keep++] = trigger_checks[i];
	ntrigger_checks = keep;
}

/* The oid of a column type named in an IsmsColumn. */
static Oid
isms_column_type(const char *type, Oid nsp)
{
	if (strcmp(type, "bigint") == 0)
		return INT8OID;
	if (strcmp(type, "text") == 0)
		return TEXTOID;
	if (strcmp(type, "date") == 0)
		return DATEOID;
	if (strcmp(type, "timestamptz") == 0)
		return TIMESTAMPTZOID;
	if (strcmp(type, "boolean") == 0)
		return BOOLOID;
	return GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum(type),
						   ObjectIdGetDatum(nsp));
}

/*
 * Check that the trigger calling us fires on a table of extension isms
 * named relname (NULL: any table of the extension), whose columns named in
 * columns exist with their types.  Raises an error otherwise.  On Citus, a
 * shard of such a table passes too (citus.c): the table is its logical
 * table.
 */
void
isms_trigger_check(FunctionCallInfo fcinfo, const char *relname,
				   const IsmsColumn *columns, int ncolumns)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Oid			funcid = fcinfo->flinfo->fn_oid;
	Relation	rel = td->tg_relation;
	Oid			relid = RelationGetRelid(rel);
	TupleDesc	desc = RelationGetDescr(rel);
	const char *funcname;
	Oid			ext;
	Oid			logical;

	for (int i = 0; i < ntrigger_checks; i++)
		if (trigger_checks[i].funcid == funcid && trigger_checks[i].relid == relid)
			return;

	funcname = get_func_name(funcid);
	ext = getExtensionOfObject(ProcedureRelationId, funcid);
	logical = isms_logical_relid(rel);
	if (!OidIsValid(ext) ||
		getExtensionOfObject(RelationRelationId, logical) != ext ||
		(relname != NULL &&
		 (logical == relid ? strcmp(RelationGetRelationName(rel), relname) != 0 :
		  get_rel_name(logical) == NULL || strcmp(get_rel_name(logical), relname) != 0)))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("trigger function %s cannot fire on table \"%s\"",
					   funcname ? funcname : "?", RelationGetRelationName(rel)),
				relname != NULL ?
				errdetail("It is an internal function of extension isms that fires only on table %s of the extension.", relname) :
				errdetail("It is an internal function of extension isms that fires only on the extension's own tables."));

	for (int c = 0; c < ncolumns; c++)
	{
		int			attnum = SPI_fnumber(desc, columns[c].name);

		if (attnum <= 0 ||
			TupleDescAttr(desc, attnum - 1)->atttypid !=
			isms_column_type(columns[c].type, get_func_namespace(funcid)))
			ereport(ERROR,
					errcode(ERRCODE_DATATYPE_MISMATCH),
					errmsg("table \"%s\" has no column \"%s\" of type %s",
						   RelationGetRelationName(rel), columns[c].name, columns[c].type),
					errdetail("Trigger function %s reads that column.", funcname ? funcname : "?"),
					errhint("The extension may have been altered; run ALTER EXTENSION isms UPDATE or install it again."));
	}

	if (ntrigger_checks == TRIGGER_CHECKS)
		ntrigger_checks = 0;
	trigger_checks[ntrigger_checks].funcid = funcid;
	trigger_checks[ntrigger_checks].relid = relid;
	ntrigger_checks++;
}

/*
 * The number of a column of a table of the extension that the C code reads
 * directly, checked to have the type it expects.
 */
AttrNumber
isms_column(Relation rel, const char *name, Oid type)
{
	int			attnum = SPI_fnumber(RelationGetDescr(rel), name);

	if (attnum <= 0 || TupleDescAttr(RelationGetDescr(rel), attnum - 1)->atttypid != type)
		ereport(ERROR,
				errcode(ERRCODE_DATATYPE_MISMATCH),
				errmsg("table \"%s\" has no column \"%s\" of type %s",
					   RelationGetRelationName(rel), name, format_type_be(type)),
				errhint("The extension may have been altered; run ALTER EXTENSION isms UPDATE or install it again."));
	return (AttrNumber) attnum;
}

/* Order of int64 values, for qsort and bsearch. */
int
isms_int64_cmp(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
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
 * Take an advisory lock of isms, held until the transaction ends, in the
 * space of its kind (IsmsLockSpace: never SQL's 1 or 2).
 */
void
isms_advisory_xact_lock(uint32 key1, uint32 key2, IsmsLockSpace space)
{
	LOCKTAG		tag;

	Assert(space != 1 && space != 2);
	SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, key1, key2, space);
	(void) LockAcquire(&tag, ExclusiveLock, false, false);
}

/*
 * Bad input quoted in an error message: the first max_chars characters of
 * str (len bytes, not necessarily NUL-terminated; -1 for up to its NUL), cut
 * on a character boundary, then "..." where there was more.  A message that
 * echoed all of a 10 MB input would carry it to the client and into the
 * server log.
 */
char *
isms_echo(const char *str, int len, int max_chars)
{
	int			cut;

	if (len < 0)
		len = strlen(str);
	cut = pg_mbcharcliplen(str, len, max_chars);

	if (cut >= len)
		return pnstrdup(str, len);
	return psprintf("%.*s...", cut, str);
}
