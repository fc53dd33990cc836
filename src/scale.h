/*
 * scale.h
 *	  The ordinal scale values of likelihood, impact and risk_level, and the
 *	  one machine that parses, formats and checks them (scale.c).
 */
#ifndef ISMS_SCALE_H
#define ISMS_SCALE_H

#include "postgres.h"

#include "fmgr.h"
#include "nodes/nodes.h"

#include "compat.h"

/*
 * Ordinal scale values (likelihood, impact, risk_level).
 *
 * A value is 16 bits, passed by value:
 *
 *	bits 0-3   level k (1..10)
 *	bits 4-7   scale size N (2..10)
 *	bits 8-9   kind:
 *			   SCALE_RESOLVED  k on a scale of N levels
 *			   SCALE_BARE      a bare number typed without a scale; N is the
 *							   type's default scale, and k may exceed it (1..10)
 *							   until a type modifier resolves it
 *			   SCALE_LABEL     a label typed without a scale; (k, N) is the
 *							   label's position in the first label set that has
 *							   it (the default set is searched first)
 *	bits 10-15 zero
 *
 * The same 16 bits, big-endian, are the binary wire format.  Comparison and
 * hashing use (k, N) only, so a bare "3" equals "possible" equals "3/5".
 */
typedef uint16 ScaleValue;

#define SCALE_MIN_LEVELS	2
#define SCALE_MAX_LEVELS	10

#define SCALE_RESOLVED		0
#define SCALE_BARE			1
#define SCALE_LABEL			2

#define SCALE_LEVEL(v)		((int) ((v) & 0x0F))
#define SCALE_SIZE(v)		((int) (((v) >> 4) & 0x0F))
#define SCALE_KIND(v)		((int) (((v) >> 8) & 0x03))
#define SCALE_MAKE(kind, level, size) \
	((ScaleValue) (((kind) << 8) | ((size) << 4) | (level)))

#define DatumGetScaleValue(d)	((ScaleValue) DatumGetUInt16(d))
#define ScaleValueGetDatum(v)	UInt16GetDatum(v)
#define PG_GETARG_SCALE(n)		DatumGetScaleValue(PG_GETARG_DATUM(n))
#define PG_RETURN_SCALE(v)		return ScaleValueGetDatum(v)

/* One of the three scale types: its name, default scale and label sets. */
typedef struct ScaleType
{
	const char *name;
	int			default_size;
	/* labels[n]: the n labels of the n-level scale, or NULL if it has none */
	const char *const *labels[SCALE_MAX_LEVELS + 1];
} ScaleType;

extern const ScaleType likelihood_type;
extern const ScaleType impact_type;
extern const ScaleType risk_level_type;

/* scale.c */
extern bool scale_parse(const ScaleType *type, const char *str, int32 typmod,
						ScaleValue *result, Node *escontext);
extern char *scale_format(const ScaleType *type, ScaleValue value);
extern bool scale_apply_typmod(const ScaleType *type, ScaleValue value,
							   int32 typmod, ScaleValue *result,
							   Node *escontext);
extern bool scale_is_valid(const ScaleType *type, ScaleValue value);
extern void scale_check_typmod(const ScaleType *type, int32 typmod);
extern void scale_report_corrupt(const ScaleType *type) pg_attribute_noreturn();
extern const char *scale_label(const ScaleType *type, ScaleValue value);
extern ScaleValue scale_from_level(const ScaleType *type, int level,
								   int32 typmod);
extern ScaleValue scale_default_level(const ScaleType *type, int32 level);

/*
 * Refuse a value that no entry point produces, before it indexes a table or
 * divides by its scale size.  isms 1.0 stored such values when handed a type
 * modifier outside 2..10 (likelihood_from_integer(9, 15, false)).  This is
 * the per-row check of output and aggregates, so it leaves out what only
 * recv checks (that a label kind names the label's first place).
 */
static inline void
scale_check_value(const ScaleType *type, ScaleValue value)
{
	int			k = SCALE_LEVEL(value);
	int			n = SCALE_SIZE(value);

	if (unlikely((value & ~0x03FF) != 0 ||
				 k < 1 || k > SCALE_MAX_LEVELS ||
				 n < SCALE_MIN_LEVELS || n > SCALE_MAX_LEVELS ||
				 (SCALE_KIND(value) == SCALE_BARE ? n != type->default_size :
				  SCALE_KIND(value) > SCALE_LABEL || k > n ||
				  (SCALE_KIND(value) == SCALE_LABEL && type->labels[n] == NULL))))
		scale_report_corrupt(type);
}

/* Comparison of two values by relative position, then by scale size. */
static inline int
scale_compare(ScaleValue a, ScaleValue b)
{
	int			ka = SCALE_LEVEL(a) - 1;
	int			kb = SCALE_LEVEL(b) - 1;
	int			na = SCALE_SIZE(a);
	int			nb = SCALE_SIZE(b);
	int			lhs = ka * (nb - 1);
	int			rhs = kb * (na - 1);

	if (lhs != rhs)
		return lhs < rhs ? -1 : 1;
	if (na != nb)
		return na < nb ? -1 : 1;
	return 0;
}

#endif							/* ISMS_SCALE_H */
