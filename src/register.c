/*
 * register.c
 *	  Triggers shared by the register tables: updated_at, and no cycles in
 *	  the tables that are graphs (org_unit, asset_dependency); and the lock
 *	  of the scheduled checks.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "isms.h"

/*
 * BEFORE UPDATE row trigger: set updated_at to the transaction's start time
 * (now()), whatever the client wrote.  In C because every register table has
 * it on every update.
 */
static const IsmsColumn updated_at_column[] = {{"updated_at", "timestamptz"}};

PG_FUNCTION_INFO_V1(set_updated_at);
Datum
set_updated_at(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	tupdesc;
	int			attnum;
	Datum		value;
	bool		isnull = false;

	if (!CALLED_AS_TRIGGER(fcinfo) ||
		!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("set_updated_at must be a BEFORE INSERT or UPDATE row trigger"));
	isms_trigger_check(fcinfo, NULL, updated_at_column, 1);

	tupdesc = RelationGetDescr(trigdata->tg_relation);
	attnum = SPI_fnumber(tupdesc, "updated_at");
	value = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		return PointerGetDatum(heap_modify_tuple_by_cols(trigdata->tg_newtuple, tupdesc,
														 1, &attnum, &value, &isnull));
	return PointerGetDatum(heap_modify_tuple_by_cols(trigdata->tg_trigtuple, tupdesc,
													 1, &attnum, &value, &isnull));
}

/*
 * The lock that orders the writers of one table's edges: an advisory lock
 * on (0x69736d73 "isms", the table's oid) in a space of its own
 * (ISMS_LOCK_ACYCLIC_EDGES), so that no other session can take it from SQL.
 * pg_locks shows it as locktype advisory, classid 1769172339, objid the
 * table's oid, objsubid 26981.
 */
#define ACYCLIC_LOCK_KEY	0x69736d73

/* Take the lock on rel's edges, held until the transaction ends. */
static void
acyclic_lock_edges(Relation rel)
{
	isms_advisory_xact_lock(ACYCLIC_LOCK_KEY, RelationGetRelid(rel), ISMS_LOCK_ACYCLIC_EDGES);
}

/*
 * BEFORE INSERT OR UPDATE statement trigger of a table with check_acyclic:
 * takes the lock on its edges before the statement locks any row.  Taken
 * only in check_acyclic, after the row's lock, a writer could wait for the
 * edge lock while holding a row lock that the lock's holder needs next.
 */
PG_FUNCTION_INFO_V1(acyclic_lock);
Datum
acyclic_lock(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) ||
		!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("acyclic_lock must be a BEFORE statement trigger"));
	isms_trigger_check(fcinfo, NULL, NULL, 0);
	acyclic_lock_edges(trigdata->tg_relation);
	return PointerGetDatum(NULL);
}

/* An int8 column of a trigger's row, by name; false if it is NULL. */
static bool
acyclic_column(Relation rel, HeapTuple tuple, const char *name, int64 *value)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	int			attnum = SPI_fnumber(tupdesc, name);
	bool		isnull;
	Datum		datum;

	if (attnum <= 0)
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_COLUMN),
				errmsg("table \"%s\" has no column \"%s\"", RelationGetRelationName(rel), name));
	if (TupleDescAttr(tupdesc, attnum - 1)->atttypid != INT8OID)
		ereport(ERROR,
				errcode(ERRCODE_DATATYPE_MISMATCH),
				errmsg("column \"%s\" of table \"%s\" is not of type bigint",
					   name, RelationGetRelationName(rel)));
	datum = heap_getattr(tuple, attnum, tupdesc, &isnull);
	if (!isnull)
		*value = DatumGetInt64(datum);
	return !isnull;
}

/*
 * AFTER INSERT OR UPDATE row trigger: refuses a row whose edge (child ->
 * parent) closes a cycle.  Arguments: the child column, the parent column
 * (both bigint) and the constraint name to report.
 *
 * Two transactions could each add an edge that is harmless alone and close
 * a cycle together.  So writers of one table's edges take turns: the
 * statement trigger acyclic_lock takes a transaction-level lock on the
 * table's edges before the statement locks rows (this trigger takes it too,
 * which costs nothing when it is held), and the cycle is looked for with
 * the latest snapshot.  That snapshot sees the edges of a transaction it
 * waited for, also in REPEATABLE READ, where the transaction's own snapshot
 * is older.  An UPDATE that leaves the edge as it was checks nothing.
 */
PG_FUNCTION_INFO_V1(check_acyclic);
Datum
check_acyclic(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Relation	rel;
	HeapTuple	tuple;
	const char *child_col;
	const char *parent_col;
	int64		child;
	int64		parent;
	char	   *sql;
	Oid			argtypes[2] = {INT8OID, INT8OID};
	Datum		args[2];
	SPIPlanPtr	plan;
	bool		isnull;
	bool		cycle;

	if (!CALLED_AS_TRIGGER(fcinfo) ||
		!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("check_acyclic must be an AFTER INSERT or UPDATE row trigger"));
	if (trigdata->tg_trigger->tgnargs != 3)
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("check_acyclic needs three arguments: child column, parent column, constraint name"));
	isms_trigger_check(fcinfo, NULL, NULL, 0);
	rel = trigdata->tg_relation;
	tuple = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ?
		trigdata->tg_newtuple : trigdata->tg_trigtuple;
	child_col = trigdata->tg_trigger->tgargs[0];
	parent_col = trigdata->tg_trigger->tgargs[1];
	if (!acyclic_column(rel, tuple, parent_col, &parent) ||
		!acyclic_column(rel, tuple, child_col, &child))
		return PointerGetDatum(NULL);
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
	{
		int64		old_child;
		int64		old_parent;

		if (acyclic_column(rel, trigdata->tg_trigtuple, parent_col, &old_parent) &&
			acyclic_column(rel, trigdata->tg_trigtuple, child_col, &old_child) &&
			old_parent == parent && old_child == child)
			return PointerGetDatum(NULL);
	}

	acyclic_lock_edges(rel);

	/* everything reachable upwards from the new parent */
	sql = psprintf("WITH RECURSIVE up(n) AS (SELECT $1 UNION SELECT t.%s FROM %s t"
				   " JOIN up ON t.%s OPERATOR(pg_catalog.=) up.n)"
				   " SELECT EXISTS (SELECT FROM up WHERE n OPERATOR(pg_catalog.=) $2)",
				   quote_identifier(parent_col),
				   quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
											  RelationGetRelationName(rel)),
				   quote_identifier(child_col));
	args[0] = Int64GetDatum(parent);
	args[1] = Int64GetDatum(child);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = SPI_prepare(sql, 2, argtypes);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	if (SPI_execute_snapshot(plan, args, NULL, GetLatestSnapshot(), InvalidSnapshot,
							 false, false, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not look for a cycle in table \"%s\"", RelationGetRelationName(rel));
	cycle = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_finish();
	pfree(sql);

	if (cycle && !isnull)
		ereport(ERROR,
				errcode(ERRCODE_CHECK_VIOLATION),
				errmsg("new row for relation \"%s\" would create a cycle",
					   RelationGetRelationName(rel)),
				errdetail("%s %lld is already reachable from %s %lld.",
						  child_col, (long long) child, parent_col, (long long) parent),
				errtableconstraint(rel, trigdata->tg_trigger->tgargs[2]));
	return PointerGetDatum(NULL);
}

/*
 * The lock that lets one isms.run_scheduled_checks() run at a time: the
 * keys (0x69736d73 "isms", 0x63686b73 "chks") in a space of its own
 * (ISMS_LOCK_SCHEDULED_CHECKS).  pg_locks shows it as classid 1769172339,
 * objid 1667787635, objsubid 26995.
 */
#define SCHEDULED_CHECKS_LOCK_KEY1	0x69736d73
#define SCHEDULED_CHECKS_LOCK_KEY2	0x63686b73

/*
 * isms.scheduled_checks_lock(): takes the lock that lets one
 * isms.run_scheduled_checks() run at a time, held until the transaction
 * ends.  It is an advisory lock in a space of its own, which SQL cannot
 * take, and only for roles that may write what the checks write (the status
 * of isms.risk_acceptance, rows of isms.risk_review_overdue): else any role
 * could hold up the scheduler.
 */
PG_FUNCTION_INFO_V1(scheduled_checks_lock);
Datum
scheduled_checks_lock(PG_FUNCTION_ARGS)
{
	Oid			nspid = get_func_namespace(fcinfo->flinfo->fn_oid);
	Oid			acceptance = get_relname_relid("risk_acceptance", nspid);
	Oid			overdue = get_relname_relid("risk_review_overdue", nspid);

	if (!OidIsValid(acceptance) || !OidIsValid(overdue))
		elog(ERROR, "tables risk_acceptance and risk_review_overdue do not exist");
	/* the columns the checks write, on the table or the column */
	if (!isms_has_column_privilege(acceptance, "status", ACL_UPDATE) ||
		!isms_has_column_privilege(overdue, "org_id", ACL_INSERT) ||
		!isms_has_column_privilege(overdue, "risk_id", ACL_INSERT) ||
		!isms_has_column_privilege(overdue, "due_on", ACL_INSERT))
		ereport(ERROR,
				errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				errmsg("permission denied to run the scheduled checks"),
				errdetail("They need UPDATE of isms.risk_acceptance.status and INSERT of org_id, risk_id and due_on into isms.risk_review_overdue."));
	isms_advisory_xact_lock(SCHEDULED_CHECKS_LOCK_KEY1, SCHEDULED_CHECKS_LOCK_KEY2,
							ISMS_LOCK_SCHEDULED_CHECKS);
	PG_RETURN_VOID();
}
