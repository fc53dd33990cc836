/*
 * direct_insert.h
 *	  Rows inserted straight into a table's heap and indexes, as the executor
 *	  inserts them (direct_insert.c).
 */
#ifndef ISMS_DIRECT_INSERT_H
#define ISMS_DIRECT_INSERT_H

#include "postgres.h"

#include "access/tupdesc.h"
#include "executor/tuptable.h"
#include "nodes/execnodes.h"
#include "utils/relcache.h"

/*
 * Direct insertion into one table: the heap through the table access
 * method, then every index that is ready for inserts.  Built once per
 * statement (or per flush), reused for every row.
 */
#define DIRECT_BATCH_SIZE 128

typedef struct DirectInsert
{
	Oid			relid;
	TupleDesc	desc;			/* a copy, so that the slot pins nothing */
	TupleTableSlot *slot;		/* fill tts_values/tts_isnull, then insert */
	TupleTableSlot **batch;		/* rows for a multi-insert, made on first use */
	int			nbatch;
	int			nindexes;
	Oid		   *indexoids;
	IndexInfo **indexinfo;
	Relation   *indexrels;		/* open indexes, or NULL: open for each row */
	EState	   *estate;			/* for index expressions and predicates */
} DirectInsert;

extern void direct_insert_init(DirectInsert *di, Relation rel,
							   MemoryContext mcxt);
extern void direct_insert_open_indexes(DirectInsert *di);
extern void direct_insert_close_indexes(DirectInsert *di);
extern void direct_insert(DirectInsert *di, Relation rel);
extern TupleTableSlot *direct_insert_batch_slot(DirectInsert *di, Relation rel);
extern void direct_insert_batch(DirectInsert *di, Relation rel);
extern void direct_insert_end(DirectInsert *di);

#endif							/* ISMS_DIRECT_INSERT_H */
