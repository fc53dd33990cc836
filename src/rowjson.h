/*
 * rowjson.h
 *	  Rows as jsonb, equal to to_jsonb(row) (rowjson.c).
 */
#ifndef ISMS_ROWJSON_H
#define ISMS_ROWJSON_H

#include "postgres.h"

#include "access/attnum.h"
#include "access/tupdesc.h"
#include "fmgr.h"
#include "pgtime.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

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

extern void rowjson_init(RowJson *rj, TupleDesc desc, MemoryContext mcxt);
extern Jsonb *rowjson_row(const RowJson *rj, const Datum *values,
						  const bool *isnull);
extern Jsonb *rowjson_key(const RowJson *rj, int nkeys, const AttrNumber *keys,
						  const Datum *values, const bool *isnull);

#endif							/* ISMS_ROWJSON_H */
