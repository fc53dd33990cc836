/*
 * audit.c
 *	  The tamper-evident audit log, isms.audit_log: one entry for every
 *	  change to a tracked table, in SHA-256 hash chains, one per
 *	  organization, and isms.verify_audit_log() to check them.  Also the
 *	  event outbox, isms.event, written with the log.
 *
 * Chains.  An entry belongs to the chain of its organization (org_id: the
 * tracked row's org_id, or an organization's own id for a row of
 * isms.organization) or, when it has none, to the chain of no organization
 * (org_id NULL: the tables without org_id, such as the shared catalogs, and
 * every entry isms 1.0 wrote; 1.0's one chain goes on as this chain).  An
 * entry's hash is SHA-256(prev_hash || content), where prev_hash is the
 * hash of the previous entry of its chain (32 zero bytes for a chain's
 * first entry) and content is the UTF-8 text of
 *
 *	jsonb_build_array(id, at as microseconds since 1970-01-01 00:00 UTC,
 *					  txid, changed_by, session_user_name, table_name,
 *					  operation, row_key, old_row, new_row)
 *
 * as PostgreSQL prints it (1.0's formula, so that 1.0's entries still
 * verify), so that a chain can be checked in plain SQL and does not depend
 * on settings such as TimeZone.  Ids come from the sequence
 * isms.audit_log_id_seq: unique and increasing along every chain, not
 * contiguous.
 *
 * Entries are queued while the transaction runs (a tuplestore, so memory
 * stays within work_mem) and written when it commits: at PRE_COMMIT the
 * backend takes the lock of every chain its queue touches, in ascending
 * order of the locks' keys, reads the last entry of each, and appends its
 * entries, each with the sequence's next id.  A chain's lock is held until
 * the commit is complete (it is released after the commit is visible), so
 * the next transaction to append to the chain sees this one's entries:
 * each chain is one, in id order, however many sessions write at once.
 * Writers of different organizations take different locks and never wait
 * for each other, and locks taken in one order cannot deadlock.  Entries
 * queued in a subtransaction that rolls back are dropped.
 *
 * A big transaction appends early, as soon as its queue outgrows half of
 * work_mem while no subtransaction is open (the queue would otherwise
 * spill to disk, and be written twice more), and then holds the locks of
 * the chains it appended to until it ends.  The ascending order holds
 * within one append, not across them: a transaction that appended early
 * and then writes an organization whose lock's key is below one it holds
 * takes that lock out of order.  Two transactions can then wait for each
 * other; PostgreSQL's deadlock detector cancels one of them (SQLSTATE
 * 40P01, to be retried) after deadlock_timeout: never a hang.  Only a big
 * transaction that writes several organizations in that order runs the
 * risk; commits of transactions that do not append early never do.
 *
 * Events (isms.event, the outbox) are queued with the entries, so that a
 * subtransaction that rolls back drops its events too, and appended by
 * the same flush, under the lock of the event's organization's chain, with
 * ids of the sequence isms.event_id_seq: within one organization, event
 * ids increase in commit order, so that a consumer that reads WHERE org_id
 * = X AND id > (the last id it saw) misses nothing.  Each event is also
 * announced by NOTIFY isms_events, whose payload holds only the event's
 * kind, id, organization and row ids: anyone may NOTIFY that channel, the
 * table is the record.  A transaction that is prepared (PREPARE
 * TRANSACTION) sends no NOTIFY, which PREPARE refuses: its events are in
 * the table.
 *
 * A schema still at 1.0 (audit_log without org_id, no isms.event) has one
 * chain: the chain of no organization, ids following its last entry.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/relscan.h"
#include "access/skey.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_am.h"
#include "catalog/pg_type.h"
#include "commands/async.h"
#include "commands/sequence.h"
#include "executor/executor.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "nodes/pg_list.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/hsearch.h"
#include "utils/json.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/resowner.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "audit.h"
#include "direct_insert.h"
#include "isms.h"

/*
 * The locks that order appends: one advisory lock per chain, in a space of
 * its own (ISMS_LOCK_AUDIT_CHAIN, 0x6961: neither 1 nor 2, which the SQL
 * advisory lock functions use, nor what the other locks of isms use), so
 * that no session can take one from SQL and hold up the commits that write
 * a chain.  An organization's chain is locked on its id (pg_locks: locktype
 * advisory, classid the id's high 32 bits, objid its low 32 bits, objsubid
 * 26977); the chain of no organization on 7598537338627908724
 * (0x69736d7361756474, "ismsaudt", 1.0's one lock: classid 1769172339,
 * objid 1635083380).  An organization with that very id would share the
 * lock of the chain of no organization: its writers would wait more, the
 * chains stay right.
 */
#define AUDIT_LOCK_KEY		UINT64CONST(0x69736d7361756474)

/* The sequences of the ids (from 1.1 on). */
#define AUDIT_LOG_ID_SEQUENCE	"audit_log_id_seq"
#define EVENT_TABLE				"event"
#define EVENT_ID_SEQUENCE		"event_id_seq"

/* Microseconds between the Unix epoch and the PostgreSQL epoch (2000-01-01). */
#define UNIX_EPOCH_OFFSET_USEC \
	((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY)

typedef struct ColumnSpec
{
	const char *name;
	Oid			type;
} ColumnSpec;

/* isms.audit_log's columns, in their order (org_id from 1.1 on). */
enum
{
	AL_ID,
	AL_AT,
	AL_TXID,
	AL_CHANGED_BY,
	AL_SESSION_USER,
	AL_TABLE_NAME,
	AL_OPERATION,
	AL_ROW_KEY,
	AL_OLD_ROW,
	AL_NEW_ROW,
	AL_PREV_HASH,
	AL_HASH,
	AL_ORG_ID,
	AL_NCOLUMNS
};

static const ColumnSpec audit_log_columns[AL_NCOLUMNS] =
{
	{"id", INT8OID},
	{"at", TIMESTAMPTZOID},
	{"txid", INT8OID},
	{"changed_by", TEXTOID},
	{"session_user_name", TEXTOID},
	{"table_name", TEXTOID},
	{"operation", TEXTOID},
	{"row_key", JSONBOID},
	{"old_row", JSONBOID},
	{"new_row", JSONBOID},
	{"prev_hash", BYTEAOID},
	{"hash", BYTEAOID},
	{"org_id", INT8OID},
};

/* isms.event's columns, in their order. */
enum
{
	EV_ID,
	EV_ORG_ID,
	EV_AT,
	EV_TXID,
	EV_KIND,
	EV_TABLE_NAME,
	EV_ROW_IDS,
	EV_DETAILS,
	EV_NCOLUMNS
};

static const ColumnSpec event_columns[EV_NCOLUMNS] =
{
	{"id", INT8OID},
	{"org_id", INT8OID},
	{"at", TIMESTAMPTZOID},
	{"txid", INT8OID},
	{"kind", TEXTOID},
	{"table_name", TEXTOID},
	{"row_ids", JSONBOID},
	{"details", JSONBOID},
};

/*
 * A queued entry holds audit_log's columns at to new_row, then its
 * organization.  A queued event has at, txid, table_name, its row ids in
 * row_key, its organization, kind and details.
 */
#define QUEUED_FIRST	AL_AT
enum
{
	Q_ORG_ID = AL_NEW_ROW - AL_AT + 1,	/* NULL: the chain of no organization */
	Q_EVENT_KIND,				/* NULL for an audit entry */
	Q_DETAILS,
	Q_NCOLUMNS
};

static const ColumnSpec queued_extra_columns[Q_NCOLUMNS - Q_ORG_ID] =
{
	{"org_id", INT8OID},
	{"event_kind", TEXTOID},
	{"details", JSONBOID},
};

/* Entries queued since position start were queued in subtransaction subid. */
typedef struct QueueRun
{
	SubTransactionId subid;
	int64		start;
} QueueRun;

/* Positions [start, end) were queued in a subtransaction that rolled back. */
typedef struct QueueGap
{
	int64		start;
	int64		end;
} QueueGap;

/* A chain this transaction writes to. */
typedef struct AuditChain
{
	int64		org_id;			/* the hash key; 0 for no organization */
	bool		has_org;
	bool		touched;		/* in q->touched */
	bool		locked;			/* holds its lock; head_id and head_hash valid */
	int64		head_id;		/* the last entry's id */
	bytea	   *head_hash;
	/* on Citus: the shards its entries and events go into (see audit_shard) */
	bool		resolved;		/* logrelid, evrelid and elsewhere are set */
	bool		elsewhere;		/* its shard is on another node */
	Oid			logrelid;		/* InvalidOid: the log itself */
	Oid			evrelid;		/* InvalidOid: the outbox itself */
} AuditChain;

/* The entries this transaction has queued; NULL when there are none. */
typedef struct AuditQueue
{
	MemoryContext mcxt;			/* child of TopTransactionContext */
	TupleDesc	desc;			/* Q_NCOLUMNS columns */
	Tuplestorestate *store;
	int64		count;			/* entries queued, dropped ones included */
	int64		events;			/* of which events */
	Size		bytes;			/* about how much the queue holds */
	int64		dropped;
	QueueRun   *runs;
	int			nruns;
	int			maxruns;
	QueueGap   *gaps;			/* sorted, disjoint */
	int			ngaps;
	int			maxgaps;
	bool		committing;		/* past PRE_COMMIT: append at once */
	bool		preparing;		/* PREPARE TRANSACTION: no NOTIFY */
	HTAB	   *chains;			/* organizations' chains, by org_id */
	AuditChain	nochain;		/* the chain of no organization */
	AuditChain *last;			/* the chain of the last entry queued */
	AuditChain **touched;		/* chains with entries queued since the last
								 * flush */
	int			ntouched;
	int			maxtouched;
	bool		sharded;		/* some chain goes into a shard of Citus */
	List	   *deferred;		/* on Citus, the NOTIFY payloads of events
								 * appended early, sent at commit */
} AuditQueue;

static AuditQueue *queue = NULL;
static bool callbacks_registered = false;

static void audit_xact_callback(XactEvent event, void *arg);
static void audit_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
								   SubTransactionId parentSubid, void *arg);

/* ----------------------------------------------------------------------
 * The content that is hashed
 * ----------------------------------------------------------------------
 */

/*
 * JSON text exactly as PostgreSQL prints jsonb (JsonbToCString), written
 * here because the hash of every entry needs it: strings are escaped by
 * runs instead of character by character, and not copied first.
 */

/*
 * Append len bytes: the buffer is enlarged only when they do not fit, which
 * is seldom, as the buffer is reused for every entry.
 */
static inline void
text_append(StringInfo out, const char *str, int len)
{
	if (out->len + len >= out->maxlen)
		enlargeStringInfo(out, len);
	memcpy(out->data + out->len, str, len);
	out->len += len;
	out->data[out->len] = '\0';
}

/* Whether a byte goes into a JSON string as it is. */
static inline bool
json_plain_byte(unsigned char c)
{
	return c >= ' ' && c != '"' && c != '\\';
}

/* A JSON string, escaped as escape_json() does. */
static void
json_text_string(StringInfo out, const char *str, int len)
{
	int			start = 0;
	int			i = 0;

	/* the usual case: nothing to escape, one copy between the quotes */
	while (i < len && json_plain_byte((unsigned char) str[i]))
		i++;
	if (out->len + len + 2 >= out->maxlen)
		enlargeStringInfo(out, len + 2);
	out->data[out->len++] = '"';
	if (i == len)
	{
		memcpy(out->data + out->len, str, len);
		out->len += len;
		out->data[out->len++] = '"';
		out->data[out->len] = '\0';
		return;
	}
	for (; i < len; i++)
	{
		unsigned char c = (unsigned char) str[i];

		if (json_plain_byte(c))
			continue;
		text_append(out, str + start, i - start);
		start = i + 1;
		switch (c)
		{
			case '\b':
				text_append(out, "\\b", 2);
				break;
			case '\f':
				text_append(out, "\\f", 2);
				break;
			case '\n':
				text_append(out, "\\n", 2);
				break;
			case '\r':
				text_append(out, "\\r", 2);
				break;
			case '\t':
				text_append(out, "\\t", 2);
				break;
			case '"':
				text_append(out, "\\\"", 2);
				break;
			case '\\':
				text_append(out, "\\\\", 2);
				break;
			default:
				appendStringInfo(out, "\\u%04x", (int) c);
				break;
		}
	}
	text_append(out, str + start, len - start);
	text_append(out, "\"", 1);
}

static void json_text_container(StringInfo out, const JsonbContainer *container);

/*
 * One value of a container, as jsonb's iterator would give it (fillJsonbValue
 * in PostgreSQL's jsonb_util.c): a string's bytes start at offset, a number
 * and a nested container at the next int-aligned offset.
 */
static void
json_text_entry(StringInfo out, JEntry entry, const char *base, uint32 offset,
				uint32 len)
{
	if (JBE_ISSTRING(entry))
		json_text_string(out, base + offset, (int) len);
	else if (JBE_ISNUMERIC(entry))
	{
		char	   *str = DatumGetCString(DirectFunctionCall1(numeric_out,
															  PointerGetDatum(base + INTALIGN(offset))));

		text_append(out, str, strlen(str));
		pfree(str);
	}
	else if (JBE_ISBOOL_TRUE(entry))
		text_append(out, "true", 4);
	else if (JBE_ISBOOL_FALSE(entry))
		text_append(out, "false", 5);
	else if (JBE_ISNULL(entry))
		text_append(out, "null", 4);
	else if (JBE_ISCONTAINER(entry))
		json_text_container(out, (const JsonbContainer *) (base + INTALIGN(offset)));
	else
		elog(ERROR, "unexpected jsonb entry type 0x%x", (unsigned) (entry & JENTRY_TYPEMASK));
}

/*
 * An object or array: {"k": v, "k": v}, [v, v]; a raw scalar alone.  The
 * container is read in place, in jsonb's on-disk format: its JEntry array
 * (an object's keys, then their values, in the stored order, which is the
 * printed order) holds for each entry its length or, every
 * JB_OFFSET_STRIDE entries, its end offset.
 */
static void
json_text_container(StringInfo out, const JsonbContainer *container)
{
	uint32		count = JsonContainerSize(container);
	bool		is_object = JsonContainerIsObject(container);
	uint32		nentries = is_object ? count * 2 : count;
	const char *base = (const char *) &container->children[nentries];
	uint32		local[64];
	uint32	   *offsets = nentries < lengthof(local) ? local :
		palloc(sizeof(uint32) * (nentries + 1));

	check_stack_depth();
	/* offsets[i] is where entry i starts, offsets[i + 1] where it ends */
	offsets[0] = 0;
	for (uint32 i = 0; i < nentries; i++)
	{
		JEntry		entry = container->children[i];

		offsets[i + 1] = JBE_HAS_OFF(entry) ? JBE_OFFLENFLD(entry) :
			offsets[i] + JBE_OFFLENFLD(entry);
	}

	if (is_object)
	{
		text_append(out, "{", 1);
		for (uint32 i = 0; i < count; i++)
		{
			uint32		v = i + count;

			if (i > 0)
				text_append(out, ", ", 2);
			json_text_string(out, base + offsets[i], (int) (offsets[i + 1] - offsets[i]));
			text_append(out, ": ", 2);
			json_text_entry(out, container->children[v], base, offsets[v],
							offsets[v + 1] - offsets[v]);
		}
		text_append(out, "}", 1);
	}
	else
	{
		bool		raw_scalar = JsonContainerIsScalar(container);

		if (!raw_scalar)
			text_append(out, "[", 1);
		for (uint32 i = 0; i < count; i++)
		{
			if (i > 0)
				text_append(out, ", ", 2);
			json_text_entry(out, container->children[i], base, offsets[i],
							offsets[i + 1] - offsets[i]);
		}
		if (!raw_scalar)
			text_append(out, "]", 1);
	}
	if (offsets != local)
		pfree(offsets);
}

/* Append a text datum as a JSON string, or null. */
static void
content_text(StringInfo buf, Datum value, bool isnull)
{
	if (isnull)
		text_append(buf, "null", 4);
	else
	{
		text	   *t = DatumGetTextPP(value);

		json_text_string(buf, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	}
}

/* Append a jsonb datum as PostgreSQL prints it, or null. */
static void
content_jsonb(StringInfo buf, Datum value, bool isnull)
{
	if (isnull)
		text_append(buf, "null", 4);
	else
		json_text_container(buf, &DatumGetJsonbP(value)->root);
}

/*
 * An entry's hash: SHA-256(prev_hash || content), content as described at
 * the top of this file.  values and isnull are in audit_log's column order
 * (id to new_row are used).
 */
static void
entry_hash(IsmsSha256 sha, StringInfo buf, const Datum *values, const bool *isnull,
		   const bytea *prev_hash, uint8 *result)
{
	char	   *utf8;

	resetStringInfo(buf);
	appendStringInfo(buf, "[" INT64_FORMAT ", " INT64_FORMAT ", " INT64_FORMAT ", ",
					 DatumGetInt64(values[AL_ID]),
					 DatumGetTimestampTz(values[AL_AT]) + UNIX_EPOCH_OFFSET_USEC,
					 DatumGetInt64(values[AL_TXID]));
	content_text(buf, values[AL_CHANGED_BY], isnull[AL_CHANGED_BY]);
	text_append(buf, ", ", 2);
	content_text(buf, values[AL_SESSION_USER], isnull[AL_SESSION_USER]);
	text_append(buf, ", ", 2);
	content_text(buf, values[AL_TABLE_NAME], isnull[AL_TABLE_NAME]);
	text_append(buf, ", ", 2);
	content_text(buf, values[AL_OPERATION], isnull[AL_OPERATION]);
	text_append(buf, ", ", 2);
	content_jsonb(buf, values[AL_ROW_KEY], isnull[AL_ROW_KEY]);
	text_append(buf, ", ", 2);
	content_jsonb(buf, values[AL_OLD_ROW], isnull[AL_OLD_ROW]);
	text_append(buf, ", ", 2);
	content_jsonb(buf, values[AL_NEW_ROW], isnull[AL_NEW_ROW]);
	appendStringInfoChar(buf, ']');

	utf8 = pg_server_to_any(buf->data, buf->len, PG_UTF8);
	isms_sha256(sha, VARDATA_ANY(prev_hash), VARSIZE_ANY_EXHDR(prev_hash),
				utf8, utf8 == buf->data ? (size_t) buf->len : strlen(utf8), result);
	if (utf8 != buf->data)
		pfree(utf8);
}

/* The prev_hash of the first entry: 32 zero bytes. */
static bytea *
genesis_hash(void)
{
	bytea	   *result = palloc0(VARHDRSZ + ISMS_SHA256_LEN);

	SET_VARSIZE(result, VARHDRSZ + ISMS_SHA256_LEN);
	return result;
}

/* A bytea holding a digest. */
static bytea *
hash_bytea(const uint8 *digest)
{
	bytea	   *result = palloc(VARHDRSZ + ISMS_SHA256_LEN);

	SET_VARSIZE(result, VARHDRSZ + ISMS_SHA256_LEN);
	memcpy(VARDATA(result), digest, ISMS_SHA256_LEN);
	return result;
}

/* A copy of a bytea (with a 4-byte header) in mcxt. */
static bytea *
copy_bytea(MemoryContext mcxt, const bytea *b)
{
	size_t		len = VARSIZE_ANY_EXHDR(b);
	bytea	   *result = MemoryContextAlloc(mcxt, len + VARHDRSZ);

	SET_VARSIZE(result, len + VARHDRSZ);
	memcpy(VARDATA(result), VARDATA_ANY(b), len);
	return result;
}


/* ----------------------------------------------------------------------
 * The log table and the event table
 * ----------------------------------------------------------------------
 */

/* isms.audit_log's OID, or InvalidOid if the extension is gone. */
static Oid
audit_log_relid(bool missing_ok)
{
	return isms_relid(AUDIT_LOG_TABLE, missing_ok);
}

/*
 * A table written here must still have its first ncolumns columns, as this
 * file knows them.
 */
static void
columns_check(Relation rel, const ColumnSpec *columns, int ncolumns)
{
	TupleDesc	desc = RelationGetDescr(rel);

	for (int i = 0; i < ncolumns; i++)
	{
		Form_pg_attribute att;

		if (i >= desc->natts ||
			(att = TupleDescAttr(desc, i))->attisdropped ||
			strcmp(NameStr(att->attname), columns[i].name) != 0 ||
			att->atttypid != columns[i].type)
			ereport(ERROR,
					errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					errmsg("table %s.%s has been altered", TRACK_SCHEMA,
							RelationGetRelationName(rel)),
					errdetail("Column %d must be \"%s\" of type %s.", i + 1,
							   columns[i].name, format_type_be(columns[i].type)));
	}
}

/*
 * Check the log's columns; returns whether it has chains per organization
 * (org_id, from 1.1 on) or is still 1.0's one chain.
 */
static bool
audit_log_check(Relation rel)
{
	bool		chains = RelationGetDescr(rel)->natts > AL_ORG_ID;

	columns_check(rel, audit_log_columns, chains ? AL_NCOLUMNS : AL_ORG_ID);
	return chains;
}

/* The primary key index of the log, on id. */
static Oid
audit_log_pkey(Relation rel)
{
	Oid			pk = isms_primary_key_index(rel);

	if (!OidIsValid(pk))
		ereport(ERROR,
				errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("table %s.%s has no primary key", TRACK_SCHEMA, AUDIT_LOG_TABLE));
	return pk;
}

/* The index that walks the chains: a btree on (org_id, id). */
static Oid
audit_log_chain_index(Relation rel)
{
	List	   *indexes = RelationGetIndexList(rel);
	ListCell   *lc;
	Oid			result = InvalidOid;

	foreach(lc, indexes)
	{
		Relation	index = index_open(lfirst_oid(lc), AccessShareLock);
		Form_pg_index form = index->rd_index;

		if (index->rd_rel->relam == BTREE_AM_OID && form->indisvalid &&
			form->indnkeyatts == 2 &&
			form->indkey.values[0] == AL_ORG_ID + 1 &&
			form->indkey.values[1] == AL_ID + 1 &&
			RelationGetIndexExpressions(index) == NIL &&
			RelationGetIndexPredicate(index) == NIL)
			result = RelationGetRelid(index);
		index_close(index, AccessShareLock);
		if (OidIsValid(result))
			break;
	}
	list_free(indexes);
	if (!OidIsValid(result))
		ereport(ERROR,
				errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("table %s.%s has no index on (org_id, id)", TRACK_SCHEMA, AUDIT_LOG_TABLE),
				errhint("The extension may have been altered; run ALTER EXTENSION isms UPDATE or install it again."));
	return result;
}

/* The scan key that selects one chain on the (org_id, id) index. */
static void
chain_scankey(ScanKey key, bool has_org, int64 org_id)
{
	if (has_org)
		ScanKeyInit(key, 1, BTEqualStrategyNumber, F_INT8EQ, Int64GetDatum(org_id));
	else
		ScanKeyEntryInitialize(key, SK_ISNULL | SK_SEARCHNULL, 1, InvalidStrategy,
							   InvalidOid, InvalidOid, InvalidOid, (Datum) 0);
}

/*
 * The last entry of a chain, in snapshot: true and its id, hash and time,
 * or false for an empty chain.  indexoid is the (org_id, id) index, or for
 * 1.0's log (chains false), whose one chain is the whole log, its primary
 * key.
 */
static bool
chain_last_entry(Relation rel, Oid indexoid, bool chains, bool has_org, int64 org_id,
				 Snapshot snapshot, int64 *id, bytea **hash, TimestampTz *at,
				 MemoryContext mcxt)
{
	Relation	index = index_open(indexoid, AccessShareLock);
	IndexScanDesc scan = isms_index_beginscan(rel, index, snapshot, chains ? 1 : 0, 0);
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	ScanKeyData key;
	bool		found;

	if (chains)
		chain_scankey(&key, has_org, org_id);
	index_rescan(scan, chains ? &key : NULL, chains ? 1 : 0, NULL, 0);
	found = index_getnext_slot(scan, BackwardScanDirection, slot);
	if (found)
	{
		bool		isnull;
		Datum		d;

		*id = DatumGetInt64(slot_getattr(slot, AL_ID + 1, &isnull));
		d = slot_getattr(slot, AL_HASH + 1, &isnull);
		if (isnull)
			ereport(ERROR,
					errcode(ERRCODE_DATA_CORRUPTED),
					errmsg("audit log entry " INT64_FORMAT " has no hash", *id));
		*hash = copy_bytea(mcxt, DatumGetByteaPP(d));
		if (at != NULL)
			*at = DatumGetTimestampTz(slot_getattr(slot, AL_AT + 1, &isnull));
	}
	ExecDropSingleTupleTableSlot(slot);
	index_endscan(scan);
	index_close(index, AccessShareLock);
	return found;
}

/* The key of a chain's lock. */
static uint64
chain_lock_key(const AuditChain *chain)
{
	return chain->has_org ? (uint64) chain->org_id : AUDIT_LOCK_KEY;
}

static int
chain_lock_cmp(const void *a, const void *b)
{
	uint64		x = chain_lock_key(*(AuditChain *const *) a);
	uint64		y = chain_lock_key(*(AuditChain *const *) b);

	return x < y ? -1 : x > y ? 1 : 0;
}

/*
 * Take the locks of the chains not yet locked, in ascending order of their
 * keys, and read each one's last entry.  Called with the chains' locks
 * held, nobody else appends to them: SnapshotSelf sees every committed
 * entry and takes no SSI predicate lock, which would make every pair of
 * serializable writers conflict.
 */
static void
lock_chains(AuditQueue *q, Relation rel, bool chains, AuditChain **lock, int nlock)
{
	Oid			indexoid = InvalidOid;

	qsort(lock, nlock, sizeof(AuditChain *), chain_lock_cmp);
	for (int i = 0; i < nlock; i++)
	{
		uint64		key = chain_lock_key(lock[i]);

		isms_advisory_xact_lock((uint32) (key >> 32), (uint32) key, ISMS_LOCK_AUDIT_CHAIN);
	}
	if (nlock > 0)
		indexoid = chains ? audit_log_chain_index(rel) : audit_log_pkey(rel);
	for (int i = 0; i < nlock; i++)
	{
		AuditChain *c = lock[i];
		bool		found;

		/* on Citus, the chain is in a shard of the log */
		if (OidIsValid(c->logrelid) && c->logrelid != RelationGetRelid(rel))
		{
			Relation	shard = table_open(c->logrelid, RowExclusiveLock);

			found = chain_last_entry(shard, audit_log_chain_index(shard), chains,
									 c->has_org, c->org_id, SnapshotSelf,
									 &c->head_id, &c->head_hash, NULL, q->mcxt);
			table_close(shard, NoLock);
		}
		else
			found = chain_last_entry(rel, indexoid, chains, c->has_org, c->org_id, SnapshotSelf,
									 &c->head_id, &c->head_hash, NULL, q->mcxt);
		if (!found)
		{
			MemoryContext oldcxt = MemoryContextSwitchTo(q->mcxt);

			c->head_id = 0;
			c->head_hash = genesis_hash();
			MemoryContextSwitchTo(oldcxt);
		}
		c->locked = true;
	}
}

/* ----------------------------------------------------------------------
 * The queue
 * ----------------------------------------------------------------------
 */

/* The transaction's queue, created on first use. */
static AuditQueue *
audit_queue(void)
{
	MemoryContext mcxt;
	MemoryContext oldcxt;
	ResourceOwner oldowner;
	AuditQueue *q;

	if (queue != NULL)
		return queue;
	if (!callbacks_registered)
	{
		RegisterXactCallback(audit_xact_callback, NULL);
		RegisterSubXactCallback(audit_subxact_callback, NULL);
		callbacks_registered = true;
	}
	mcxt = AllocSetContextCreate(TopTransactionContext, "isms audit queue",
								 ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(mcxt);
	q = palloc0(sizeof(AuditQueue));
	q->mcxt = mcxt;
	q->desc = CreateTemplateTupleDesc(Q_NCOLUMNS);
	for (int i = 0; i < Q_NCOLUMNS; i++)
	{
		const ColumnSpec *col = i < Q_ORG_ID ? &audit_log_columns[QUEUED_FIRST + i] :
			&queued_extra_columns[i - Q_ORG_ID];

		TupleDescInitEntry(q->desc, (AttrNumber) (i + 1), col->name, col->type, -1, 0);
	}
	q->maxruns = 8;
	q->runs = palloc(sizeof(QueueRun) * q->maxruns);
	q->maxgaps = 8;
	q->gaps = palloc(sizeof(QueueGap) * q->maxgaps);
	q->maxtouched = 8;
	q->touched = palloc(sizeof(AuditChain *) * q->maxtouched);

	/* temporary files, if any, must outlive subtransactions */
	oldowner = CurrentResourceOwner;
	CurrentResourceOwner = TopTransactionResourceOwner;
	q->store = tuplestore_begin_heap(false, false, work_mem);
	CurrentResourceOwner = oldowner;
	MemoryContextSwitchTo(oldcxt);

	queue = q;
	return q;
}

/* The queue's record of a chain, made on first use. */
static AuditChain *
queue_chain(AuditQueue *q, bool has_org, int64 org_id)
{
	AuditChain *c;

	if (!has_org)
		c = &q->nochain;
	else if (q->last != NULL && q->last->has_org && q->last->org_id == org_id)
		c = q->last;
	else
	{
		bool		found;

		if (q->chains == NULL)
		{
			HASHCTL		ctl;

			ctl.keysize = sizeof(int64);
			ctl.entrysize = sizeof(AuditChain);
			ctl.hcxt = q->mcxt;
			q->chains = hash_create("isms audit chains", 16, &ctl,
									HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
		}
		c = hash_search(q->chains, &org_id, HASH_ENTER, &found);
		if (!found)
		{
			c->has_org = true;
			c->touched = false;
			c->locked = false;
			c->head_id = 0;
			c->head_hash = NULL;
			c->resolved = false;
			c->elsewhere = false;
			c->logrelid = InvalidOid;
			c->evrelid = InvalidOid;
		}
	}
	q->last = c;
	return c;
}

/* Note that entries of a chain wait in the queue. */
static void
queue_touch(AuditQueue *q, AuditChain *c)
{
	if (c->touched)
		return;
	if (q->ntouched == q->maxtouched)
	{
		q->maxtouched *= 2;
		q->touched = repalloc(q->touched, sizeof(AuditChain *) * q->maxtouched);
	}
	q->touched[q->ntouched++] = c;
	c->touched = true;
}

static void audit_flush(AuditQueue *q);

/* Queue a row of Q_NCOLUMNS values; append early or at once if it is time. */
static void
queue_put(AuditQueue *q, Datum *values, bool *isnull, Size bytes)
{
	SubTransactionId subid = GetCurrentSubTransactionId();

	if (q->nruns == 0 || q->runs[q->nruns - 1].subid != subid)
	{
		if (q->nruns == q->maxruns)
		{
			q->maxruns *= 2;
			q->runs = repalloc(q->runs, sizeof(QueueRun) * q->maxruns);
		}
		q->runs[q->nruns].subid = subid;
		q->runs[q->nruns].start = q->count;
		q->nruns++;
	}
	queue_touch(q, queue_chain(q, !isnull[Q_ORG_ID],
							   isnull[Q_ORG_ID] ? 0 : DatumGetInt64(values[Q_ORG_ID])));
	tuplestore_putvalues(q->store, q->desc, values, isnull);
	q->count++;
	if (!isnull[Q_EVENT_KIND])
		q->events++;
	q->bytes += bytes;

	/*
	 * A change made while committing (by another commit callback) is
	 * appended at once.  So are the entries of a big transaction, before
	 * they would spill to disk, if no subtransaction is open (a
	 * subtransaction that rolls back would remove the entries appended in
	 * it, also those of its parent): the transaction then holds the chains'
	 * locks until it ends.
	 */
	if (q->committing ||
		(q->bytes >= (Size) work_mem * 1024 / 2 && GetCurrentTransactionNestLevel() == 1))
		audit_flush(q);
}

/*
 * On Citus, whether this node writes the entries and events of organization
 * org_id that a trigger on shard queues, and where: the shards of the log
 * and of the outbox that hold the organization (co-located with shard, or,
 * for a reference table such as isms.organization, whose trigger fires on
 * every node, those of the node that holds the organization: the other
 * nodes write nothing).  Resolved here, in the trigger, once per chain and
 * transaction, not at commit, when no query may run.
 *
 * The chain of no organization (the changes to the shared catalogs, which
 * are reference tables) has no place on Citus: the log is distributed by
 * org_id, which cannot be NULL there, and a copy on every node would be as
 * many chains.  Its entries are not written; the catalogs' history tables
 * (reference tables too) still keep every version.
 */
static bool
audit_shard(AuditQueue *q, const IsmsShard *shard, bool has_org, int64 org_id)
{
	AuditChain *c;

	if (!has_org)
		return false;
	c = queue_chain(q, true, org_id);
	if (!c->resolved)
	{
		Oid			log = audit_log_relid(false);
		Oid			event = isms_relid(EVENT_TABLE, true);

		c->logrelid = isms_shard_relid(shard, log, true, org_id);
		c->elsewhere = !OidIsValid(c->logrelid);
		if (c->logrelid == log)
			c->logrelid = InvalidOid;
		if (!c->elsewhere && OidIsValid(event))
		{
			c->evrelid = isms_shard_relid(shard, event, true, org_id);
			if (!OidIsValid(c->evrelid))
				ereport(ERROR,
						errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						errmsg("the outbox of extension \"isms\" is not co-located with its audit log"),
						errhint("Distribute the tables of isms with isms.distribute()."));
			if (c->evrelid == event)
				c->evrelid = InvalidOid;
		}
		c->resolved = true;
		if (OidIsValid(c->logrelid))
		{
			q->sharded = true;

			/*
			 * The chain's lock, now rather than at commit: there, a
			 * transaction that writes organizations on several workers
			 * would wait for a lock held by another one's prepared
			 * transaction, which waits in turn for the first to prepare
			 * on another worker, and neither ever ends.  Waiting here,
			 * both are running, and Citus's distributed deadlock detection
			 * cancels one of them.  (lock_chains takes it again at commit:
			 * a lock taken in a subtransaction that was rolled back is
			 * gone.)
			 */
			isms_advisory_xact_lock((uint32) (chain_lock_key(c) >> 32),
									(uint32) chain_lock_key(c), ISMS_LOCK_AUDIT_CHAIN);
		}
	}
	return !c->elsewhere;
}

/*
 * Queue the entry for one change.  row_key is the primary key, old_row and
 * new_row the row before and after (NULL for an INSERT and a DELETE);
 * org_id the organization whose chain it goes into (has_org false: the
 * chain of no organization).  shard: on Citus, the shard the change was
 * made in (NULL elsewhere).
 */
void
audit_record(const char *table_name, const char *operation,
			 const char *changed_by, const char *session_user,
			 bool has_org, int64 org_id,
			 Jsonb *row_key, Jsonb *old_row, Jsonb *new_row,
			 const IsmsShard *shard)
{
	AuditQueue *q = audit_queue();
	Datum		values[Q_NCOLUMNS];
	bool		isnull[Q_NCOLUMNS];

	if (shard != NULL && !audit_shard(q, shard, has_org, org_id))
		return;

	memset(isnull, 0, sizeof(isnull));
	values[AL_AT - QUEUED_FIRST] = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());
	values[AL_TXID - QUEUED_FIRST] =
		Int64GetDatum((int64) U64FromFullTransactionId(GetTopFullTransactionId()));
	values[AL_CHANGED_BY - QUEUED_FIRST] = CStringGetTextDatum(changed_by);
	values[AL_SESSION_USER - QUEUED_FIRST] = CStringGetTextDatum(session_user);
	values[AL_TABLE_NAME - QUEUED_FIRST] = CStringGetTextDatum(table_name);
	values[AL_OPERATION - QUEUED_FIRST] = CStringGetTextDatum(operation);
	values[AL_ROW_KEY - QUEUED_FIRST] = JsonbPGetDatum(row_key);
	values[AL_OLD_ROW - QUEUED_FIRST] = PointerGetDatum(old_row);
	isnull[AL_OLD_ROW - QUEUED_FIRST] = (old_row == NULL);
	values[AL_NEW_ROW - QUEUED_FIRST] = PointerGetDatum(new_row);
	isnull[AL_NEW_ROW - QUEUED_FIRST] = (new_row == NULL);
	values[Q_ORG_ID] = Int64GetDatum(org_id);
	isnull[Q_ORG_ID] = !has_org;
	isnull[Q_EVENT_KIND] = true;
	isnull[Q_DETAILS] = true;

	queue_put(q, values, isnull,
			  VARSIZE(row_key) + (old_row ? VARSIZE(old_row) : 0) +
			  (new_row ? VARSIZE(new_row) : 0) + strlen(table_name) +
			  strlen(changed_by) + strlen(session_user) + 72);
}

/*
 * Queue an event of an organization: its kind, the table and row ids of
 * the rows it is about, and details (jsonb objects).  Returns false, having
 * queued nothing, if the schema has no outbox (1.0): the caller sends the
 * event with NOTIFY as 1.0 did.  shard: as for audit_record().
 */
bool
audit_record_event(int64 org_id, const char *table_name, const char *kind,
				   Jsonb *row_ids, Jsonb *details, const IsmsShard *shard)
{
	AuditQueue *q;
	Datum		values[Q_NCOLUMNS];
	bool		isnull[Q_NCOLUMNS];

	if (!OidIsValid(isms_relid(EVENT_TABLE, true)))
		return false;
	q = audit_queue();
	if (shard != NULL && !audit_shard(q, shard, true, org_id))
		return true;
	for (int i = 0; i < Q_NCOLUMNS; i++)
		isnull[i] = true;
	values[AL_AT - QUEUED_FIRST] = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());
	isnull[AL_AT - QUEUED_FIRST] = false;
	values[AL_TXID - QUEUED_FIRST] =
		Int64GetDatum((int64) U64FromFullTransactionId(GetTopFullTransactionId()));
	isnull[AL_TXID - QUEUED_FIRST] = false;
	values[AL_TABLE_NAME - QUEUED_FIRST] = CStringGetTextDatum(table_name);
	isnull[AL_TABLE_NAME - QUEUED_FIRST] = false;
	values[AL_ROW_KEY - QUEUED_FIRST] = JsonbPGetDatum(row_ids);
	isnull[AL_ROW_KEY - QUEUED_FIRST] = false;
	values[Q_ORG_ID] = Int64GetDatum(org_id);
	isnull[Q_ORG_ID] = false;
	values[Q_EVENT_KIND] = CStringGetTextDatum(kind);
	isnull[Q_EVENT_KIND] = false;
	values[Q_DETAILS] = JsonbPGetDatum(details);
	isnull[Q_DETAILS] = false;

	queue_put(q, values, isnull,
			  VARSIZE(row_ids) + VARSIZE(details) + strlen(table_name) + strlen(kind) + 72);
	return true;
}

/*
 * A subtransaction rolled back: drop the entries it and its children
 * queued.  They were queued after it started, so they are the positions
 * from the first run of a subtransaction id at least mySubid (ids grow)
 * to the end.
 */
static void
audit_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
					   SubTransactionId parentSubid, void *arg)
{
	AuditQueue *q = queue;
	int64		cut = -1;

	(void) parentSubid;
	(void) arg;
	if (event != SUBXACT_EVENT_ABORT_SUB || q == NULL)
		return;
	while (q->nruns > 0 && q->runs[q->nruns - 1].subid >= mySubid)
		cut = q->runs[--q->nruns].start;
	if (cut < 0 || cut >= q->count)
		return;

	/* earlier gaps from cut on are inside the new one */
	while (q->ngaps > 0 && q->gaps[q->ngaps - 1].start >= cut)
	{
		q->ngaps--;
		q->dropped -= q->gaps[q->ngaps].end - q->gaps[q->ngaps].start;
	}
	if (q->ngaps == q->maxgaps)
	{
		q->maxgaps *= 2;
		q->gaps = repalloc(q->gaps, sizeof(QueueGap) * q->maxgaps);
	}
	q->gaps[q->ngaps].start = cut;
	q->gaps[q->ngaps].end = q->count;
	q->ngaps++;
	q->dropped += q->count - cut;
}

/*
 * NOTIFY isms_events for an event appended: its kind, id, organization and
 * row ids, nothing else (anyone may LISTEN).  On Citus, a transaction on a
 * worker that appends early does not know yet whether it will be prepared
 * (a two-phase commit, which refuses NOTIFY) or committed: the payload
 * waits in the queue, and is sent at commit, or dropped when the
 * transaction is prepared.
 */
static void
event_notify(AuditQueue *q, const char *kind, int64 id, int64 org_id, Jsonb *row_ids)
{
	StringInfoData buf;
	char	   *ids = JsonbToCString(NULL, &row_ids->root, VARSIZE(row_ids));

	initStringInfo(&buf);
	appendStringInfoString(&buf, "{\"event\": ");
	escape_json(&buf, kind);
	appendStringInfo(&buf, ", \"event_id\": " INT64_FORMAT ", \"org_id\": " INT64_FORMAT,
					 id, org_id);
	/* the members of the row ids' object, after these */
	if (ids[0] == '{' && strcmp(ids, "{}") != 0)
		appendStringInfo(&buf, ", %s", ids + 1);
	else
		appendStringInfoChar(&buf, '}');
	if (q->sharded && !q->committing)
	{
		MemoryContext oldcxt = MemoryContextSwitchTo(q->mcxt);

		q->deferred = lappend(q->deferred, pstrdup(buf.data));
		MemoryContextSwitchTo(oldcxt);
	}
	else
		Async_Notify("isms_events", buf.data);
	pfree(buf.data);
	pfree(ids);
}

/*
 * Append the queued entries of the chains that go into the log rel (on
 * Citus: the entries of the chains whose shard of the log is rel, target,
 * whose events go into the shard evtarget of the outbox), and their events.
 */
static void
flush_target(AuditQueue *q, Relation rel, bool chains, Oid target, Oid evtarget)
{
	Relation	evrel = NULL;
	Oid			audit_seq = InvalidOid;
	Oid			event_seq = InvalidOid;
	DirectInsert di;
	DirectInsert evdi;
	TupleTableSlot *queued;
	MemoryContext flushcxt;
	MemoryContext entrycxt;
	MemoryContext oldcxt;
	IsmsSha256	sha;
	StringInfoData buf;
	int64		pos = 0;
	int			gap = 0;
	bool		pushed;

	if (chains)
		audit_seq = isms_relid(AUDIT_LOG_ID_SEQUENCE, false);

	flushcxt = AllocSetContextCreate(CurrentMemoryContext, "isms audit flush",
									 ALLOCSET_DEFAULT_SIZES);
	entrycxt = AllocSetContextCreate(flushcxt, "isms audit entry",
									 ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(flushcxt);
	/* at commit there is none; TOAST wants one */
	pushed = !ActiveSnapshotSet();
	if (pushed)
		PushActiveSnapshot(GetLatestSnapshot());
	direct_insert_init(&di, rel, flushcxt);
	direct_insert_open_indexes(&di);
	if (q->events > 0 && chains)
	{
		Oid			evrelid = OidIsValid(evtarget) ? evtarget : isms_relid(EVENT_TABLE, true);

		if (OidIsValid(evrelid))
		{
			evrel = table_open(evrelid, RowExclusiveLock);
			columns_check(evrel, event_columns, EV_NCOLUMNS);
			event_seq = isms_relid(EVENT_ID_SEQUENCE, false);
			direct_insert_init(&evdi, evrel, flushcxt);
			direct_insert_open_indexes(&evdi);
		}
	}
	queued = MakeSingleTupleTableSlot(q->desc, &TTSOpsMinimalTuple);
	sha = isms_sha256_create();
	initStringInfo(&buf);

	/*
	 * Queued tuples are read in flushcxt (a tuple read back from a temporary
	 * file is freed by the next read); the batch's copies of their values,
	 * and what inserting a batch leaves behind, in entrycxt, reset after
	 * each batch.
	 */
	while (tuplestore_gettupleslot(q->store, true, false, queued))
	{
		TupleTableSlot *slot;
		AuditChain *chain;
		uint8		digest[ISMS_SHA256_LEN];
		bytea	   *hash;
		int64		id;

		while (gap < q->ngaps && q->gaps[gap].end <= pos)
			gap++;
		if (gap < q->ngaps && q->gaps[gap].start <= pos)
		{
			pos++;
			continue;
		}
		pos++;

		slot_getallattrs(queued);
		chain = !chains ? &q->nochain :
			queue_chain(q, !queued->tts_isnull[Q_ORG_ID],
						queued->tts_isnull[Q_ORG_ID] ? 0 : DatumGetInt64(queued->tts_values[Q_ORG_ID]));
		if (chain->logrelid != target)
			continue;

		if (!queued->tts_isnull[Q_EVENT_KIND])
		{
			/* an event: inserted at once, from the queued tuple's values */
			Datum	   *values = evdi.slot->tts_values;
			bool	   *isnull = evdi.slot->tts_isnull;

			if (evrel == NULL)
				continue;
			MemoryContextSwitchTo(entrycxt);
			ExecClearTuple(evdi.slot);
			for (int i = 0; i < evdi.slot->tts_tupleDescriptor->natts; i++)
				isnull[i] = true;
			id = nextval_internal(event_seq, false);
			values[EV_ID] = Int64GetDatum(id);
			values[EV_ORG_ID] = queued->tts_values[Q_ORG_ID];
			values[EV_AT] = queued->tts_values[AL_AT - QUEUED_FIRST];
			values[EV_TXID] = queued->tts_values[AL_TXID - QUEUED_FIRST];
			values[EV_KIND] = queued->tts_values[Q_EVENT_KIND];
			values[EV_TABLE_NAME] = queued->tts_values[AL_TABLE_NAME - QUEUED_FIRST];
			values[EV_ROW_IDS] = queued->tts_values[AL_ROW_KEY - QUEUED_FIRST];
			values[EV_DETAILS] = queued->tts_values[Q_DETAILS];
			for (int i = 0; i < EV_NCOLUMNS; i++)
				isnull[i] = false;
			direct_insert(&evdi, evrel);
			if (!q->preparing)
				event_notify(q, TextDatumGetCString(queued->tts_values[Q_EVENT_KIND]), id,
							 DatumGetInt64(queued->tts_values[Q_ORG_ID]),
							 DatumGetJsonbP(queued->tts_values[AL_ROW_KEY - QUEUED_FIRST]));
			MemoryContextSwitchTo(flushcxt);
			continue;
		}

		/* a full batch goes in first: then its values may go */
		MemoryContextSwitchTo(entrycxt);
		if (di.nbatch == DIRECT_BATCH_SIZE)
		{
			direct_insert_batch(&di, rel);
			MemoryContextReset(entrycxt);
		}
		slot = direct_insert_batch_slot(&di, rel);
		for (int i = 0; i < slot->tts_tupleDescriptor->natts; i++)
			slot->tts_isnull[i] = true;
		/* copies: the queued slot's values go with its next tuple */
		for (int i = 0; i < Q_ORG_ID; i++)
		{
			Form_pg_attribute att = TupleDescAttr(q->desc, i);

			slot->tts_values[QUEUED_FIRST + i] =
				queued->tts_isnull[i] ? (Datum) 0 :
				datumCopy(queued->tts_values[i], att->attbyval, att->attlen);
			slot->tts_isnull[QUEUED_FIRST + i] = queued->tts_isnull[i];
		}
		if (chains)
		{
			id = nextval_internal(audit_seq, false);
			slot->tts_values[AL_ORG_ID] = queued->tts_values[Q_ORG_ID];
			slot->tts_isnull[AL_ORG_ID] = queued->tts_isnull[Q_ORG_ID];
		}
		else
			id = chain->head_id + 1;
		slot->tts_values[AL_ID] = Int64GetDatum(id);
		slot->tts_isnull[AL_ID] = false;
		entry_hash(sha, &buf, slot->tts_values, slot->tts_isnull, chain->head_hash, digest);
		hash = hash_bytea(digest);
		slot->tts_values[AL_PREV_HASH] = PointerGetDatum(copy_bytea(entrycxt, chain->head_hash));
		slot->tts_isnull[AL_PREV_HASH] = false;
		slot->tts_values[AL_HASH] = PointerGetDatum(hash);
		slot->tts_isnull[AL_HASH] = false;

		/* the chain's new head, kept in the queue's context */
		chain->head_id = id;
		pfree(chain->head_hash);
		chain->head_hash = copy_bytea(q->mcxt, hash);
		MemoryContextSwitchTo(flushcxt);
	}
	MemoryContextSwitchTo(entrycxt);
	direct_insert_batch(&di, rel);
	MemoryContextSwitchTo(flushcxt);

	isms_sha256_free(sha);
	ExecDropSingleTupleTableSlot(queued);
	direct_insert_end(&di);
	if (evrel != NULL)
	{
		direct_insert_end(&evdi);
		table_close(evrel, NoLock);
	}
	if (pushed)
		PopActiveSnapshot();
	MemoryContextSwitchTo(oldcxt);
	MemoryContextDelete(flushcxt);
}

/*
 * Append the queued entries to their chains, and the queued events to the
 * outbox.  Runs at PRE_COMMIT (or later in the commit, for late changes),
 * or early for a big transaction; always at the top level, so that no
 * subtransaction can roll back what it appended.  On Citus, the chains are
 * in shards of the log (some of them perhaps in several): the chains' locks
 * are taken all at once, in their order, and then each shard gets its
 * entries.
 */
static void
audit_flush(AuditQueue *q)
{
	Oid			relid;
	Relation	rel;
	bool		chains;
	AuditChain **lock;
	int			nlock = 0;

	if (q->count == q->dropped)
		goto done;

	/* the extension was dropped in this transaction: nothing to log into */
	relid = audit_log_relid(true);
	if (!OidIsValid(relid))
		goto done;

	rel = table_open(relid, RowExclusiveLock);
	chains = audit_log_check(rel);

	/* the locks of the chains not yet locked; on 1.0's log, its one chain */
	lock = palloc(sizeof(AuditChain *) * (q->ntouched + 1));
	if (!chains)
	{
		if (!q->nochain.locked)
			lock[nlock++] = &q->nochain;
	}
	else
		for (int i = 0; i < q->ntouched; i++)
			if (!q->touched[i]->locked)
				lock[nlock++] = q->touched[i];
	lock_chains(q, rel, chains, lock, nlock);
	pfree(lock);

	if (!q->sharded)
		flush_target(q, rel, chains, InvalidOid, InvalidOid);
	else
	{
		/* one pass over the queue per shard of the log */
		Oid		   *done_targets = palloc(sizeof(Oid) * (q->ntouched + 1));
		int			ndone = 0;

		for (int i = 0; i < q->ntouched; i++)
		{
			AuditChain *c = q->touched[i];
			bool		seen = false;
			Relation	shard;

			for (int j = 0; j < ndone && !seen; j++)
				seen = done_targets[j] == c->logrelid;
			if (seen)
				continue;
			done_targets[ndone++] = c->logrelid;
			shard = OidIsValid(c->logrelid) ? table_open(c->logrelid, RowExclusiveLock) : rel;
			if (ndone > 1)
				tuplestore_rescan(q->store);
			flush_target(q, shard, chains, c->logrelid, c->evrelid);
			if (shard != rel)
				table_close(shard, NoLock);
		}
		pfree(done_targets);
	}
	table_close(rel, NoLock);

done:
	tuplestore_clear(q->store);
	q->count = 0;
	q->events = 0;
	q->bytes = 0;
	q->dropped = 0;
	q->nruns = 0;
	q->ngaps = 0;
	for (int i = 0; i < q->ntouched; i++)
		q->touched[i]->touched = false;
	q->ntouched = 0;
}

/* Append at commit; forget the queue when the transaction ends. */
static void
audit_xact_callback(XactEvent event, void *arg)
{
	(void) arg;
	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PRE_PREPARE:
			if (queue != NULL)
			{
				queue->committing = true;
				queue->preparing = (event == XACT_EVENT_PRE_PREPARE);
				audit_flush(queue);
				if (!queue->preparing)
				{
					ListCell   *lc;

					foreach(lc, queue->deferred)
						Async_Notify("isms_events", (char *) lfirst(lc));
				}
			}
			break;
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PREPARE:
			if (queue != NULL)
				tuplestore_end(queue->store);
			queue = NULL;
			break;
		default:
			/* aborts: the memory and temporary files go with the transaction */
			queue = NULL;
			break;
	}
}

/* ----------------------------------------------------------------------
 * Verification
 * ----------------------------------------------------------------------
 */

/* Whether two bytea values are equal. */
static bool
bytea_equal(const bytea *a, const bytea *b)
{
	return VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
		memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0;
}

/* The walk of one or more chains, and what it found. */
typedef struct ChainWalk
{
	Relation	rel;
	bool		chains;			/* the log has org_id */
	Relation	index;			/* (org_id, id), or 1.0's primary key */
	IndexScanDesc scan;
	TupleTableSlot *slot;
	MemoryContext entrycxt;
	IsmsSha256	sha;
	StringInfoData buf;
	bool		anchored;
	int64		anchor_id;
	bytea	   *anchor_hash;
	/* over the chains walked */
	int64		entries;
	int64		last_id;
	int64		first_broken;	/* the smallest, 0 for none */
	bool		anchor_seen;
} ChainWalk;

/*
 * The relation that holds the chain of organization org_id: the log, or on
 * Citus its shard that holds the organization, which must be on this node
 * (Citus runs isms.verify_audit_log(org) and isms.audit_log_head(org) there
 * when they are distributed functions, co-located with the log, by their
 * first argument: isms.distribute() makes them so).
 */
static Oid
chain_relid(Oid relid, bool has_org, int64 org_id)
{
	Oid			shard;

	if (!isms_relation_distributed(relid))
		return relid;
	if (!has_org)
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("the audit log distributed by Citus has no chain of no organization"));
	shard = isms_org_shard_relid(relid, org_id);
	if (!OidIsValid(shard))
		ereport(ERROR,
				errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("the audit chain of organization " INT64_FORMAT " is on another node", org_id),
				errhint("Call the function alone, as SELECT isms.verify_audit_log(org), so that Citus runs it on the node of the organization."));
	return shard;
}

/*
 * Open the log for walks; the caller must have SELECT on it.  On Citus,
 * only one organization's chain can be walked (has_org, org_id), in its
 * shard.
 */
static void
walk_begin(ChainWalk *w, bool anchored, int64 anchor_id, bytea *anchor_hash,
		   bool one, bool has_org, int64 org_id)
{
	Oid			relid = audit_log_relid(false);

	memset(w, 0, sizeof(ChainWalk));
	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		ereport(ERROR,
				errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				errmsg("permission denied for table %s", AUDIT_LOG_TABLE));
	if (one)
		relid = chain_relid(relid, has_org, org_id);
	else if (isms_relation_distributed(relid))
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("the audit log distributed by Citus is verified one organization at a time"),
				errhint("Call isms.verify_audit_log(org) for each organization."));
	w->rel = table_open(relid, AccessShareLock);
	w->chains = audit_log_check(w->rel);
	w->index = index_open(w->chains ? audit_log_chain_index(w->rel) : audit_log_pkey(w->rel),
						  AccessShareLock);
	w->scan = isms_index_beginscan(w->rel, w->index, GetActiveSnapshot(), w->chains ? 1 : 0, 0);
	w->slot = table_slot_create(w->rel, NULL);
	w->entrycxt = AllocSetContextCreate(CurrentMemoryContext, "isms audit verify",
										ALLOCSET_DEFAULT_SIZES);
	w->sha = isms_sha256_create();
	initStringInfo(&w->buf);
	w->anchored = anchored;
	w->anchor_id = anchor_id;
	w->anchor_hash = anchor_hash;
}

/*
 * Walk one chain in id order and recompute every hash: the chain breaks at
 * the first entry whose hash does not match its content and prev_hash, or
 * whose prev_hash is not the previous entry's hash (an entry removed shows
 * at the next one), or that is the anchor with another hash.
 */
static void
walk_chain(ChainWalk *w, bool has_org, int64 org_id)
{
	MemoryContext outercxt = CurrentMemoryContext;
	bytea	   *prev = genesis_hash();
	int64		first_broken = 0;
	ScanKeyData key;

	if (w->chains)
		chain_scankey(&key, has_org, org_id);
	index_rescan(w->scan, w->chains ? &key : NULL, w->chains ? 1 : 0, NULL, 0);
	while (index_getnext_slot(w->scan, ForwardScanDirection, w->slot))
	{
		MemoryContext oldcxt;
		int64		id;

		CHECK_FOR_INTERRUPTS();
		oldcxt = MemoryContextSwitchTo(w->entrycxt);
		slot_getallattrs(w->slot);
		id = DatumGetInt64(w->slot->tts_values[AL_ID]);
		w->entries++;
		if (id > w->last_id)
			w->last_id = id;
		if (first_broken == 0)
		{
			uint8		digest[ISMS_SHA256_LEN];
			bytea	   *prev_hash = NULL;
			bytea	   *hash = NULL;

			if (!w->slot->tts_isnull[AL_PREV_HASH])
				prev_hash = DatumGetByteaPP(w->slot->tts_values[AL_PREV_HASH]);
			if (!w->slot->tts_isnull[AL_HASH])
				hash = DatumGetByteaPP(w->slot->tts_values[AL_HASH]);
			if (prev_hash == NULL || hash == NULL || !bytea_equal(prev_hash, prev))
				first_broken = id;
			else
			{
				entry_hash(w->sha, &w->buf, w->slot->tts_values, w->slot->tts_isnull,
						   prev_hash, digest);
				if (VARSIZE_ANY_EXHDR(hash) != ISMS_SHA256_LEN ||
					memcmp(VARDATA_ANY(hash), digest, ISMS_SHA256_LEN) != 0)
					first_broken = id;
			}
			/* the next entry must link to the stored hash */
			if (hash != NULL)
			{
				pfree(prev);
				prev = copy_bytea(outercxt, hash);
			}
		}
		if (w->anchored && id == w->anchor_id)
		{
			w->anchor_seen = true;
			if (first_broken == 0 &&
				(w->slot->tts_isnull[AL_HASH] ||
				 !bytea_equal(DatumGetByteaPP(w->slot->tts_values[AL_HASH]), w->anchor_hash)))
				first_broken = id;
		}
		MemoryContextSwitchTo(oldcxt);
		MemoryContextReset(w->entrycxt);
	}
	pfree(prev);
	if (first_broken != 0 && (w->first_broken == 0 || first_broken < w->first_broken))
		w->first_broken = first_broken;
}

/*
 * The organizations that have entries, in order: the first after org_id
 * (first: the first of all), read from the (org_id, id) index alone, so
 * that no entry of an organization the caller may not see is read.  An
 * index entry of a row that is not visible (appended by a transaction that
 * rolled back) may name an organization whose chain is then empty.
 */
static bool
walk_next_org(IndexScanDesc orgscan, bool first, int64 after, int64 *org_id)
{
	ScanKeyData key;
	ItemPointer tid;

	if (first)
		ScanKeyEntryInitialize(&key, SK_ISNULL | SK_SEARCHNOTNULL, 1, InvalidStrategy,
							   InvalidOid, InvalidOid, InvalidOid, (Datum) 0);
	else
		ScanKeyInit(&key, 1, BTGreaterStrategyNumber, F_INT8GT, Int64GetDatum(after));
	index_rescan(orgscan, &key, 1, NULL, 0);
	while ((tid = index_getnext_tid(orgscan, ForwardScanDirection)) != NULL)
	{
		bool		isnull;
		Datum		d = index_getattr(orgscan->xs_itup, 1, orgscan->xs_itupdesc, &isnull);

		CHECK_FOR_INTERRUPTS();
		if (!isnull)
		{
			*org_id = DatumGetInt64(d);
			return true;
		}
	}
	return false;
}

/* Walk every chain the caller may see. */
static void
walk_visible_chains(ChainWalk *w)
{
	IndexScanDesc orgscan;
	int64		org_id = 0;
	bool		first = true;

	/* 1.0's log is one chain, and had no organizations to keep apart */
	if (!w->chains)
	{
		walk_chain(w, false, 0);
		return;
	}
	if (isms_org_visible_all())
		walk_chain(w, false, 0);
	orgscan = isms_index_beginscan(w->rel, w->index, GetActiveSnapshot(), 1, 0);
	orgscan->xs_want_itup = true;
	while (walk_next_org(orgscan, first, org_id, &org_id))
	{
		first = false;
		if (isms_org_visible(org_id))
			walk_chain(w, true, org_id);
	}
	index_endscan(orgscan);
}

/* The caller must see the chain (42501). */
static void
chain_check_visible(bool has_org, int64 org_id)
{
	if (has_org ? !isms_org_visible(org_id) : !isms_org_visible_all())
	{
		if (has_org)
			ereport(ERROR,
					errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					errmsg("permission denied for the audit chain of organization " INT64_FORMAT,
							org_id));
		ereport(ERROR,
				errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				errmsg("permission denied for the audit chain of no organization"),
				errdetail("Only members of isms_admin, superusers and roles with BYPASSRLS see it."));
	}
}

/* Close the walk; its result as (ok, entries, first_broken). */
static Datum
walk_end(ChainWalk *w, FunctionCallInfo fcinfo)
{
	TupleDesc	resultdesc;
	Datum		result[3];
	bool		resultnull[3] = {false, false, false};

	if (w->anchored && !w->anchor_seen)
	{
		int64		missing = w->anchor_id > w->last_id ? w->last_id + 1 : w->anchor_id;

		if (w->first_broken == 0 || missing < w->first_broken)
			w->first_broken = missing;
	}
	isms_sha256_free(w->sha);
	MemoryContextDelete(w->entrycxt);
	ExecDropSingleTupleTableSlot(w->slot);
	index_endscan(w->scan);
	index_close(w->index, AccessShareLock);
	table_close(w->rel, AccessShareLock);

	if (get_call_result_type(fcinfo, NULL, &resultdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	result[0] = BoolGetDatum(w->first_broken == 0);
	result[1] = Int64GetDatum(w->entries);
	result[2] = Int64GetDatum(w->first_broken);
	resultnull[2] = (w->first_broken == 0);
	return HeapTupleGetDatum(heap_form_tuple(resultdesc, result, resultnull));
}

/*
 * isms.verify_audit_log(): verify every chain the caller may see (the
 * chain of no organization: members of isms_admin, superusers and roles
 * with BYPASSRLS).  Returns (ok, entries, first_broken): ok if every chain
 * is, entries of all of them, and the smallest id at which one breaks.
 * With an anchor (an id and the hash recorded for it earlier, outside the
 * database), that entry must still be there with that hash: this also
 * finds entries removed from the end, and a chain rewritten from some
 * entry on; first_broken is then the anchor's id, or the id after the last
 * entry if the log ends before it.
 */
PG_FUNCTION_INFO_V1(verify_audit_log);
Datum
verify_audit_log(PG_FUNCTION_ARGS)
{
	bool		anchored = PG_NARGS() == 2;
	ChainWalk	w;

	walk_begin(&w, anchored, anchored ? PG_GETARG_INT64(0) : 0,
			   anchored ? PG_GETARG_BYTEA_PP(1) : NULL, false, false, 0);
	walk_visible_chains(&w);
	PG_RETURN_DATUM(walk_end(&w, fcinfo));
}

/*
 * isms.verify_audit_log(org [, anchor_id, anchor_hash]): verify one chain,
 * an organization's (NULL: the chain of no organization), reading no entry
 * of another; 42501 if the caller may not see it.
 */
PG_FUNCTION_INFO_V1(verify_audit_log_org);
Datum
verify_audit_log_org(PG_FUNCTION_ARGS)
{
	bool		has_org = !PG_ARGISNULL(0);
	int64		org_id = has_org ? PG_GETARG_INT64(0) : 0;
	bool		anchored = PG_NARGS() == 3;
	ChainWalk	w;

	if (anchored && (PG_ARGISNULL(1) || PG_ARGISNULL(2)))
		PG_RETURN_NULL();
	walk_begin(&w, anchored, anchored ? PG_GETARG_INT64(1) : 0,
			   anchored ? PG_GETARG_BYTEA_PP(2) : NULL, true, has_org, org_id);
	if (!w.chains)
		ereport(ERROR,
				errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("the audit log of extension \"isms\" has no chains per organization"),
				errhint("Run ALTER EXTENSION isms UPDATE."));
	chain_check_visible(has_org, org_id);
	walk_chain(&w, has_org, org_id);
	PG_RETURN_DATUM(walk_end(&w, fcinfo));
}

/*
 * isms.audit_log_head(org): the last entry of one chain (id, hash, at), to
 * record outside the database as the anchor of
 * verify_audit_log(org, anchor_id, anchor_hash); NULL for an empty chain.
 */
PG_FUNCTION_INFO_V1(audit_log_head_org);
Datum
audit_log_head_org(PG_FUNCTION_ARGS)
{
	bool		has_org = !PG_ARGISNULL(0);
	int64		org_id = has_org ? PG_GETARG_INT64(0) : 0;
	Oid			relid = audit_log_relid(false);
	Relation	rel;
	TupleDesc	resultdesc;
	int64		id;
	bytea	   *hash;
	TimestampTz at;
	bool		found;
	Datum		result[3];
	bool		resultnull[3] = {false, false, false};

	if (get_call_result_type(fcinfo, NULL, &resultdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		ereport(ERROR,
				errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				errmsg("permission denied for table %s", AUDIT_LOG_TABLE));
	rel = table_open(chain_relid(relid, has_org, org_id), AccessShareLock);
	if (!audit_log_check(rel))
		ereport(ERROR,
				errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("the audit log of extension \"isms\" has no chains per organization"),
				errhint("Run ALTER EXTENSION isms UPDATE."));
	chain_check_visible(has_org, org_id);
	found = chain_last_entry(rel, audit_log_chain_index(rel), true, has_org, org_id,
							 GetActiveSnapshot(), &id, &hash, &at, CurrentMemoryContext);
	table_close(rel, AccessShareLock);
	if (!found)
		PG_RETURN_NULL();
	result[0] = Int64GetDatum(id);
	result[1] = PointerGetDatum(hash);
	result[2] = TimestampTzGetDatum(at);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(resultdesc, result, resultnull)));
}
