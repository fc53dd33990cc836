/*
 * track.c
 *	  The tracking trigger, isms.track_changes(): for every row a register
 *	  table gains, changes or loses, one version in its history table
 *	  (history.c) and one entry in the audit log (audit.c).  The rows become
 *	  jsonb in rowjson.c; both tables are written by direct_insert.c.
 *
 * The trigger is AFTER ROW, so that it sees each row as stored, after every
 * BEFORE trigger (the lifecycle rules among them) and every default.  A
 * BEFORE TRUNCATE statement trigger with the same function records each
 * truncated row as deleted.
 *
 * Its one argument names the history table ('' for none).  What it learns
 * about the tables (columns, keys, indexes, the jsonb conversion) is kept
 * in fn_extra for the rest of the statement.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/tableam.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "audit.h"
#include "compat.h"
#include "history.h"
#include "isms.h"
#include "rowjson.h"
#include "track.h"

/* What the trigger keeps about its table for the length of a statement. */
typedef struct TrackState
{
	Oid			relid;
	char	   *table_name;		/* schema-qualified, quoted where needed */
	int			nkeys;			/* the primary key's columns */
	AttrNumber	keys[INDEX_MAX_KEYS];
	RowJson		rowjson;
	HistoryTarget *history;		/* NULL if the table keeps no history */
	AttrNumber	org_attnum;		/* the organization's column (its audit
								 * chain), or 0 */
	Oid			org_type;		/* its type: int8, int4 or int2 */
	Oid			current_role;	/* current_user and session_user, by name */
	const char *current_name;
	Oid			session_role;
	const char *session_name;
	/* on Citus, the shard the trigger fires on (citus.c), else NULL */
	IsmsShard  *shard;
	IsmsShard	shard_data;
} TrackState;

/*
 * Only tables that isms.track() may track write the log: permanent tables
 * owned by the audit log's owner or by a superuser.  Anyone with USAGE on
 * the schema can attach track_changes() to a table of their own (EXECUTE is
 * revoked from PUBLIC from 1.1 on, but a 1.0 schema still grants it): such
 * a table must not append to the log, nor take the chain's lock, which is
 * held to the end of a transaction that appends early.
 */
static void
track_check_table(Relation rel, const char *table_name)
{
	Oid			owner = rel->rd_rel->relowner;
	Oid			log = isms_relid(AUDIT_LOG_TABLE, true);

	if (rel->rd_rel->relpersistence != RELPERSISTENCE_PERMANENT)
		ereport(ERROR,
				errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				errmsg("table %s cannot be tracked", table_name),
				errdetail("Temporary and unlogged tables are never tracked."));
	if (!OidIsValid(log))
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_TABLE),
				errmsg("the audit log of extension \"isms\" does not exist"));
	if (owner != isms_relation_owner(log) && !superuser_arg(owner))
		ereport(ERROR,
				errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				errmsg("table %s cannot be tracked", table_name),
				errdetail("Only tables owned by the owner of the audit log (role %s) or by a superuser write the audit log.",
						  GetUserNameFromId(isms_relation_owner(log), false)),
				errhint("Change the table's owner, then call isms.track() again."));
}

/*
 * The column that names a row's organization, whose audit chain its entries
 * go into: org_id, or id for isms.organization itself.  A table without one
 * (or whose column is not an integer) writes the chain of no organization.
 */
static void
track_org_column(TrackState *ts, Relation rel, Oid logical)
{
	bool		organization = RelationGetNamespace(rel) == isms_namespace(true) &&
		logical == isms_relid("organization", true);
	AttrNumber	attnum = get_attnum(RelationGetRelid(rel), organization ? "id" : "org_id");

	ts->org_attnum = 0;
	if (attnum <= 0)
		return;
	ts->org_type = TupleDescAttr(RelationGetDescr(rel), attnum - 1)->atttypid;
	if (ts->org_type == INT8OID || ts->org_type == INT4OID || ts->org_type == INT2OID)
		ts->org_attnum = attnum;
}

/* What the trigger knows about its table, built on the statement's first row. */
static TrackState *
track_state(FunctionCallInfo fcinfo, TriggerData *td)
{
	TrackState *ts = (TrackState *) fcinfo->flinfo->fn_extra;
	Relation	rel = td->tg_relation;
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	MemoryContext oldcxt;
	Oid			pkoid;
	Relation	pk;
	const char *histname;
	const IsmsShard *shard;
	Oid			logical;

	if (ts != NULL && ts->relid == RelationGetRelid(rel))
		return ts;

	if (td->tg_trigger->tgnargs > 1)
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("tracking trigger \"%s\" on table \"%s\" has more than one argument",
					   td->tg_trigger->tgname, RelationGetRelationName(rel)),
				errhint("Create the trigger with isms.track()."));
	histname = td->tg_trigger->tgnargs == 1 ? td->tg_trigger->tgargs[0] : "";

	oldcxt = MemoryContextSwitchTo(mcxt);
	ts = palloc0(sizeof(TrackState));
	ts->relid = RelationGetRelid(rel);

	/*
	 * On a shard of Citus, the table is its logical table: in the audit log,
	 * in the checks, and for the tables it writes (their co-located shards)
	 */
	shard = isms_shard(rel);
	if (shard != NULL)
	{
		ts->shard_data = *shard;
		ts->shard = &ts->shard_data;
	}
	logical = shard != NULL ? shard->logical : ts->relid;
	ts->table_name = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
												get_rel_name(logical));
	track_check_table(rel, ts->table_name);

	pkoid = isms_primary_key_index(rel);
	if (!OidIsValid(pkoid))
		ereport(ERROR,
				errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("tracked table %s has no primary key", ts->table_name),
				errdetail("History and audit entries find a row by its primary key."));
	pk = index_open(pkoid, AccessShareLock);
	ts->nkeys = pk->rd_index->indnkeyatts;
	for (int i = 0; i < ts->nkeys; i++)
		ts->keys[i] = pk->rd_index->indkey.values[i];
	index_close(pk, AccessShareLock);

	track_org_column(ts, rel, logical);
	rowjson_init(&ts->rowjson, RelationGetDescr(rel), mcxt);
	if (histname[0] != '\0')
		ts->history = history_target_open(rel, logical, ts->shard, histname,
										  ts->nkeys, ts->keys, mcxt);
	MemoryContextSwitchTo(oldcxt);

	fcinfo->flinfo->fn_extra = ts;
	return ts;
}

/* A role's name, remembered for the statement. */
static const char *
role_name(TrackState *ts, Oid role, bool session)
{
	Oid		   *cached = session ? &ts->session_role : &ts->current_role;
	const char **name = session ? &ts->session_name : &ts->current_name;

	if (*cached != role || *name == NULL)
	{
		MemoryContext oldcxt = MemoryContextSwitchTo(GetMemoryChunkContext(ts));

		*name = GetUserNameFromId(role, false);
		*cached = role;
		MemoryContextSwitchTo(oldcxt);
	}
	return *name;
}

/* Whether the primary key of two versions of a row is binary equal. */
static bool
same_key(TrackState *ts, TupleDesc desc, const Datum *a, const bool *anull,
		 const Datum *b, const bool *bnull)
{
	for (int i = 0; i < ts->nkeys; i++)
	{
		int			att = ts->keys[i] - 1;
		Form_pg_attribute attr = TupleDescAttr(desc, att);

		if (anull[att] != bnull[att])
			return false;
		if (!anull[att] &&
			!datumIsEqual(a[att], b[att], attr->attbyval, attr->attlen))
			return false;
	}
	return true;
}

/*
 * Record one change: old is the row before (UPDATE, DELETE), new the row
 * after (INSERT, UPDATE).
 */
static void
track_row(TrackState *ts, TupleDesc desc, const char *operation,
		  const Datum *oldv, const bool *oldn, const Datum *newv, const bool *newn)
{
	const char *user = role_name(ts, GetUserId(), false);
	const char *session = role_name(ts, GetSessionUserId(), true);
	Jsonb	   *key;
	Jsonb	   *old_row = NULL;
	Jsonb	   *new_row = NULL;
	bool		has_org = false;
	int64		org_id = 0;

	if (ts->history != NULL)
	{
		/* an UPDATE that changes the key ends the old key's history */
		if (oldv != NULL && newv != NULL && !same_key(ts, desc, oldv, oldn, newv, newn))
			history_record(ts->history, TRACK_DELETE, user, oldv, oldn);
		if (newv != NULL)
			history_record(ts->history, operation, user, newv, newn);
		else
			history_record(ts->history, operation, user, oldv, oldn);
	}

	if (oldv != NULL)
		old_row = rowjson_row(&ts->rowjson, oldv, oldn);
	if (newv != NULL)
		new_row = rowjson_row(&ts->rowjson, newv, newn);
	key = rowjson_key(&ts->rowjson, ts->nkeys, ts->keys,
					  newv != NULL ? newv : oldv, newv != NULL ? newn : oldn);
	/* the organization of the new row; of the old one for a DELETE */
	if (ts->org_attnum > 0)
	{
		int			att = ts->org_attnum - 1;
		const Datum *values = newv != NULL ? newv : oldv;
		const bool *isnull = newv != NULL ? newn : oldn;

		has_org = !isnull[att];
		if (has_org)
			org_id = ts->org_type == INT8OID ? DatumGetInt64(values[att]) :
				ts->org_type == INT4OID ? DatumGetInt32(values[att]) : DatumGetInt16(values[att]);
	}
	audit_record(ts->table_name, operation, user, session, has_org, org_id,
				 key, old_row, new_row, ts->shard);
}

/*
 * TRUNCATE: every row still there (in the latest snapshot: TRUNCATE holds
 * an ACCESS EXCLUSIVE lock, and removes rows this transaction's snapshot
 * may not see) is recorded as deleted.
 */
static void
track_truncate(TrackState *ts, Relation rel)
{
	Snapshot	snapshot = RegisterSnapshot(GetLatestSnapshot());
	TableScanDesc scan = table_beginscan(rel, snapshot, 0, NULL);
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	MemoryContext rowcxt = AllocSetContextCreate(CurrentMemoryContext,
												 "isms truncated row",
												 ALLOCSET_DEFAULT_SIZES);
	MemoryContext oldcxt = MemoryContextSwitchTo(rowcxt);

	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		slot_getallattrs(slot);
		track_row(ts, RelationGetDescr(rel), TRACK_DELETE,
				  slot->tts_values, slot->tts_isnull, NULL, NULL);
		MemoryContextReset(rowcxt);
	}
	MemoryContextSwitchTo(oldcxt);
	MemoryContextDelete(rowcxt);
	ExecDropSingleTupleTableSlot(slot);
	table_endscan(scan);
	UnregisterSnapshot(snapshot);
}

/* The tracking trigger: history and audit entries for every change. */
PG_FUNCTION_INFO_V1(track_changes);
Datum
track_changes(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	TrackState *ts;
	TupleDesc	desc;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("the tracking function must be called as a trigger"));
	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
	{
		if (!TRIGGER_FIRED_BEFORE(td->tg_event))
			ereport(ERROR,
					errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
					errmsg("the tracking trigger for TRUNCATE must fire BEFORE"),
					errhint("Create the trigger with isms.track()."));
		ts = track_state(fcinfo, td);
		track_truncate(ts, td->tg_relation);
		return PointerGetDatum(NULL);
	}
	if (!TRIGGER_FIRED_AFTER(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("the tracking trigger must fire AFTER each row"),
				errhint("Create the trigger with isms.track()."));

	ts = track_state(fcinfo, td);
	desc = RelationGetDescr(td->tg_relation);
	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
	{
		slot_getallattrs(td->tg_trigslot);
		track_row(ts, desc, TRACK_INSERT, NULL, NULL,
				  td->tg_trigslot->tts_values, td->tg_trigslot->tts_isnull);
	}
	else if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		slot_getallattrs(td->tg_trigslot);
		slot_getallattrs(td->tg_newslot);
		track_row(ts, desc, TRACK_UPDATE,
				  td->tg_trigslot->tts_values, td->tg_trigslot->tts_isnull,
				  td->tg_newslot->tts_values, td->tg_newslot->tts_isnull);
	}
	else
	{
		slot_getallattrs(td->tg_trigslot);
		track_row(ts, desc, TRACK_DELETE,
				  td->tg_trigslot->tts_values, td->tg_trigslot->tts_isnull,
				  NULL, NULL);
	}
	return PointerGetDatum(NULL);
}
