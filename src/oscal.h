/*
 * oscal.h
 *	  Declarations shared by the OSCAL sources.
 */
#ifndef ISMS_OSCAL_H
#define ISMS_OSCAL_H

#include "xml_common.h"

#define OSCAL_NS		ISMS_OSCAL_NAMESPACE

/* properties in this namespace are ours (the ident of a non-token id) */
#define ISMS_OSCAL_NS	"urn:isms:oscal"

/* oscal_import.c */
extern int	oscal_token_kind(const char *s);

#endif							/* ISMS_OSCAL_H */
