/*
 * track.h
 *	  Change tracking: the history tables (history.c), the hash-chained audit
 *	  log (audit.c) and the trigger that feeds both (track.c).
 *
 * One AFTER ROW trigger, isms.track_changes(), is attached to a register
 * table by isms.track(regclass).  For every inserted, updated and deleted
 * row it appends a version to the table's history table at once, and
 * queues an audit entry that is hashed into the chain when the transaction
 * commits.  Both are written directly into the heap and its indexes, not
 * through INSERT: the append-only guards on those tables stop every
 * INSERT, UPDATE, DELETE and TRUNCATE, and the writing user needs no
 * privilege on them.
 */
#ifndef ISMS_TRACK_H
#define ISMS_TRACK_H

#include "postgres.h"

#include "access/attnum.h"
#include "access/tupdesc.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "pgtime.h"
#include "nodes/execnodes.h"
#include "utils/jsonb.h"
#include "utils/relcache.h"

#include "compat.h"

/* The schema of the extension (fixed in isms.control). */
#define TRACK_SCHEMA		"isms"
#define AUDIT_LOG_TABLE		"audit_log"
#define HISTORY_ID_SEQUENCE "history_id_seq"

/* Operations, as stored in the operation columns. */
#define TRACK_INSERT		"INSERT"
#define TRACK_UPDATE		"UPDATE"
#define TRACK_DELETE		"DELETE"

/*
 * How one column becomes a jsonb value.  The result equals to_jsonb() of
 * the value; the common types take a shortcut past the output function.
 */
typedef enum RowJsonKind
{
	RJ_DROPPED,					/* a dropped column: left out */
	RJ_BOOL,
	RJ_INT2,
	RJ_INT4,
	RJ_INT8,
	RJ_NUMERIC,
	RJ_FLOAT,					/* float4, float8: output text, then a number */
	RJ_DATETIME,				/* date, timestamp, timestamptz: ISO 8601 */
	RJ_TEXT,					/* text, varchar, bpchar: the string itself */
	RJ_JSONB,
	RJ_OUTPUT,					/* other scalars: the output function's text */
	RJ_TO_JSONB					/* arrays, composites, json, types with a cast
								 * to json: to_jsonb() itself */
} RowJsonKind;

typedef struct RowJsonColumn
{
	RowJsonKind kind;
	Oid			basetype;		/* the type, or a domain's base type */
	JsonbValue	key;			/* the column name as a jsonb string */
	FmgrInfo	proc;			/* output function or to_jsonb() */
	/*
	 * RJ_DATETIME and the integers: the last value converted (rows of a
	 * statement often share it), kept in the RowJson's memory context
	 */
	bool		have_last;
	int64		last_value;		/* the integer, DateADT or Timestamp(Tz) */
	pg_tz	   *last_tz;		/* the time zone the text was made in */
	char	   *last_text;		/* RJ_DATETIME */
	int			last_len;
	Numeric		last_numeric;	/* the integers */
} RowJsonColumn;

/* The jsonb conversion of one table's rows; built once per statement. */
typedef struct RowJson
{
	int			ncolumns;
	RowJsonColumn *columns;		/* one per attribute, dropped ones too */
	int			nkeys;			/* columns that are not dropped */
	int		   *order;			/* their attribute indexes, in jsonb's key
								 * order, so that the object needs no sort */
} RowJson;

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

/* What history.c keeps about one history table during a statement. */
typedef struct HistoryTarget HistoryTarget;

/* track.c */
extern void rowjson_init(RowJson *rj, TupleDesc desc, MemoryContext mcxt);
extern Jsonb *rowjson_row(const RowJson *rj, const Datum *values,
						  const bool *isnull);
extern Jsonb *rowjson_key(const RowJson *rj, int nkeys, const AttrNumber *keys,
						  const Datum *values, const bool *isnull);
extern void direct_insert_init(DirectInsert *di, Relation rel,
							   MemoryContext mcxt);
extern void direct_insert_open_indexes(DirectInsert *di);
extern void direct_insert_close_indexes(DirectInsert *di);
extern void direct_insert(DirectInsert *di, Relation rel);
extern TupleTableSlot *direct_insert_batch_slot(DirectInsert *di, Relation rel);
extern void direct_insert_batch(DirectInsert *di, Relation rel);
extern void direct_insert_end(DirectInsert *di);
extern Oid	track_lookup_relation(const char *relname, bool missing_ok);

/* history.c */
extern HistoryTarget *history_target_open(Relation base, const char *histname,
										  int nkeys, const AttrNumber *keys,
										  MemoryContext mcxt);
extern void history_record(HistoryTarget *ht, const char *operation,
						   const char *changed_by, const Datum *values,
						   const bool *isnull);

/* audit.c */
extern void audit_record(const char *table_name, const char *operation,
						 const char *changed_by, const char *session_user,
						 bool has_org, int64 org_id,
						 Jsonb *row_key, Jsonb *old_row, Jsonb *new_row);
extern bool audit_record_event(int64 org_id, const char *table_name,
							   const char *kind, Jsonb *row_ids,
							   Jsonb *details);

#endif							/* ISMS_TRACK_H */
