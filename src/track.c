/*
 * track.c
 *	  The tracking trigger, isms.track_changes(): for every row a register
 *	  table gains, changes or loses, one version in its history table and
 *	  one entry in the audit log.  Also the two tools history.c and audit.c
 *	  share: rows as jsonb, and direct insertion into a table.
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

#include "access/heapam.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/index.h"
#include "catalog/pg_class.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_coerce.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/date.h"
#include "utils/fmgroids.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "isms.h"
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
} TrackState;

static void check_string_length(size_t len);

/* jsonb's order of object keys: shorter first, then bytewise. */
static int
key_order_cmp(const void *a, const void *b, void *arg)
{
	const RowJson *rj = (const RowJson *) arg;
	const JsonbValue *ka = &rj->columns[*(const int *) a].key;
	const JsonbValue *kb = &rj->columns[*(const int *) b].key;

	if (ka->val.string.len != kb->val.string.len)
		return ka->val.string.len < kb->val.string.len ? -1 : 1;
	return memcmp(ka->val.string.val, kb->val.string.val, ka->val.string.len);
}

/* ----------------------------------------------------------------------
 * Rows as jsonb, equal to to_jsonb(row)
 * ----------------------------------------------------------------------
 */

/* Decide how each column of a table becomes jsonb (as to_jsonb decides). */
void
rowjson_init(RowJson *rj, TupleDesc desc, MemoryContext mcxt)
{
	MemoryContext oldcxt = MemoryContextSwitchTo(mcxt);

	rj->ncolumns = desc->natts;
	rj->columns = palloc0(sizeof(RowJsonColumn) * desc->natts);
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		RowJsonColumn *col = &rj->columns[i];
		Oid			outfunc;
		bool		isvarlena;

		if (att->attisdropped)
		{
			col->kind = RJ_DROPPED;
			continue;
		}
		col->key.type = jbvString;
		col->key.val.string.val = pstrdup(NameStr(att->attname));
		col->key.val.string.len = strlen(col->key.val.string.val);
		col->basetype = getBaseType(att->atttypid);

		switch (col->basetype)
		{
			case BOOLOID:
				col->kind = RJ_BOOL;
				break;
			case INT2OID:
				col->kind = RJ_INT2;
				break;
			case INT4OID:
				col->kind = RJ_INT4;
				break;
			case INT8OID:
				col->kind = RJ_INT8;
				break;
			case NUMERICOID:
				col->kind = RJ_NUMERIC;
				break;
			case FLOAT4OID:
			case FLOAT8OID:
				col->kind = RJ_FLOAT;
				break;
			case DATEOID:
			case TIMESTAMPOID:
			case TIMESTAMPTZOID:
				col->kind = RJ_DATETIME;
				break;
			case TEXTOID:
			case VARCHAROID:
			case BPCHAROID:
				col->kind = RJ_TEXT;
				break;
			case JSONBOID:
				col->kind = RJ_JSONB;
				break;
			case JSONOID:
				col->kind = RJ_TO_JSONB;
				break;
			default:
				if (OidIsValid(get_element_type(col->basetype)) ||
					type_is_rowtype(col->basetype))
					col->kind = RJ_TO_JSONB;
				else
				{
					Oid			castfunc;

					/* to_jsonb uses a user-defined type's cast to json */
					col->kind = RJ_OUTPUT;
					if (col->basetype >= FirstNormalObjectId &&
						find_coercion_pathway(JSONOID, col->basetype,
											  COERCION_EXPLICIT, &castfunc) == COERCION_PATH_FUNC &&
						OidIsValid(castfunc))
						col->kind = RJ_TO_JSONB;
				}
				break;
		}

		if (col->kind == RJ_FLOAT || col->kind == RJ_OUTPUT)
		{
			getTypeOutputInfo(col->basetype, &outfunc, &isvarlena);
			fmgr_info_cxt(outfunc, &col->proc, mcxt);
		}
		else if (col->kind == RJ_TO_JSONB)
		{
			/* to_jsonb(anyelement) learns the type from its call expression */
			fmgr_info_cxt(F_TO_JSONB, &col->proc, mcxt);
			col->proc.fn_expr = (Node *)
				makeFuncExpr(F_TO_JSONB, JSONBOID,
							 list_make1(makeNullConst(att->atttypid, att->atttypmod,
													  att->attcollation)),
							 InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);
		}
	}

	/*
	 * Push the keys in the order jsonb keeps them: the sort jsonb does when
	 * an object ends then finds them sorted at once.
	 */
	rj->order = palloc(sizeof(int) * Max(desc->natts, 1));
	rj->nkeys = 0;
	for (int i = 0; i < desc->natts; i++)
		if (rj->columns[i].kind != RJ_DROPPED)
			rj->order[rj->nkeys++] = i;
	qsort_arg(rj->order, rj->nkeys, sizeof(int), key_order_cmp, rj);
	MemoryContextSwitchTo(oldcxt);
}

/* A jsonb string longer than jsonb can hold is an error, as in to_jsonb. */
static void
check_string_length(size_t len)
{
	if (len > JENTRY_OFFLENMASK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("string too long to represent as jsonb string"),
				 errdetail("Due to an implementation restriction, jsonb strings cannot exceed %d bytes.",
						   JENTRY_OFFLENMASK)));
}

/* Set a JsonbValue to a string that is already in memory. */
static inline void
set_string(JsonbValue *v, char *str, size_t len)
{
	check_string_length(len);
	v->type = jbvString;
	v->val.string.val = str;
	v->val.string.len = (int) len;
}

/*
 * One column's value (not null) as a JsonbValue: a scalar, or jbvBinary for
 * a container (which pushJsonbValue unpacks).
 */
static void
rowjson_value(RowJsonColumn *col, Datum value, JsonbValue *result)
{
	JsonbValue	v;

	switch (col->kind)
	{
		case RJ_BOOL:
			v.type = jbvBool;
			v.val.boolean = DatumGetBool(value);
			break;
		case RJ_INT2:
		case RJ_INT4:
		case RJ_INT8:
			{
				int64		i = col->kind == RJ_INT2 ? DatumGetInt16(value) :
				col->kind == RJ_INT4 ? DatumGetInt32(value) : DatumGetInt64(value);

				if (!col->have_last || col->last_value != i)
				{
					MemoryContext oldcxt =
						MemoryContextSwitchTo(GetMemoryChunkContext(col->key.val.string.val));

					if (col->last_numeric != NULL)
						pfree(col->last_numeric);
					col->last_numeric = isms_int64_to_numeric(i);
					col->last_value = i;
					col->have_last = true;
					MemoryContextSwitchTo(oldcxt);
				}
				v.type = jbvNumeric;
				v.val.numeric = col->last_numeric;
				break;
			}
		case RJ_NUMERIC:
			{
				Numeric		num = DatumGetNumeric(value);

				if (isms_numeric_is_special(num))
				{
					char	   *str = DatumGetCString(DirectFunctionCall1(numeric_out,
																		  NumericGetDatum(num)));

					set_string(&v, str, strlen(str));
				}
				else
				{
					v.type = jbvNumeric;
					v.val.numeric = num;
				}
				break;
			}
		case RJ_FLOAT:
			{
				char	   *str = OutputFunctionCall((FmgrInfo *) &col->proc, value);

				/* NaN and the infinities are strings, as in to_jsonb */
				if (strpbrk(str, "Nn") != NULL)
					set_string(&v, str, strlen(str));
				else
				{
					v.type = jbvNumeric;
					v.val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in,
																		CStringGetDatum(str),
																		ObjectIdGetDatum(InvalidOid),
																		Int32GetDatum(-1)));
				}
				break;
			}
		case RJ_DATETIME:
			{
				/*
				 * The text depends on the value and, for timestamptz, on the
				 * session's time zone only: the last one is kept.
				 */
				int64		time = col->basetype == DATEOID ?
				(int64) DatumGetDateADT(value) : (int64) DatumGetTimestamp(value);

				if (!col->have_last || col->last_value != time ||
					col->last_tz != session_timezone)
				{
					char	   *str = JsonEncodeDateTime(NULL, value, col->basetype, NULL);

					if (col->last_text != NULL)
						pfree(col->last_text);
					col->last_len = strlen(str);
					check_string_length(col->last_len);
					col->last_text = MemoryContextStrdup(GetMemoryChunkContext(col->key.val.string.val),
														 str);
					col->last_value = time;
					col->last_tz = session_timezone;
					col->have_last = true;
				}
				v.type = jbvString;
				v.val.string.val = col->last_text;
				v.val.string.len = col->last_len;
				break;
			}
		case RJ_TEXT:
			{
				text	   *txt = DatumGetTextPP(value);

				set_string(&v, VARDATA_ANY(txt), VARSIZE_ANY_EXHDR(txt));
				break;
			}
		case RJ_OUTPUT:
			{
				char	   *str = OutputFunctionCall((FmgrInfo *) &col->proc, value);

				set_string(&v, str, strlen(str));
				break;
			}
		case RJ_JSONB:
		case RJ_TO_JSONB:
			{
				Jsonb	   *jb;

				if (col->kind == RJ_JSONB)
					jb = DatumGetJsonbP(value);
				else
					jb = DatumGetJsonbP(FunctionCall1((FmgrInfo *) &col->proc, value));
				/* pushJsonbValue unpacks a container, scalar or not */
				v.type = jbvBinary;
				v.val.binary.data = &jb->root;
				v.val.binary.len = VARSIZE(jb) - VARHDRSZ;
				break;
			}
		case RJ_DROPPED:
		default:
			elog(ERROR, "unexpected column kind %d", (int) col->kind);
	}
	*result = v;
}

/* Push one column's value (not null) as the value of the current key. */
static void
rowjson_push_value(JsonbParseState **state, RowJsonColumn *col,
				   Datum value)
{
	JsonbValue	v;

	rowjson_value(col, value, &v);
	(void) pushJsonbValue(state, WJB_VALUE, &v);
}

/* Push one column as a key and its value. */
static void
rowjson_push_column(JsonbParseState **state, RowJsonColumn *col,
					Datum value, bool isnull)
{
	(void) pushJsonbValue(state, WJB_KEY, (JsonbValue *) &col->key);
	if (isnull)
	{
		JsonbValue	v;

		v.type = jbvNull;
		(void) pushJsonbValue(state, WJB_VALUE, &v);
	}
	else
		rowjson_push_value(state, col, value);
}

/* The error of a jsonb object too big for its offsets, as jsonb's own. */
static void
check_object_length(Size len)
{
	if (len > JENTRY_OFFLENMASK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("total size of jsonb object elements exceeds the maximum of %u bytes",
						JENTRY_OFFLENMASK)));
}

/*
 * A row whose columns that are not NULL all have scalar values, written
 * straight in jsonb's binary format: byte for byte what JsonbValueToJsonb
 * makes of the same pairs pushed one by one (convertJsonbObject in
 * PostgreSQL's jsonb_util.c), without building the pairs first.  The
 * header, then a JEntry per key and per value (every JB_OFFSET_STRIDE'th
 * holds the end offset, the others the length), then the keys' bytes, then
 * the values' (a numeric padded to a 4-byte boundary, the padding counted
 * in its length).  The keys come in rj->order, which is jsonb's order.
 * Returns NULL, having written nothing, when a value is a container.
 */
static Jsonb *
rowjson_row_flat(const RowJson *rj, const Datum *values, const bool *isnull)
{
	int		   *cols = palloc(sizeof(int) * Max(rj->nkeys, 1));
	JsonbValue *vals = palloc(sizeof(JsonbValue) * Max(rj->nkeys, 1));
	int			n = 0;
	Size		size = VARHDRSZ + sizeof(uint32);
	char	   *result;
	JEntry	   *entries;
	char	   *p;
	uint32		header;
	Size		totallen = 0;

	Size		data = 0;		/* keys and values, without padding */

	for (int k = 0; k < rj->nkeys; k++)
	{
		int			i = rj->order[k];
		RowJsonColumn *col = &rj->columns[i];
		JsonbValue *v = &vals[n];

		if (isnull[i])
			continue;
		/* values that may be containers take the general path */
		if (col->kind == RJ_JSONB || col->kind == RJ_TO_JSONB)
		{
			pfree(cols);
			pfree(vals);
			return NULL;
		}
		rowjson_value(col, values[i], v);
		if (v->type == jbvString)
			data += v->val.string.len;
		else if (v->type == jbvNumeric)
		{
			data += VARSIZE_ANY(v->val.numeric);
			size += sizeof(int32) - 1;	/* padding, at most */
		}
		data += col->key.val.string.len;
		size += 2 * sizeof(JEntry);
		cols[n++] = i;
	}
	/* too big for jsonb, whatever the padding: jsonb's error, before palloc's */
	check_object_length(data);
	size += data;

	result = palloc(size);
	header = (uint32) n | JB_FOBJECT;
	memcpy(result + VARHDRSZ, &header, sizeof(uint32));
	entries = (JEntry *) (result + VARHDRSZ + sizeof(uint32));
	p = (char *) (entries + 2 * n);
	for (int j = 0; j < n; j++)
	{
		const JsonbValue *key = &rj->columns[cols[j]].key;
		uint32		len = key->val.string.len;

		memcpy(p, key->val.string.val, len);
		p += len;
		totallen += len;
		check_object_length(totallen);
		entries[j] = JENTRY_ISSTRING |
			((j % JB_OFFSET_STRIDE) == 0 ? (uint32) totallen | JENTRY_HAS_OFF : len);
	}
	for (int j = 0; j < n; j++)
	{
		const JsonbValue *v = &vals[j];
		uint32		len = 0;
		JEntry		type;

		switch (v->type)
		{
			case jbvString:
				len = v->val.string.len;
				memcpy(p, v->val.string.val, len);
				p += len;
				type = JENTRY_ISSTRING;
				break;
			case jbvNumeric:
				{
					uint32		pad = INTALIGN(p - result) - (p - result);
					uint32		numlen = VARSIZE_ANY(v->val.numeric);

					memset(p, 0, pad);
					memcpy(p + pad, v->val.numeric, numlen);
					p += pad + numlen;
					len = pad + numlen;
					type = JENTRY_ISNUMERIC;
					break;
				}
			default:
				type = v->val.boolean ? JENTRY_ISBOOL_TRUE : JENTRY_ISBOOL_FALSE;
				break;
		}
		totallen += len;
		check_object_length(totallen);
		entries[n + j] = type |
			(((j + n) % JB_OFFSET_STRIDE) == 0 ? (uint32) totallen | JENTRY_HAS_OFF : len);
	}
	/* the object's whole size, header and entries included, as jsonb checks it */
	check_object_length(p - (result + VARHDRSZ));
	Assert((Size) (p - result) <= size);
	SET_VARSIZE(result, p - result);
	pfree(cols);
	pfree(vals);
	return (Jsonb *) result;
}

/*
 * A whole row as a jsonb object: to_jsonb(row) without the columns that
 * are NULL.  Leaving them out loses nothing (jsonb_populate_record gives
 * the same row back) and keeps audit entries of sparse rows small.
 */
Jsonb *
rowjson_row(const RowJson *rj, const Datum *values, const bool *isnull)
{
	JsonbParseState *state = NULL;
	JsonbValue *result;
	Jsonb	   *flat = rowjson_row_flat(rj, values, isnull);

	if (flat != NULL)
		return flat;

	(void) pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	for (int k = 0; k < rj->nkeys; k++)
	{
		int			i = rj->order[k];

		if (!isnull[i])
			rowjson_push_column(&state, &rj->columns[i], values[i], false);
	}
	result = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(result);
}

/* The primary key columns of a row as a jsonb object. */
Jsonb *
rowjson_key(const RowJson *rj, int nkeys, const AttrNumber *keys,
			const Datum *values, const bool *isnull)
{
	JsonbParseState *state = NULL;
	JsonbValue *result;

	(void) pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	for (int i = 0; i < nkeys; i++)
	{
		int			att = keys[i] - 1;

		rowjson_push_column(&state, &rj->columns[att], values[att], isnull[att]);
	}
	result = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(result);
}

/* ----------------------------------------------------------------------
 * Direct insertion
 * ----------------------------------------------------------------------
 */

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
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not an ordinary table",
						RelationGetRelationName(rel)),
				 errdetail("History tables and the audit log must be ordinary tables.")));

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
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("index \"%s\" on table \"%s\" is not supported",
							RelationGetRelationName(index),
							RelationGetRelationName(rel)),
					 errdetail("Tracked changes are written into this table directly, which supports neither exclusion constraints nor deferrable unique constraints.")));
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

/* The OID of a table named by a (qualified) name, or InvalidOid. */
Oid
track_lookup_relation(const char *relname, bool missing_ok)
{
	List	   *names = isms_qualified_name_list(relname);

	return RangeVarGetRelid(makeRangeVarFromNameList(names), NoLock, missing_ok);
}

/* ----------------------------------------------------------------------
 * The trigger
 * ----------------------------------------------------------------------
 */

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
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("table %s cannot be tracked", table_name),
				 errdetail("Temporary and unlogged tables are never tracked.")));
	if (!OidIsValid(log))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("the audit log of extension \"isms\" does not exist")));
	if (owner != isms_relation_owner(log) && !superuser_arg(owner))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("table %s cannot be tracked", table_name),
				 errdetail("Only tables owned by the owner of the audit log (role %s) or by a superuser write the audit log.",
						   GetUserNameFromId(isms_relation_owner(log), false)),
				 errhint("Change the table's owner, then call isms.track() again.")));
}

/*
 * The column that names a row's organization, whose audit chain its entries
 * go into: org_id, or id for isms.organization itself.  A table without one
 * (or whose column is not an integer) writes the chain of no organization.
 */
static void
track_org_column(TrackState *ts, Relation rel)
{
	bool		organization = RelationGetNamespace(rel) == isms_namespace(true) &&
		strcmp(RelationGetRelationName(rel), "organization") == 0;
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

	if (ts != NULL && ts->relid == RelationGetRelid(rel))
		return ts;

	if (td->tg_trigger->tgnargs > 1)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("tracking trigger \"%s\" on table \"%s\" has more than one argument",
						td->tg_trigger->tgname, RelationGetRelationName(rel)),
				 errhint("Create the trigger with isms.track().")));
	histname = td->tg_trigger->tgnargs == 1 ? td->tg_trigger->tgargs[0] : "";

	oldcxt = MemoryContextSwitchTo(mcxt);
	ts = palloc0(sizeof(TrackState));
	ts->relid = RelationGetRelid(rel);
	ts->table_name = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
												RelationGetRelationName(rel));
	track_check_table(rel, ts->table_name);

	pkoid = isms_primary_key_index(rel);
	if (!OidIsValid(pkoid))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("tracked table %s has no primary key", ts->table_name),
				 errdetail("History and audit entries find a row by its primary key.")));
	pk = index_open(pkoid, AccessShareLock);
	ts->nkeys = pk->rd_index->indnkeyatts;
	for (int i = 0; i < ts->nkeys; i++)
		ts->keys[i] = pk->rd_index->indkey.values[i];
	index_close(pk, AccessShareLock);

	track_org_column(ts, rel);
	rowjson_init(&ts->rowjson, RelationGetDescr(rel), mcxt);
	if (histname[0] != '\0')
		ts->history = history_target_open(rel, histname, ts->nkeys, ts->keys, mcxt);
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
				 key, old_row, new_row);
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
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("the tracking function must be called as a trigger")));
	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
	{
		if (!TRIGGER_FIRED_BEFORE(td->tg_event))
			ereport(ERROR,
					(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
					 errmsg("the tracking trigger for TRUNCATE must fire BEFORE"),
					 errhint("Create the trigger with isms.track().")));
		ts = track_state(fcinfo, td);
		track_truncate(ts, td->tg_relation);
		return PointerGetDatum(NULL);
	}
	if (!TRIGGER_FIRED_AFTER(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("the tracking trigger must fire AFTER each row"),
				 errhint("Create the trigger with isms.track().")));

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
