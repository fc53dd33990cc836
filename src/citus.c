/*
 * citus.c
 *	  Tables distributed by Citus: which relation a trigger of isms fires on
 *	  (a table of the extension, or one of its shards), and which relation
 *	  to write or read for a table of the extension from there.
 *
 * On a Citus cluster (isms.distribute()), the tables named isms.X on every
 * node are only the logical tables: their rows are in shards, tables named
 * X_<shardid> next to them, on the workers (hash-distributed tables, by
 * org_id) or on every node (reference tables).  A trigger fires on the
 * shard that a row goes into, on the node that holds it; from there Citus
 * refuses queries on the distributed tables ("cannot execute a distributed
 * query from a query on a shard"), and a row written into the local heap of
 * a logical table is seen by no query.  So what a trigger writes and reads
 * goes into the shard of the other table that is co-located with its own:
 * for a hash-distributed table, the shard with the same hash range (all of
 * isms's distributed tables are co-located: the same ranges, on the same
 * node); for a reference table, its one shard (each node writes its own
 * placement, as the trigger fires on each); for an organization's rows
 * changed through a reference table (isms.organization), the shard that
 * holds that organization, if it is on this node.
 *
 * Citus's headers are not used: what a shard is comes from its catalogs,
 * pg_dist_shard and pg_dist_partition, and its SQL functions shard_name()
 * and get_shard_id_for_distribution_column(), through SPI.  Where Citus is
 * absent this costs nothing: only a relation whose name ends in _<digits>
 * is looked up at all, and then only once per transaction whether Citus is
 * installed.  What is learned about a relation is kept until its relcache
 * entry is invalidated.
 */
#include "postgres.h"

#include <ctype.h>

#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "compat.h"
#include "isms.h"

/* What is known about a relation: a shard (and of what), or not. */
typedef struct ShardEntry
{
	Oid			relid;			/* the hash key */
	bool		is_shard;
	IsmsShard	shard;
} ShardEntry;

static HTAB *shard_cache = NULL;

/* Whether Citus is installed, as found in transaction citus_lxid. */
static LocalTransactionId citus_lxid = InvalidLocalTransactionId;
static bool citus_installed = false;

/* A relation's cached entry goes when its relcache entry does. */
static void
shard_cache_invalidate(Datum arg, Oid relid)
{
	(void) arg;
	if (shard_cache == NULL)
		return;
	if (OidIsValid(relid))
		hash_search(shard_cache, &relid, HASH_REMOVE, NULL);
	else
	{
		HASH_SEQ_STATUS status;
		ShardEntry *e;

		hash_seq_init(&status, shard_cache);
		while ((e = hash_seq_search(&status)) != NULL)
			hash_search(shard_cache, &e->relid, HASH_REMOVE, NULL);
	}
}

/* Whether the citus extension is installed in this database (per transaction). */
static bool
isms_citus_installed(void)
{
	if (citus_lxid != ISMS_MY_LXID)
	{
		citus_installed = OidIsValid(get_extension_oid("citus", true));
		citus_lxid = ISMS_MY_LXID;
	}
	return citus_installed;
}

/* The shard id that a relation's name ends in (_<digits>), or 0. */
static int64
shard_id_of_name(const char *name)
{
	size_t		len = strlen(name);
	size_t		i = len;
	int64		id = 0;

	while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9')
		i--;
	if (i == len || i < 2 || name[i - 1] != '_' || len - i > 18)
		return 0;
	for (; i < len; i++)
		id = id * 10 + (name[i] - '0');
	return id;
}

/*
 * Look the relation up in Citus's catalogs: a shard is named after its
 * logical table and its id, as shard_name() names it, in the same schema.
 */
static bool
shard_lookup(Relation rel, int64 shardid, IsmsShard *shard)
{
	Oid			argtypes[1] = {INT8OID};
	Datum		args[1];
	bool		found = false;

	args[0] = Int64GetDatum(shardid);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args("SELECT s.logicalrelid::pg_catalog.oid, s.shardminvalue,"
							  " p.partmethod OPERATOR(pg_catalog.=) 'n',"
							  " pg_catalog.to_regclass(pg_catalog.shard_name(s.logicalrelid, s.shardid))::pg_catalog.oid"
							  " FROM pg_catalog.pg_dist_shard s"
							  " JOIN pg_catalog.pg_dist_partition p"
							  "   ON p.logicalrelid OPERATOR(pg_catalog.=) s.logicalrelid"
							  " WHERE s.shardid OPERATOR(pg_catalog.=) $1",
							  1, argtypes, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not look up shard " INT64_FORMAT, shardid);
	if (SPI_processed == 1)
	{
		HeapTuple	tuple = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		self = SPI_getbinval(tuple, desc, 4, &isnull);

		if (!isnull && DatumGetObjectId(self) == RelationGetRelid(rel))
		{
			char	   *min = SPI_getvalue(tuple, desc, 2);

			found = true;
			shard->relid = RelationGetRelid(rel);
			shard->logical = DatumGetObjectId(SPI_getbinval(tuple, desc, 1, &isnull));
			shard->shardid = shardid;
			shard->reference = DatumGetBool(SPI_getbinval(tuple, desc, 3, &isnull));
			shard->has_min = (min != NULL);
			if (min != NULL)
				strlcpy(shard->minvalue, min, sizeof(shard->minvalue));
		}
	}
	SPI_finish();
	return found;
}

/*
 * The shard that rel is, or NULL if it is no shard of Citus (Citus absent,
 * or a table of its own).  The result stays valid until the relation's
 * relcache entry is invalidated: copy what must outlive that.
 */
const IsmsShard *
isms_shard(Relation rel)
{
	Oid			relid = RelationGetRelid(rel);
	int64		shardid = shard_id_of_name(RelationGetRelationName(rel));
	ShardEntry *e;
	bool		found;
	IsmsShard	shard;
	bool		is_shard;

	if (shardid <= 0 || !isms_citus_installed())
		return NULL;
	if (shard_cache == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(Oid);
		ctl.entrysize = sizeof(ShardEntry);
		ctl.hcxt = CacheMemoryContext;
		shard_cache = hash_create("isms shards", 64, &ctl,
								  HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
		CacheRegisterRelcacheCallback(shard_cache_invalidate, (Datum) 0);
	}
	e = hash_search(shard_cache, &relid, HASH_FIND, NULL);
	if (e == NULL)
	{
		/* looked up before entering: the lookup may invalidate the cache */
		memset(&shard, 0, sizeof(shard));
		is_shard = shard_lookup(rel, shardid, &shard);
		e = hash_search(shard_cache, &relid, HASH_ENTER, &found);
		e->is_shard = is_shard;
		e->shard = shard;
	}
	return e->is_shard ? &e->shard : NULL;
}

/* The relation a trigger fires on, or its logical table if it is a shard. */
Oid
isms_logical_relid(Relation rel)
{
	const IsmsShard *shard = isms_shard(rel);

	return shard != NULL ? shard->logical : RelationGetRelid(rel);
}

/* The local relation of a shard id of logical, or InvalidOid. */
static Oid
shard_relid(const char *sql, int nargs, Oid *argtypes, Datum *args, const char *nulls)
{
	Oid			result = InvalidOid;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args(sql, nargs, argtypes, args, nulls, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not look up the shards of relation %u", DatumGetObjectId(args[0]));
	if (SPI_processed == 1)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull)
			result = DatumGetObjectId(d);
	}
	SPI_finish();
	return result;
}

/*
 * The relation to use for the logical table logical from a trigger on the
 * shard from: logical itself if it is not distributed; its one shard if it
 * is a reference table; if it is distributed, its shard co-located with
 * from, or, when from is a reference table, its shard that holds
 * organization org_id (has_org must then be true).  InvalidOid if that
 * shard is not on this node: another node writes it.
 */
Oid
isms_shard_relid(const IsmsShard *from, Oid logical, bool has_org, int64 org_id)
{
	Oid			argtypes[2] = {OIDOID, TEXTOID};
	Datum		args[2];
	char		nulls[2] = {' ', ' '};
	const char *sql;

	args[0] = ObjectIdGetDatum(logical);
	if (from->has_min)
	{
		sql = "SELECT pg_catalog.to_regclass(pg_catalog.shard_name(s.logicalrelid, s.shardid))::pg_catalog.oid"
			" FROM pg_catalog.pg_dist_partition p"
			" JOIN pg_catalog.pg_dist_shard s ON s.logicalrelid OPERATOR(pg_catalog.=) p.logicalrelid"
			" WHERE p.logicalrelid OPERATOR(pg_catalog.=) $1"
			"   AND (p.partmethod OPERATOR(pg_catalog.=) 'n' OR s.shardminvalue OPERATOR(pg_catalog.=) $2)";
		args[1] = CStringGetTextDatum(from->minvalue);
	}
	else if (has_org)
	{
		sql = "SELECT pg_catalog.to_regclass(pg_catalog.shard_name(p.logicalrelid,"
			"  CASE WHEN p.partmethod OPERATOR(pg_catalog.=) 'n'"
			"   THEN (SELECT min(s.shardid) FROM pg_catalog.pg_dist_shard s"
			"          WHERE s.logicalrelid OPERATOR(pg_catalog.=) p.logicalrelid)"
			"   ELSE pg_catalog.get_shard_id_for_distribution_column(p.logicalrelid, $2::pg_catalog.int8) END))::pg_catalog.oid"
			" FROM pg_catalog.pg_dist_partition p"
			" WHERE p.logicalrelid OPERATOR(pg_catalog.=) $1";
		args[1] = CStringGetTextDatum(psprintf(INT64_FORMAT, org_id));
	}
	else
	{
		sql = "SELECT pg_catalog.to_regclass(pg_catalog.shard_name(p.logicalrelid, s.shardid))::pg_catalog.oid"
			" FROM pg_catalog.pg_dist_partition p"
			" JOIN pg_catalog.pg_dist_shard s ON s.logicalrelid OPERATOR(pg_catalog.=) p.logicalrelid"
			" WHERE p.logicalrelid OPERATOR(pg_catalog.=) $1 AND p.partmethod OPERATOR(pg_catalog.=) 'n'";
		nulls[1] = 'n';
		args[1] = (Datum) 0;
	}

	/* not distributed at all: the table itself */
	if (!isms_relation_distributed(logical))
		return logical;
	return shard_relid(sql, 2, argtypes, args, nulls);
}

/* Whether Citus distributes relid (a distributed or reference table). */
bool
isms_relation_distributed(Oid relid)
{
	Oid			argtypes[1] = {OIDOID};
	Datum		args[1];
	bool		result;

	if (!isms_citus_installed())
		return false;
	args[0] = ObjectIdGetDatum(relid);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args("SELECT FROM pg_catalog.pg_dist_partition"
							  " WHERE logicalrelid OPERATOR(pg_catalog.=) $1",
							  1, argtypes, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not look up relation %u in pg_dist_partition", relid);
	result = SPI_processed == 1;
	SPI_finish();
	return result;
}

/*
 * The local shard of the distributed table logical that holds organization
 * org_id: InvalidOid if it is on another node (or logical is not
 * distributed by Citus: the caller reads logical itself).
 */
Oid
isms_org_shard_relid(Oid logical, int64 org_id)
{
	IsmsShard	from;

	if (!isms_relation_distributed(logical))
		return InvalidOid;
	memset(&from, 0, sizeof(from));
	from.reference = true;
	return isms_shard_relid(&from, logical, true, org_id);
}

/*
 * The text of a query that a trigger on shard runs (shard NULL: off Citus,
 * the text as it is): every table named schema.name in sql, where schema is
 * the quoted name of namespace nspid, is replaced by the relation to use
 * for it from there (isms_shard_relid: its co-located shard, or a reference
 * table's one shard), so that the query reads no distributed table.
 */
char *
isms_shard_query(const char *sql, const char *schema, Oid nspid, const IsmsShard *shard)
{
	StringInfoData buf;
	size_t		prefix = strlen(schema);
	const char *p = sql;
	const char *hit;
	char	   *nspname;

	if (shard == NULL)
		return pstrdup(sql);
	nspname = get_namespace_name(nspid);
	initStringInfo(&buf);
	while ((hit = strstr(p, schema)) != NULL)
	{
		const char *name = hit + prefix;
		size_t		len = 0;
		char	   *relname;
		Oid			relid;
		Oid			target;

		appendBinaryStringInfo(&buf, p, hit - p);
		p = hit + prefix;
		if ((hit > sql && (isalnum((unsigned char) hit[-1]) || hit[-1] == '_' || hit[-1] == '"')) ||
			*name != '.')
		{
			appendStringInfoString(&buf, schema);
			continue;
		}
		name++;
		while (isalnum((unsigned char) name[len]) || name[len] == '_')
			len++;
		relname = pnstrdup(name, len);
		relid = get_relname_relid(relname, nspid);
		target = OidIsValid(relid) ? isms_shard_relid(shard, relid, false, 0) : InvalidOid;
		if (OidIsValid(target) && target != relid)
			appendStringInfoString(&buf, quote_qualified_identifier(nspname, get_rel_name(target)));
		else
			appendStringInfo(&buf, "%s.%s", schema, relname);
		p = name + len;
	}
	appendStringInfoString(&buf, p);
	return buf.data;
}
