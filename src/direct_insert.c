/*
 * direct_insert.c
 *	  Insertion of rows straight into a table's heap and indexes, the way
 *	  the executor inserts them: ExecInsert() with ExecInsertIndexTuples()
 *	  (executor/nodeModifyTable.c, executor/execIndexing.c) for one row, and
 *	  for a batch table_multi_insert() followed by the index entries, as
 *	  COPY FROM flushes its buffers (CopyMultiInsertBufferFlush in
 *	  commands/copyfrom.c).
 *
 * Why not INSERT: the history tables and the audit log are append-only.
 * Guards on them stop every INSERT, UPDATE, DELETE and TRUNCATE, and the
 * user whose change is recorded needs no privilege on them.  So history.c
 * and audit.c write their rows here: no trigger fires, no permission is
 * checked, no rule or policy applies.  What the executor would do besides
 * (exclusion constraints, deferred uniqueness checks) is refused when the
 * table is opened rather than silently skipped.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/index.h"
#include "catalog/pg_class.h"
#include "executor/executor.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/relcache.h"

#include "compat.h"
#include "direct_insert.h"

/*
 * Prepare to insert rows into rel: a slot of its row type and the
 * IndexInfo of each index.  Everything lives in mcxt.  Indexes with
 * expressions or predicates are supported; exclusion constraints and
 * deferrable unique constraints, which need the executor's rechecks, are
 * not.
 */
void
direct_insert_init(DirectInsert *di, Relation rel, MemoryContext mcxt)
{
	MemoryContext oldcxt = MemoryContextSwitchTo(mcxt);
	List	   *indexes;
	ListCell   *lc;
	int			n = 0;

	if (rel->rd_rel->relkind != RELKIND_RELATION)
		ereport(ERROR,
				errcode(ERRCODE_WRONG_OBJECT_TYPE),
				errmsg("\"%s\" is not an ordinary table",
					   RelationGetRelationName(rel)),
				errdetail("History tables and the audit log must be ordinary tables."));

	di->relid = RelationGetRelid(rel);
	di->desc = CreateTupleDescCopy(RelationGetDescr(rel));
	di->slot = MakeSingleTupleTableSlot(di->desc, table_slot_callbacks(rel));
	di->estate = NULL;
	di->indexrels = NULL;
	di->batch = NULL;
	di->nbatch = 0;

	indexes = RelationGetIndexList(rel);
	di->nindexes = list_length(indexes);
	di->indexoids = palloc(sizeof(Oid) * Max(di->nindexes, 1));
	di->indexinfo = palloc(sizeof(IndexInfo *) * Max(di->nindexes, 1));
	foreach(lc, indexes)
	{
		Oid			indexoid = lfirst_oid(lc);
		Relation	index = index_open(indexoid, RowExclusiveLock);
		IndexInfo  *ii = BuildIndexInfo(index);

		if (ii->ii_ExclusionOps != NULL ||
			(ii->ii_Unique && !index->rd_index->indimmediate))
			ereport(ERROR,
					errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					errmsg("index \"%s\" on table \"%s\" is not supported",
						   RelationGetRelationName(index),
						   RelationGetRelationName(rel)),
					errdetail("Tracked changes are written into this table directly, which supports neither exclusion constraints nor deferrable unique constraints."));
		if ((ii->ii_Expressions != NIL || ii->ii_Predicate != NIL) &&
			di->estate == NULL)
			di->estate = CreateExecutorState();
		if (ii->ii_Predicate != NIL)
			ii->ii_PredicateState = ExecPrepareQual(ii->ii_Predicate, di->estate);
		index_close(index, NoLock);
		di->indexoids[n] = indexoid;
		di->indexinfo[n] = ii;
		n++;
	}
	list_free(indexes);
	MemoryContextSwitchTo(oldcxt);
}

/*
 * Keep the indexes open until direct_insert_end(), for many rows inserted
 * in one call of ours (not across trigger calls: a relation must not stay
 * open past the statement).
 */
void
direct_insert_open_indexes(DirectInsert *di)
{
	di->indexrels = MemoryContextAlloc(GetMemoryChunkContext(di->indexoids),
									   sizeof(Relation) * Max(di->nindexes, 1));
	for (int i = 0; i < di->nindexes; i++)
		di->indexrels[i] = index_open(di->indexoids[i], RowExclusiveLock);
}

/* Close what direct_insert_open_indexes() opened. */
void
direct_insert_close_indexes(DirectInsert *di)
{
	if (di->indexrels == NULL)
		return;
	for (int i = 0; i < di->nindexes; i++)
		index_close(di->indexrels[i], NoLock);
	pfree(di->indexrels);
	di->indexrels = NULL;
}

/* Insert the index entries of a row just inserted into rel. */
static void
direct_insert_index_entries(DirectInsert *di, Relation rel, TupleTableSlot *slot)
{
	ExprContext *econtext = NULL;

	if (di->estate != NULL)
	{
		econtext = GetPerTupleExprContext(di->estate);
		econtext->ecxt_scantuple = slot;
	}
	for (int i = 0; i < di->nindexes; i++)
	{
		IndexInfo  *ii = di->indexinfo[i];
		Datum		values[INDEX_MAX_KEYS];
		bool		isnull[INDEX_MAX_KEYS];
		Relation	index;

		if (!ii->ii_ReadyForInserts)
			continue;
		if (ii->ii_Predicate != NIL && !ExecQual(ii->ii_PredicateState, econtext))
			continue;
		FormIndexDatum(ii, slot, di->estate, values, isnull);
		index = di->indexrels ? di->indexrels[i] : index_open(di->indexoids[i], RowExclusiveLock);
		isms_index_insert(index, values, isnull, &slot->tts_tid, rel,
						  ii->ii_Unique ? UNIQUE_CHECK_YES : UNIQUE_CHECK_NO, ii);
		if (di->indexrels == NULL)
			index_close(index, NoLock);
	}
	if (di->estate != NULL)
		ResetPerTupleExprContext(di->estate);
}

/*
 * Insert the row in di->slot (tts_values and tts_isnull filled, after
 * ExecClearTuple) into rel and its indexes.  rel is open and locked
 * RowExclusiveLock.  No triggers fire, no permission is checked.
 */
void
direct_insert(DirectInsert *di, Relation rel)
{
	ExecStoreVirtualTuple(di->slot);
	table_tuple_insert(rel, di->slot, GetCurrentCommandId(true), 0, NULL);
	direct_insert_index_entries(di, rel, di->slot);
}

/*
 * The next slot of a batch, cleared, for the caller to fill (tts_values
 * and tts_isnull).  A full batch is inserted first.  Batches share heap
 * pages and WAL records (table_multi_insert, as COPY does).
 */
TupleTableSlot *
direct_insert_batch_slot(DirectInsert *di, Relation rel)
{
	TupleTableSlot *slot;

	if (di->batch == NULL)
	{
		MemoryContext mcxt = GetMemoryChunkContext(di->indexoids);

		di->batch = MemoryContextAllocZero(mcxt, sizeof(TupleTableSlot *) * DIRECT_BATCH_SIZE);
		for (int i = 0; i < DIRECT_BATCH_SIZE; i++)
		{
			MemoryContext oldcxt = MemoryContextSwitchTo(mcxt);

			di->batch[i] = MakeSingleTupleTableSlot(di->desc, table_slot_callbacks(rel));
			MemoryContextSwitchTo(oldcxt);
		}
	}
	if (di->nbatch == DIRECT_BATCH_SIZE)
		direct_insert_batch(di, rel);
	slot = di->batch[di->nbatch++];
	ExecClearTuple(slot);
	return slot;
}

/* Insert the rows of the batch (values must still be valid). */
void
direct_insert_batch(DirectInsert *di, Relation rel)
{
	if (di->nbatch == 0)
		return;
	for (int i = 0; i < di->nbatch; i++)
		ExecStoreVirtualTuple(di->batch[i]);
	table_multi_insert(rel, di->batch, di->nbatch, GetCurrentCommandId(true), 0, NULL);
	for (int i = 0; i < di->nbatch; i++)
		direct_insert_index_entries(di, rel, di->batch[i]);
	di->nbatch = 0;
}

/* Release what direct_insert_init made, where memory is not freed anyway. */
void
direct_insert_end(DirectInsert *di)
{
	direct_insert_close_indexes(di);
	ExecDropSingleTupleTableSlot(di->slot);
	if (di->batch != NULL)
	{
		for (int i = 0; i < DIRECT_BATCH_SIZE; i++)
			ExecDropSingleTupleTableSlot(di->batch[i]);
		pfree(di->batch);
		di->batch = NULL;
	}
	if (di->estate != NULL)
		FreeExecutorState(di->estate);
}
