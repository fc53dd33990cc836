/*
 * audit.h
 *	  The hash-chained audit log (audit.c).
 */
#ifndef ISMS_AUDIT_H
#define ISMS_AUDIT_H

#include "postgres.h"

#include "utils/jsonb.h"

/* The schema of the extension (fixed in isms.control) and the log's table. */
#define TRACK_SCHEMA		"isms"
#define AUDIT_LOG_TABLE		"audit_log"

extern void audit_record(const char *table_name, const char *operation,
						 const char *changed_by, const char *session_user,
						 Jsonb *row_key, Jsonb *old_row, Jsonb *new_row);

#endif							/* ISMS_AUDIT_H */
