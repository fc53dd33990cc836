/*
 * isms.h
 *	  Declarations shared by the isms sources.
 */
#ifndef ISMS_H
#define ISMS_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"
#include "nodes/parsenodes.h"

/*
 * Bad input quoted in an error message: at most ISMS_ECHO_CHARS characters
 * of it, then "...".  Every input parser uses it.
 */
#define ISMS_ECHO_CHARS		40
extern char *isms_echo(const char *str, int len, int max_chars);

/*
 * A column a trigger function of isms reads: its name and type.  type is
 * one of "bigint", "text", "date", "timestamptz", "boolean", or the name of
 * a type of the extension ("likelihood", "impact", "risk_level").
 */
typedef struct IsmsColumn
{
	const char *name;
	const char *type;
} IsmsColumn;

/* isms.c */
extern Oid	isms_namespace(bool missing_ok);
extern Oid	isms_relid(const char *relname, bool missing_ok);
extern void isms_trigger_check(FunctionCallInfo fcinfo, const char *relname,
							   const IsmsColumn *columns, int ncolumns);
extern Oid	isms_relation_owner(Oid relid);
extern bool isms_has_column_privilege(Oid relid, const char *column, AclMode mode);
extern void isms_advisory_xact_lock(uint32 key1, uint32 key2, uint16 space);

#endif							/* ISMS_H */
