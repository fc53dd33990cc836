/*
 * isms.c
 *	  The isms module: an ISO/IEC 27001 information security management
 *	  system inside PostgreSQL.
 */
#include "postgres.h"

#include "fmgr.h"

#include "isms.h"

PG_MODULE_MAGIC;
