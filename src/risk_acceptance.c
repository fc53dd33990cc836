/*
 * risk_acceptance.c
 *	  Risk acceptances (isms.risk_acceptance) and the links of a mitigated
 *	  risk (isms.risk_control, isms.treatment_action).
 *
 * An acceptance records who accepted which residual risk, why and until
 * when.  Its trigger checks it is complete, that the approver is not the
 * risk owner, and records the residual risk it accepts; a newer acceptance
 * supersedes it.  Afterwards it is a record: only its status moves on, once,
 * from valid to expired, invalidated, withdrawn or superseded, with an event.
 *
 * A mitigated risk in treatment keeps at least one planned control or
 * action: the link guard refuses to remove the last one.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "isms.h"
#include "scale.h"
#include "treatment.h"

/* The columns of isms.risk_acceptance. */
typedef enum AcceptanceColumn
{
	ACC_ID,
	ACC_ORG_ID,
	ACC_RISK_ID,
	ACC_APPROVED_BY_ID,
	ACC_JUSTIFICATION,
	ACC_ACCEPTED_ON,
	ACC_EXPIRES_ON,
	ACC_ACCEPTED_LIKELIHOOD,
	ACC_ACCEPTED_IMPACT,
	ACC_ACCEPTED_LEVEL,
	ACC_STATUS,
	ACC_ENDED_AT,
	ACC_END_REASON,
	ACC_CREATED_AT,
	ACC_COUNT
} AcceptanceColumn;

static const char *const acceptance_column_names[ACC_COUNT] = {
	"id", "org_id", "risk_id", "approved_by_id", "justification", "accepted_on",
	"expires_on", "accepted_likelihood", "accepted_impact", "accepted_level",
	"status", "ended_at", "end_reason", "created_at"
};

/* The columns the trigger reads, with their types (isms_trigger_check). */
static const IsmsColumn acceptance_columns[ACC_COUNT] = {
	{"id", "bigint"}, {"org_id", "bigint"}, {"risk_id", "bigint"},
	{"approved_by_id", "bigint"}, {"justification", "text"}, {"accepted_on", "date"},
	{"expires_on", "date"}, {"accepted_likelihood", "likelihood"},
	{"accepted_impact", "impact"}, {"accepted_level", "risk_level"},
	{"status", "text"}, {"ended_at", "timestamptz"}, {"end_reason", "text"},
	{"created_at", "timestamptz"}
};

/* risk_link_guard reads the risk of a link. */
static const IsmsColumn link_columns[] = {{"risk_id", "bigint"}};

/* The columns that record what was accepted: fixed once written. */
static const AcceptanceColumn acceptance_fixed[] = {
	ACC_ID, ACC_ORG_ID, ACC_RISK_ID, ACC_APPROVED_BY_ID, ACC_JUSTIFICATION,
	ACC_ACCEPTED_ON, ACC_EXPIRES_ON, ACC_ACCEPTED_LIKELIHOOD, ACC_ACCEPTED_IMPACT,
	ACC_ACCEPTED_LEVEL, ACC_CREATED_AT
};

/* A row of isms.risk_acceptance, deformed. */
typedef struct AcceptanceRow
{
	Datum		values[ACC_COUNT];
	bool		nulls[ACC_COUNT];
	int			attnum[ACC_COUNT];
} AcceptanceRow;

static void
acceptance_read(Relation rel, HeapTuple tuple, AcceptanceRow *row)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);

	for (int c = 0; c < ACC_COUNT; c++)
	{
		row->attnum[c] = SPI_fnumber(tupdesc, acceptance_column_names[c]);
		if (row->attnum[c] <= 0)
			ereport(ERROR,
					errcode(ERRCODE_UNDEFINED_COLUMN),
					errmsg("table \"%s\" has no column \"%s\"",
						   RelationGetRelationName(rel), acceptance_column_names[c]),
					errhint("The trigger risk_acceptance_guard belongs on isms.risk_acceptance."));
		row->values[c] = heap_getattr(tuple, row->attnum[c], tupdesc, &row->nulls[c]);
	}
}

/* Whether a column differs between two rows. */
static bool
acceptance_differs(Relation rel, const AcceptanceRow *a, const AcceptanceRow *b,
				   AcceptanceColumn c)
{
	Form_pg_attribute att = TupleDescAttr(RelationGetDescr(rel), a->attnum[c] - 1);

	if (a->nulls[c] != b->nulls[c])
		return true;
	if (a->nulls[c])
		return false;
	return !datumIsEqual(a->values[c], b->values[c], att->attbyval, att->attlen);
}

/* Checks a new acceptance, records the residual risk it accepts, supersedes the old one. */
static HeapTuple
acceptance_insert(Relation rel, HeapTuple tuple)
{
	AcceptanceRow row;
	char	   *schema = treatment_schema(rel);
	Oid			nspid = RelationGetNamespace(rel);
	Datum		args[2];
	HeapTuple	risk;
	TupleDesc	risk_desc;
	bool		isnull;
	char	   *name;
	bool		owner_null;
	int64		owner;
	Datum		residual[3];
	bool		residual_null[3];
	int			cols[3];
	Datum		repl_values[3];
	bool		repl_nulls[3] = {false, false, false};
	MemoryContext caller = CurrentMemoryContext;

	acceptance_read(rel, tuple, &row);
	if (row.nulls[ACC_RISK_ID] || row.nulls[ACC_ID])
		return tuple;			/* NOT NULL reports it */
	if (!row.nulls[ACC_STATUS] && strcmp(TextDatumGetCString(row.values[ACC_STATUS]), "valid") != 0)
		ereport(ERROR,
				errcode(ERRCODE_ISMS_ACCEPTANCE_FIXED),
				errmsg("a new acceptance must have status \"valid\""),
				errdetail("It was given status \"%s\".", TextDatumGetCString(row.values[ACC_STATUS])),
				errhint("Record the acceptance as valid; it ends later by expiry, invalidation, withdrawal or a newer acceptance."));

	/*
	 * The risk accepted: its owner and residual risk, locked so that they
	 * hold and that acceptances of one risk are recorded one at a time (the
	 * second then supersedes the first).
	 */
	args[0] = row.values[ACC_RISK_ID];
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	treatment_execute(QUERY_RISK_FOR_ACCEPTANCE, nspid, schema, args, NULL, false, 1,
					  isms_shard(rel));
	if (row.nulls[ACC_ORG_ID])
	{
		SPI_finish();
		return tuple;			/* NOT NULL reports it */
	}
	/* as the foreign key would, but before the NOT NULL of accepted_* */
	if (SPI_processed == 0 ||
		DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull)) !=
		DatumGetInt64(row.values[ACC_ORG_ID]))
		ereport(ERROR,
				errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				errmsg("insert or update on table \"%s\" violates foreign key constraint \"%s\"",
					   RelationGetRelationName(rel), "risk_acceptance_risk_id_fkey"),
				errdetail("Key (org_id, risk_id)=(" INT64_FORMAT ", " INT64_FORMAT ") is not present in table \"risk\".",
						  DatumGetInt64(row.values[ACC_ORG_ID]), DatumGetInt64(row.values[ACC_RISK_ID])),
				errtableconstraint(rel, "risk_acceptance_risk_id_fkey"));
	risk = SPI_tuptable->vals[0];
	risk_desc = SPI_tuptable->tupdesc;
	name = SPI_getvalue(risk, risk_desc, 2);
	name = risk_display_name(name, DatumGetInt64(row.values[ACC_RISK_ID]));
	owner = DatumGetInt64(SPI_getbinval(risk, risk_desc, 3, &owner_null));
	for (int k = 0; k < 3; k++)
		residual[k] = SPI_getbinval(risk, risk_desc, 4 + k, &residual_null[k]);
	/* copy out of SPI's memory before it goes */
	name = MemoryContextStrdup(caller, name);
	SPI_finish();

	if (row.nulls[ACC_APPROVED_BY_ID])
		ereport(ERROR,
				errcode(ERRCODE_ISMS_ACCEPTANCE_INCOMPLETE),
				errmsg("acceptance of risk %s names no approver", name),
				errhint("Set approved_by_id to the person who accepts the risk, someone other than its owner."));
	if (row.nulls[ACC_JUSTIFICATION] ||
		strspn(TextDatumGetCString(row.values[ACC_JUSTIFICATION]), " \t\r\n") ==
		strlen(TextDatumGetCString(row.values[ACC_JUSTIFICATION])))
		ereport(ERROR,
				errcode(ERRCODE_ISMS_ACCEPTANCE_INCOMPLETE),
				errmsg("acceptance of risk %s has no justification", name),
				errhint("Say in justification why the risk is accepted."));
	if (row.nulls[ACC_EXPIRES_ON])
		ereport(ERROR,
				errcode(ERRCODE_ISMS_ACCEPTANCE_INCOMPLETE),
				errmsg("acceptance of risk %s has no expiry date", name),
				errhint("Set expires_on to the date by which the acceptance must be renewed."));
	if (!row.nulls[ACC_ACCEPTED_ON] &&
		DatumGetDateADT(row.values[ACC_EXPIRES_ON]) <= DatumGetDateADT(row.values[ACC_ACCEPTED_ON]))
		ereport(ERROR,
				errcode(ERRCODE_ISMS_ACCEPTANCE_INCOMPLETE),
				errmsg("acceptance of risk %s expires on or before the day it was accepted", name),
				errdetail("It was accepted on %s and expires on %s.",
						  treatment_date_text(DatumGetDateADT(row.values[ACC_ACCEPTED_ON])),
						  treatment_date_text(DatumGetDateADT(row.values[ACC_EXPIRES_ON]))),
				errhint("Set expires_on to a later date."));
	if (residual_null[0] || residual_null[1] || residual_null[2])
		ereport(ERROR,
				errcode(ERRCODE_ISMS_ACCEPTANCE_INCOMPLETE),
				errmsg("risk %s has no residual assessment to accept", name),
				errhint("Set the risk's residual_likelihood and residual_impact first."));
	if (!owner_null && DatumGetInt64(row.values[ACC_APPROVED_BY_ID]) == owner)
		ereport(ERROR,
				errcode(ERRCODE_ISMS_ACCEPTANCE_BY_OWNER),
				errmsg("acceptance of risk %s is approved by its owner", name),
				errdetail("Person " INT64_FORMAT " owns the risk.", owner),
				errhint("The approver must be someone other than the risk owner, for example the owner's manager or the risk committee's chair."));

	/* the residual risk accepted is the risk's: computed, not typed in */
	for (int k = 0; k < 3; k++)
	{
		AcceptanceColumn c = (AcceptanceColumn) (ACC_ACCEPTED_LIKELIHOOD + k);
		const ScaleType *type = k == 0 ? &likelihood_type : k == 1 ? &impact_type : &risk_level_type;

		if (!row.nulls[c] &&
			scale_compare(DatumGetScaleValue(row.values[c]), DatumGetScaleValue(residual[k])) != 0)
			ereport(ERROR,
					errcode(ERRCODE_ISMS_COMPUTED_VALUE),
					errmsg("column \"%s\" of the acceptance of risk %s is computed",
						   acceptance_column_names[c], name),
					errdetail("It was given as \"%s\"; the risk's residual value is \"%s\".",
							  scale_format(type, DatumGetScaleValue(row.values[c])),
							  scale_format(type, DatumGetScaleValue(residual[k]))),
					errhint("Leave it out: the acceptance records the risk's residual likelihood, impact and level."));
		cols[k] = row.attnum[c];
		repl_values[k] = residual[k];
	}

	/* a newer acceptance supersedes the valid one */
	args[1] = row.values[ACC_ID];
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	treatment_execute(QUERY_SUPERSEDE, nspid, schema, args, NULL, false, 0, isms_shard(rel));
	SPI_finish();

	return heap_modify_tuple_by_cols(tuple, RelationGetDescr(rel), 3, cols,
									 repl_values, repl_nulls);
}

/* Keeps an acceptance fixed but for its one step from valid to an end. */
static HeapTuple
acceptance_update(Relation rel, HeapTuple oldtuple, HeapTuple newtuple)
{
	AcceptanceRow old,
				row;
	char	   *old_status,
			   *new_status;
	int64		id;
	int			cols[2];
	Datum		repl_values[2];
	bool		repl_nulls[2] = {false, false};
	int			ncols = 0;
	char	   *reason;
	TreatmentEvent ev;

	acceptance_read(rel, oldtuple, &old);
	acceptance_read(rel, newtuple, &row);
	id = DatumGetInt64(old.values[ACC_ID]);
	for (int f = 0; f < (int) lengthof(acceptance_fixed); f++)
		if (acceptance_differs(rel, &old, &row, acceptance_fixed[f]))
			ereport(ERROR,
					errcode(ERRCODE_ISMS_ACCEPTANCE_FIXED),
					errmsg("acceptance " INT64_FORMAT " cannot be changed", id),
					errdetail("Column \"%s\" records what was accepted.",
							  acceptance_column_names[acceptance_fixed[f]]),
					errhint("Record a new acceptance; it supersedes this one."));
	if (row.nulls[ACC_STATUS] || old.nulls[ACC_STATUS])
		return newtuple;		/* NOT NULL reports it */
	old_status = TextDatumGetCString(old.values[ACC_STATUS]);
	new_status = TextDatumGetCString(row.values[ACC_STATUS]);
	if (strcmp(old_status, "valid") != 0)
	{
		if (strcmp(old_status, new_status) != 0 ||
			acceptance_differs(rel, &old, &row, ACC_ENDED_AT) ||
			acceptance_differs(rel, &old, &row, ACC_END_REASON))
			ereport(ERROR,
					errcode(ERRCODE_ISMS_ACCEPTANCE_FIXED),
					errmsg("acceptance " INT64_FORMAT " has ended and cannot be changed", id),
					errdetail("Its status is \"%s\".", old_status),
					errhint("Record a new acceptance for the risk."));
		return newtuple;
	}
	if (strcmp(new_status, "valid") == 0)
		return newtuple;

	/* the end: when, why, and the event */
	if (row.nulls[ACC_ENDED_AT])
	{
		cols[ncols] = row.attnum[ACC_ENDED_AT];
		repl_values[ncols++] = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());
	}
	if (row.nulls[ACC_END_REASON])
	{
		reason = strcmp(new_status, "expired") == 0 ?
			psprintf("expired on %s", treatment_date_text(DatumGetDateADT(row.values[ACC_EXPIRES_ON]))) :
			pstrdup(new_status);
		cols[ncols] = row.attnum[ACC_END_REASON];
		repl_values[ncols++] = CStringGetTextDatum(reason);
	}
	else
		reason = TextDatumGetCString(row.values[ACC_END_REASON]);
	if (strcmp(new_status, "expired") == 0 || strcmp(new_status, "invalidated") == 0 ||
		strcmp(new_status, "withdrawn") == 0)
	{
		treatment_event_start(&ev, psprintf("acceptance_%s", new_status),
							  RelationGetRelid(rel), DatumGetInt64(row.values[ACC_RISK_ID]),
							  DatumGetInt64(row.values[ACC_ORG_ID]));
		treatment_event_id(&ev, "acceptance_id", id);
		treatment_event_text(&ev, "expires_on",
							 treatment_date_text(DatumGetDateADT(row.values[ACC_EXPIRES_ON])));
		treatment_event_text(&ev, "reason", reason);
		treatment_event_send(&ev);
	}
	if (ncols == 0)
		return newtuple;
	return heap_modify_tuple_by_cols(newtuple, RelationGetDescr(rel), ncols, cols,
									 repl_values, repl_nulls);
}

/*
 * risk_acceptance_guard(): BEFORE INSERT OR UPDATE row trigger on
 * isms.risk_acceptance.
 */
PG_FUNCTION_INFO_V1(risk_acceptance_guard);
Datum
risk_acceptance_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("risk_acceptance_guard must be a BEFORE INSERT OR UPDATE row trigger"));
	isms_trigger_check(fcinfo, "risk_acceptance", acceptance_columns, ACC_COUNT);
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		if (treatment_restoring(td->tg_relation))
			return PointerGetDatum(td->tg_newtuple);
		return PointerGetDatum(acceptance_update(td->tg_relation, td->tg_trigtuple,
												 td->tg_newtuple));
	}
	if (treatment_restoring(td->tg_relation))
		return PointerGetDatum(td->tg_trigtuple);
	return PointerGetDatum(acceptance_insert(td->tg_relation, td->tg_trigtuple));
}

/*
 * Whether a risk has a planned control or action: a treatment action that
 * is not cancelled (an action always has an owner and a due date), or a
 * linked control whose Statement of Applicability entry has an owner and a
 * target or implementation date.
 */
bool
treatment_mitigation_planned(Oid nspid, const char *schema, int64 risk_id,
							 const IsmsShard *shard)
{
	Datum		args[1];
	bool		isnull;
	bool		planned;

	args[0] = Int64GetDatum(risk_id);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* not read-only: see the links this transaction just wrote */
	treatment_execute(QUERY_MITIGATION, nspid, schema, args, NULL, false, 1, shard);
	planned = SPI_processed > 0 &&
		DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull)) &&
		!isnull;
	SPI_finish();
	return planned;
}

/*
 * risk_link_guard(): AFTER UPDATE OR DELETE row trigger on isms.risk_control
 * and isms.treatment_action: a mitigated risk in treatment keeps a planned
 * control or action.
 */
PG_FUNCTION_INFO_V1(risk_link_guard);
Datum
risk_link_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	int			attnum;
	bool		isnull;
	Datum		risk_id;
	Datum		args[1];
	char	   *schema;
	RiskStatus	status = RISK_STATUS_UNKNOWN;
	RiskTreatment treatment = TREATMENT_NONE;
	char	   *name = NULL;
	MemoryContext caller = CurrentMemoryContext;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event) ||
		!(TRIGGER_FIRED_BY_DELETE(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("risk_link_guard must be an AFTER UPDATE OR DELETE row trigger"));
	isms_trigger_check(fcinfo, NULL, link_columns, 1);
	rel = td->tg_relation;
	if (treatment_restoring(rel))
		return PointerGetDatum(NULL);
	attnum = SPI_fnumber(RelationGetDescr(rel), "risk_id");
	if (attnum <= 0)
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_COLUMN),
				errmsg("table \"%s\" has no column \"risk_id\"", RelationGetRelationName(rel)),
				errhint("The trigger risk_link_guard belongs on isms.risk_control and isms.treatment_action."));
	risk_id = heap_getattr(td->tg_trigtuple, attnum, RelationGetDescr(rel), &isnull);
	if (isnull)
		return PointerGetDatum(NULL);

	schema = treatment_schema(rel);
	args[0] = risk_id;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	treatment_execute(QUERY_RISK_FOR_LINK, RelationGetNamespace(rel), schema, args, NULL, false, 1,
					  isms_shard(rel));
	if (SPI_processed > 0)
	{
		HeapTuple	risk = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		Datum		value;

		value = SPI_getbinval(risk, desc, 1, &isnull);
		if (!isnull)
			status = risk_status_parse(value);
		value = SPI_getbinval(risk, desc, 2, &isnull);
		if (!isnull)
			treatment = risk_treatment_parse(value);
		name = risk_display_name(SPI_getvalue(risk, desc, 3), DatumGetInt64(risk_id));
		name = MemoryContextStrdup(caller, name);
	}
	SPI_finish();

	/* a deleted risk takes its links along: nothing to keep */
	if (treatment != TREATMENT_MITIGATE || !RISK_STATUS_ACTIVE(status))
		return PointerGetDatum(NULL);
	if (!treatment_mitigation_planned(RelationGetNamespace(rel), schema, DatumGetInt64(risk_id),
									  isms_shard(rel)))
		ereport(ERROR,
				errcode(ERRCODE_ISMS_MITIGATE_RULE),
				errmsg("risk %s breaks the mitigate rule: its last planned control or action is gone", name),
				errdetail("A mitigated risk at status \"%s\" needs a treatment action that is not cancelled, or a linked control whose Statement of Applicability entry has an owner and a target or implementation date.",
						  risk_status_names[status]),
				errhint("Plan another action or link another control first, or move the risk back to \"assessed\"."));
	return PointerGetDatum(NULL);
}
