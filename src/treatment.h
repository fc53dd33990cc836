/*
 * treatment.h
 *	  The risk treatment workflow: declarations shared by treatment.c (rule
 *	  codes, restore mode, prepared queries, appetite and review cadence,
 *	  events), risk_trigger.c (the trigger on isms.risk) and
 *	  risk_acceptance.c (acceptances and the links of a mitigated risk).
 */
#ifndef ISMS_TREATMENT_H
#define ISMS_TREATMENT_H

#include "postgres.h"

#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/date.h"
#include "utils/rel.h"

#include "isms.h"
#include "scale.h"

/*
 * SQLSTATEs of class IS, "ISMS rule violated" (the table is in README.md,
 * section "Risk treatment workflow").  The SQL standard leaves classes
 * starting with I to Z to implementations; PostgreSQL uses none of them.
 */
#define ERRCODE_ISMS_INVALID_TRANSITION		MAKE_SQLSTATE('I','S','0','0','1')
#define ERRCODE_ISMS_COMPUTED_VALUE			MAKE_SQLSTATE('I','S','0','0','2')
#define ERRCODE_ISMS_RESIDUAL_ABOVE_INHERENT MAKE_SQLSTATE('I','S','0','0','3')
#define ERRCODE_ISMS_TARGET_ABOVE_RESIDUAL	MAKE_SQLSTATE('I','S','0','0','4')
#define ERRCODE_ISMS_ASSESSMENT_MISSING		MAKE_SQLSTATE('I','S','0','0','5')
#define ERRCODE_ISMS_TREATMENT_MISSING		MAKE_SQLSTATE('I','S','0','1','0')
#define ERRCODE_ISMS_ACCEPT_RULE			MAKE_SQLSTATE('I','S','0','1','1')
#define ERRCODE_ISMS_AVOID_RULE				MAKE_SQLSTATE('I','S','0','1','2')
#define ERRCODE_ISMS_TRANSFER_RULE			MAKE_SQLSTATE('I','S','0','1','3')
#define ERRCODE_ISMS_MITIGATE_RULE			MAKE_SQLSTATE('I','S','0','1','4')
#define ERRCODE_ISMS_MONITOR_RULE			MAKE_SQLSTATE('I','S','0','1','5')
#define ERRCODE_ISMS_ACCEPTANCE_INCOMPLETE	MAKE_SQLSTATE('I','S','0','2','0')
#define ERRCODE_ISMS_ACCEPTANCE_BY_OWNER	MAKE_SQLSTATE('I','S','0','2','1')
#define ERRCODE_ISMS_ACCEPTANCE_FIXED		MAKE_SQLSTATE('I','S','0','2','2')

/* The life cycle of a risk. */
typedef enum RiskStatus
{
	RISK_IDENTIFIED,
	RISK_ASSESSED,
	RISK_TREATMENT_PLANNED,
	RISK_TREATED,
	RISK_MONITORED,
	RISK_CLOSED,
	RISK_STATUS_COUNT,
	RISK_STATUS_UNKNOWN = RISK_STATUS_COUNT		/* left to the CHECK */
} RiskStatus;

/* The treatment options. */
typedef enum RiskTreatment
{
	TREATMENT_NONE,
	TREATMENT_ACCEPT,
	TREATMENT_AVOID,
	TREATMENT_TRANSFER,
	TREATMENT_MITIGATE,
	TREATMENT_MONITOR,
	TREATMENT_UNKNOWN			/* left to the CHECK */
} RiskTreatment;

extern const char *const risk_status_names[RISK_STATUS_COUNT];

/* A treatment is planned, carried out or watched: the treatment rules apply. */
#define RISK_STATUS_ACTIVE(s) \
	((s) == RISK_TREATMENT_PLANNED || (s) == RISK_TREATED || (s) == RISK_MONITORED)

extern RiskStatus risk_status_parse(Datum text_value);
extern RiskTreatment risk_treatment_parse(Datum text_value);
extern bool risk_transition_allowed(RiskStatus from, RiskStatus to);
extern bool risk_initial_status(RiskStatus status);
extern char *risk_transitions_from(RiskStatus from);

/* Restore mode: a restore of a dump by the owner; triggers step aside. */
extern bool treatment_restoring(Relation rel);

/* The quoted name of a relation's schema, for queries (palloc'd). */
extern char *treatment_schema(Relation rel);

/* Prepared queries, kept for the life of the backend. */
typedef enum TreatmentQuery
{
	QUERY_APPETITE,				/* (org_id): category, asset_id, max_level */
	QUERY_CADENCE,				/* (org_id): level, review_days */
	QUERY_ACCEPTANCE,			/* (risk_id): the valid acceptance */
	QUERY_INVALIDATE,			/* (risk_id, reason): invalidate, RETURNING id */
	QUERY_MITIGATION,			/* (risk_id): a planned control or action exists */
	QUERY_RISK_FOR_ACCEPTANCE,	/* (risk_id): owner and residual, locked */
	QUERY_SUPERSEDE,			/* (risk_id, id): supersede the valid acceptance */
	QUERY_RISK_FOR_LINK,		/* (risk_id): status, treatment, ident */
	QUERY_COUNT
} TreatmentQuery;

/* Runs a prepared query (SPI connected); returns SPI_execute_plan's result. */
extern int	treatment_execute(TreatmentQuery query, Oid nspid, const char *schema,
							  Datum *args, const char *nulls, bool read_only,
							  long count, const IsmsShard *shard);

/* The organization's appetite and review cadence, as one statement reads them. */
typedef struct CategoryAppetite
{
	char	   *category;
	ScaleValue	level;
} CategoryAppetite;

typedef struct AssetAppetite
{
	int64		asset_id;
	ScaleValue	level;
} AssetAppetite;

typedef struct OrgPolicy
{
	int64		org_id;
	bool		has_org_appetite;
	ScaleValue	org_appetite;
	int			ncategories;	/* sorted by category (strcmp) */
	CategoryAppetite *categories;
	int			nassets;		/* sorted by asset_id */
	AssetAppetite *assets;
	int			ncadence;
	ScaleValue *cadence_levels;
	int32	   *cadence_days;
} OrgPolicy;

extern OrgPolicy *treatment_policy_load(MemoryContext mcxt, Oid nspid,
										const char *schema, int64 org_id,
										const IsmsShard *shard);
extern bool treatment_appetite(const OrgPolicy *policy, const char *category,
							   bool has_asset, int64 asset_id,
							   ScaleValue *appetite);
extern int32 treatment_review_days(const OrgPolicy *policy, ScaleValue level);
extern int32 treatment_default_review_days(ScaleValue level);

/*
 * Events: a row of the outbox isms.event at commit, and NOTIFY isms_events
 * with its kind, id, organization and row ids (treatment.c).
 */
typedef struct TreatmentEvent
{
	const char *kind;
	char	   *table_name;		/* the table that raised it, qualified */
	int64		org_id;
	StringInfoData row_ids;		/* members of the row ids' object */
	StringInfoData details;		/* members of the details' object */
	StringInfoData legacy;		/* 1.0's payload, for a 1.0 schema */
	bool		has_shard;		/* raised on a shard of Citus: */
	IsmsShard	shard;			/* that shard */
} TreatmentEvent;

extern void treatment_event_start(TreatmentEvent *ev, const char *kind,
								  Oid relid, int64 risk_id, int64 org_id);
extern void treatment_event_id(TreatmentEvent *ev, const char *key, int64 id);
extern void treatment_event_text(TreatmentEvent *ev, const char *key,
								 const char *value);
extern void treatment_event_send(TreatmentEvent *ev);

/* Acceptances and links (risk_acceptance.c). */
extern bool treatment_mitigation_planned(Oid nspid, const char *schema,
										 int64 risk_id, const IsmsShard *shard);

/* A date as YYYY-MM-DD, whatever DateStyle says. */
extern char *treatment_date_text(DateADT date);

/* How a risk is named in messages: "R-012" (its ident) or its id. */
extern char *risk_display_name(const char *ident, int64 id);

#endif							/* ISMS_TREATMENT_H */
