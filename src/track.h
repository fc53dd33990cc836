/*
 * track.h
 *	  Change tracking: the trigger (track.c) that feeds the history tables
 *	  (history.h) and the hash-chained audit log (audit.h).
 *
 * One AFTER ROW trigger, isms.track_changes(), is attached to a register
 * table by isms.track(regclass).  For every inserted, updated and deleted
 * row it appends a version to the table's history table at once, and
 * queues an audit entry that is hashed into the chain when the transaction
 * commits.  Both are written directly into the heap and its indexes, not
 * through INSERT: the append-only guards on those tables stop every
 * INSERT, UPDATE, DELETE and TRUNCATE, and the writing user needs no
 * privilege on them.
 */
#ifndef ISMS_TRACK_H
#define ISMS_TRACK_H

/* Operations, as stored in the operation columns. */
#define TRACK_INSERT		"INSERT"
#define TRACK_UPDATE		"UPDATE"
#define TRACK_DELETE		"DELETE"

#endif							/* ISMS_TRACK_H */
