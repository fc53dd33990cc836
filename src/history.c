/*
 * history.c
 *	  History tables: every version of every row of a tracked table.
 *
 * isms.track() gives a table T a history table T_history with T's columns
 * and four more: history_id (from isms.history_id_seq, so in the order the
 * changes were made), valid_from, operation and changed_by.  An INSERT or
 * UPDATE appends the new version, a DELETE the deleted version as a
 * tombstone; an UPDATE that changes the primary key also ends the old
 * key's history with a tombstone.  Versions are never changed.
 *
 * valid_from is the start of the writing transaction (now()), so that a
 * transaction's changes appear together and a row changed twice in one
 * transaction shows only its last version.  A transaction that changes a
 * row after a transaction that started later (it waited for that one's row
 * lock, or read its committed change) takes the later start instead, so
 * that the versions of a row are in time order: isms.as_of() then picks,
 * for each key, the version with the highest history_id among those valid
 * from no later than the time asked.
 *
 * Columns are matched by name, so a history table survives columns added
 * to its table (isms.track() adds them to the history table too) and
 * dropped from it (the history column stays, NULL in new versions).
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/relscan.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_am.h"
#include "catalog/pg_type.h"
#include "commands/sequence.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "direct_insert.h"
#include "history.h"
#include "isms.h"
#include "track.h"

/* The sequence of history_id, shared by every history table. */
#define HISTORY_ID_SEQUENCE "history_id_seq"

#define HISTORY_COLUMN_ID			"history_id"
#define HISTORY_COLUMN_VALID_FROM	"valid_from"
#define HISTORY_COLUMN_OPERATION	"operation"
#define HISTORY_COLUMN_CHANGED_BY	"changed_by"

struct HistoryTarget
{
	Oid			relid;
	const char *name;			/* as the trigger names it */
	DirectInsert insert;
	int			natts;
	AttrNumber *from_base;		/* per history column: the tracked table's
								 * attribute number, or 0 */
	int			att_id;			/* 0-based positions of the four columns */
	int			att_valid_from;
	int			att_operation;
	int			att_changed_by;
	Oid			seqid;			/* isms.history_id_seq */
	/* the primary key (key columns, history_id): finds a key's last version */
	Oid			pkindex;
	int			nkeys;
	AttrNumber	key_base[INDEX_MAX_KEYS];
	FmgrInfo	key_eq[INDEX_MAX_KEYS];
	Oid			key_collation[INDEX_MAX_KEYS];
};

/* The OID of a history table named by a (qualified) name, or InvalidOid. */
static Oid
history_table_relid(const char *relname, bool missing_ok)
{
	List	   *names = isms_qualified_name_list(relname);

	return RangeVarGetRelid(makeRangeVarFromNameList(names), NoLock, missing_ok);
}

/* Find one of the four history columns, of the type it must have. */
static int
history_column(TupleDesc desc, const char *name, Oid type, const char *histname)
{
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped || strcmp(NameStr(att->attname), name) != 0)
			continue;
		if (att->atttypid != type)
			ereport(ERROR,
					errcode(ERRCODE_DATATYPE_MISMATCH),
					errmsg("column \"%s\" of history table %s has type %s instead of %s",
						   name, histname, format_type_be(att->atttypid),
						   format_type_be(type)));
		return i;
	}
	ereport(ERROR,
			errcode(ERRCODE_UNDEFINED_COLUMN),
			errmsg("history table %s has no column \"%s\"", histname, name));
	return -1;					/* keep the compiler quiet */
}

/*
 * Open the history table of base named histname and learn how base's rows
 * go into it.  keys are base's primary key columns.  The result lives in
 * mcxt for the rest of the statement.  On Citus, base may be a shard (shard
 * not NULL) of the table base_logical: histname names the logical history
 * table, and the versions go into its shard co-located with base.
 */
HistoryTarget *
history_target_open(Relation base, Oid base_logical, const IsmsShard *shard,
					const char *histname, int nkeys, const AttrNumber *keys,
					MemoryContext mcxt)
{
	MemoryContext oldcxt = MemoryContextSwitchTo(mcxt);
	HistoryTarget *ht = palloc0(sizeof(HistoryTarget));
	TupleDesc	basedesc = RelationGetDescr(base);
	const char *base_relname = shard != NULL ? get_rel_name(base_logical) :
		RelationGetRelationName(base);
	char	   *basename = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(base)),
													  base_relname);
	Relation	rel;
	TupleDesc	desc;
	Relation	pk;
	bool	   *mapped;

	ht->name = pstrdup(histname);
	ht->relid = history_table_relid(histname, true);
	if (!OidIsValid(ht->relid))
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_TABLE),
				errmsg("history table %s of table %s does not exist", histname, basename),
				errhint("Call isms.track('%s') again to create it.", basename));

	/*
	 * The trigger writes the history table without checking privileges, so
	 * it writes only the one isms.track() made for the table: named after
	 * it, next to it, with the same owner.  A privilege (INSERT) would not
	 * do: a role granted INSERT on isms.risk_history could point a trigger
	 * on a table of hers at it and forge versions of risks.
	 */
	{
		char	   *expected = psprintf("%s_history", base_relname);

		if (ht->relid != get_relname_relid(expected, RelationGetNamespace(base)) ||
			isms_relation_owner(ht->relid) != isms_relation_owner(base_logical))
			ereport(ERROR,
					errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					errmsg("permission denied for history table %s", histname),
					errdetail("Table %s may write only its own history table, %s, in its schema and with its owner.",
							  basename, quote_identifier(expected)));
		pfree(expected);
	}
	if (shard != NULL)
	{
		Oid			logical = ht->relid;

		ht->relid = isms_shard_relid(shard, logical, false, 0);
		if (!OidIsValid(ht->relid))
			ereport(ERROR,
					errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					errmsg("history table %s has no shard co-located with shard %s",
						   histname, RelationGetRelationName(base)),
					errhint("Distribute the tables of isms with isms.distribute()."));
	}
	rel = table_open(ht->relid, RowExclusiveLock);
	if (rel->rd_rel->relowner != base->rd_rel->relowner)
		ereport(ERROR,
				errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				errmsg("permission denied for history table %s", histname),
				errdetail("Table %s may write only its own history table, %s_history, in its schema and with its owner.",
						  basename, base_relname));

	desc = RelationGetDescr(rel);
	ht->natts = desc->natts;
	ht->from_base = palloc0(sizeof(AttrNumber) * desc->natts);
	ht->att_id = history_column(desc, HISTORY_COLUMN_ID, INT8OID, histname);
	ht->att_valid_from = history_column(desc, HISTORY_COLUMN_VALID_FROM, TIMESTAMPTZOID, histname);
	ht->att_operation = history_column(desc, HISTORY_COLUMN_OPERATION, TEXTOID, histname);
	ht->att_changed_by = history_column(desc, HISTORY_COLUMN_CHANGED_BY, TEXTOID, histname);

	/* match the columns by name; types and type modifiers must agree */
	mapped = palloc0(sizeof(bool) * basedesc->natts);
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped || i == ht->att_id || i == ht->att_valid_from ||
			i == ht->att_operation || i == ht->att_changed_by)
			continue;
		for (int j = 0; j < basedesc->natts; j++)
		{
			Form_pg_attribute batt = TupleDescAttr(basedesc, j);

			if (batt->attisdropped ||
				strcmp(NameStr(batt->attname), NameStr(att->attname)) != 0)
				continue;
			if (batt->atttypid != att->atttypid || batt->atttypmod != att->atttypmod)
				ereport(ERROR,
						errcode(ERRCODE_DATATYPE_MISMATCH),
						errmsg("column \"%s\" of history table %s has type %s, but in table %s it has type %s",
							   NameStr(att->attname), histname,
							   format_type_with_typemod(att->atttypid, att->atttypmod),
							   basename,
							   format_type_with_typemod(batt->atttypid, batt->atttypmod)),
						errhint("Alter the history table's column to the same type."));
			ht->from_base[i] = j + 1;
			mapped[j] = true;
			break;
		}
	}
	for (int j = 0; j < basedesc->natts; j++)
	{
		Form_pg_attribute batt = TupleDescAttr(basedesc, j);

		if (!batt->attisdropped && !mapped[j])
			ereport(ERROR,
					errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					errmsg("history table %s has no column \"%s\" of table %s",
						   histname, NameStr(batt->attname), basename),
					errhint("Call isms.track('%s') again to add the columns added to the table.",
							basename));
	}

	/* the primary key must be the table's key followed by history_id */
	ht->pkindex = isms_primary_key_index(rel);
	if (!OidIsValid(ht->pkindex))
		ereport(ERROR,
				errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("history table %s has no primary key", histname));
	pk = index_open(ht->pkindex, RowExclusiveLock);
	if (pk->rd_rel->relam != BTREE_AM_OID ||
		pk->rd_index->indnkeyatts != nkeys + 1 ||
		pk->rd_index->indkey.values[nkeys] != ht->att_id + 1)
		ereport(ERROR,
				errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("history table %s has an unexpected primary key", histname),
				errdetail("Its primary key must be the key of table %s followed by history_id.",
						  basename));
	ht->nkeys = nkeys;
	for (int i = 0; i < nkeys; i++)
	{
		AttrNumber	hatt = pk->rd_index->indkey.values[i];
		Oid			eqop;

		if (hatt <= 0 || ht->from_base[hatt - 1] != keys[i])
			ereport(ERROR,
					errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					errmsg("history table %s has an unexpected primary key", histname),
					errdetail("Its primary key must be the key of table %s followed by history_id.",
							  basename));
		eqop = get_opfamily_member(pk->rd_opfamily[i], pk->rd_opcintype[i],
								   pk->rd_opcintype[i], BTEqualStrategyNumber);
		if (!OidIsValid(eqop))
			elog(ERROR, "missing equality operator for column %d of index \"%s\"",
				 i + 1, RelationGetRelationName(pk));
		fmgr_info_cxt(get_opcode(eqop), &ht->key_eq[i], mcxt);
		ht->key_collation[i] = pk->rd_indcollation[i];
		ht->key_base[i] = keys[i];
	}
	index_close(pk, NoLock);

	ht->seqid = isms_relid(HISTORY_ID_SEQUENCE, false);
	direct_insert_init(&ht->insert, rel, mcxt);
	table_close(rel, NoLock);
	MemoryContextSwitchTo(oldcxt);
	return ht;
}

/*
 * The valid_from of the last version of the row whose key is in values, if
 * there is one.  SnapshotSelf sees what committed and what this transaction
 * wrote: the last version of a row this transaction may change was written
 * by a transaction that has committed (the row lock waited for it) or by
 * this one.
 */
static bool
history_last_valid_from(HistoryTarget *ht, Relation rel, Relation index,
						const Datum *values, TimestampTz *valid_from)
{
	ScanKeyData keys[INDEX_MAX_KEYS];
	TupleTableSlot *slot = ht->insert.slot;
	IndexScanDesc scan;
	bool		found;

	for (int i = 0; i < ht->nkeys; i++)
		ScanKeyEntryInitializeWithInfo(&keys[i], 0, i + 1, BTEqualStrategyNumber,
									   InvalidOid, ht->key_collation[i], &ht->key_eq[i],
									   values[ht->key_base[i] - 1]);
	scan = isms_index_beginscan(rel, index, SnapshotSelf, ht->nkeys, 0);
	index_rescan(scan, keys, ht->nkeys, NULL, 0);
	ExecClearTuple(slot);
	found = index_getnext_slot(scan, BackwardScanDirection, slot);
	if (found)
	{
		bool		isnull;

		*valid_from = DatumGetTimestampTz(slot_getattr(slot, ht->att_valid_from + 1, &isnull));
		Assert(!isnull);
	}
	/* release the buffer pin now */
	ExecClearTuple(slot);
	index_endscan(scan);
	return found;
}

/*
 * Append one version of a row (values, isnull: the tracked table's row).
 * An INSERT does not look for an earlier version: a key inserted again
 * after a deletion keeps the order of history_id, only its valid_from may
 * then precede the deletion's (if the deleting transaction started later).
 */
void
history_record(HistoryTarget *ht, const char *operation, const char *changed_by,
			   const Datum *values, const bool *isnull)
{
	Relation	rel = table_open(ht->relid, RowExclusiveLock);
	TupleTableSlot *slot = ht->insert.slot;
	TimestampTz valid_from = GetCurrentTransactionStartTimestamp();
	TimestampTz last;

	direct_insert_open_indexes(&ht->insert);
	if (strcmp(operation, TRACK_INSERT) != 0)
	{
		Relation	pk = NULL;

		for (int i = 0; i < ht->insert.nindexes; i++)
			if (ht->insert.indexoids[i] == ht->pkindex)
				pk = ht->insert.indexrels[i];
		Assert(pk != NULL);
		if (history_last_valid_from(ht, rel, pk, values, &last) && last > valid_from)
			valid_from = last;
	}

	ExecClearTuple(slot);
	for (int i = 0; i < ht->natts; i++)
	{
		AttrNumber	from = ht->from_base[i];

		slot->tts_values[i] = from > 0 ? values[from - 1] : (Datum) 0;
		slot->tts_isnull[i] = from > 0 ? isnull[from - 1] : true;
	}
	slot->tts_values[ht->att_id] = Int64GetDatum(nextval_internal(ht->seqid, false));
	slot->tts_isnull[ht->att_id] = false;
	slot->tts_values[ht->att_valid_from] = TimestampTzGetDatum(valid_from);
	slot->tts_isnull[ht->att_valid_from] = false;
	slot->tts_values[ht->att_operation] = CStringGetTextDatum(operation);
	slot->tts_isnull[ht->att_operation] = false;
	slot->tts_values[ht->att_changed_by] = CStringGetTextDatum(changed_by);
	slot->tts_isnull[ht->att_changed_by] = false;
	direct_insert(&ht->insert, rel);
	direct_insert_close_indexes(&ht->insert);
	table_close(rel, NoLock);
}
