/*
 * matrix.c
 *	  Risk matrices: validation of a grid, loading a matrix from
 *	  isms.risk_matrix once per query (cached in fn_extra), and the lookup
 *	  isms.risk_level(likelihood, impact [, matrix]).
 *
 * A grid is grid[likelihood][impact] of risk_level, 1-based.  A likelihood
 * or impact value fits a matrix when it is on the matrix's scale: a value
 * with an explicit scale must have exactly that many levels, a bare level
 * must not exceed it, and a label must exist in that scale's label set
 * (the same rules as a column's type modifier).
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "isms.h"
#include "matrix.h"
#include "scale.h"

/* What identifies the matrix a lookup asks for. */
typedef enum MatrixKey
{
	MATRIX_DEFAULT,
	MATRIX_BY_NAME,
	MATRIX_BY_ID,
	MATRIX_DEFAULT_BY_ID		/* by id, if it is still the default */
} MatrixKey;


/*
 * The level that a value has on a scale of "size" levels, or 0 if it is
 * not on that scale.
 */
static int
matrix_resolve(const ScaleType *type, ScaleValue value, int size)
{
	int			k = SCALE_LEVEL(value);
	int			n = SCALE_SIZE(value);

	if (k < 1 || n < SCALE_MIN_LEVELS || n > SCALE_MAX_LEVELS || k > SCALE_MAX_LEVELS)
		return 0;
	switch (SCALE_KIND(value))
	{
		case SCALE_RESOLVED:
			return n == size && k <= n ? k : 0;
		case SCALE_BARE:
			return k <= size ? k : 0;
		case SCALE_LABEL:
			if (k > n || type->labels[n] == NULL)
				return 0;
			if (n == size)
				return k;
			if (type->labels[size] == NULL)
				return 0;
			for (int j = 0; j < size; j++)
				if (strcmp(type->labels[size][j], type->labels[n][k - 1]) == 0)
					return j + 1;
			return 0;
		default:
			return 0;
	}
}

/* The text of a scale value, for messages. */
static const char *
matrix_value_text(const ScaleType *type, ScaleValue value)
{
	return scale_format(type, value);
}

/*
 * Validate a grid for a matrix of the given dimensions and return its
 * cells resolved onto the level scale, row-major.  Errors name the cell.
 */
static void
matrix_check_grid(ArrayType *grid, int likelihood_levels, int impact_levels,
				  int level_scale, ScaleValue *cells)
{
	Datum	   *elems;
	bool	   *nulls;
	int			nelems;
	int		   *dims = ARR_DIMS(grid);
	int		   *lbs = ARR_LBOUND(grid);

	if (likelihood_levels < SCALE_MIN_LEVELS || likelihood_levels > SCALE_MAX_LEVELS ||
		impact_levels < SCALE_MIN_LEVELS || impact_levels > SCALE_MAX_LEVELS ||
		level_scale < SCALE_MIN_LEVELS || level_scale > SCALE_MAX_LEVELS)
		ereport(ERROR,
				errcode(ERRCODE_CHECK_VIOLATION),
				errmsg("risk matrix dimensions %d x %d onto %d levels are out of range",
					   likelihood_levels, impact_levels, level_scale),
				errdetail("Likelihood, impact and risk level scales have %d to %d levels.",
						  SCALE_MIN_LEVELS, SCALE_MAX_LEVELS));
	if (ARR_NDIM(grid) != 2 || dims[0] != likelihood_levels ||
		dims[1] != impact_levels)
		ereport(ERROR,
				errcode(ERRCODE_CHECK_VIOLATION),
				errmsg("risk matrix grid does not have %d x %d cells",
					   likelihood_levels, impact_levels),
				ARR_NDIM(grid) == 2 ?
				errdetail("The grid has %d x %d cells; it is grid[likelihood][impact] with one row per likelihood level.",
						  dims[0], dims[1]) :
				errdetail("The grid has %d dimensions; it is a two-dimensional array grid[likelihood][impact].",
						  ARR_NDIM(grid)));
	if (lbs[0] != 1 || lbs[1] != 1)
		ereport(ERROR,
				errcode(ERRCODE_CHECK_VIOLATION),
				errmsg("risk matrix grid must be indexed from 1"),
				errdetail("The grid starts at [%d][%d].", lbs[0], lbs[1]));

	deconstruct_array(grid, ARR_ELEMTYPE(grid), sizeof(ScaleValue), true,
					  TYPALIGN_SHORT, &elems, &nulls, &nelems);
	for (int l = 1; l <= likelihood_levels; l++)
	{
		for (int i = 1; i <= impact_levels; i++)
		{
			int			c = (l - 1) * impact_levels + (i - 1);
			ScaleValue	v;
			int			level;

			if (nulls[c])
				ereport(ERROR,
						errcode(ERRCODE_CHECK_VIOLATION),
						errmsg("risk matrix cell [%d][%d] is not set", l, i),
						errdetail("Every cell of the grid needs a risk level (cell [%d][%d] is likelihood %d, impact %d).",
								  l, i, l, i));
			v = DatumGetScaleValue(elems[c]);
			level = matrix_resolve(&risk_level_type, v, level_scale);
			if (level == 0)
				ereport(ERROR,
						errcode(ERRCODE_CHECK_VIOLATION),
						errmsg("risk matrix cell [%d][%d] is not on the %d-level risk_level scale",
							   l, i, level_scale),
						errdetail("The cell holds \"%s\".",
								  matrix_value_text(&risk_level_type, v)));
			cells[c] = SCALE_MAKE(SCALE_RESOLVED, level, level_scale);
		}
	}

	/* the level never falls as likelihood or impact rises */
	for (int l = 1; l <= likelihood_levels; l++)
	{
		for (int i = 1; i <= impact_levels; i++)
		{
			int			c = (l - 1) * impact_levels + (i - 1);
			int			below = -1,
						bl = l,
						bi = i;

			if (l > 1 && SCALE_LEVEL(cells[c - impact_levels]) > SCALE_LEVEL(cells[c]))
			{
				below = c - impact_levels;
				bl = l - 1;
			}
			else if (i > 1 && SCALE_LEVEL(cells[c - 1]) > SCALE_LEVEL(cells[c]))
			{
				below = c - 1;
				bi = i - 1;
			}
			if (below >= 0)
				ereport(ERROR,
						errcode(ERRCODE_CHECK_VIOLATION),
						errmsg("risk level decreases at risk matrix cell [%d][%d]", l, i),
						errdetail("Cell [%d][%d] (likelihood %d, impact %d) is \"%s\", lower than \"%s\" in cell [%d][%d].",
								  l, i, l, i,
								  matrix_value_text(&risk_level_type, cells[c]),
								  matrix_value_text(&risk_level_type, cells[below]),
								  bl, bi),
						errhint("The risk level must not fall when likelihood or impact rises."));
		}
	}
}

/*
 * risk_matrix_check(grid, likelihood_levels, impact_levels, level_scale):
 * the validated grid, every cell resolved onto the level scale.
 */
PG_FUNCTION_INFO_V1(risk_matrix_check);
Datum
risk_matrix_check(PG_FUNCTION_ARGS)
{
	ArrayType  *grid = PG_GETARG_ARRAYTYPE_P(0);
	int			likelihood_levels = PG_GETARG_INT32(1);
	int			impact_levels = PG_GETARG_INT32(2);
	int			level_scale = PG_GETARG_INT32(3);
	ScaleValue	cells[MATRIX_MAX_CELLS];
	Datum		elems[MATRIX_MAX_CELLS];
	int			dims[2];
	int			lbs[2] = {1, 1};

	matrix_check_grid(grid, likelihood_levels, impact_levels, level_scale, cells);
	for (int c = 0; c < likelihood_levels * impact_levels; c++)
		elems[c] = ScaleValueGetDatum(cells[c]);
	dims[0] = likelihood_levels;
	dims[1] = impact_levels;
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, NULL, 2, dims, lbs,
											 ARR_ELEMTYPE(grid),
											 sizeof(ScaleValue), true,
											 TYPALIGN_SHORT));
}

/* The extension's schema (the calling function's own), quoted for a query. */
static const char *
matrix_schema(FmgrInfo *flinfo)
{
	return quote_identifier(get_namespace_name(get_func_namespace(flinfo->fn_oid)));
}

/*
 * Read a matrix from table (isms.risk_matrix, quoted; on Citus, its shard)
 * into *loaded: the default one, the
 * newest version of a name, or one by id.  Its name is allocated in mcxt.
 *
 * With lock, the row is locked FOR SHARE and read as locked: in READ
 * COMMITTED, a version committed while the lock waited is the one read (the
 * statement's snapshot would still show the one before).  Then a matrix
 * asked for by id that does not exist returns false instead of an error.
 */
static bool
matrix_read_ext(const char *table, MatrixKey key, const char *name, int64 id,
				bool lock, MemoryContext mcxt, MatrixCache *loaded)
{
	char	   *loaded_name;
	const char *where;
	Oid			argtypes[1];
	Datum		args[1];
	int			nargs = 0;
	char	   *sql;
	HeapTuple	tuple;
	TupleDesc	tupdesc;
	bool		isnull;
	ArrayType  *grid;

	switch (key)
	{
		case MATRIX_DEFAULT:
			where = "WHERE is_default ORDER BY seeded LIMIT 1";
			break;
		case MATRIX_BY_NAME:
			where = "WHERE name OPERATOR(pg_catalog.=) $1 ORDER BY version DESC LIMIT 1";
			argtypes[0] = TEXTOID;
			args[0] = CStringGetTextDatum(name);
			nargs = 1;
			break;
		default:
			where = key == MATRIX_DEFAULT_BY_ID ?
				"WHERE id OPERATOR(pg_catalog.=) $1 AND is_default" :
				"WHERE id OPERATOR(pg_catalog.=) $1";
			argtypes[0] = INT8OID;
			args[0] = Int64GetDatum(id);
			nargs = 1;
			break;
	}
	sql = psprintf("SELECT id, name, version, likelihood_levels, impact_levels, level_scale, grid"
				   " FROM %s m %s%s",
				   table, where, lock ? " FOR SHARE OF m" : "");

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args(sql, nargs, argtypes, args, NULL, !lock, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not read isms.risk_matrix");
	if (SPI_processed == 0 && lock && (key == MATRIX_BY_ID || key == MATRIX_DEFAULT_BY_ID))
	{
		SPI_finish();
		return false;
	}
	if (SPI_processed == 0)
	{
		switch (key)
		{
			case MATRIX_DEFAULT:
				ereport(ERROR,
						errcode(ERRCODE_UNDEFINED_OBJECT),
						errmsg("no default risk matrix"),
						errhint("Mark one with UPDATE isms.risk_matrix SET is_default = true WHERE id = ..."));
				break;
			case MATRIX_BY_NAME:
				ereport(ERROR,
						errcode(ERRCODE_UNDEFINED_OBJECT),
						errmsg("risk matrix \"%s\" does not exist",
							   isms_echo(name, -1, ISMS_ECHO_CHARS)));
				break;
			default:
				ereport(ERROR,
						errcode(ERRCODE_UNDEFINED_OBJECT),
						errmsg("risk matrix with id %lld does not exist", (long long) id));
				break;
		}
	}

	/* read and check the row in SPI's context, then keep it in fn_mcxt */
	tuple = SPI_tuptable->vals[0];
	tupdesc = SPI_tuptable->tupdesc;
	loaded->id = DatumGetInt64(SPI_getbinval(tuple, tupdesc, 1, &isnull));
	loaded_name = SPI_getvalue(tuple, tupdesc, 2);
	loaded->version = DatumGetInt32(SPI_getbinval(tuple, tupdesc, 3, &isnull));
	loaded->likelihood_levels = DatumGetInt32(SPI_getbinval(tuple, tupdesc, 4, &isnull));
	loaded->impact_levels = DatumGetInt32(SPI_getbinval(tuple, tupdesc, 5, &isnull));
	loaded->level_scale = DatumGetInt32(SPI_getbinval(tuple, tupdesc, 6, &isnull));
	grid = DatumGetArrayTypeP(SPI_getbinval(tuple, tupdesc, 7, &isnull));
	/* rows were validated on insert; check again rather than trust */
	matrix_check_grid(grid, loaded->likelihood_levels, loaded->impact_levels,
					  loaded->level_scale, loaded->cells);
	for (int v = 0; v < 1024; v++)
	{
		loaded->likelihood_map[v] = (uint8) matrix_resolve(&likelihood_type, (ScaleValue) v,
														   loaded->likelihood_levels);
		loaded->impact_map[v] = (uint8) matrix_resolve(&impact_type, (ScaleValue) v,
													   loaded->impact_levels);
	}
	loaded->name = MemoryContextStrdup(mcxt, loaded_name);
	SPI_finish();
	return true;
}

/* matrix_read_ext without the lock. */
static void
matrix_read(const char *schema, MatrixKey key, const char *name, int64 id,
			MemoryContext mcxt, MatrixCache *loaded)
{
	(void) matrix_read_ext(psprintf("%s.risk_matrix", schema), key, name, id, false, mcxt, loaded);
}

/*
 * Load a matrix into the cache in fn_mcxt: the default one, the newest
 * version of a name, or one by id.
 */
static MatrixCache *
matrix_load(FmgrInfo *flinfo, MatrixKey key, const char *name, int64 id)
{
	MatrixCache *mc;
	MatrixCache loaded;

	matrix_read(matrix_schema(flinfo), key, name, id, flinfo->fn_mcxt, &loaded);
	mc = flinfo->fn_extra;
	if (mc == NULL)
		mc = MemoryContextAlloc(flinfo->fn_mcxt, sizeof(MatrixCache));
	else
		pfree(mc->name);
	*mc = loaded;
	flinfo->fn_extra = mc;
	return mc;
}

/*
 * The matrix a risk records, from table (as matrix_read_ext reads it),
 * locked FOR SHARE until the transaction ends and
 * read as locked (see matrix_read_ext): the default one, or one by id.
 * NULL if there is no matrix with that id.  The caller must be allowed to
 * lock the row (the workflow asks as the table's owner).
 */
MatrixCache *
matrix_load_locked(MemoryContext mcxt, const char *table, bool is_default, int64 id)
{
	MatrixCache *mc = MemoryContextAlloc(mcxt, sizeof(MatrixCache));

	if (!is_default)
	{
		if (!matrix_read_ext(table, MATRIX_BY_ID, NULL, id, true, mcxt, mc))
		{
			pfree(mc);
			return NULL;
		}
		return mc;
	}

	/*
	 * The default: find it, then lock it if it still is the default.  (One
	 * query "WHERE is_default ... LIMIT 1 FOR SHARE" would, when the default
	 * was switched while the lock waited, take the next row in its old
	 * order, the shipped matrix, rather than the new default, which its
	 * snapshot does not show.)  In READ COMMITTED each round reads with a
	 * new snapshot, so a switch that made the lock wait is seen next round.
	 */
	for (int round = 0; round < 100; round++)
	{
		char	   *sql = psprintf("SELECT id FROM %s WHERE is_default ORDER BY seeded LIMIT 1",
								   table);
		bool		isnull;
		int64		default_id;

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (SPI_execute(sql, false, 1) != SPI_OK_SELECT)
			elog(ERROR, "could not read isms.risk_matrix");
		if (SPI_processed == 0)
			ereport(ERROR,
					errcode(ERRCODE_UNDEFINED_OBJECT),
					errmsg("no default risk matrix"),
					errhint("Mark one with UPDATE isms.risk_matrix SET is_default = true WHERE id = ..."));
		default_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
												 1, &isnull));
		SPI_finish();
		pfree(sql);
		if (matrix_read_ext(table, MATRIX_DEFAULT_BY_ID, NULL, default_id, true, mcxt, mc))
			return mc;
		CHECK_FOR_INTERRUPTS();
	}
	ereport(ERROR,
			errcode(ERRCODE_LOCK_NOT_AVAILABLE),
			errmsg("could not lock the default risk matrix"),
			errdetail("The default changed 100 times while this statement waited for it."));
	return NULL;				/* keep the compiler quiet */
}

/* Error for a likelihood or impact value that is not on the matrix's scale. */
static void
matrix_misfit(const MatrixCache *mc, const ScaleType *type, ScaleValue value,
			  int levels)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("%s \"%s\" does not fit risk matrix \"%s\" version %d",
				   type->name, matrix_value_text(type, value), mc->name, mc->version),
			SCALE_KIND(value) == SCALE_BARE ?
			errdetail("The matrix has %d %s levels; the value is level %d.",
					  levels, type->name, SCALE_LEVEL(value)) :
			errdetail("The matrix has %d %s levels; the value is on a %d-level scale.",
					  levels, type->name, SCALE_SIZE(value)),
			errhint("Use a matrix of that size, or values on its %d-level scale.", levels));
}

/* The lookup itself. */
static inline ScaleValue
matrix_lookup(const MatrixCache *mc, ScaleValue likelihood, ScaleValue impact)
{
	int			l = mc->likelihood_map[likelihood & 0x3FF];
	int			i = mc->impact_map[impact & 0x3FF];

	if (unlikely(l == 0))
		matrix_misfit(mc, &likelihood_type, likelihood, mc->likelihood_levels);
	if (unlikely(i == 0))
		matrix_misfit(mc, &impact_type, impact, mc->impact_levels);
	return mc->cells[(l - 1) * mc->impact_levels + (i - 1)];
}

/* The level of a likelihood and an impact in a loaded matrix. */
ScaleValue
matrix_level(const MatrixCache *mc, ScaleValue likelihood, ScaleValue impact)
{
	return matrix_lookup(mc, likelihood, impact);
}

/* risk_level(likelihood, impact): the level in the default matrix */
PG_FUNCTION_INFO_V1(risk_level_default);
Datum
risk_level_default(PG_FUNCTION_ARGS)
{
	MatrixCache *mc = fcinfo->flinfo->fn_extra;

	if (unlikely(mc == NULL))
		mc = matrix_load(fcinfo->flinfo, MATRIX_DEFAULT, NULL, 0);
	PG_RETURN_SCALE(matrix_lookup(mc, PG_GETARG_SCALE(0), PG_GETARG_SCALE(1)));
}

/* risk_level(likelihood, impact, matrix): the newest version of a matrix */
PG_FUNCTION_INFO_V1(risk_level_named);
Datum
risk_level_named(PG_FUNCTION_ARGS)
{
	MatrixCache *mc = fcinfo->flinfo->fn_extra;
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(2));

	/* reload only when the name changes from row to row */
	if (mc == NULL || strcmp(mc->name, name) != 0)
		mc = matrix_load(fcinfo->flinfo, MATRIX_BY_NAME, name, 0);
	pfree(name);
	PG_RETURN_SCALE(matrix_lookup(mc, PG_GETARG_SCALE(0), PG_GETARG_SCALE(1)));
}

/* risk_level(likelihood, impact, matrix_id): one matrix version by id */
PG_FUNCTION_INFO_V1(risk_level_by_id);
Datum
risk_level_by_id(PG_FUNCTION_ARGS)
{
	MatrixCache *mc = fcinfo->flinfo->fn_extra;
	int64		id = PG_GETARG_INT64(2);

	if (mc == NULL || mc->id != id)
		mc = matrix_load(fcinfo->flinfo, MATRIX_BY_ID, NULL, id);
	PG_RETURN_SCALE(matrix_lookup(mc, PG_GETARG_SCALE(0), PG_GETARG_SCALE(1)));
}

/*
 * isms.risk_matrix_in_use(matrix): whether a risk records the matrix
 * version now, or did (its history keeps the levels it gave).  The
 * question is asked with the latest snapshot, not the transaction's: the
 * guard asks it after it holds the matrix row's lock, which waits for the
 * transactions that recorded the matrix (see risk_trigger.c), and their
 * risks must count even where this transaction's snapshot is older (as a
 * foreign key's check sees them).  It reads as the owner of isms.risk, for
 * callers that may read isms.risk.matrix_id, or update (a column of) or
 * delete isms.risk_matrix.
 */
PG_FUNCTION_INFO_V1(risk_matrix_in_use);
Datum
risk_matrix_in_use(PG_FUNCTION_ARGS)
{
	Datum		arg = PG_GETARG_DATUM(0);
	Oid			argtype = INT8OID;
	Oid			nspid = get_func_namespace(fcinfo->flinfo->fn_oid);
	const char *schema = quote_identifier(get_namespace_name(nspid));
	Oid			risk = get_relname_relid("risk", nspid);
	Oid			matrix = get_relname_relid("risk_matrix", nspid);
	Oid			owner;
	Oid			save_userid;
	int			save_sec_context;
	SPIPlanPtr	plan;
	bool		isnull;
	bool		used;
	StringInfoData sql;

	if (!OidIsValid(risk) || !OidIsValid(matrix))
		elog(ERROR, "table %s.risk or %s.risk_matrix does not exist", schema, schema);
	/* it reads as the owner: only for those who may read risks or change matrices */
	if (!isms_has_column_privilege(risk, "matrix_id", ACL_SELECT) &&
		pg_class_aclcheck(matrix, GetUserId(), ACL_UPDATE | ACL_DELETE) != ACLCHECK_OK &&
		pg_attribute_aclcheck_all(matrix, GetUserId(), ACL_UPDATE, ACLMASK_ANY) != ACLCHECK_OK)
		ereport(ERROR,
				errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				errmsg("permission denied for table risk"),
				errdetail("isms.risk_matrix_in_use() needs SELECT on isms.risk.matrix_id, or UPDATE or DELETE on isms.risk_matrix (UPDATE of one of its columns will do)."));
	owner = isms_relation_owner(risk);
	initStringInfo(&sql);
	appendStringInfo(&sql, "SELECT EXISTS (SELECT FROM %s.risk r WHERE r.matrix_id OPERATOR(pg_catalog.=) $1)",
					 schema);
	/* the history table exists once the install script has tracked risk */
	if (OidIsValid(get_relname_relid("risk_history", nspid)))
		appendStringInfo(&sql, " OR EXISTS (SELECT FROM %s.risk_history h WHERE h.matrix_id OPERATOR(pg_catalog.=) $1)",
						 schema);

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(owner, save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_NOFORCE_RLS);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = SPI_prepare(sql.data, 1, &argtype);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	if (SPI_execute_snapshot(plan, &arg, NULL, GetLatestSnapshot(), InvalidSnapshot,
							 false, false, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not ask whether risk matrix %lld is in use",
			 (long long) DatumGetInt64(arg));
	used = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_finish();
	SetUserIdAndSecContext(save_userid, save_sec_context);
	PG_RETURN_BOOL(used && !isnull);
}
