/*
 * matrix.h
 *	  Risk matrices loaded from isms.risk_matrix, for the lookups in
 *	  matrix.c and for the risk workflow trigger (risk_trigger.c), which
 *	  keeps loaded matrices for the length of one statement.
 */
#ifndef ISMS_MATRIX_H
#define ISMS_MATRIX_H

#include "postgres.h"

#include "fmgr.h"

#include "scale.h"

#define MATRIX_MAX_CELLS (SCALE_MAX_LEVELS * SCALE_MAX_LEVELS)

/* A matrix as one query uses it. */
typedef struct MatrixCache
{
	int64		id;
	char	   *name;			/* the name it was loaded as, then its own */
	int32		version;
	int			likelihood_levels;
	int			impact_levels;
	int			level_scale;
	/* level on the matrix's scale of each 10-bit scale value; 0: no fit */
	uint8		likelihood_map[1024];
	uint8		impact_map[1024];
	ScaleValue	cells[MATRIX_MAX_CELLS];
} MatrixCache;

/*
 * Load the default matrix, or one version by id, from schema.risk_matrix
 * ("schema" quoted for SQL) into memory of mcxt.  Errors as the lookups.
 */
extern MatrixCache *matrix_load_locked(MemoryContext mcxt, const char *table,
									   bool is_default, int64 id);

/*
 * The level of a likelihood and an impact; an error (invalid_parameter_value)
 * when a value does not fit the matrix.
 */
extern ScaleValue matrix_level(const MatrixCache *mc, ScaleValue likelihood,
							   ScaleValue impact);

/* The lookups, also behind their integer forms (scale_types.c). */
extern PGDLLEXPORT Datum risk_level_default(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum risk_level_named(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum risk_level_by_id(PG_FUNCTION_ARGS);

#endif							/* ISMS_MATRIX_H */
