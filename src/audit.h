/*
 * audit.h
 *	  The hash-chained audit log, one chain per organization, and the event
 *	  outbox (audit.c).
 */
#ifndef ISMS_AUDIT_H
#define ISMS_AUDIT_H

#include "postgres.h"

#include "utils/jsonb.h"

#include "isms.h"

/* The schema of the extension (fixed in isms.control) and the log's table. */
#define TRACK_SCHEMA		"isms"
#define AUDIT_LOG_TABLE		"audit_log"

extern void audit_record(const char *table_name, const char *operation,
						 const char *changed_by, const char *session_user,
						 bool has_org, int64 org_id,
						 Jsonb *row_key, Jsonb *old_row, Jsonb *new_row,
						 const IsmsShard *shard);
extern bool audit_record_event(int64 org_id, const char *table_name,
							   const char *kind, Jsonb *row_ids,
							   Jsonb *details, const IsmsShard *shard);

#endif							/* ISMS_AUDIT_H */
