/*
 * scale.c
 *	  The one ordinal-scale machine behind likelihood, impact and risk_level:
 *	  parsing, formatting, type modifiers, validation, comparison, hashing
 *	  and the binary format.  Functions here that do not need to know which
 *	  of the three types they serve are SQL-callable for all three.
 */
#include "postgres.h"

#include <ctype.h>

#include "common/hashfn.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "isms.h"
#include "scale.h"

/* Longest label we accept as input, in bytes. */
#define SCALE_LABEL_MAXLEN 32

/* The input of a text input function, quoted in its errors. */
static char *
scale_echo(const char *str)
{
	return isms_echo(str, -1, ISMS_ECHO_CHARS);
}

/*
 * Check a type modifier that a caller passes: -1 (none) or a scale size.
 * typmod_in admits only those, but the functions that take one are
 * SQL-callable, and an unchecked size would index past the label tables.
 * "type" may be NULL where the caller does not know it.
 */
void
scale_check_typmod(const ScaleType *type, int32 typmod)
{
	if (typmod != -1 && (typmod < SCALE_MIN_LEVELS || typmod > SCALE_MAX_LEVELS))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				type != NULL ?
				errmsg("invalid type modifier %d for type %s", (int) typmod, type->name) :
				errmsg("invalid type modifier %d", (int) typmod),
				errdetail("The type modifier is the number of levels of the scale, %d to %d, or -1 for none.",
						  SCALE_MIN_LEVELS, SCALE_MAX_LEVELS));
}

/*
 * The error of scale_check_value().  The message does not show the value:
 * label() is LEAKPROOF.
 */
void
scale_report_corrupt(const ScaleType *type)
{
	ereport(ERROR,
			errcode(ERRCODE_DATA_CORRUPTED),
			errmsg("corrupt %s value", type->name),
			errdetail("Values like this were stored by isms 1.0 when it was given a type modifier outside %d to %d.",
					  SCALE_MIN_LEVELS, SCALE_MAX_LEVELS),
			errhint("Find the rows with isms.level() and isms.scale(), which still read such values, and correct them."));
}

/*
 * Find a label in the n-level set; returns its level (1..n) or 0.
 * "name" is already folded to lower case with '_' for ' ' and '-'.
 */
static int
scale_find_in_set(const ScaleType *type, int n, const char *name)
{
	const char *const *set = type->labels[n];

	if (set == NULL)
		return 0;
	for (int k = 0; k < n; k++)
		if (strcmp(set[k], name) == 0)
			return k + 1;
	return 0;
}

/*
 * Find a label as a value typed without a scale would: the default set
 * first, then the other sets from the smallest up.
 */
static bool
scale_find_label(const ScaleType *type, const char *name, int *level, int *size)
{
	int			k = scale_find_in_set(type, type->default_size, name);

	if (k > 0)
	{
		*level = k;
		*size = type->default_size;
		return true;
	}
	for (int n = SCALE_MIN_LEVELS; n <= SCALE_MAX_LEVELS; n++)
	{
		if (n == type->default_size)
			continue;
		k = scale_find_in_set(type, n, name);
		if (k > 0)
		{
			*level = k;
			*size = n;
			return true;
		}
	}
	return false;
}

/* Append one label set to an error detail: "a, b, c (3 levels)". */
static void
scale_append_set(StringInfo buf, const ScaleType *type, int size)
{
	if (type->labels[size] == NULL)
		return;
	if (buf->len > 0)
		appendStringInfoString(buf, "; ");
	for (int k = 0; k < size; k++)
		appendStringInfo(buf, "%s%s", k > 0 ? ", " : "", type->labels[size][k]);
	appendStringInfo(buf, " (%d levels)", size);
}

/* The labels of one set, or of all (default first), for error details. */
static char *
scale_describe_labels(const ScaleType *type, int only_size)
{
	StringInfoData buf;

	initStringInfo(&buf);
	if (only_size > 0)
	{
		scale_append_set(&buf, type, only_size);
		return buf.data;
	}
	scale_append_set(&buf, type, type->default_size);
	for (int n = SCALE_MIN_LEVELS; n <= SCALE_MAX_LEVELS; n++)
		if (n != type->default_size)
			scale_append_set(&buf, type, n);
	return buf.data;
}

/*
 * Parse an unsigned decimal; -1 if there is none.  Values beyond 4 digits
 * come back as 9999, which every range check rejects.
 */
static int
scale_parse_number(const char **p)
{
	int			value = 0;
	int			digits = 0;

	while (isdigit((unsigned char) **p))
	{
		if (digits < 4)
			value = value * 10 + (**p - '0');
		else
			value = 9999;		/* too long: certainly out of range */
		digits++;
		(*p)++;
	}
	return digits > 0 ? value : -1;
}

/*
 * Parse the text form of a scale value.  With a type modifier (typmod >= 0)
 * the result is resolved on that scale.  Returns false after a soft error.
 */
bool
scale_parse(const ScaleType *type, const char *str, int32 typmod,
			ScaleValue *result, Node *escontext)
{
	const char *p = str;
	const char *end;
	ScaleValue	value;

	scale_check_typmod(type, typmod);
	while (isspace((unsigned char) *p))
		p++;
	end = p + strlen(p);
	while (end > p && isspace((unsigned char) end[-1]))
		end--;

	if (p < end && isdigit((unsigned char) *p))
	{
		const char *digits = p;
		int			level = scale_parse_number(&p);

		if (p < end && *p == '/')
		{
			int			size;

			p++;
			size = scale_parse_number(&p);
			if (size < 0 || p != end)
				goto syntax_error;
			if (size < SCALE_MIN_LEVELS || size > SCALE_MAX_LEVELS)
				goto size_error;
			if (level < 1 || level > size)
				ereturn(escontext, false,
						errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						errmsg("level %d is out of range for a %d-level %s scale",
							   level, size, type->name),
						errdetail("Levels run from 1 to %d.", size));
			value = SCALE_MAKE(SCALE_RESOLVED, level, size);
		}
		else
		{
			if (p != end)
				goto syntax_error;
			if (level < 1 || level > SCALE_MAX_LEVELS)
				ereturn(escontext, false,
						errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						errmsg("level %s is out of range for type %s",
							   isms_echo(digits, p - digits, ISMS_ECHO_CHARS),
							   type->name),
						errdetail("Levels run from 1 to the scale's size, at most %d.",
								  SCALE_MAX_LEVELS));
			value = SCALE_MAKE(SCALE_BARE, level, type->default_size);
		}
	}
	else
	{
		char		name[SCALE_LABEL_MAXLEN + 1];
		int			len = 0;
		int			level;
		int			size;

		for (; p < end && *p != '/'; p++)
		{
			unsigned char c = (unsigned char) *p;

			if (len >= SCALE_LABEL_MAXLEN)
				goto syntax_error;
			if (c == ' ' || c == '-' || c == '_')
				name[len++] = '_';
			else if (isalpha(c) && c < 128)
				name[len++] = (char) tolower(c);
			else
				goto syntax_error;
		}
		name[len] = '\0';
		if (len == 0)
			goto syntax_error;

		if (p < end)
		{
			/* "label/N": a label on an explicit scale */
			p++;
			size = scale_parse_number(&p);
			if (size < 0 || p != end)
				goto syntax_error;
			if (size < SCALE_MIN_LEVELS || size > SCALE_MAX_LEVELS)
				goto size_error;
			level = scale_find_in_set(type, size, name);
			if (level == 0)
				goto syntax_error;
			value = SCALE_MAKE(SCALE_RESOLVED, level, size);
		}
		else
		{
			if (!scale_find_label(type, name, &level, &size))
				goto syntax_error;
			value = SCALE_MAKE(SCALE_LABEL, level, size);
		}
	}

	if (typmod >= 0)
		return scale_apply_typmod(type, value, typmod, result, escontext);
	*result = value;
	return true;

size_error:
	ereturn(escontext, false,
			errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			errmsg("scale size is out of range for type %s: \"%s\"",
				   type->name, scale_echo(str)),
			errdetail("A scale has %d to %d levels.",
					  SCALE_MIN_LEVELS, SCALE_MAX_LEVELS));

syntax_error:
	ereturn(escontext, false,
			errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			errmsg("invalid input syntax for type %s: \"%s\"",
				   type->name, scale_echo(str)),
			errdetail("Expected a level such as \"3\", a level on a scale such as \"3/5\", or a label: %s.",
					  scale_describe_labels(type, 0)));
}

/*
 * The label of a value, or NULL if its scale has no labels (or a bare level
 * exceeds it).  Callers also pass values they make up (svg.c), so only the
 * bounds of the tables are checked here.
 */
const char *
scale_label(const ScaleType *type, ScaleValue value)
{
	int			k = SCALE_LEVEL(value);
	int			n = SCALE_SIZE(value);

	if (k < 1 || k > SCALE_MAX_LEVELS || n < SCALE_MIN_LEVELS || n > SCALE_MAX_LEVELS)
		elog(ERROR, "%s value 0x%04x is out of bounds", type->name, value);
	if (k > n || type->labels[n] == NULL)
		return NULL;
	return type->labels[n][k - 1];
}

/*
 * The text form: the label where the scale has one, "k/N" otherwise.  A
 * label that would read back as another level (the same word on the default
 * scale) is written "label/N", so that output followed by input always gives
 * back an equal value, also in a column without a type modifier.
 */
char *
scale_format(const ScaleType *type, ScaleValue value)
{
	int			k = SCALE_LEVEL(value);
	int			n = SCALE_SIZE(value);
	const char *label;
	int			fk,
				fn;

	scale_check_value(type, value);
	label = scale_label(type, value);
	if (label == NULL)
		return SCALE_KIND(value) == SCALE_BARE ? psprintf("%d", k) :
			psprintf("%d/%d", k, n);
	if (SCALE_KIND(value) != SCALE_RESOLVED)
		return pstrdup(label);
	if (scale_find_label(type, label, &fk, &fn) && fk == k && fn == n)
		return pstrdup(label);
	return psprintf("%s/%d", label, n);
}

/*
 * Resolve a value onto the scale of a type modifier.  A bare number becomes
 * that level, a label that scale's label of the same name; a value that
 * already has another scale is an error, not a silent conversion.
 */
bool
scale_apply_typmod(const ScaleType *type, ScaleValue value, int32 typmod,
				   ScaleValue *result, Node *escontext)
{
	int			k = SCALE_LEVEL(value);
	int			n = SCALE_SIZE(value);

	scale_check_typmod(type, typmod);
	scale_check_value(type, value);
	if (typmod < 0)
	{
		*result = value;
		return true;
	}
	switch (SCALE_KIND(value))
	{
		case SCALE_BARE:
			if (k > typmod)
				ereturn(escontext, false,
						errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						errmsg("level %d is out of range for a %d-level %s scale",
							   k, (int) typmod, type->name),
						errdetail("Levels run from 1 to %d.", (int) typmod));
			break;
		case SCALE_LABEL:
			if (n != typmod)
			{
				const char *label = type->labels[n][k - 1];

				k = scale_find_in_set(type, typmod, label);
				if (k == 0)
					ereturn(escontext, false,
							errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
							errmsg("invalid input syntax for type %s(%d): \"%s\"",
								   type->name, (int) typmod, label),
							type->labels[typmod] ?
							errdetail("The %d-level %s scale has the labels %s.",
									  (int) typmod, type->name,
									  scale_describe_labels(type, typmod)) :
							errdetail("The %d-level %s scale has no labels; use a level number.",
									  (int) typmod, type->name));
			}
			break;
		default:
			if (n != typmod)
				ereturn(escontext, false,
						errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						errmsg("%s value \"%d/%d\" is not on the %d-level scale",
							   type->name, k, n, (int) typmod),
						errdetail("The value is on a %d-level scale.", n));
			break;
	}
	*result = SCALE_MAKE(SCALE_RESOLVED, k, typmod);
	return true;
}

/* Is this a value the parser could have produced?  (Used by recv.) */
bool
scale_is_valid(const ScaleType *type, ScaleValue value)
{
	int			k = SCALE_LEVEL(value);
	int			n = SCALE_SIZE(value);
	int			fk,
				fn;

	if ((value & ~0x03FF) != 0 || k < 1)
		return false;
	switch (SCALE_KIND(value))
	{
		case SCALE_RESOLVED:
			return n >= SCALE_MIN_LEVELS && n <= SCALE_MAX_LEVELS && k <= n;
		case SCALE_BARE:
			return n == type->default_size && k <= SCALE_MAX_LEVELS;
		case SCALE_LABEL:
			return n >= SCALE_MIN_LEVELS && n <= SCALE_MAX_LEVELS && k <= n &&
				type->labels[n] != NULL &&
				scale_find_label(type, type->labels[n][k - 1], &fk, &fn) &&
				fk == k && fn == n;
		default:
			return false;
	}
}

/* A value from an integer level (the integer cast). */
ScaleValue
scale_from_level(const ScaleType *type, int level, int32 typmod)
{
	ScaleValue	value;

	scale_check_typmod(type, typmod);
	if (level < 1 || level > SCALE_MAX_LEVELS)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("level %d is out of range for type %s", level, type->name),
				errdetail("Levels run from 1 to the scale's size, at most %d.",
						  SCALE_MAX_LEVELS));
	(void) scale_apply_typmod(type, SCALE_MAKE(SCALE_BARE, level, type->default_size),
							  typmod, &value, NULL);
	return value;
}

/*
 * A level on the type's default scale, from an integer (the integer forms of
 * the scoring functions): the bare level, as '3' or 3::likelihood give,
 * but no higher than the default scale.  A bare level above it would have
 * no scale until a type modifier resolves it, and these callers have none.
 */
ScaleValue
scale_default_level(const ScaleType *type, int32 level)
{
	if (level < 1 || level > type->default_size)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("level %d is out of range for a %d-level %s scale",
					   (int) level, type->default_size, type->name),
				errdetail("An integer %s is a level on the default scale, 1 to %d.",
						  type->name, type->default_size),
				errhint("For a level on another scale, pass the value with its scale, such as '7/10'::%s.",
						type->name));
	return SCALE_MAKE(SCALE_BARE, level, type->default_size);
}

/*
 * SQL-callable functions that serve all three types.
 */

/* btree support: compare by relative position, then scale size */
PG_FUNCTION_INFO_V1(scale_cmp);
Datum
scale_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(scale_compare(PG_GETARG_SCALE(0), PG_GETARG_SCALE(1)));
}

PG_FUNCTION_INFO_V1(scale_eq);
Datum
scale_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(scale_compare(PG_GETARG_SCALE(0), PG_GETARG_SCALE(1)) == 0);
}

PG_FUNCTION_INFO_V1(scale_ne);
Datum
scale_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(scale_compare(PG_GETARG_SCALE(0), PG_GETARG_SCALE(1)) != 0);
}

PG_FUNCTION_INFO_V1(scale_lt);
Datum
scale_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(scale_compare(PG_GETARG_SCALE(0), PG_GETARG_SCALE(1)) < 0);
}

PG_FUNCTION_INFO_V1(scale_le);
Datum
scale_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(scale_compare(PG_GETARG_SCALE(0), PG_GETARG_SCALE(1)) <= 0);
}

PG_FUNCTION_INFO_V1(scale_gt);
Datum
scale_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(scale_compare(PG_GETARG_SCALE(0), PG_GETARG_SCALE(1)) > 0);
}

PG_FUNCTION_INFO_V1(scale_ge);
Datum
scale_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(scale_compare(PG_GETARG_SCALE(0), PG_GETARG_SCALE(1)) >= 0);
}

/* min/max support */
PG_FUNCTION_INFO_V1(scale_smaller);
Datum
scale_smaller(PG_FUNCTION_ARGS)
{
	ScaleValue	a = PG_GETARG_SCALE(0);
	ScaleValue	b = PG_GETARG_SCALE(1);

	PG_RETURN_SCALE(scale_compare(a, b) <= 0 ? a : b);
}

PG_FUNCTION_INFO_V1(scale_larger);
Datum
scale_larger(PG_FUNCTION_ARGS)
{
	ScaleValue	a = PG_GETARG_SCALE(0);
	ScaleValue	b = PG_GETARG_SCALE(1);

	PG_RETURN_SCALE(scale_compare(a, b) >= 0 ? a : b);
}

/* hash support: equal values have equal (level, size) */
PG_FUNCTION_INFO_V1(scale_hash);
Datum
scale_hash(PG_FUNCTION_ARGS)
{
	ScaleValue	v = PG_GETARG_SCALE(0);

	return hash_uint32((uint32) (v & 0xFF));
}

PG_FUNCTION_INFO_V1(scale_hash_extended);
Datum
scale_hash_extended(PG_FUNCTION_ARGS)
{
	ScaleValue	v = PG_GETARG_SCALE(0);

	return hash_uint32_extended((uint32) (v & 0xFF), PG_GETARG_INT64(1));
}

/*
 * binary output: the 16-bit value, big-endian.  It serves all three types,
 * so it checks what holds for each: the bits that recv accepts at all.
 */
PG_FUNCTION_INFO_V1(scale_send);
Datum
scale_send(PG_FUNCTION_ARGS)
{
	ScaleValue	v = PG_GETARG_SCALE(0);
	StringInfoData buf;

	if ((v & ~0x03FF) != 0 || SCALE_KIND(v) > SCALE_LABEL ||
		SCALE_LEVEL(v) < 1 || SCALE_LEVEL(v) > SCALE_MAX_LEVELS ||
		SCALE_SIZE(v) < SCALE_MIN_LEVELS || SCALE_SIZE(v) > SCALE_MAX_LEVELS ||
		(SCALE_KIND(v) != SCALE_BARE && SCALE_LEVEL(v) > SCALE_SIZE(v)))
		ereport(ERROR,
				errcode(ERRCODE_DATA_CORRUPTED),
				errmsg("corrupt likelihood, impact or risk_level value"),
				errdetail("Values like this were stored by isms 1.0 when it was given a type modifier outside %d to %d.",
						  SCALE_MIN_LEVELS, SCALE_MAX_LEVELS));
	pq_begintypsend(&buf);
	pq_sendint16(&buf, v);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* the level, 1..N */
PG_FUNCTION_INFO_V1(scale_level);
Datum
scale_level(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(SCALE_LEVEL(PG_GETARG_SCALE(0)));
}

/* the number of levels of the value's scale (the default for a bare level) */
PG_FUNCTION_INFO_V1(scale_size);
Datum
scale_size(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(SCALE_SIZE(PG_GETARG_SCALE(0)));
}

/* likelihood * impact: the integer score, the product of the levels */
PG_FUNCTION_INFO_V1(scale_multiply);
Datum
scale_multiply(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(SCALE_LEVEL(PG_GETARG_SCALE(0)) *
					SCALE_LEVEL(PG_GETARG_SCALE(1)));
}

/* type modifier input: one integer, the number of levels */
PG_FUNCTION_INFO_V1(scale_typmod_in);
Datum
scale_typmod_in(PG_FUNCTION_ARGS)
{
	ArrayType  *ta = PG_GETARG_ARRAYTYPE_P(0);
	int32	   *tl;
	int			n;

	tl = ArrayGetIntegerTypmods(ta, &n);
	if (n != 1)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("invalid type modifier"),
				errdetail("The type modifier is the number of levels of the scale, for example likelihood(4)."));
	if (tl[0] < SCALE_MIN_LEVELS || tl[0] > SCALE_MAX_LEVELS)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("scale size %d is out of range", tl[0]),
				errdetail("A scale has %d to %d levels.",
						  SCALE_MIN_LEVELS, SCALE_MAX_LEVELS));
	PG_RETURN_INT32(tl[0]);
}

/* type modifier output: "(N)" */
PG_FUNCTION_INFO_V1(scale_typmod_out);
Datum
scale_typmod_out(PG_FUNCTION_ARGS)
{
	int32		typmod = PG_GETARG_INT32(0);

	scale_check_typmod(NULL, typmod);
	PG_RETURN_CSTRING(typmod >= 0 ? psprintf("(%d)", typmod) : pstrdup(""));
}
