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
#include "utils/relcache.h"

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

/*
 * The spaces of the advisory locks of isms (the lock tag's last field,
 * objsubid in pg_locks), one per lock.  None is 1 or 2, which the SQL
 * advisory lock functions use, so no session can take these locks from SQL,
 * and no two locks of isms share a space, so their keys cannot collide.
 */
typedef enum IsmsLockSpace
{
	ISMS_LOCK_AUDIT_CHAIN = 0x6961,	/* "ia", 26977: appends to the audit log
									 * (audit.c) */
	ISMS_LOCK_ACYCLIC_EDGES = 0x6965,	/* "ie", 26981: writers of one table's
										 * edges (register.c) */
	ISMS_LOCK_SCHEDULED_CHECKS = 0x6973	/* "is", 26995: one
										 * run_scheduled_checks() at a time
										 * (register.c) */
} IsmsLockSpace;

/* isms.c */
extern Oid	isms_namespace(bool missing_ok);
extern Oid	isms_relid(const char *relname, bool missing_ok);
extern void isms_trigger_check(FunctionCallInfo fcinfo, const char *relname,
							   const IsmsColumn *columns, int ncolumns);
extern Oid	isms_relation_owner(Oid relid);
extern bool isms_has_column_privilege(Oid relid, const char *column, AclMode mode);
extern void isms_advisory_xact_lock(uint32 key1, uint32 key2, IsmsLockSpace space);
extern AttrNumber isms_column(Relation rel, const char *name, Oid type);
extern int	isms_int64_cmp(const void *a, const void *b);

/*
 * A shard of a table distributed by Citus (citus.c): the relation, its
 * logical table, its id and, for a hash-distributed table, the start of its
 * hash range (shardminvalue), which co-located shards share.
 */
typedef struct IsmsShard
{
	Oid			relid;
	Oid			logical;
	int64		shardid;
	bool		reference;		/* a reference table's shard */
	bool		has_min;
	char		minvalue[24];
} IsmsShard;

/* citus.c */
extern const IsmsShard *isms_shard(Relation rel);
extern Oid	isms_logical_relid(Relation rel);
extern Oid	isms_shard_relid(const IsmsShard *from, Oid logical, bool has_org,
							 int64 org_id);
extern bool isms_relation_distributed(Oid relid);
extern Oid	isms_org_shard_relid(Oid logical, int64 org_id);
extern char *isms_shard_query(const char *sql, const char *schema, Oid nspid,
							  const IsmsShard *shard);

/* access.c */
extern void isms_access_define_settings(void);
extern bool isms_org_visible(int64 org_id);
extern bool isms_org_visible_all(void);

#endif							/* ISMS_H */
