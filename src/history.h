/*
 * history.h
 *	  History tables: one version of a tracked row per change (history.c).
 */
#ifndef ISMS_HISTORY_H
#define ISMS_HISTORY_H

#include "postgres.h"

#include "access/attnum.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

#include "isms.h"

/* What history.c keeps about one history table during a statement. */
typedef struct HistoryTarget HistoryTarget;

extern HistoryTarget *history_target_open(Relation base, Oid base_logical,
										  const IsmsShard *shard,
										  const char *histname, int nkeys,
										  const AttrNumber *keys,
										  MemoryContext mcxt);
extern void history_record(HistoryTarget *ht, const char *operation,
						   const char *changed_by, const Datum *values,
						   const bool *isnull);

#endif							/* ISMS_HISTORY_H */
