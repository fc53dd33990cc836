/*
 * scale_types.c
 *	  likelihood, impact and risk_level: their label sets and the SQL entry
 *	  points that need to know which type they serve.  Everything else is in
 *	  scale.c.
 *
 * Label sets are fixed in the code, so that text I/O stays IMMUTABLE.
 * Where the same word names a level in two sets of one type (risk_level's
 * "high" on 3, 4 and 5 levels), a value typed without a scale takes the
 * default set's meaning.
 */
#include "postgres.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "isms.h"

static const char *const likelihood_3[] = {"low", "medium", "high"};

/* MIL-STD-882E probability levels, without "occasional" */
static const char *const likelihood_4[] = {"improbable", "remote", "probable", "frequent"};
static const char *const likelihood_5[] = {"rare", "unlikely", "possible", "likely", "almost_certain"};

static const char *const impact_3[] = {"low", "medium", "high"};

/* MIL-STD-882E severity categories, with "serious" for "negligible" */
static const char *const impact_4[] = {"marginal", "serious", "critical", "catastrophic"};
static const char *const impact_5[] = {"negligible", "minor", "moderate", "major", "severe"};

static const char *const risk_level_3[] = {"low", "medium", "high"};
static const char *const risk_level_4[] = {"low", "medium", "high", "critical"};

/* NIST SP 800-30 Rev. 1, Appendix I: very low, low, moderate, high, very high */
static const char *const risk_level_5[] = {"very_low", "low", "moderate", "high", "very_high"};

const ScaleType likelihood_type = {
	.name = "likelihood",
	.default_size = 5,
	.labels = {[3] = likelihood_3,[4] = likelihood_4,[5] = likelihood_5},
};

const ScaleType impact_type = {
	.name = "impact",
	.default_size = 5,
	.labels = {[3] = impact_3,[4] = impact_4,[5] = impact_5},
};

const ScaleType risk_level_type = {
	.name = "risk_level",
	.default_size = 4,
	.labels = {[3] = risk_level_3,[4] = risk_level_4,[5] = risk_level_5},
};

/*
 * The entry points of one type, generated for each of the three:
 * text and binary input and output, the type-modifier coercion, the cast
 * from integer, and the label.
 */
#define ISMS_SCALE_TYPE_FUNCTIONS(NAME) \
\
/* text input: '3', '3/5', a label or 'label/N' */ \
PG_FUNCTION_INFO_V1(NAME##_in); \
Datum \
NAME##_in(PG_FUNCTION_ARGS) \
{ \
	char	   *str = PG_GETARG_CSTRING(0); \
	int32		typmod = PG_GETARG_INT32(2); \
	ScaleValue	result; \
\
	if (!scale_parse(&NAME##_type, str, typmod, &result, \
					 ISMS_INPUT_ESCONTEXT(fcinfo))) \
		PG_RETURN_NULL(); \
	PG_RETURN_SCALE(result); \
} \
\
/* text output: the label, or "k/N" */ \
PG_FUNCTION_INFO_V1(NAME##_out); \
Datum \
NAME##_out(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_CSTRING(scale_format(&NAME##_type, PG_GETARG_SCALE(0))); \
} \
\
/* binary input: the 16-bit value, validated as strictly as text input */ \
PG_FUNCTION_INFO_V1(NAME##_recv); \
Datum \
NAME##_recv(PG_FUNCTION_ARGS) \
{ \
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0); \
	int32		typmod = PG_GETARG_INT32(2); \
	ScaleValue	value; \
\
	if (buf->len - buf->cursor != 2) \
		ereport(ERROR, \
				errcode(ERRCODE_INVALID_BINARY_REPRESENTATION), \
				errmsg("invalid binary value for type %s", #NAME), \
				errdetail("A value is 2 bytes, not %d.", buf->len - buf->cursor)); \
	value = (ScaleValue) pq_getmsgint(buf, 2); \
	if (!scale_is_valid(&NAME##_type, value)) \
		ereport(ERROR, \
				errcode(ERRCODE_INVALID_BINARY_REPRESENTATION), \
				errmsg("invalid binary value for type %s", #NAME), \
				errdetail("The value 0x%04x is not a level on a scale.", value)); \
	(void) scale_apply_typmod(&NAME##_type, value, typmod, &value, NULL); \
	PG_RETURN_SCALE(value); \
} \
\
/* length coercion: resolve a value onto a column's scale */ \
PG_FUNCTION_INFO_V1(NAME##_typmod_apply); \
Datum \
NAME##_typmod_apply(PG_FUNCTION_ARGS) \
{ \
	ScaleValue	value = PG_GETARG_SCALE(0); \
\
	(void) scale_apply_typmod(&NAME##_type, value, PG_GETARG_INT32(1), \
							  &value, NULL); \
	PG_RETURN_SCALE(value); \
} \
\
/* cast from integer: a level, on the target's scale if it has one */ \
PG_FUNCTION_INFO_V1(NAME##_from_int4); \
Datum \
NAME##_from_int4(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_SCALE(scale_from_level(&NAME##_type, PG_GETARG_INT32(0), \
									 PG_GETARG_INT32(1))); \
} \
\
/* the value's label, or NULL where its scale has none */ \
PG_FUNCTION_INFO_V1(NAME##_label); \
Datum \
NAME##_label(PG_FUNCTION_ARGS) \
{ \
	const char *label = scale_label(&NAME##_type, PG_GETARG_SCALE(0)); \
\
	if (label == NULL) \
		PG_RETURN_NULL(); \
	PG_RETURN_TEXT_P(cstring_to_text(label)); \
}

ISMS_SCALE_TYPE_FUNCTIONS(likelihood)
ISMS_SCALE_TYPE_FUNCTIONS(impact)
ISMS_SCALE_TYPE_FUNCTIONS(risk_level)
