/*
 * rowjson.c
 *	  A table's rows as jsonb objects, equal to what to_jsonb(row) makes of
 *	  them (less the NULL columns, for rowjson_row): the row half of to_jsonb() (composite_to_jsonb and
 *	  datum_to_jsonb in PostgreSQL's utils/adt/jsonb.c), and for rows of
 *	  scalars the binary format of JsonbValueToJsonb (convertJsonbObject in
 *	  utils/adt/jsonb_util.c).
 *
 * Why a twin of to_jsonb: the tracking trigger converts the old and the new
 * version of every changed row, and to_jsonb(record) looks up the row type
 * and each column's output function for every row.  Here how each column
 * becomes jsonb is decided once per statement (rowjson_init), the common
 * types take a shortcut past their output function, and a row of scalars
 * is written straight in jsonb's binary format.  The result must stay equal
 * to to_jsonb()'s (audit_log.sql compares the two): a type or a rule
 * to_jsonb() handles differently goes to to_jsonb() itself (RJ_TO_JSONB).
 */
#include "postgres.h"

#include "access/transam.h"
#include "catalog/pg_type.h"
#include "nodes/makefuncs.h"
#include "parser/parse_coerce.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgroids.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "rowjson.h"

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
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("string too long to represent as jsonb string"),
				errdetail("Due to an implementation restriction, jsonb strings cannot exceed %d bytes.",
						  JENTRY_OFFLENMASK));
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
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("total size of jsonb object elements exceeds the maximum of %u bytes",
					   JENTRY_OFFLENMASK));
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
