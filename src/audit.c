/*
 * audit.c
 *	  The tamper-evident audit log, isms.audit_log: one entry for every
 *	  change to a tracked table, each chained to the previous one by a
 *	  SHA-256 hash, and isms.verify_audit_log() to check the chain.
 *
 * An entry's hash is SHA-256(prev_hash || content), where prev_hash is the
 * previous entry's hash (32 zero bytes for the first entry) and content is
 * the UTF-8 text of
 *
 *	jsonb_build_array(id, at as microseconds since 1970-01-01 00:00 UTC,
 *					  txid, changed_by, session_user_name, table_name,
 *					  operation, row_key, old_row, new_row)
 *
 * as PostgreSQL prints it, so that the chain can be checked in plain SQL
 * and does not depend on settings such as TimeZone.
 *
 * Entries are queued while the transaction runs (a tuplestore, so memory
 * stays within work_mem) and written when it commits: at PRE_COMMIT the
 * backend takes a transaction-level advisory lock, reads the chain's last
 * entry, and appends its entries with the following ids.  The lock is held
 * until the commit is complete, so the next transaction to append sees
 * this one's entries: the chain is one, in id order, however many sessions
 * write at once, and a transaction holds the lock only for its commit.
 * Entries queued in a subtransaction that rolls back are dropped.  A big
 * transaction appends early, as soon as its queue outgrows half of work_mem
 * while no subtransaction is open, and then holds the lock to its end.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
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
 * The lock that orders appends: an advisory lock on the bigint
 * 7598537338627908724 (0x69736d7361756474, "ismsaudt") in a space of its
 * own (ISMS_LOCK_AUDIT_CHAIN, 0x6961: neither 1 nor 2, which the SQL advisory
 * lock functions use, nor what the other locks of isms use), so that no
 * session can take it from SQL and hold up every commit that writes the
 * log.  pg_locks shows it as locktype advisory, classid 1769172339, objid
 * 1635083380, objsubid 26977.
 */
#define AUDIT_LOCK_KEY		UINT64CONST(0x69736d7361756474)

/* Microseconds between the Unix epoch and the PostgreSQL epoch (2000-01-01). */
#define UNIX_EPOCH_OFFSET_USEC \
	((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY)

/* isms.audit_log's columns, in their order. */
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
	AL_NCOLUMNS
};

static const struct
{
	const char *name;
	Oid			type;
}			audit_log_columns[AL_NCOLUMNS] =
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
};

/* A queued entry holds audit_log's columns at to new_row. */
#define QUEUED_FIRST	AL_AT
#define QUEUED_NCOLUMNS (AL_NEW_ROW - AL_AT + 1)

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

/* The entries this transaction has queued; NULL when there are none. */
typedef struct AuditQueue
{
	MemoryContext mcxt;			/* child of TopTransactionContext */
	TupleDesc	desc;			/* QUEUED_NCOLUMNS columns */
	Tuplestorestate *store;
	int64		count;			/* entries queued, dropped ones included */
	Size		bytes;			/* about how much the queue holds */
	int64		dropped;
	QueueRun   *runs;
	int			nruns;
	int			maxruns;
	QueueGap   *gaps;			/* sorted, disjoint */
	int			ngaps;
	int			maxgaps;
	bool		committing;		/* past PRE_COMMIT: append at once */
	bool		locked;			/* holds the lock; head_id and head_hash valid */
	int64		head_id;
	bytea	   *head_hash;
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
 * The log table
 * ----------------------------------------------------------------------
 */

/* isms.audit_log's OID, or InvalidOid if the extension is gone. */
static Oid
audit_log_relid(bool missing_ok)
{
	return isms_relid(AUDIT_LOG_TABLE, missing_ok);
}

/* The log must still have its columns, as this file knows them. */
static void
audit_log_check(Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);

	for (int i = 0; i < AL_NCOLUMNS; i++)
	{
		Form_pg_attribute att;

		if (i >= desc->natts ||
			(att = TupleDescAttr(desc, i))->attisdropped ||
			strcmp(NameStr(att->attname), audit_log_columns[i].name) != 0 ||
			att->atttypid != audit_log_columns[i].type)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("table %s.%s has been altered", TRACK_SCHEMA, AUDIT_LOG_TABLE),
					 errdetail("Column %d must be \"%s\" of type %s.", i + 1,
							   audit_log_columns[i].name,
							   format_type_be(audit_log_columns[i].type))));
	}
}

/* The primary key index of the log, on id. */
static Oid
audit_log_pkey(Relation rel)
{
	Oid			pk = isms_primary_key_index(rel);

	if (!OidIsValid(pk))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("table %s.%s has no primary key", TRACK_SCHEMA, AUDIT_LOG_TABLE)));
	return pk;
}

/*
 * Read the last entry's id and hash (0 and the genesis hash for an empty
 * log).  Called with the lock held, so no other append is in progress:
 * SnapshotSelf sees every committed entry and takes no SSI predicate lock,
 * which would make every pair of serializable writers conflict.
 */
static void
audit_read_head(Relation rel, int64 *id, bytea **hash, MemoryContext mcxt)
{
	Relation	index = index_open(audit_log_pkey(rel), AccessShareLock);
	IndexScanDesc scan = isms_index_beginscan(rel, index, SnapshotSelf, 0, 0);
	TupleTableSlot *slot = table_slot_create(rel, NULL);

	index_rescan(scan, NULL, 0, NULL, 0);
	if (index_getnext_slot(scan, BackwardScanDirection, slot))
	{
		bool		isnull;
		Datum		d;

		*id = DatumGetInt64(slot_getattr(slot, AL_ID + 1, &isnull));
		d = slot_getattr(slot, AL_HASH + 1, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("audit log entry " INT64_FORMAT " has no hash", *id)));
		*hash = copy_bytea(mcxt, DatumGetByteaPP(d));
	}
	else
	{
		MemoryContext oldcxt = MemoryContextSwitchTo(mcxt);

		*id = 0;
		*hash = genesis_hash();
		MemoryContextSwitchTo(oldcxt);
	}
	ExecDropSingleTupleTableSlot(slot);
	index_endscan(scan);
	index_close(index, AccessShareLock);
}

/* Take the lock that orders appends; held until the transaction ends. */
static void
audit_lock(void)
{
	isms_advisory_xact_lock((uint32) (AUDIT_LOCK_KEY >> 32), (uint32) AUDIT_LOCK_KEY,
							ISMS_LOCK_AUDIT_CHAIN);
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
	q->desc = CreateTemplateTupleDesc(QUEUED_NCOLUMNS);
	for (int i = 0; i < QUEUED_NCOLUMNS; i++)
		TupleDescInitEntry(q->desc, (AttrNumber) (i + 1),
						   audit_log_columns[QUEUED_FIRST + i].name,
						   audit_log_columns[QUEUED_FIRST + i].type, -1, 0);
	q->maxruns = 8;
	q->runs = palloc(sizeof(QueueRun) * q->maxruns);
	q->maxgaps = 8;
	q->gaps = palloc(sizeof(QueueGap) * q->maxgaps);

	/* temporary files, if any, must outlive subtransactions */
	oldowner = CurrentResourceOwner;
	CurrentResourceOwner = TopTransactionResourceOwner;
	q->store = tuplestore_begin_heap(false, false, work_mem);
	CurrentResourceOwner = oldowner;
	MemoryContextSwitchTo(oldcxt);

	queue = q;
	return q;
}

static void audit_flush(AuditQueue *q);

/*
 * Queue the entry for one change.  row_key is the primary key, old_row and
 * new_row the row before and after (NULL for an INSERT and a DELETE).
 */
void
audit_record(const char *table_name, const char *operation,
			 const char *changed_by, const char *session_user,
			 Jsonb *row_key, Jsonb *old_row, Jsonb *new_row)
{
	AuditQueue *q = audit_queue();
	SubTransactionId subid = GetCurrentSubTransactionId();
	Datum		values[QUEUED_NCOLUMNS];
	bool		isnull[QUEUED_NCOLUMNS];

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
	tuplestore_putvalues(q->store, q->desc, values, isnull);
	q->count++;
	q->bytes += VARSIZE(row_key) + (old_row ? VARSIZE(old_row) : 0) +
		(new_row ? VARSIZE(new_row) : 0) + strlen(table_name) +
		strlen(changed_by) + strlen(session_user) + 64;

	/*
	 * A change made while committing (by another commit callback) is
	 * appended at once.  So are the entries of a big transaction, before
	 * they would spill to disk, if no subtransaction is open (a
	 * subtransaction that rolls back would remove the entries appended in
	 * it, also those of its parent): the transaction then holds the lock
	 * until it ends.
	 */
	if (q->committing ||
		(q->bytes >= (Size) work_mem * 1024 / 2 && GetCurrentTransactionNestLevel() == 1))
		audit_flush(q);
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
 * Append the queued entries to the log, chained after its last entry.
 * Runs at PRE_COMMIT (or later in the commit, for late changes), or early
 * for a big transaction; always at the top level, so that no subtransaction
 * can roll back what it appended.
 */
static void
audit_flush(AuditQueue *q)
{
	Oid			relid;
	Relation	rel;
	DirectInsert di;
	TupleTableSlot *queued;
	MemoryContext flushcxt;
	MemoryContext entrycxt;
	MemoryContext oldcxt;
	IsmsSha256	sha;
	StringInfoData buf;
	int64		pos = 0;
	int			gap = 0;
	bool		pushed;

	if (q->count == q->dropped)
		goto done;

	/* the extension was dropped in this transaction: nothing to log into */
	relid = audit_log_relid(true);
	if (!OidIsValid(relid))
		goto done;

	if (!q->locked)
		audit_lock();
	rel = table_open(relid, RowExclusiveLock);
	audit_log_check(rel);
	if (!q->locked)
	{
		audit_read_head(rel, &q->head_id, &q->head_hash, q->mcxt);
		q->locked = true;
	}

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
		uint8		digest[ISMS_SHA256_LEN];
		bytea	   *hash;

		while (gap < q->ngaps && q->gaps[gap].end <= pos)
			gap++;
		if (gap < q->ngaps && q->gaps[gap].start <= pos)
		{
			pos++;
			continue;
		}
		pos++;

		/* a full batch goes in first: then its values may go */
		MemoryContextSwitchTo(entrycxt);
		if (di.nbatch == DIRECT_BATCH_SIZE)
		{
			direct_insert_batch(&di, rel);
			MemoryContextReset(entrycxt);
		}
		slot = direct_insert_batch_slot(&di, rel);
		slot_getallattrs(queued);
		for (int i = 0; i < slot->tts_tupleDescriptor->natts; i++)
			slot->tts_isnull[i] = true;
		/* copies: the queued slot's values go with its next tuple */
		for (int i = 0; i < QUEUED_NCOLUMNS; i++)
		{
			Form_pg_attribute att = TupleDescAttr(q->desc, i);

			slot->tts_values[QUEUED_FIRST + i] =
				queued->tts_isnull[i] ? (Datum) 0 :
				datumCopy(queued->tts_values[i], att->attbyval, att->attlen);
			slot->tts_isnull[QUEUED_FIRST + i] = queued->tts_isnull[i];
		}
		slot->tts_values[AL_ID] = Int64GetDatum(q->head_id + 1);
		slot->tts_isnull[AL_ID] = false;
		entry_hash(sha, &buf, slot->tts_values, slot->tts_isnull, q->head_hash, digest);
		hash = hash_bytea(digest);
		slot->tts_values[AL_PREV_HASH] = PointerGetDatum(copy_bytea(entrycxt, q->head_hash));
		slot->tts_isnull[AL_PREV_HASH] = false;
		slot->tts_values[AL_HASH] = PointerGetDatum(hash);
		slot->tts_isnull[AL_HASH] = false;

		/* the new head, kept in the queue's context */
		q->head_id++;
		pfree(q->head_hash);
		q->head_hash = copy_bytea(q->mcxt, hash);
		MemoryContextSwitchTo(flushcxt);
	}
	MemoryContextSwitchTo(entrycxt);
	direct_insert_batch(&di, rel);
	MemoryContextSwitchTo(flushcxt);

	isms_sha256_free(sha);
	ExecDropSingleTupleTableSlot(queued);
	direct_insert_end(&di);
	if (pushed)
		PopActiveSnapshot();
	MemoryContextSwitchTo(oldcxt);
	MemoryContextDelete(flushcxt);
	table_close(rel, NoLock);

done:
	tuplestore_clear(q->store);
	q->count = 0;
	q->bytes = 0;
	q->dropped = 0;
	q->nruns = 0;
	q->ngaps = 0;
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
				audit_flush(queue);
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

/*
 * isms.verify_audit_log(): walk the log in id order and recompute every
 * hash.  Returns (ok, entries, first_broken): first_broken is the id of
 * the first entry whose hash does not match its content and prev_hash, or
 * whose prev_hash is not the previous entry's hash (an entry removed shows
 * at the next one).  With an anchor (an id and the hash recorded for it
 * earlier, outside the database), the entry must still be there with that
 * hash: this also finds entries removed from the end, and a chain
 * rewritten from some entry on; first_broken is then the anchor's id, or
 * the id after the last entry if the log ends before it.
 */
PG_FUNCTION_INFO_V1(verify_audit_log);
Datum
verify_audit_log(PG_FUNCTION_ARGS)
{
	bool		anchored = PG_NARGS() == 2;
	int64		anchor_id = anchored ? PG_GETARG_INT64(0) : 0;
	bytea	   *anchor_hash = anchored ? PG_GETARG_BYTEA_PP(1) : NULL;
	bool		anchor_seen = false;
	TupleDesc	resultdesc;
	Oid			relid = audit_log_relid(false);
	Relation	rel;
	Relation	index;
	IndexScanDesc scan;
	TupleTableSlot *slot;
	MemoryContext outercxt;
	MemoryContext entrycxt;
	MemoryContext oldcxt;
	IsmsSha256	sha;
	StringInfoData buf;
	bytea	   *prev = genesis_hash();
	int64		entries = 0;
	int64		last_id = 0;
	int64		first_broken = 0;
	Datum		result[3];
	bool		resultnull[3] = {false, false, false};

	if (get_call_result_type(fcinfo, NULL, &resultdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied for table %s", AUDIT_LOG_TABLE)));

	rel = table_open(relid, AccessShareLock);
	audit_log_check(rel);
	index = index_open(audit_log_pkey(rel), AccessShareLock);
	scan = isms_index_beginscan(rel, index, GetActiveSnapshot(), 0, 0);
	index_rescan(scan, NULL, 0, NULL, 0);
	slot = table_slot_create(rel, NULL);
	entrycxt = AllocSetContextCreate(CurrentMemoryContext, "isms audit verify",
									 ALLOCSET_DEFAULT_SIZES);
	sha = isms_sha256_create();
	initStringInfo(&buf);
	outercxt = CurrentMemoryContext;

	while (index_getnext_slot(scan, ForwardScanDirection, slot))
	{
		int64		id;

		CHECK_FOR_INTERRUPTS();
		oldcxt = MemoryContextSwitchTo(entrycxt);
		slot_getallattrs(slot);
		id = DatumGetInt64(slot->tts_values[AL_ID]);
		entries++;
		last_id = id;
		if (first_broken == 0)
		{
			uint8		digest[ISMS_SHA256_LEN];
			bytea	   *prev_hash = NULL;
			bytea	   *hash = NULL;

			if (!slot->tts_isnull[AL_PREV_HASH])
				prev_hash = DatumGetByteaPP(slot->tts_values[AL_PREV_HASH]);
			if (!slot->tts_isnull[AL_HASH])
				hash = DatumGetByteaPP(slot->tts_values[AL_HASH]);
			if (prev_hash == NULL || hash == NULL || !bytea_equal(prev_hash, prev))
				first_broken = id;
			else
			{
				entry_hash(sha, &buf, slot->tts_values, slot->tts_isnull, prev_hash, digest);
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
		if (anchored && id == anchor_id)
		{
			anchor_seen = true;
			if (first_broken == 0 &&
				(slot->tts_isnull[AL_HASH] ||
				 !bytea_equal(DatumGetByteaPP(slot->tts_values[AL_HASH]), anchor_hash)))
				first_broken = id;
		}
		MemoryContextSwitchTo(oldcxt);
		MemoryContextReset(entrycxt);
	}
	if (anchored && !anchor_seen && first_broken == 0)
		first_broken = anchor_id > last_id ? last_id + 1 : anchor_id;

	isms_sha256_free(sha);
	MemoryContextDelete(entrycxt);
	ExecDropSingleTupleTableSlot(slot);
	index_endscan(scan);
	index_close(index, AccessShareLock);
	table_close(rel, AccessShareLock);

	result[0] = BoolGetDatum(first_broken == 0);
	result[1] = Int64GetDatum(entries);
	result[2] = Int64GetDatum(first_broken);
	resultnull[2] = (first_broken == 0);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(resultdesc, result, resultnull)));
}
