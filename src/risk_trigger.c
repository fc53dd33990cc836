/*
 * risk_trigger.c
 *	  The risk treatment workflow on isms.risk: a BEFORE INSERT OR UPDATE row
 *	  trigger that computes the levels and the next review date, keeps the
 *	  life cycle, enforces the treatment rules and sends events.  Whatever
 *	  client writes (an application, a BI tool's write-back, COPY), the rules
 *	  hold.
 *
 * The common path (a risk inserted or updated at a status where no
 * treatment rule needs another table) runs no query per row: the matrix,
 * appetite and review cadence are read once per statement and kept in
 * fn_extra.  The queries it does need (the valid acceptance of an accepted
 * risk above appetite, the controls and actions of a mitigated risk in
 * treatment, the invalidation of an acceptance when an UPDATE changes the
 * residual risk) are prepared once per backend (treatment.c).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "isms.h"
#include "matrix.h"
#include "scale.h"
#include "treatment.h"

/* The columns of isms.risk the trigger reads or writes. */
typedef enum RiskColumn
{
	COL_ID,
	COL_ORG_ID,
	COL_IDENT,
	COL_CATEGORY,
	COL_ASSET_ID,
	COL_OWNER_ID,
	COL_MATRIX_ID,
	COL_INHERENT_LIKELIHOOD,	/* four stages of three columns each */
	COL_INHERENT_IMPACT,
	COL_INHERENT_LEVEL,
	COL_CURRENT_LIKELIHOOD,
	COL_CURRENT_IMPACT,
	COL_CURRENT_LEVEL,
	COL_RESIDUAL_LIKELIHOOD,
	COL_RESIDUAL_IMPACT,
	COL_RESIDUAL_LEVEL,
	COL_TARGET_LIKELIHOOD,
	COL_TARGET_IMPACT,
	COL_TARGET_LEVEL,
	COL_TARGET_JUSTIFICATION,
	COL_TREATMENT,
	COL_TRANSFER_COUNTERPARTY,
	COL_TRANSFER_SUPPLIER_ID,
	COL_TRANSFER_REFERENCE,
	COL_ACTIVITY_ENDED_ON,
	COL_MONITOR_OWNER_ID,
	COL_STATUS,
	COL_IDENTIFIED_ON,
	COL_ASSESSED_ON,
	COL_REVIEWED_ON,
	COL_NEXT_REVIEW,
	COL_CLOSED_ON,
	COL_COUNT
} RiskColumn;

static const char *const risk_column_names[COL_COUNT] = {
	"id", "org_id", "ident", "category", "asset_id", "owner_id", "matrix_id",
	"inherent_likelihood", "inherent_impact", "inherent_level",
	"current_likelihood", "current_impact", "current_level",
	"residual_likelihood", "residual_impact", "residual_level",
	"target_likelihood", "target_impact", "target_level",
	"target_justification", "treatment", "transfer_counterparty",
	"transfer_supplier_id", "transfer_reference", "activity_ended_on",
	"monitor_owner_id", "status", "identified_on", "assessed_on",
	"reviewed_on", "next_review", "closed_on"
};

/* Their types, for isms_trigger_check. */
static const IsmsColumn risk_columns[COL_COUNT] = {
	{"id", "bigint"}, {"org_id", "bigint"}, {"ident", "text"}, {"category", "text"},
	{"asset_id", "bigint"}, {"owner_id", "bigint"}, {"matrix_id", "bigint"},
	{"inherent_likelihood", "likelihood"}, {"inherent_impact", "impact"},
	{"inherent_level", "risk_level"},
	{"current_likelihood", "likelihood"}, {"current_impact", "impact"},
	{"current_level", "risk_level"},
	{"residual_likelihood", "likelihood"}, {"residual_impact", "impact"},
	{"residual_level", "risk_level"},
	{"target_likelihood", "likelihood"}, {"target_impact", "impact"},
	{"target_level", "risk_level"},
	{"target_justification", "text"}, {"treatment", "text"},
	{"transfer_counterparty", "text"}, {"transfer_supplier_id", "bigint"},
	{"transfer_reference", "text"}, {"activity_ended_on", "date"},
	{"monitor_owner_id", "bigint"}, {"status", "text"}, {"identified_on", "date"},
	{"assessed_on", "date"}, {"reviewed_on", "date"}, {"next_review", "date"},
	{"closed_on", "date"}
};

/* The four assessments of a risk. */
typedef enum Stage
{
	STAGE_INHERENT,
	STAGE_CURRENT,
	STAGE_RESIDUAL,
	STAGE_TARGET,
	STAGE_COUNT
} Stage;

#define STAGE_LIKELIHOOD(s)	((RiskColumn) (COL_INHERENT_LIKELIHOOD + 3 * (s)))
#define STAGE_IMPACT(s)		((RiskColumn) (COL_INHERENT_LIKELIHOOD + 3 * (s) + 1))
#define STAGE_LEVEL(s)		((RiskColumn) (COL_INHERENT_LIKELIHOOD + 3 * (s) + 2))

/* Matrices and organizations one statement keeps (a few; more are reloaded). */
#define WORKFLOW_MATRICES	8
#define WORKFLOW_POLICIES	8

/* What the trigger keeps for one statement, in fn_extra. */
typedef struct WorkflowState
{
	MemoryContext mcxt;
	Oid			relid;
	Oid			nspid;
	char	   *schema;			/* quoted, for queries */
	char	   *matrix_table;	/* risk_matrix (on Citus: its shard), quoted */
	const IsmsShard *shard;		/* on Citus, the shard fired on, else NULL */
	IsmsShard	shard_data;
	int			natts;
	int			attidx[COL_COUNT];	/* 0-based attribute index of each column */
	Datum	   *values;			/* the new row, deformed */
	bool	   *nulls;
	bool		changed;		/* the trigger set a column of this row */
	Datum	   *old_values;		/* the old row of an UPDATE */
	bool	   *old_nulls;
	bool		have_default;
	int64		default_matrix_id;
	int			nmatrices;
	MatrixCache *matrices[WORKFLOW_MATRICES];
	int			npolicies;
	OrgPolicy  *policies[WORKFLOW_POLICIES];
} WorkflowState;

/* One row as the rules see it. */
typedef struct RiskRow
{
	int64		id;
	int64		org_id;
	const char *name;			/* for messages: "R-012" or the id */
	RiskStatus	status;
	RiskTreatment treatment;
	bool		has_level[STAGE_COUNT];
	ScaleValue	level[STAGE_COUNT];
} RiskRow;

#define NEW_NULL(st, c)		((st)->nulls[(st)->attidx[c]])
#define NEW_VALUE(st, c)	((st)->values[(st)->attidx[c]])
#define OLD_NULL(st, c)		((st)->old_nulls[(st)->attidx[c]])
#define OLD_VALUE(st, c)	((st)->old_values[(st)->attidx[c]])

/* Sets a column of the new row. */
static void
workflow_set(WorkflowState *st, RiskColumn c, Datum value, bool isnull)
{
	int			a = st->attidx[c];

	st->values[a] = value;
	st->nulls[a] = isnull;
	st->changed = true;
}

/* The state for this statement: column positions, caches, row buffers. */
static WorkflowState *
workflow_state(FmgrInfo *flinfo, Relation rel)
{
	WorkflowState *st = flinfo->fn_extra;
	TupleDesc	tupdesc = RelationGetDescr(rel);

	if (st != NULL && st->relid == RelationGetRelid(rel) && st->natts == tupdesc->natts)
		return st;

	st = MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(WorkflowState));
	st->mcxt = flinfo->fn_mcxt;
	st->relid = RelationGetRelid(rel);
	st->nspid = RelationGetNamespace(rel);
	st->schema = MemoryContextStrdup(st->mcxt, treatment_schema(rel));
	if (isms_shard(rel) != NULL)
	{
		st->shard_data = *isms_shard(rel);
		st->shard = &st->shard_data;
	}
	st->matrix_table = MemoryContextStrdup(st->mcxt,
										   isms_shard_query(psprintf("%s.risk_matrix", st->schema),
															st->schema, st->nspid, st->shard));
	st->natts = tupdesc->natts;
	for (int c = 0; c < COL_COUNT; c++)
	{
		int			attnum = SPI_fnumber(tupdesc, risk_column_names[c]);

		if (attnum <= 0)
			ereport(ERROR,
					errcode(ERRCODE_UNDEFINED_COLUMN),
					errmsg("table \"%s\" has no column \"%s\"",
						   RelationGetRelationName(rel), risk_column_names[c]),
					errhint("The trigger risk_workflow belongs on isms.risk."));
		st->attidx[c] = attnum - 1;
	}
	st->values = MemoryContextAlloc(st->mcxt, sizeof(Datum) * st->natts);
	st->nulls = MemoryContextAlloc(st->mcxt, sizeof(bool) * st->natts);
	st->old_values = MemoryContextAlloc(st->mcxt, sizeof(Datum) * st->natts);
	st->old_nulls = MemoryContextAlloc(st->mcxt, sizeof(bool) * st->natts);
	flinfo->fn_extra = st;
	return st;
}

/*
 * The matrix of a risk: by id, or the default one; loaded once per statement.
 *
 * This is also the reference from a risk to its matrix, isms.risk.matrix_id,
 * which is kept here rather than by a foreign key, whose check (a query per
 * row) cost more than the rest of the workflow.  The statement's first row
 * that records a matrix locks the matrix row FOR SHARE and reads it as
 * locked (matrix_load_locked), so its levels come from the version that
 * stays: the lock, held to the end of the transaction, keeps the matrix from
 * being deleted, or changed by the guard's rules (isms.risk_matrix_guard),
 * until the risk is committed, and a version committed while the lock
 * waited is the one read.  The guard, for its part, asks
 * isms.risk_matrix_in_use() with the latest snapshot once it holds the row
 * lock, so it sees risks committed meanwhile.  As for a foreign key, the
 * lock is taken as the matrix table's owner: the writer need not be allowed
 * to update it.  A matrix id that does not exist is the foreign key's error.
 */
static MatrixCache *
workflow_matrix(WorkflowState *st, Relation rel, bool is_default, int64 id)
{
	MatrixCache *mc;
	Oid			matrix_rel;
	Oid			save_userid;
	int			save_sec_context;

	if (is_default && st->have_default)
	{
		is_default = false;
		id = st->default_matrix_id;
	}
	if (!is_default)
		for (int m = 0; m < st->nmatrices; m++)
			if (st->matrices[m]->id == id)
				return st->matrices[m];

	matrix_rel = get_relname_relid("risk_matrix", st->nspid);
	if (!OidIsValid(matrix_rel))
		elog(ERROR, "table %s.risk_matrix does not exist", st->schema);
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(isms_relation_owner(matrix_rel),
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_NOFORCE_RLS);
	mc = matrix_load_locked(st->mcxt, st->matrix_table, is_default, id);
	SetUserIdAndSecContext(save_userid, save_sec_context);
	if (mc == NULL)
		ereport(ERROR,
				errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				errmsg("risk matrix %lld does not exist", (long long) id),
				errdetail("Key (matrix_id)=(%lld) is not present in table \"risk_matrix\".",
						  (long long) id),
				errtablecol(rel, st->attidx[COL_MATRIX_ID] + 1));
	if (is_default)
	{
		st->default_matrix_id = mc->id;
		st->have_default = true;
	}
	if (st->nmatrices < WORKFLOW_MATRICES)
		st->matrices[st->nmatrices++] = mc;
	else
		st->matrices[(uint64) mc->id % WORKFLOW_MATRICES] = mc;	/* ids may be negative */
	return mc;
}

/* An organization's appetite and cadence, read once per statement. */
static OrgPolicy *
workflow_policy(WorkflowState *st, int64 org_id)
{
	OrgPolicy  *p;

	for (int i = 0; i < st->npolicies; i++)
		if (st->policies[i]->org_id == org_id)
			return st->policies[i];
	p = treatment_policy_load(st->mcxt, st->nspid, st->schema, org_id, st->shard);
	if (st->npolicies < WORKFLOW_POLICIES)
		st->policies[st->npolicies++] = p;
	else
		st->policies[(uint64) org_id % WORKFLOW_POLICIES] = p;	/* ids may be negative */
	return p;
}

/* Whether a client wrote a column: any value on INSERT, a change on UPDATE. */
static bool
workflow_written(WorkflowState *st, bool is_update, RiskColumn c, bool by_value_equal)
{
	if (NEW_NULL(st, c))
		return false;
	if (!is_update || OLD_NULL(st, c))
		return true;
	return !by_value_equal || NEW_VALUE(st, c) != OLD_VALUE(st, c);
}

/* A level with its likelihood and impact, for messages: "high" (likely x major). */
static char *
stage_text(WorkflowState *st, bool old, Stage s, bool has_level, ScaleValue level)
{
	Datum	   *values = old ? st->old_values : st->values;
	bool	   *nulls = old ? st->old_nulls : st->nulls;
	int			l = st->attidx[STAGE_LIKELIHOOD(s)];
	int			i = st->attidx[STAGE_IMPACT(s)];

	if (nulls[l] || nulls[i])
		return pstrdup("none");
	return psprintf("\"%s\" (%s x %s)",
					has_level ? scale_format(&risk_level_type, level) : "?",
					scale_format(&likelihood_type, DatumGetScaleValue(values[l])),
					scale_format(&impact_type, DatumGetScaleValue(values[i])));
}

/* Error for a computed column that a client wrote with another value. */
static void
computed_error(const RiskRow *row, const char *column, const char *given,
			   const char *computed, const char *hint)
{
	ereport(ERROR,
			errcode(ERRCODE_ISMS_COMPUTED_VALUE),
			errmsg("column \"%s\" of risk %s is computed", column, row->name),
			computed != NULL ?
			errdetail("It was given as \"%s\"; the trigger computes \"%s\".", given, computed) :
			errdetail("It was given as \"%s\"; the trigger computes no value here.", given),
			errhint("%s", hint));
}

/*
 * Computes the four levels from the likelihood and impact pairs with the
 * risk's matrix (the default matrix when none is given, which the row then
 * records).  A level the client wrote must be NULL or the computed one.
 */
static void
compute_levels(WorkflowState *st, Relation rel, bool is_update, RiskRow *row)
{
	bool		is_default = NEW_NULL(st, COL_MATRIX_ID);
	MatrixCache *mc;

	/* the matrix, also where no stage has a level: the row records it */
	mc = workflow_matrix(st, rel, is_default,
						 is_default ? 0 : DatumGetInt64(NEW_VALUE(st, COL_MATRIX_ID)));
	for (Stage s = 0; s < STAGE_COUNT; s++)
	{
		RiskColumn lc = STAGE_LIKELIHOOD(s);
		RiskColumn ic = STAGE_IMPACT(s);
		RiskColumn vc = STAGE_LEVEL(s);

		row->has_level[s] = !NEW_NULL(st, lc) && !NEW_NULL(st, ic);
		if (row->has_level[s])
			row->level[s] = matrix_level(mc, DatumGetScaleValue(NEW_VALUE(st, lc)),
										 DatumGetScaleValue(NEW_VALUE(st, ic)));
		if (workflow_written(st, is_update, vc, true) &&
			(!row->has_level[s] ||
			 scale_compare(DatumGetScaleValue(NEW_VALUE(st, vc)), row->level[s]) != 0))
			computed_error(row, risk_column_names[vc],
						   scale_format(&risk_level_type, DatumGetScaleValue(NEW_VALUE(st, vc))),
						   row->has_level[s] ? scale_format(&risk_level_type, row->level[s]) : NULL,
						   "Leave the level out or set it to NULL: the trigger computes it from the likelihood and the impact with the risk matrix.");
		workflow_set(st, vc, ScaleValueGetDatum(row->level[s]), !row->has_level[s]);
	}
	if (is_default)
		workflow_set(st, COL_MATRIX_ID, Int64GetDatum(mc->id), false);
}

/* The stored levels of the old row. */
static void
old_levels(WorkflowState *st, RiskRow *old)
{
	for (Stage s = 0; s < STAGE_COUNT; s++)
	{
		old->has_level[s] = !OLD_NULL(st, STAGE_LEVEL(s));
		old->level[s] = old->has_level[s] ?
			DatumGetScaleValue(OLD_VALUE(st, STAGE_LEVEL(s))) : 0;
	}
}

/*
 * The level a risk has now, which sets its review cadence and is compared
 * with the appetite: none when closed; once treated (treated, monitored)
 * the residual level, else the current, else the inherent one; before, the
 * current level, else the inherent one.
 */
static bool
level_now(const RiskRow *row, ScaleValue *level)
{
	static const Stage treated[] = {STAGE_RESIDUAL, STAGE_CURRENT, STAGE_INHERENT};
	static const Stage untreated[] = {STAGE_CURRENT, STAGE_INHERENT};
	const Stage *order;
	int			n;

	if (row->status == RISK_CLOSED)
		return false;
	if (row->status == RISK_TREATED || row->status == RISK_MONITORED)
	{
		order = treated;
		n = lengthof(treated);
	}
	else
	{
		order = untreated;
		n = lengthof(untreated);
	}
	for (int i = 0; i < n; i++)
	{
		if (row->has_level[order[i]])
		{
			*level = row->level[order[i]];
			return true;
		}
	}
	return false;
}

/* Whether a level is above the appetite that applies (false without one). */
static bool
above_appetite(const OrgPolicy *policy, const char *category, bool has_asset,
			   int64 asset_id, ScaleValue level, ScaleValue *appetite)
{
	if (!treatment_appetite(policy, category, has_asset, asset_id, appetite))
		return false;
	/* a level on another scale is not compared (the accept rule reports it) */
	if (SCALE_SIZE(level) != SCALE_SIZE(*appetite))
		return false;
	return scale_compare(level, *appetite) > 0;
}

/* The category of a row, where an appetite per category could apply. */
static char *
row_category(const OrgPolicy *policy, bool isnull, Datum value)
{
	if (isnull || policy->ncategories == 0)
		return NULL;
	return TextDatumGetCString(value);
}

/* Checks the status change; on UPDATE, dates follow the closing and reopening. */
static void
check_transition(WorkflowState *st, bool is_update, RiskRow *row, RiskStatus old_status)
{
	if (!is_update)
	{
		if (!risk_initial_status(row->status))
			ereport(ERROR,
					errcode(ERRCODE_ISMS_INVALID_TRANSITION),
					errmsg("risk %s cannot start at status \"%s\"",
						   row->name, risk_status_names[row->status]),
					errdetail("A new risk starts as \"identified\" or \"assessed\"."),
					errhint("Insert the risk as \"identified\" or \"assessed\", then move it on one step at a time with UPDATE."));
		return;
	}
	if (!risk_transition_allowed(old_status, row->status))
		ereport(ERROR,
				errcode(ERRCODE_ISMS_INVALID_TRANSITION),
				errmsg("invalid status transition for risk %s from \"%s\" to \"%s\"",
					   row->name, risk_status_names[old_status], risk_status_names[row->status]),
				errdetail("From \"%s\" a risk can move to %s.",
						  risk_status_names[old_status], risk_transitions_from(old_status)),
				errhint("The life cycle is identified, assessed, treatment_planned, treated, monitored, closed; a treatment stage can go back to assessed, and a closed risk can be reopened."));

	/* closing records the date, reopening clears it */
	if (row->status == RISK_CLOSED && old_status != RISK_CLOSED && NEW_NULL(st, COL_CLOSED_ON))
		workflow_set(st, COL_CLOSED_ON, DateADTGetDatum(GetSQLCurrentDate()), false);
	if (old_status == RISK_CLOSED && row->status != RISK_CLOSED && !NEW_NULL(st, COL_CLOSED_ON) &&
		!OLD_NULL(st, COL_CLOSED_ON) && NEW_VALUE(st, COL_CLOSED_ON) == OLD_VALUE(st, COL_CLOSED_ON))
		workflow_set(st, COL_CLOSED_ON, (Datum) 0, true);
}

/* The assessments a status needs, and the order of the four levels. */
static void
check_assessments(WorkflowState *st, RiskRow *row)
{
	if (row->status != RISK_IDENTIFIED && row->status != RISK_STATUS_UNKNOWN &&
		(NEW_NULL(st, COL_INHERENT_LIKELIHOOD) || NEW_NULL(st, COL_INHERENT_IMPACT)))
		ereport(ERROR,
				errcode(ERRCODE_ISMS_ASSESSMENT_MISSING),
				errmsg("risk %s at status \"%s\" has no inherent assessment",
					   row->name, risk_status_names[row->status]),
				errhint("Set inherent_likelihood and inherent_impact."));
	if (row->status != RISK_IDENTIFIED && row->status != RISK_ASSESSED &&
		row->status != RISK_STATUS_UNKNOWN && row->treatment == TREATMENT_NONE)
		ereport(ERROR,
				errcode(ERRCODE_ISMS_TREATMENT_MISSING),
				errmsg("risk %s at status \"%s\" has no treatment",
					   row->name, risk_status_names[row->status]),
				errhint("Set treatment to accept, avoid, transfer, mitigate or monitor."));
	if (row->has_level[STAGE_RESIDUAL] && row->has_level[STAGE_INHERENT] &&
		scale_compare(row->level[STAGE_RESIDUAL], row->level[STAGE_INHERENT]) > 0)
		ereport(ERROR,
				errcode(ERRCODE_ISMS_RESIDUAL_ABOVE_INHERENT),
				errmsg("residual risk of risk %s exceeds its inherent risk", row->name),
				errdetail("The residual risk is %s, the inherent risk %s.",
						  stage_text(st, false, STAGE_RESIDUAL, true, row->level[STAGE_RESIDUAL]),
						  stage_text(st, false, STAGE_INHERENT, true, row->level[STAGE_INHERENT])),
				errhint("Lower the residual likelihood or impact, or re-assess the inherent risk."));
	if (row->has_level[STAGE_TARGET] && row->has_level[STAGE_RESIDUAL] &&
		scale_compare(row->level[STAGE_TARGET], row->level[STAGE_RESIDUAL]) > 0 &&
		NEW_NULL(st, COL_TARGET_JUSTIFICATION))
		ereport(ERROR,
				errcode(ERRCODE_ISMS_TARGET_ABOVE_RESIDUAL),
				errmsg("target risk of risk %s exceeds its residual risk", row->name),
				errdetail("The target risk is %s, the residual risk %s.",
						  stage_text(st, false, STAGE_TARGET, true, row->level[STAGE_TARGET]),
						  stage_text(st, false, STAGE_RESIDUAL, true, row->level[STAGE_RESIDUAL])),
				errhint("Lower the target, or say why it stays above the residual risk in target_justification."));
}

/*
 * The date reviews count from: the latest review or assessment, else the
 * identification, of the new row or of the old one.
 */
static bool
review_base(WorkflowState *st, bool old, DateADT *base)
{
	Datum	   *values = old ? st->old_values : st->values;
	bool	   *nulls = old ? st->old_nulls : st->nulls;
	bool		has_base = false;
	RiskColumn	dates[] = {COL_REVIEWED_ON, COL_ASSESSED_ON};

	for (int d = 0; d < (int) lengthof(dates); d++)
	{
		int			a = st->attidx[dates[d]];

		if (!nulls[a] && (!has_base || DatumGetDateADT(values[a]) > *base))
		{
			*base = DatumGetDateADT(values[a]);
			has_base = true;
		}
	}
	if (!has_base && !nulls[st->attidx[COL_IDENTIFIED_ON]])
	{
		*base = DatumGetDateADT(values[st->attidx[COL_IDENTIFIED_ON]]);
		has_base = true;
	}
	return has_base;
}

/*
 * The cadence date of a row: its review base plus the days of the
 * organization's cadence for its level now.  None for a closed risk or one
 * without a level.
 */
static bool
cadence_date(WorkflowState *st, bool old, const RiskRow *row, OrgPolicy *policy,
			 DateADT *date)
{
	ScaleValue	level;
	DateADT		base;

	if (policy == NULL || !level_now(row, &level) || !review_base(st, old, &base))
		return false;
	*date = DatumGetDateADT(DirectFunctionCall2(date_pli, DateADTGetDatum(base),
												Int32GetDatum(treatment_review_days(policy, level))));
	return true;
}

/*
 * The next review: the cadence date, or an earlier date that a client
 * sets.  An earlier date stays until the risk is reviewed or assessed again
 * (its review base moves) or the cadence comes to an even earlier date; a
 * date the trigger computed follows the level.
 */
static void
compute_next_review(WorkflowState *st, bool is_update, RiskRow *row, OrgPolicy *policy,
					const RiskRow *old)
{
	DateADT		next = 0;
	bool		has_next = cadence_date(st, false, row, policy, &next);

	if (workflow_written(st, is_update, COL_NEXT_REVIEW, true))
	{
		DateADT		given = DatumGetDateADT(NEW_VALUE(st, COL_NEXT_REVIEW));

		if (!has_next || given > next)
			ereport(ERROR,
					errcode(ERRCODE_ISMS_COMPUTED_VALUE),
					errmsg("column \"next_review\" of risk %s is computed", row->name),
					has_next ?
					errdetail("It was given as \"%s\"; the cadence of the risk's level sets it to \"%s\" at the latest.",
							  treatment_date_text(given), treatment_date_text(next)) :
					errdetail("It was given as \"%s\"; a risk without a level, or closed, has no review date.",
							  treatment_date_text(given)),
					errhint("Leave next_review out (or set it to NULL) for the cadence date, or give an earlier one; record a review in reviewed_on.  The cadence is in isms.review_cadence."));
		next = given;
	}
	else if (is_update && has_next && !NEW_NULL(st, COL_NEXT_REVIEW) && !OLD_NULL(st, COL_ORG_ID))
	{
		/* (not written: the new row carries the old date; NULL resets it) */
		DateADT		kept = DatumGetDateADT(NEW_VALUE(st, COL_NEXT_REVIEW));
		DateADT		old_next = 0,
					old_base = 0,
					new_base = 0;
		bool		old_computed;

		/* a date set earlier than the old cadence date was a client's */
		old_computed = cadence_date(st, true, old,
									workflow_policy(st, DatumGetInt64(OLD_VALUE(st, COL_ORG_ID))),
									&old_next) && kept >= old_next;
		if (!old_computed && kept < next &&
			review_base(st, true, &old_base) && review_base(st, false, &new_base) &&
			old_base == new_base)
			next = kept;
	}
	workflow_set(st, COL_NEXT_REVIEW, DateADTGetDatum(next), !has_next);
}

/*
 * An UPDATE that changes the residual risk invalidates the valid acceptance
 * of the risk, which accepted the old one.  Returns the acceptance's id, or 0.
 */
static int64
invalidate_acceptance(WorkflowState *st, RiskRow *row, const RiskRow *old)
{
	bool		changed = false;
	Datum		args[2];
	int64		invalidated = 0;

	for (int k = 0; k < 2; k++)
	{
		RiskColumn	c = k == 0 ? COL_RESIDUAL_LIKELIHOOD : COL_RESIDUAL_IMPACT;

		if (NEW_NULL(st, c) != OLD_NULL(st, c) ||
			(!NEW_NULL(st, c) && NEW_VALUE(st, c) != OLD_VALUE(st, c)))
			changed = true;
	}
	if (row->has_level[STAGE_RESIDUAL] != old->has_level[STAGE_RESIDUAL] ||
		(row->has_level[STAGE_RESIDUAL] &&
		 scale_compare(row->level[STAGE_RESIDUAL], old->level[STAGE_RESIDUAL]) != 0))
		changed = true;
	if (!changed)
		return 0;

	args[0] = Int64GetDatum(row->id);
	args[1] = CStringGetTextDatum(psprintf("residual risk changed from %s to %s",
										   stage_text(st, true, STAGE_RESIDUAL,
													  old->has_level[STAGE_RESIDUAL],
													  old->level[STAGE_RESIDUAL]),
										   stage_text(st, false, STAGE_RESIDUAL,
													  row->has_level[STAGE_RESIDUAL],
													  row->level[STAGE_RESIDUAL])));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	treatment_execute(QUERY_INVALIDATE, st->nspid, st->schema, args, NULL, false, 0, st->shard);
	if (SPI_processed > 0)
	{
		bool		isnull;

		invalidated = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
												  SPI_tuptable->tupdesc, 1, &isnull));
	}
	SPI_finish();
	return invalidated;
}

/*
 * Accept: the residual level is within appetite, or a valid acceptance
 * covers it (approver not the owner, not expired, for this residual level).
 */
static void
check_accept(WorkflowState *st, RiskRow *row, OrgPolicy *policy, int64 invalidated)
{
	ScaleValue	residual = row->level[STAGE_RESIDUAL];
	ScaleValue	appetite = 0;
	bool		has_appetite;
	char	   *category;
	char	   *appetite_text;
	char	   *reason = NULL;
	Datum		args[1];

	if (!row->has_level[STAGE_RESIDUAL])
		ereport(ERROR,
				errcode(ERRCODE_ISMS_ACCEPT_RULE),
				errmsg("risk %s breaks the accept rule: no residual assessment", row->name),
				errdetail("An accepted risk at status \"%s\" needs the residual risk that is accepted.",
						  risk_status_names[row->status]),
				errhint("Set residual_likelihood and residual_impact."));

	category = row_category(policy, NEW_NULL(st, COL_CATEGORY), NEW_VALUE(st, COL_CATEGORY));
	has_appetite = treatment_appetite(policy, category, !NEW_NULL(st, COL_ASSET_ID),
									  NEW_NULL(st, COL_ASSET_ID) ? 0 : DatumGetInt64(NEW_VALUE(st, COL_ASSET_ID)),
									  &appetite);
	if (has_appetite)
	{
		if (SCALE_SIZE(residual) != SCALE_SIZE(appetite))
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("risk level \"%s\" is not on the scale of the appetite \"%s\"",
						   scale_format(&risk_level_type, residual),
						   scale_format(&risk_level_type, appetite)),
					errdetail("The level is on a %d-level scale, the appetite on a %d-level scale.",
							  SCALE_SIZE(residual), SCALE_SIZE(appetite)),
					errhint("Set the appetite (isms.risk_appetite) on the scale of the risk's matrix, or score the risk with a matrix on the appetite's scale."));
		if (scale_compare(residual, appetite) <= 0)
			return;
	}

	/* above appetite (or none set): a valid acceptance must cover the risk */
	args[0] = Int64GetDatum(row->id);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	treatment_execute(QUERY_ACCEPTANCE, st->nspid, st->schema, args, NULL, false, 1, st->shard);
	if (SPI_processed > 0)
	{
		HeapTuple	tuple = SPI_tuptable->vals[0];
		TupleDesc	tupdesc = SPI_tuptable->tupdesc;
		bool		isnull;
		int64		id = DatumGetInt64(SPI_getbinval(tuple, tupdesc, 1, &isnull));
		Datum		approver = SPI_getbinval(tuple, tupdesc, 2, &isnull);
		bool		approver_null = isnull;
		DateADT		expires = DatumGetDateADT(SPI_getbinval(tuple, tupdesc, 3, &isnull));
		ScaleValue	accepted = DatumGetScaleValue(SPI_getbinval(tuple, tupdesc, 4, &isnull));

		if (expires <= GetSQLCurrentDate())
			reason = psprintf("Acceptance " INT64_FORMAT " expired on %s.", id,
							  treatment_date_text(expires));
		else if (!approver_null && !NEW_NULL(st, COL_OWNER_ID) &&
				 DatumGetInt64(approver) == DatumGetInt64(NEW_VALUE(st, COL_OWNER_ID)))
			reason = psprintf("The approver of acceptance " INT64_FORMAT " is the risk owner.", id);
		else if (isnull || scale_compare(accepted, residual) != 0)
			reason = psprintf("Acceptance " INT64_FORMAT " accepted the residual level \"%s\".", id,
							  isnull ? "none" : scale_format(&risk_level_type, accepted));
	}
	else if (invalidated != 0)
		reason = psprintf("Acceptance " INT64_FORMAT " was invalidated by this change of the residual risk.",
						  invalidated);
	else
		reason = pstrdup("No acceptance is recorded.");
	SPI_finish();
	if (reason == NULL)
		return;

	appetite_text = has_appetite ? scale_format(&risk_level_type, appetite) : NULL;
	ereport(ERROR,
			errcode(ERRCODE_ISMS_ACCEPT_RULE),
			errmsg("risk %s breaks the accept rule: above appetite without a valid acceptance", row->name),
			has_appetite ?
			errdetail("Its residual level \"%s\" is above the appetite \"%s\". %s",
					  scale_format(&risk_level_type, residual), appetite_text, reason) :
			errdetail("No risk appetite applies to it. %s", reason),
			errhint("Record an acceptance in isms.risk_acceptance (an approver other than the risk owner, a justification and an expiry date), or bring the residual risk within appetite."));
}

/* The rule of the risk's treatment option, at a status where it applies. */
static void
check_treatment(WorkflowState *st, RiskRow *row, OrgPolicy *policy, int64 invalidated)
{
	if (!RISK_STATUS_ACTIVE(row->status))
		return;
	switch (row->treatment)
	{
		case TREATMENT_ACCEPT:
			check_accept(st, row, policy, invalidated);
			break;
		case TREATMENT_AVOID:
			/* an ended activity has closed the risk already */
			if (row->status != RISK_TREATMENT_PLANNED)
				ereport(ERROR,
						errcode(ERRCODE_ISMS_AVOID_RULE),
						errmsg("risk %s breaks the avoid rule: status \"%s\" before the activity has ended",
							   row->name, risk_status_names[row->status]),
						errdetail("A risk avoided by ending its activity closes when the activity ends."),
						errhint("Set activity_ended_on to the date the activity ended; the risk then closes."));
			break;
		case TREATMENT_TRANSFER:
			if (NEW_NULL(st, COL_TRANSFER_SUPPLIER_ID) && NEW_NULL(st, COL_TRANSFER_COUNTERPARTY))
				ereport(ERROR,
						errcode(ERRCODE_ISMS_TRANSFER_RULE),
						errmsg("risk %s breaks the transfer rule: no counterparty", row->name),
						errdetail("A transferred risk at status \"%s\" names who takes it over.",
								  risk_status_names[row->status]),
						errhint("Set transfer_supplier_id (a supplier) or transfer_counterparty (an insurer or other party)."));
			if (NEW_NULL(st, COL_TRANSFER_REFERENCE))
				ereport(ERROR,
						errcode(ERRCODE_ISMS_TRANSFER_RULE),
						errmsg("risk %s breaks the transfer rule: no contract or policy reference", row->name),
						errdetail("A transferred risk at status \"%s\" names the contract or insurance policy that transfers it.",
								  risk_status_names[row->status]),
						errhint("Set transfer_reference to the contract or policy reference."));
			break;
		case TREATMENT_MITIGATE:
			if (!treatment_mitigation_planned(st->nspid, st->schema, row->id, st->shard))
				ereport(ERROR,
						errcode(ERRCODE_ISMS_MITIGATE_RULE),
						errmsg("risk %s breaks the mitigate rule: no planned control or action", row->name),
						errdetail("A mitigated risk at status \"%s\" needs a treatment action that is not cancelled, or a linked control whose Statement of Applicability entry has an owner and a target or implementation date.",
								  risk_status_names[row->status]),
						errhint("Add a treatment action with an owner and a due date (isms.treatment_action), or link a control (isms.risk_control) whose isms.soa entry has an owner and a target_date or implemented_on."));
			break;
		case TREATMENT_MONITOR:
			/* the review date is computed: a risk at this status has one */
			if (NEW_NULL(st, COL_MONITOR_OWNER_ID))
				ereport(ERROR,
						errcode(ERRCODE_ISMS_MONITOR_RULE),
						errmsg("risk %s breaks the monitor rule: no monitoring owner", row->name),
						errdetail("At status \"%s\", a risk treated by monitoring needs someone who watches it.",
								  risk_status_names[row->status]),
						errhint("Set monitor_owner_id to the person who watches the risk."));
			break;
		default:
			break;
	}
}

/*
 * Event: a risk that goes above its appetite (it was within, or had no
 * level, or is new).
 */
static void
notify_above_appetite(WorkflowState *st, bool is_update, RiskRow *row, OrgPolicy *policy,
					  const RiskRow *old)
{
	ScaleValue	level,
				appetite;
	char	   *category;
	TreatmentEvent ev;

	if (policy == NULL || !level_now(row, &level))
		return;
	category = row_category(policy, NEW_NULL(st, COL_CATEGORY), NEW_VALUE(st, COL_CATEGORY));
	if (!above_appetite(policy, category, !NEW_NULL(st, COL_ASSET_ID),
						NEW_NULL(st, COL_ASSET_ID) ? 0 : DatumGetInt64(NEW_VALUE(st, COL_ASSET_ID)),
						level, &appetite))
		return;
	if (is_update && !OLD_NULL(st, COL_ORG_ID))
	{
		ScaleValue	old_level,
					old_appetite;
		OrgPolicy  *old_policy = workflow_policy(st, DatumGetInt64(OLD_VALUE(st, COL_ORG_ID)));

		if (level_now(old, &old_level) &&
			above_appetite(old_policy,
						   row_category(old_policy, OLD_NULL(st, COL_CATEGORY), OLD_VALUE(st, COL_CATEGORY)),
						   !OLD_NULL(st, COL_ASSET_ID),
						   OLD_NULL(st, COL_ASSET_ID) ? 0 : DatumGetInt64(OLD_VALUE(st, COL_ASSET_ID)),
						   old_level, &old_appetite))
			return;
	}
	treatment_event_start(&ev, "above_appetite", st->relid, row->id, row->org_id);
	treatment_event_text(&ev, "ident", NEW_NULL(st, COL_IDENT) ? NULL :
						 TextDatumGetCString(NEW_VALUE(st, COL_IDENT)));
	treatment_event_text(&ev, "status", risk_status_names[row->status]);
	treatment_event_text(&ev, "level", scale_format(&risk_level_type, level));
	treatment_event_text(&ev, "appetite", scale_format(&risk_level_type, appetite));
	treatment_event_send(&ev);
}

/*
 * risk_workflow(): BEFORE INSERT OR UPDATE row trigger on isms.risk.
 */
PG_FUNCTION_INFO_V1(risk_workflow);
Datum
risk_workflow(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	tupdesc;
	HeapTuple	newtuple,
				result;
	bool		is_update;
	WorkflowState *st;
	RiskRow		row,
				old;
	RiskStatus	old_status = RISK_STATUS_UNKNOWN;
	OrgPolicy  *policy = NULL;
	int64		invalidated = 0;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		ereport(ERROR,
				errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				errmsg("risk_workflow must be a BEFORE INSERT OR UPDATE row trigger"));
	isms_trigger_check(fcinfo, "risk", risk_columns, COL_COUNT);
	rel = td->tg_relation;
	is_update = TRIGGER_FIRED_BY_UPDATE(td->tg_event);
	newtuple = is_update ? td->tg_newtuple : td->tg_trigtuple;
	if (treatment_restoring(rel))
		return PointerGetDatum(newtuple);

	st = workflow_state(fcinfo->flinfo, rel);
	tupdesc = RelationGetDescr(rel);
	heap_deform_tuple(newtuple, tupdesc, st->values, st->nulls);
	st->changed = false;
	if (is_update)
		heap_deform_tuple(td->tg_trigtuple, tupdesc, st->old_values, st->old_nulls);

	memset(&row, 0, sizeof(row));
	memset(&old, 0, sizeof(old));
	row.id = NEW_NULL(st, COL_ID) ? 0 : DatumGetInt64(NEW_VALUE(st, COL_ID));
	row.org_id = NEW_NULL(st, COL_ORG_ID) ? 0 : DatumGetInt64(NEW_VALUE(st, COL_ORG_ID));
	row.name = risk_display_name(NEW_NULL(st, COL_IDENT) ? NULL :
								 TextDatumGetCString(NEW_VALUE(st, COL_IDENT)), row.id);
	row.status = NEW_NULL(st, COL_STATUS) ? RISK_STATUS_UNKNOWN :
		risk_status_parse(NEW_VALUE(st, COL_STATUS));
	row.treatment = NEW_NULL(st, COL_TREATMENT) ? TREATMENT_NONE :
		risk_treatment_parse(NEW_VALUE(st, COL_TREATMENT));
	if (is_update)
	{
		old_status = OLD_NULL(st, COL_STATUS) ? RISK_STATUS_UNKNOWN :
			risk_status_parse(OLD_VALUE(st, COL_STATUS));
		old.status = old_status;
		old_levels(st, &old);
	}

	compute_levels(st, rel, is_update, &row);
	check_transition(st, is_update, &row, old_status);
	check_assessments(st, &row);

	/* avoid: once the activity has ended, the risk closes */
	if (row.treatment == TREATMENT_AVOID && !NEW_NULL(st, COL_ACTIVITY_ENDED_ON) &&
		RISK_STATUS_ACTIVE(row.status))
	{
		row.status = RISK_CLOSED;
		workflow_set(st, COL_STATUS, CStringGetTextDatum(risk_status_names[RISK_CLOSED]), false);
		if (NEW_NULL(st, COL_CLOSED_ON))
			workflow_set(st, COL_CLOSED_ON, NEW_VALUE(st, COL_ACTIVITY_ENDED_ON), false);
	}

	if (!NEW_NULL(st, COL_ORG_ID))
		policy = workflow_policy(st, row.org_id);
	compute_next_review(st, is_update, &row, policy, &old);
	if (is_update)
		invalidated = invalidate_acceptance(st, &row, &old);
	if (policy != NULL)
	{
		check_treatment(st, &row, policy, invalidated);
		notify_above_appetite(st, is_update, &row, policy, &old);
	}

	if (!st->changed)
		return PointerGetDatum(newtuple);
	/* values and nulls hold the whole row: form it as heap_modify_tuple would */
	result = heap_form_tuple(tupdesc, st->values, st->nulls);
	result->t_data->t_ctid = newtuple->t_data->t_ctid;
	result->t_self = newtuple->t_self;
	result->t_tableOid = newtuple->t_tableOid;
	return PointerGetDatum(result);
}
