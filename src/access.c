/*
 * access.c
 *	  Which organizations the current role may see: the test that the
 *	  row-level security policies of isms apply, the setting isms.org_id
 *	  and isms.current_org().
 *
 * A role sees organization X when a row of isms.org_member for X names it,
 * or names a role it is a member of (pg_has_role(member, 'MEMBER')).  A
 * member of isms_admin, a superuser and a role with BYPASSRLS see every
 * organization, and also the rows that belong to none (the audit chain of
 * the shared catalogs).
 *
 * The policies call isms.org_visible(org_id) once per row, so the set is
 * computed once per role and statement (a sorted array, searched by
 * bisection) and dropped at the end of the transaction.  A statement is the
 * client's: the queries that triggers run inside it are not statements of
 * their own here (the command counter would be: it advances with every
 * query that writes, and a trigger that writes would have the set computed
 * again for every row).  isms.org_member is
 * read directly, not through SQL: its own policy calls org_visible().
 */
#include "postgres.h"

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/parallel.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "compat.h"
#include "isms.h"

#define ADMIN_ROLE	"isms_admin"

/* The setting isms.org_id: "" when unset. */
static char *org_id_setting = NULL;

/* The organizations the current role may see, for one role and statement. */
typedef struct VisibleOrgs
{
	bool		valid;
	Oid			userid;
	TimestampTz statement;		/* GetCurrentStatementStartTimestamp() */
	bool		all;			/* every organization, and none */
	int			n;
	int64	   *orgs;			/* sorted, distinct; in TopTransactionContext */
} VisibleOrgs;

static VisibleOrgs visible = {false};
static bool callback_registered = false;

static void
access_xact_callback(XactEvent event, void *arg)
{
	(void) arg;
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT ||
		event == XACT_EVENT_PREPARE)
	{
		/* the array went with TopTransactionContext */
		visible.valid = false;
		visible.orgs = NULL;
	}
}

/* Whether the current role sees every organization. */
static bool
role_sees_all(Oid userid)
{
	Oid			admin;

	if (superuser_arg(userid) || has_bypassrls_privilege(userid))
		return true;
	admin = get_role_oid(ADMIN_ROLE, true);
	return OidIsValid(admin) && is_member_of_role(userid, admin);
}

/* Compute the set for the current role and command, unless it is known. */
static const VisibleOrgs *
visible_orgs(void)
{
	Oid			userid = GetUserId();
	TimestampTz statement = GetCurrentStatementStartTimestamp();
	Oid			relid;
	Relation	rel;
	TableScanDesc scan;
	HeapTuple	tuple;
	AttrNumber	org_att;
	AttrNumber	member_att;
	int			max = 8;
	int			n = 0;
	int64	   *orgs;
	Snapshot	snapshot;

	if (visible.valid && visible.userid == userid && visible.statement == statement)
		return &visible;
	if (!callback_registered)
	{
		RegisterXactCallback(access_xact_callback, NULL);
		callback_registered = true;
	}
	visible.valid = false;
	if (visible.orgs != NULL)
		pfree(visible.orgs);
	visible.orgs = NULL;
	visible.n = 0;
	visible.all = role_sees_all(userid);
	visible.userid = userid;
	visible.statement = statement;
	if (visible.all)
	{
		visible.valid = true;
		return &visible;
	}

	relid = isms_relid("org_member", true);
	if (!OidIsValid(relid))
		ereport(ERROR,
				errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				errmsg("extension isms has no table org_member"),
				errhint("Run ALTER EXTENSION isms UPDATE."));
	orgs = MemoryContextAlloc(TopTransactionContext, max * sizeof(int64));
	rel = table_open(relid, AccessShareLock);
	org_att = isms_column(rel, "org_id", INT8OID);
	member_att = isms_column(rel, "member", NAMEOID);
	snapshot = ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
	scan = table_beginscan(rel, snapshot, 0, NULL);
	while ((tuple = heap_getnext(scan, ForwardScanDirection)) != NULL)
	{
		bool		isnull;
		Datum		org;
		Datum		member;
		Oid			roleid;

		CHECK_FOR_INTERRUPTS();
		org = heap_getattr(tuple, org_att, RelationGetDescr(rel), &isnull);
		if (isnull)
			continue;
		member = heap_getattr(tuple, member_att, RelationGetDescr(rel), &isnull);
		if (isnull)
			continue;
		roleid = get_role_oid(NameStr(*DatumGetName(member)), true);
		if (!OidIsValid(roleid) || !is_member_of_role(userid, roleid))
			continue;
		if (n == max)
		{
			max *= 2;
			orgs = repalloc(orgs, max * sizeof(int64));
		}
		orgs[n++] = DatumGetInt64(org);
	}
	table_endscan(scan);
	table_close(rel, AccessShareLock);

	if (n > 1)
	{
		int			m = 1;

		qsort(orgs, n, sizeof(int64), isms_int64_cmp);
		for (int i = 1; i < n; i++)
			if (orgs[i] != orgs[m - 1])
				orgs[m++] = orgs[i];
		n = m;
	}
	visible.orgs = orgs;
	visible.n = n;
	visible.valid = true;
	return &visible;
}

/* Whether the current role sees every organization (and the rows of none). */
bool
isms_org_visible_all(void)
{
	return visible_orgs()->all;
}

/* Whether the current role may see organization org_id. */
bool
isms_org_visible(int64 org_id)
{
	const VisibleOrgs *v = visible_orgs();

	if (v->all)
		return true;
	return bsearch(&org_id, v->orgs, v->n, sizeof(int64), isms_int64_cmp) != NULL;
}

/*
 * isms.org_visible(org_id): the test of the row-level security policies.
 * NULL (a row of no organization) is visible to those who see every
 * organization.
 */
PG_FUNCTION_INFO_V1(org_visible);
Datum
org_visible(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_BOOL(isms_org_visible_all());
	PG_RETURN_BOOL(isms_org_visible(PG_GETARG_INT64(0)));
}

/* ----------------------------------------------------------------------
 * The setting isms.org_id and isms.current_org()
 * ----------------------------------------------------------------------
 */

/* Parse the setting's text: a positive bigint, or "" for unset. */
static bool
parse_org_id(const char *str, int64 *org_id)
{
	char	   *end;
	long long	v;

	if (str == NULL || str[0] == '\0')
		return false;
	errno = 0;
	v = strtoll(str, &end, 10);
	while (*end == ' ')
		end++;
	if (errno != 0 || end == str || *end != '\0' || v <= 0)
	{
		*org_id = -1;
		return true;
	}
	*org_id = (int64) v;
	return true;
}

/*
 * SET isms.org_id: the text must be an organization id.  Whether the role
 * may see that organization is checked when the setting is used (the
 * role can change after SET, with SET ROLE), and also at SET, where a
 * transaction is running: a SET to an organization the role may not see
 * fails at once.
 */
static bool
check_org_id(char **newval, void **extra, GucSource source)
{
	int64		org_id;

	(void) extra;
	if (!parse_org_id(*newval, &org_id))
		return true;
	if (org_id < 0)
	{
		GUC_check_errcode(ERRCODE_INVALID_PARAMETER_VALUE);
		GUC_check_errmsg("invalid value for parameter \"isms.org_id\": \"%s\"",
						 isms_echo(*newval, strlen(*newval), ISMS_ECHO_CHARS));
		GUC_check_errhint("Set it to the id of a row of isms.organization.");
		return false;
	}
	if (source >= PGC_S_INTERACTIVE && IsTransactionState() && !IsParallelWorker() &&
		OidIsValid(isms_relid("org_member", true)) && !isms_org_visible(org_id))
	{
		GUC_check_errcode(ERRCODE_INSUFFICIENT_PRIVILEGE);
		GUC_check_errmsg("permission denied for organization %lld", (long long) org_id);
		GUC_check_errdetail("Role \"%s\" is not a member of that organization.",
							GetUserNameFromId(GetUserId(), false));
		return false;
	}
	return true;
}

/* Define isms.org_id; called from _PG_init. */
void
isms_access_define_settings(void)
{
	DefineCustomStringVariable("isms.org_id",
							   "The current organization: the id of a row of isms.organization.",
							   "Empty: the only organization the role may see.",
							   &org_id_setting,
							   "",
							   PGC_USERSET,
							   0,
							   check_org_id, NULL, NULL);
}

/* The organization the role sees, when it sees exactly one; else 0. */
static int64
only_org(int64 *count)
{
	const VisibleOrgs *v = visible_orgs();
	Relation	rel;
	TableScanDesc scan;
	HeapTuple	tuple;
	AttrNumber	id_att;
	int64		org_id = 0;
	Snapshot	snapshot;

	if (!v->all)
	{
		*count = v->n;
		return v->n == 1 ? v->orgs[0] : 0;
	}
	*count = 0;
	rel = table_open(isms_relid("organization", false), AccessShareLock);
	id_att = isms_column(rel, "id", INT8OID);
	snapshot = ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
	scan = table_beginscan(rel, snapshot, 0, NULL);
	while (*count < 2 && (tuple = heap_getnext(scan, ForwardScanDirection)) != NULL)
	{
		bool		isnull;
		Datum		id = heap_getattr(tuple, id_att, RelationGetDescr(rel), &isnull);

		if (!isnull)
		{
			org_id = DatumGetInt64(id);
			(*count)++;
		}
	}
	table_endscan(scan);
	table_close(rel, AccessShareLock);
	return *count == 1 ? org_id : 0;
}

/*
 * isms.current_org(): the setting isms.org_id, if the role may see that
 * organization; unset, the only organization the role may see.
 */
PG_FUNCTION_INFO_V1(current_org);
Datum
current_org(PG_FUNCTION_ARGS)
{
	int64		org_id;
	int64		count;

	(void) fcinfo;
	if (parse_org_id(org_id_setting, &org_id))
	{
		if (!isms_org_visible(org_id))
			ereport(ERROR,
					errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					errmsg("permission denied for organization %lld", (long long) org_id),
					errdetail("Role \"%s\" is not a member of that organization.",
							  GetUserNameFromId(GetUserId(), false)));
		PG_RETURN_INT64(org_id);
	}
	org_id = only_org(&count);
	if (count == 1)
		PG_RETURN_INT64(org_id);
	if (count == 0 && isms_org_visible_all())
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_OBJECT),
				errmsg("no organization exists"),
				errhint("Insert one into isms.organization first."));
	if (count == 0)
		ereport(ERROR,
				errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				errmsg("role \"%s\" is not a member of any organization",
					   GetUserNameFromId(GetUserId(), false)),
				errhint("An isms_admin adds it with INSERT INTO isms.org_member."));
	ereport(ERROR,
			errcode(ERRCODE_UNDEFINED_OBJECT),
			errmsg("more than one organization exists"),
			errhint("Choose one with SET isms.org_id = '<id>'."));
	PG_RETURN_NULL();			/* not reached */
}
