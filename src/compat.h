/*
 * compat.h
 *	  Every difference between the PostgreSQL versions isms builds on
 *	  (13 to 17) lives here, behind PG_VERSION_NUM.
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

#endif							/* ISMS_COMPAT_H */
