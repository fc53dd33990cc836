/*
 * treatment.c
 *	  The risk treatment workflow, shared parts: the life cycle and its
 *	  transitions, restore mode, the prepared queries the triggers keep, an
 *	  organization's appetite and review cadence as one statement reads them,
 *	  and events (the outbox isms.event, NOTIFY isms_events).
 *
 * The triggers themselves are in risk_trigger.c (isms.risk) and
 * risk_acceptance.c (isms.risk_acceptance, and the links of a mitigated
 * risk).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/async.h"
#include "commands/trigger.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/guc.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "audit.h"
#include "scale.h"
#include "treatment.h"

/* The longest ident quoted in a message, in characters. */
#define DISPLAY_NAME_MAX	40

/* The longest string in an event's payload, in characters. */
#define EVENT_TEXT_MAX	200

const char *const risk_status_names[RISK_STATUS_COUNT] = {
	"identified", "assessed", "treatment_planned", "treated", "monitored", "closed"
};

/*
 * The life cycle: identified -> assessed -> treatment_planned -> treated ->
 * monitored -> closed, a re-assessment from any stage of the treatment, and
 * the reopening of a closed risk.  (The avoid rule closes a risk whose
 * activity has ended; that is the trigger's move, not the client's.)
 */
static const bool risk_transitions[RISK_STATUS_COUNT][RISK_STATUS_COUNT] = {
	[RISK_IDENTIFIED] = {[RISK_ASSESSED] = true},
	[RISK_ASSESSED] = {[RISK_TREATMENT_PLANNED] = true},
	[RISK_TREATMENT_PLANNED] = {[RISK_TREATED] = true, [RISK_ASSESSED] = true},
	[RISK_TREATED] = {[RISK_MONITORED] = true, [RISK_ASSESSED] = true},
	[RISK_MONITORED] = {[RISK_CLOSED] = true, [RISK_ASSESSED] = true},
	[RISK_CLOSED] = {[RISK_IDENTIFIED] = true, [RISK_ASSESSED] = true},
};

/* Compares a text datum with a C string. */
static bool
text_equals(Datum value, const char *str)
{
	text	   *t = DatumGetTextPP(value);
	size_t		len = strlen(str);
	bool		result;

	result = VARSIZE_ANY_EXHDR(t) == len && memcmp(VARDATA_ANY(t), str, len) == 0;
	if ((Pointer) t != DatumGetPointer(value))
		pfree(t);
	return result;
}

/* The status in a text datum; RISK_STATUS_UNKNOWN for anything else. */
RiskStatus
risk_status_parse(Datum value)
{
	for (int s = 0; s < RISK_STATUS_COUNT; s++)
		if (text_equals(value, risk_status_names[s]))
			return (RiskStatus) s;
	return RISK_STATUS_UNKNOWN;
}

/* The treatment in a text datum; TREATMENT_UNKNOWN for anything else. */
RiskTreatment
risk_treatment_parse(Datum value)
{
	static const char *const names[] = {
		"accept", "avoid", "transfer", "mitigate", "monitor"
	};

	for (int t = 0; t < (int) lengthof(names); t++)
		if (text_equals(value, names[t]))
			return (RiskTreatment) (TREATMENT_ACCEPT + t);
	return TREATMENT_UNKNOWN;
}

/* Whether a risk may move from one status to another (or stay). */
bool
risk_transition_allowed(RiskStatus from, RiskStatus to)
{
	if (from == to || from == RISK_STATUS_UNKNOWN || to == RISK_STATUS_UNKNOWN)
		return true;
	return risk_transitions[from][to];
}

/* Whether a new risk may start at a status. */
bool
risk_initial_status(RiskStatus status)
{
	return status == RISK_IDENTIFIED || status == RISK_ASSESSED ||
		status == RISK_STATUS_UNKNOWN;
}

/* The statuses reachable from one, for messages: "a", "b" or "c". */
char *
risk_transitions_from(RiskStatus from)
{
	StringInfoData buf;
	int			n = 0,
				seen = 0;

	for (int s = 0; s < RISK_STATUS_COUNT; s++)
		n += risk_transitions[from][s];
	initStringInfo(&buf);
	for (int s = 0; s < RISK_STATUS_COUNT; s++)
	{
		if (!risk_transitions[from][s])
			continue;
		if (seen > 0)
			appendStringInfoString(&buf, seen == n - 1 ? " or " : ", ");
		appendStringInfo(&buf, "\"%s\"", risk_status_names[s]);
		seen++;
	}
	return buf.data;
}

/* How a risk is named in messages: "R-012" (its ident) or its id. */
char *
risk_display_name(const char *ident, int64 id)
{
	if (ident != NULL)
	{
		int			len = strlen(ident);
		int			cut = pg_mbcharcliplen(ident, len, DISPLAY_NAME_MAX);

		/* messages quote a short prefix of a long ident, never all of it */
		if (cut < len)
			return psprintf("\"%.*s...\"", cut, ident);
		return psprintf("\"%s\"", ident);
	}
	return psprintf(INT64_FORMAT, id);
}

/* A date as YYYY-MM-DD, whatever DateStyle says (for messages and events). */
char *
treatment_date_text(DateADT date)
{
	int			year,
				month,
				day;

	if (DATE_IS_NOBEGIN(date))
		return pstrdup("-infinity");
	if (DATE_IS_NOEND(date))
		return pstrdup("infinity");
	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	if (year <= 0)
		return psprintf("%04d-%02d-%02d BC", 1 - year, month, day);
	return psprintf("%04d-%02d-%02d", year, month, day);
}

/*
 * Restore mode.  pg_dump and pg_restore set check_function_bodies to off
 * before they load anything; a restore re-inserts rows that passed the
 * rules when they were written, but in an order (risks before the
 * acceptances and links that make them valid) and at statuses that the
 * rules would refuse.  So the triggers let rows through unchanged while
 * check_function_bodies is off and the current user owns the table: such a
 * user could disable the triggers anyway, so this grants nothing.  The row
 * rules that are CHECK constraints hold regardless.
 */
bool
treatment_restoring(Relation rel)
{
	if (check_function_bodies)
		return false;
	return isms_owns_relation(RelationGetRelid(rel));
}

/* The quoted name of a relation's schema, for queries. */
char *
treatment_schema(Relation rel)
{
	char	   *name = get_namespace_name(RelationGetNamespace(rel));

	if (name == NULL)
		elog(ERROR, "cache lookup failed for namespace %u", RelationGetNamespace(rel));
	return pstrdup(quote_identifier(name));
}

/*
 * The prepared queries.  %1$s is the extension's schema; every operator is
 * schema-qualified, so a hostile search_path changes nothing.
 */
static const struct
{
	const char *sql;
	int			nargs;
	Oid			argtypes[2];
}			treatment_queries[QUERY_COUNT] = {
	[QUERY_APPETITE] = {
		"SELECT category, asset_id, max_level FROM %1$s.risk_appetite"
		" WHERE org_id OPERATOR(pg_catalog.=) $1",
		1, {INT8OID}
	},
	[QUERY_CADENCE] = {
		"SELECT level, review_days FROM %1$s.review_cadence"
		" WHERE org_id OPERATOR(pg_catalog.=) $1",
		1, {INT8OID}
	},
	[QUERY_ACCEPTANCE] = {
		"SELECT id, approved_by_id, expires_on, accepted_level FROM %1$s.risk_acceptance"
		" WHERE risk_id OPERATOR(pg_catalog.=) $1 AND status OPERATOR(pg_catalog.=) 'valid'",
		1, {INT8OID}
	},
	[QUERY_INVALIDATE] = {
		"UPDATE %1$s.risk_acceptance SET status = 'invalidated', end_reason = $2"
		" WHERE risk_id OPERATOR(pg_catalog.=) $1 AND status OPERATOR(pg_catalog.=) 'valid'"
		" RETURNING id",
		2, {INT8OID, TEXTOID}
	},
	[QUERY_MITIGATION] = {
		"SELECT EXISTS (SELECT FROM %1$s.treatment_action a"
		"				 WHERE a.risk_id OPERATOR(pg_catalog.=) $1"
		"				   AND a.status OPERATOR(pg_catalog.<>) 'cancelled')"
		"	 OR EXISTS (SELECT FROM %1$s.risk_control rc"
		"				  JOIN %1$s.soa s ON s.org_id OPERATOR(pg_catalog.=) rc.org_id"
		"							   AND s.control_id OPERATOR(pg_catalog.=) rc.control_id"
		"				 WHERE rc.risk_id OPERATOR(pg_catalog.=) $1 AND s.owner_id IS NOT NULL"
		"				   AND (s.target_date IS NOT NULL OR s.implemented_on IS NOT NULL))",
		1, {INT8OID}
	},
	[QUERY_RISK_FOR_ACCEPTANCE] = {
		"SELECT org_id, ident, owner_id, residual_likelihood, residual_impact, residual_level"
		"  FROM %1$s.risk WHERE id OPERATOR(pg_catalog.=) $1 FOR NO KEY UPDATE",
		1, {INT8OID}
	},
	[QUERY_SUPERSEDE] = {
		"UPDATE %1$s.risk_acceptance SET status = 'superseded',"
		"		end_reason = 'superseded by acceptance ' OPERATOR(pg_catalog.||) $2::pg_catalog.text"
		" WHERE risk_id OPERATOR(pg_catalog.=) $1 AND status OPERATOR(pg_catalog.=) 'valid'"
		"   AND id OPERATOR(pg_catalog.<>) $2",
		2, {INT8OID, INT8OID}
	},
	[QUERY_RISK_FOR_LINK] = {
		"SELECT status, treatment, ident FROM %1$s.risk WHERE id OPERATOR(pg_catalog.=) $1",
		1, {INT8OID}
	},
};

static SPIPlanPtr treatment_plans[QUERY_COUNT];
static Oid	treatment_plans_nspid = InvalidOid;

/* On Citus, the shard range each plan was made for ("" for the tables). */
static char treatment_plans_shard[QUERY_COUNT][sizeof(((IsmsShard *) NULL)->minvalue) + 1];

/*
 * Runs a prepared query; SPI must be connected.  Plans are prepared on first
 * use and kept for the backend's life (for the schema they were made for).
 * A trigger on a shard of Citus (shard not NULL) queries the co-located
 * shards instead of the tables: its plans are kept for the last shard range
 * only.
 */
int
treatment_execute(TreatmentQuery query, Oid nspid, const char *schema,
				  Datum *args, const char *nulls, bool read_only, long count,
				  const IsmsShard *shard)
{
	int			rc;
	const char *shardkey = shard == NULL ? "" :
		shard->has_min ? shard->minvalue : "r";

	if (nspid != treatment_plans_nspid)
	{
		for (int q = 0; q < QUERY_COUNT; q++)
		{
			if (treatment_plans[q] != NULL)
				SPI_freeplan(treatment_plans[q]);
			treatment_plans[q] = NULL;
		}
		treatment_plans_nspid = nspid;
	}
	if (treatment_plans[query] != NULL && strcmp(treatment_plans_shard[query], shardkey) != 0)
	{
		SPI_freeplan(treatment_plans[query]);
		treatment_plans[query] = NULL;
	}
	if (treatment_plans[query] == NULL)
	{
		char	   *sql = isms_shard_query(psprintf(treatment_queries[query].sql, schema),
										   schema, nspid, shard);
		SPIPlanPtr	plan;

		plan = SPI_prepare(sql, treatment_queries[query].nargs,
						   (Oid *) treatment_queries[query].argtypes);
		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		if (SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_keepplan failed");
		treatment_plans[query] = plan;
		strlcpy(treatment_plans_shard[query], shardkey, sizeof(treatment_plans_shard[query]));
	}
	rc = SPI_execute_plan(treatment_plans[query], args, nulls, read_only, count);
	if (rc < 0)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	return rc;
}

static int
asset_appetite_cmp(const void *a, const void *b)
{
	int64		x = ((const AssetAppetite *) a)->asset_id;
	int64		y = ((const AssetAppetite *) b)->asset_id;

	return x < y ? -1 : x > y ? 1 : 0;
}

static int
category_appetite_cmp(const void *a, const void *b)
{
	return strcmp(((const CategoryAppetite *) a)->category,
				  ((const CategoryAppetite *) b)->category);
}

/*
 * Reads an organization's appetite (isms.risk_appetite) and review cadence
 * (isms.review_cadence) into memory of mcxt.
 */
OrgPolicy *
treatment_policy_load(MemoryContext mcxt, Oid nspid, const char *schema,
					  int64 org_id, const IsmsShard *shard)
{
	OrgPolicy  *p = MemoryContextAllocZero(mcxt, sizeof(OrgPolicy));
	Datum		args[1];
	uint64		n;

	p->org_id = org_id;
	args[0] = Int64GetDatum(org_id);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	treatment_execute(QUERY_APPETITE, nspid, schema, args, NULL, true, 0, shard);
	n = SPI_processed;
	p->categories = MemoryContextAlloc(mcxt, sizeof(CategoryAppetite) * (n + 1));
	p->assets = MemoryContextAlloc(mcxt, sizeof(AssetAppetite) * (n + 1));
	for (uint64 r = 0; r < n; r++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[r];
		TupleDesc	tupdesc = SPI_tuptable->tupdesc;
		bool		category_null,
					asset_null,
					level_null;
		Datum		category = SPI_getbinval(tuple, tupdesc, 1, &category_null);
		Datum		asset = SPI_getbinval(tuple, tupdesc, 2, &asset_null);
		ScaleValue	level = DatumGetScaleValue(SPI_getbinval(tuple, tupdesc, 3, &level_null));

		if (level_null)
			continue;
		if (!asset_null)
		{
			p->assets[p->nassets].asset_id = DatumGetInt64(asset);
			p->assets[p->nassets++].level = level;
		}
		else if (!category_null)
		{
			p->categories[p->ncategories].category =
				MemoryContextStrdup(mcxt, TextDatumGetCString(category));
			p->categories[p->ncategories++].level = level;
		}
		else
		{
			p->has_org_appetite = true;
			p->org_appetite = level;
		}
	}
	qsort(p->assets, p->nassets, sizeof(AssetAppetite), asset_appetite_cmp);
	qsort(p->categories, p->ncategories, sizeof(CategoryAppetite), category_appetite_cmp);

	treatment_execute(QUERY_CADENCE, nspid, schema, args, NULL, true, 0, shard);
	n = SPI_processed;
	p->cadence_levels = MemoryContextAlloc(mcxt, sizeof(ScaleValue) * (n + 1));
	p->cadence_days = MemoryContextAlloc(mcxt, sizeof(int32) * (n + 1));
	for (uint64 r = 0; r < n; r++)
	{
		bool		level_null,
					days_null;
		Datum		level = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &level_null);
		Datum		days = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2, &days_null);

		if (level_null || days_null)
			continue;
		p->cadence_levels[p->ncadence] = DatumGetScaleValue(level);
		p->cadence_days[p->ncadence++] = DatumGetInt32(days);
	}
	SPI_finish();
	return p;
}

/*
 * The appetite that applies to a risk: its asset's, else its category's,
 * else the organization's (as isms.appetite()).  False if none is set.
 */
bool
treatment_appetite(const OrgPolicy *policy, const char *category,
				   bool has_asset, int64 asset_id, ScaleValue *appetite)
{
	if (has_asset && policy->nassets > 0)
	{
		AssetAppetite key = {.asset_id = asset_id};
		AssetAppetite *hit = bsearch(&key, policy->assets, policy->nassets,
									 sizeof(AssetAppetite), asset_appetite_cmp);

		if (hit != NULL)
		{
			*appetite = hit->level;
			return true;
		}
	}
	if (category != NULL && policy->ncategories > 0)
	{
		CategoryAppetite key = {.category = (char *) category};
		CategoryAppetite *hit = bsearch(&key, policy->categories, policy->ncategories,
										sizeof(CategoryAppetite), category_appetite_cmp);

		if (hit != NULL)
		{
			*appetite = hit->level;
			return true;
		}
	}
	if (policy->has_org_appetite)
		*appetite = policy->org_appetite;
	return policy->has_org_appetite;
}

/*
 * The built-in review cadence, by the level's place on its scale: the top
 * level 30 days, from two thirds up 90, from one third up 180, else 365.
 * On the 4-level scale: critical 30, high 90, medium 180, low 365.
 */
int32
treatment_default_review_days(ScaleValue level)
{
	int			k = SCALE_LEVEL(level);
	int			n = SCALE_SIZE(level);

	if (n < SCALE_MIN_LEVELS)
		n = risk_level_type.default_size;
	if (k >= n)
		return 30;
	if (3 * (k - 1) >= 2 * (n - 1))
		return 90;
	if (3 * (k - 1) >= n - 1)
		return 180;
	return 365;
}

/* Days between reviews of a risk at a level: the organization's, or built in. */
int32
treatment_review_days(const OrgPolicy *policy, ScaleValue level)
{
	for (int c = 0; c < policy->ncadence; c++)
		if (scale_compare(policy->cadence_levels[c], level) == 0)
			return policy->cadence_days[c];
	return treatment_default_review_days(level);
}

/*
 * Events.  An event goes into the outbox, isms.event (see audit.c): its
 * kind, organization, the table and ids of the rows it is about, and
 * details; NOTIFY isms_events then carries only the kind, the ids and the
 * organization.  On a schema still at 1.0, which has no outbox, it is sent
 * as 1.0 sent it: NOTIFY with every member in the payload.
 */

/* Starts an event about a risk of an organization, raised on table relid. */
void
treatment_event_start(TreatmentEvent *ev, const char *kind, Oid relid,
					  int64 risk_id, int64 org_id)
{
	char	   *nspname = get_namespace_name(get_rel_namespace(relid));
	char	   *relname = get_rel_name(relid);
	Relation	rel = RelationIdGetRelation(relid);
	const IsmsShard *shard;

	if (nspname == NULL || relname == NULL || !RelationIsValid(rel))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	/* on a shard of Citus: the logical table; the event goes into a shard */
	shard = isms_shard(rel);
	ev->has_shard = shard != NULL;
	if (shard != NULL)
	{
		ev->shard = *shard;
		relname = get_rel_name(shard->logical);
	}
	RelationClose(rel);
	ev->kind = kind;
	ev->table_name = quote_qualified_identifier(nspname, relname);
	ev->org_id = org_id;
	initStringInfo(&ev->row_ids);
	initStringInfo(&ev->details);
	initStringInfo(&ev->legacy);
	appendStringInfo(&ev->row_ids, "\"risk_id\": " INT64_FORMAT, risk_id);
	appendStringInfoString(&ev->legacy, "{\"event\": ");
	escape_json(&ev->legacy, kind);
	appendStringInfo(&ev->legacy, ", \"risk_id\": " INT64_FORMAT ", \"org_id\": " INT64_FORMAT,
					 risk_id, org_id);
}

/* Adds the id of another row the event is about. */
void
treatment_event_id(TreatmentEvent *ev, const char *key, int64 id)
{
	appendStringInfoString(&ev->row_ids, ", ");
	escape_json(&ev->row_ids, key);
	appendStringInfo(&ev->row_ids, ": " INT64_FORMAT, id);
	appendStringInfoString(&ev->legacy, ", ");
	escape_json(&ev->legacy, key);
	appendStringInfo(&ev->legacy, ": " INT64_FORMAT, id);
}

/*
 * Adds a detail (NULL: null).  In 1.0's payload it is cut at
 * EVENT_TEXT_MAX characters: a payload of 8000 bytes or more would make
 * NOTIFY, and with it the write that raised the event, fail.
 */
void
treatment_event_text(TreatmentEvent *ev, const char *key, const char *value)
{
	if (ev->details.len > 0)
		appendStringInfoString(&ev->details, ", ");
	escape_json(&ev->details, key);
	appendStringInfoString(&ev->details, ": ");
	appendStringInfoString(&ev->legacy, ", ");
	escape_json(&ev->legacy, key);
	appendStringInfoString(&ev->legacy, ": ");
	if (value == NULL)
	{
		appendStringInfoString(&ev->details, "null");
		appendStringInfoString(&ev->legacy, "null");
	}
	else
	{
		int			len = strlen(value);
		int			cut = pg_mbcharcliplen(value, len, EVENT_TEXT_MAX);

		escape_json(&ev->details, value);
		if (cut < len)
			value = pnstrdup(value, cut);
		escape_json(&ev->legacy, value);
	}
}

/* A JSON object of the members in buf, as jsonb. */
static Jsonb *
event_object(StringInfo buf)
{
	char	   *text = psprintf("{%s}", buf->data);

	return DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(text)));
}

/*
 * Queues the event: it is appended to the outbox, and NOTIFY sent, when
 * the transaction commits (never if it rolls back).
 */
void
treatment_event_send(TreatmentEvent *ev)
{
	appendStringInfoChar(&ev->legacy, '}');
	if (!audit_record_event(ev->org_id, ev->table_name, ev->kind,
							event_object(&ev->row_ids), event_object(&ev->details),
							ev->has_shard ? &ev->shard : NULL))
		Async_Notify("isms_events", ev->legacy.data);
	pfree(ev->row_ids.data);
	pfree(ev->details.data);
	pfree(ev->legacy.data);
}

/*
 * review_overdue_event(): AFTER INSERT row trigger on
 * isms.risk_review_overdue, which isms.run_scheduled_checks() fills: the
 * event review_overdue, with the risk's ident and the review date that
 * passed.
 */
PG_FUNCTION_INFO_V1(review_overdue_event);
Datum
review_overdue_event(PG_FUNCTION_ARGS)
{
	static const IsmsColumn columns[] = {
		{"id", "bigint"}, {"org_id", "bigint"}, {"risk_id", "bigint"}, {"due_on", "date"}
	};
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	HeapTuple	tuple;
	bool		isnull;
	int64		id;
	int64		org_id;
	int64		risk_id;
	Datum		due_on;
	char	   *ident = NULL;
	Datum		args[1];
	MemoryContext outercxt = CurrentMemoryContext;
	TreatmentEvent ev;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event) || !TRIGGER_FIRED_BY_INSERT(td->tg_event))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("review_overdue_event() must be called as an AFTER INSERT row trigger"));
	isms_trigger_check(fcinfo, "risk_review_overdue", columns, lengthof(columns));
	rel = td->tg_relation;
	if (treatment_restoring(rel))
		return PointerGetDatum(NULL);
	desc = RelationGetDescr(rel);
	tuple = td->tg_trigtuple;
	id = DatumGetInt64(heap_getattr(tuple, isms_column(rel, "id", INT8OID), desc, &isnull));
	org_id = DatumGetInt64(heap_getattr(tuple, isms_column(rel, "org_id", INT8OID), desc, &isnull));
	if (isnull)
		return PointerGetDatum(NULL);
	risk_id = DatumGetInt64(heap_getattr(tuple, isms_column(rel, "risk_id", INT8OID), desc, &isnull));
	if (isnull)
		return PointerGetDatum(NULL);
	due_on = heap_getattr(tuple, isms_column(rel, "due_on", DATEOID), desc, &isnull);
	if (isnull)
		return PointerGetDatum(NULL);

	/* the risk's ident, as the caller sees it */
	args[0] = Int64GetDatum(risk_id);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	treatment_execute(QUERY_RISK_FOR_LINK, RelationGetNamespace(rel), treatment_schema(rel),
					  args, NULL, true, 1, isms_shard(rel));
	if (SPI_processed == 1)
	{
		char	   *value = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3);

		if (value != NULL)
			ident = MemoryContextStrdup(outercxt, value);
	}
	SPI_finish();

	treatment_event_start(&ev, "review_overdue", RelationGetRelid(rel), risk_id, org_id);
	treatment_event_id(&ev, "review_overdue_id", id);
	treatment_event_text(&ev, "ident", ident);
	treatment_event_text(&ev, "due_on", treatment_date_text(DatumGetDateADT(due_on)));
	treatment_event_send(&ev);
	return PointerGetDatum(NULL);
}

/* default_review_days(risk_level): the built-in review cadence in days */
PG_FUNCTION_INFO_V1(default_review_days);
Datum
default_review_days(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(treatment_default_review_days(PG_GETARG_SCALE(0)));
}

/* risk_status_transitions(): the life cycle as (from_status, to_status) rows */
PG_FUNCTION_INFO_V1(risk_status_transitions);
Datum
risk_status_transitions(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	int			pos;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		TupleDesc	tupdesc;

		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		MemoryContextSwitchTo(old);
	}
	funcctx = SRF_PERCALL_SETUP();
	/* call_cntr counts rows returned; scan the table from where it left off */
	pos = (int) (intptr_t) funcctx->user_fctx;
	for (; pos < RISK_STATUS_COUNT * RISK_STATUS_COUNT; pos++)
	{
		int			from = pos / RISK_STATUS_COUNT;
		int			to = pos % RISK_STATUS_COUNT;

		if (risk_transitions[from][to])
		{
			Datum		values[2];
			bool		nulls[2] = {false, false};

			values[0] = CStringGetTextDatum(risk_status_names[from]);
			values[1] = CStringGetTextDatum(risk_status_names[to]);
			funcctx->user_fctx = (void *) (intptr_t) (pos + 1);
			SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc,
																	   values, nulls)));
		}
	}
	SRF_RETURN_DONE(funcctx);
}
