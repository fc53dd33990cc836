/*
 * compat.h
 *	  Every difference between the PostgreSQL versions isms builds on
 *	  (13 to 18) lives here, behind PG_VERSION_NUM.
 */
#ifndef ISMS_COMPAT_H
#define ISMS_COMPAT_H

#include "postgres.h"

#include "nodes/nodes.h"

#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#else
/*
 * Soft input errors (ereturn, escontext) arrived in PostgreSQL 16.  Before
 * that an input error is always a hard ERROR.
 */
#define ereturn(context, dummy_value, ...) \
	do { \
		(void) (context); \
		ereport(ERROR, __VA_ARGS__); \
		return (dummy_value); \
	} while (0)
#define SOFT_ERROR_OCCURRED(escontext) false
#endif

/* The input function's error-saving context (NULL before PostgreSQL 16). */
#if PG_VERSION_NUM >= 160000
#define ISMS_INPUT_ESCONTEXT(fcinfo) ((fcinfo)->context)
#else
#define ISMS_INPUT_ESCONTEXT(fcinfo) ((Node *) NULL)
#endif

/* A StringInfo over existing bytes, read-only (PostgreSQL 17). */
#if PG_VERSION_NUM < 170000
#include "lib/stringinfo.h"
static inline void
initReadOnlyStringInfo(StringInfo str, char *data, int len)
{
	str->data = data;
	str->len = len;
	str->maxlen = 0;
	str->cursor = 0;
}
#endif

/* Numeric infinity arrived in PostgreSQL 14. */
#if PG_VERSION_NUM < 140000
#define numeric_is_inf(num) ((void) (num), false)
#endif

/* Whether the current user owns a relation (object_ownercheck since 16). */
#if PG_VERSION_NUM >= 160000
#include "catalog/pg_class.h"
#include "miscadmin.h"
#include "utils/acl.h"
#define isms_owns_relation(relid) \
	object_ownercheck(RelationRelationId, (relid), GetUserId())
#else
#include "miscadmin.h"
#include "utils/acl.h"
#define isms_owns_relation(relid) pg_class_ownercheck((relid), GetUserId())
#endif

/* The oldest version isms supports. */
#if PG_VERSION_NUM < 130000
#error "isms needs PostgreSQL 13 or later"
#endif

/*
 * pg_attribute_noreturn(), written after the return type, gave way in
 * PostgreSQL 18 to pg_noreturn, written before the declaration.
 */
#ifndef pg_attribute_noreturn
#if defined(__GNUC__) || defined(__clang__)
#define pg_attribute_noreturn() __attribute__((noreturn))
#else
#define pg_attribute_noreturn()
#endif
#endif

/* strtoi64() arrived in PostgreSQL 15; long long has 64 bits everywhere. */
#if PG_VERSION_NUM < 150000
/*
 * Before 15 a prefix of settings cannot be reserved: unknown settings under
 * it only draw a warning (utils/guc.h).
 */
#define MarkGUCPrefixReserved(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

#if PG_VERSION_NUM < 150000
#include <stdlib.h>
#define strtoi64(str, endptr, base) ((int64) strtoll((str), (endptr), (base)))
#endif

/*
 * Change tracking (track.c, rowjson.c, direct_insert.c, history.c, audit.c).
 */
#include "access/genam.h"
#include "utils/numeric.h"
#include "utils/regproc.h"

/* index_insert() took indexUnchanged in PostgreSQL 14. */
#if PG_VERSION_NUM >= 140000
#define isms_index_insert(index, values, isnull, tid, heap, check, info) \
	index_insert((index), (values), (isnull), (tid), (heap), (check), false, (info))
#else
#define isms_index_insert(index, values, isnull, tid, heap, check, info) \
	index_insert((index), (values), (isnull), (tid), (heap), (check), (info))
#endif

/* index_beginscan() takes the scan's instrumentation from PostgreSQL 18. */
#if PG_VERSION_NUM >= 180000
#define isms_index_beginscan(heap, index, snapshot, nkeys, norderbys) \
	index_beginscan((heap), (index), (snapshot), NULL, (nkeys), (norderbys))
#else
#define isms_index_beginscan(heap, index, snapshot, nkeys, norderbys) \
	index_beginscan((heap), (index), (snapshot), (nkeys), (norderbys))
#endif

/*
 * RelationGetPrimaryKeyIndex() takes deferrable_ok from PostgreSQL 18; before,
 * a deferrable primary key was never returned.
 */
#if PG_VERSION_NUM >= 180000
#define isms_primary_key_index(rel) RelationGetPrimaryKeyIndex((rel), false)
#else
#define isms_primary_key_index(rel) RelationGetPrimaryKeyIndex(rel)
#endif

/* int64_to_numeric() and numeric infinity arrived in PostgreSQL 14. */
#if PG_VERSION_NUM >= 140000
#define isms_int64_to_numeric(v) int64_to_numeric(v)
#define isms_numeric_is_special(n) (numeric_is_nan(n) || numeric_is_inf(n))
#else
#define isms_int64_to_numeric(v) \
	DatumGetNumeric(DirectFunctionCall1(int8_numeric, Int64GetDatum(v)))
#define isms_numeric_is_special(n) numeric_is_nan(n)
#endif

/* stringToQualifiedNameList() takes an error context from PostgreSQL 16. */
#if PG_VERSION_NUM >= 160000
#define isms_qualified_name_list(s) stringToQualifiedNameList((s), NULL)
#else
#define isms_qualified_name_list(s) stringToQualifiedNameList(s)
#endif

/*
 * SHA-256 of the concatenation of two byte strings: pg_cryptohash from
 * PostgreSQL 14 (OpenSSL when the server was built with it), the SQL
 * function sha256() before.
 */
#define ISMS_SHA256_LEN 32
#if PG_VERSION_NUM >= 140000
#include "common/cryptohash.h"
typedef pg_cryptohash_ctx *IsmsSha256;

static inline IsmsSha256
isms_sha256_create(void)
{
	pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);

	if (ctx == NULL)
		ereport(ERROR,
				errcode(ERRCODE_OUT_OF_MEMORY),
				errmsg("out of memory"));
	return ctx;
}

static inline void
isms_sha256(IsmsSha256 ctx, const void *a, size_t alen, const void *b,
			size_t blen, uint8 *result)
{
	if (pg_cryptohash_init(ctx) < 0 ||
		pg_cryptohash_update(ctx, (const uint8 *) a, alen) < 0 ||
		pg_cryptohash_update(ctx, (const uint8 *) b, blen) < 0 ||
		pg_cryptohash_final(ctx, result, ISMS_SHA256_LEN) < 0)
#if PG_VERSION_NUM >= 150000
		elog(ERROR, "could not compute SHA-256: %s", pg_cryptohash_error(ctx));
#else
		elog(ERROR, "could not compute SHA-256");
#endif
}

#define isms_sha256_free(ctx) pg_cryptohash_free(ctx)
#else
/*
 * common/sha2.h of PostgreSQL 13 includes OpenSSL's headers (when the server
 * was built with it), which a build of isms does not need otherwise: the
 * SQL function sha256() serves instead.
 */
#include "utils/builtins.h"
typedef void *IsmsSha256;

#define isms_sha256_create() ((IsmsSha256) NULL)

static inline void
isms_sha256(IsmsSha256 ctx, const void *a, size_t alen, const void *b,
			size_t blen, uint8 *result)
{
	bytea	   *input = (bytea *) palloc(VARHDRSZ + alen + blen);
	bytea	   *digest;

	(void) ctx;
	SET_VARSIZE(input, VARHDRSZ + alen + blen);
	memcpy(VARDATA(input), a, alen);
	memcpy(VARDATA(input) + alen, b, blen);
	digest = DatumGetByteaPP(DirectFunctionCall1(sha256_bytea,
												 PointerGetDatum(input)));
	memcpy(result, VARDATA_ANY(digest), ISMS_SHA256_LEN);
	pfree(input);
	pfree(digest);
}

#define isms_sha256_free(ctx) ((void) (ctx))
#endif

/*
 * The backend's local transaction id: PostgreSQL 17 moved it into
 * PGPROC.vxid (storage/proc.h, which the caller includes).
 */
#if PG_VERSION_NUM >= 170000
#define ISMS_MY_LXID (MyProc->vxid.lxid)
#else
#define ISMS_MY_LXID (MyProc->lxid)
#endif

#endif							/* ISMS_COMPAT_H */
