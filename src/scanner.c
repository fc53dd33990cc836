/*
 * scanner.c
 *	  Vulnerability scanner reports into the register:
 *	  isms.import_nessus(doc) for Nessus v2 (.nessus) files and
 *	  isms.import_openvas(doc) for Greenbone/OpenVAS GMP reports.
 *
 * Each report item becomes a vulnerability on the asset of its host.  A
 * host is matched to an asset by IP address, then FQDN, host name or asset
 * name (isms.scanner_asset, in SQL); a host no asset matches becomes a new
 * asset of the current organization.
 * A finding is identified by (asset, scanner, plugin or NVT id, port,
 * protocol), so that importing a report again, or a later scan, updates the
 * finding (severity, vectors, scores, CVEs, texts, last seen) instead of
 * adding a second one.  The status people set stays, except that a finding
 * marked fixed which a scan made after it was resolved (or, without a
 * resolution time, after it was last seen) still reports opens again; the
 * scan's time is the report's own, so a report without one reopens nothing.  Ports are the register's: a number and a protocol
 * ("445/tcp" is port 445, protocol tcp); a finding on no port ("general/tcp",
 * Nessus port 0) is port 0.  Informational items (Nessus severity 0,
 * OpenVAS "Log") are read but not stored unless asked for.
 *
 * CVSS: the vector is stored normalized (Nessus writes CVSS v3.0 vectors
 * without their "CVSS:3.0/" prefix) if the extension can score it
 * (isms.scanner_cvss_vector); the score is isms.scanner_cvss_score(vector,
 * reported): the extension's own score of the vector where there is one,
 * the scanner's base score otherwise.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "compat.h"
#include "xml_common.h"

/* One report being imported. */
typedef struct ScanImport
{
	const char *scanner;		/* "nessus" or "openvas" */
	bool		informational;	/* store informational items too */
	MemoryContext callcxt;		/* lives as long as the call */
	SPIPlanPtr	asset_plan;
	SPIPlanPtr	time_plan;
	SPIPlanPtr	finding_plan;
	MemoryContext rowcxt;		/* reset after each item */
	List	   *hosts;			/* host keys seen */
	List	   *asset_ids;		/* the asset of each host key */
	List	   *assets;			/* distinct assets of the report's hosts */
	int			nhosts;
	int			nitems;
	int			nfindings;
} ScanImport;

/* What a report item says about a vulnerability. */
typedef struct Finding
{
	char	   *plugin_id;
	int			port;			/* 0 to 65535; 0 for "general" */
	char	   *protocol;		/* tcp, udp, icmp, ... (lower case) */
	char	   *title;
	char	   *severity;		/* info, low, medium, high, critical */
	char	   *vector;			/* CVSS v3.x or v4.0, with its prefix */
	double		score;			/* the scanner's base score */
	bool		has_score;
	List	   *cves;
	char	   *description;
	char	   *solution;
	char	   *evidence;
} Finding;

static const char *const severity_names[] = {"info", "low", "medium", "high", "critical"};

/* Trimmed copy of s, or NULL if s is NULL or blank. */
static char *
trimmed(const char *s)
{
	const char *end;

	if (s == NULL)
		return NULL;
	while (isspace((unsigned char) *s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char) end[-1]))
		end--;
	return end > s ? pnstrdup(s, end - s) : NULL;
}

/* s with each run of white space made one space, trimmed; NULL if blank. */
static char *
collapsed(const char *s)
{
	StringInfoData buf;
	bool		space = false;

	if (s == NULL)
		return NULL;
	initStringInfo(&buf);
	for (; *s; s++)
	{
		if (isspace((unsigned char) *s))
		{
			space = buf.len > 0;
			continue;
		}
		if (space)
			appendStringInfoChar(&buf, ' ');
		space = false;
		appendStringInfoChar(&buf, *s);
	}
	return buf.len > 0 ? buf.data : NULL;
}

/* The trimmed text of the first child element called name, or NULL. */
static char *
child_text(xmlNodePtr parent, const char *name)
{
	return trimmed(isms_xml_child_text(parent, NULL, name));
}

/* A score 0.0 to 10.0 from text; false if there is none. */
static bool
parse_score(const char *text, double *score)
{
	char	   *end;
	double		value;

	if (text == NULL)
		return false;
	errno = 0;
	value = strtod(text, &end);
	while (isspace((unsigned char) *end))
		end++;
	if (errno != 0 || end == text || *end != '\0' || !(value >= 0.0 && value <= 10.0))
		return false;
	*score = value;
	return true;
}

/* The severity of a CVSS score, by the NVD bands (0 is info). */
static const char *
severity_of_score(double score)
{
	if (score >= 9.0)
		return "critical";
	if (score >= 7.0)
		return "high";
	if (score >= 4.0)
		return "medium";
	if (score > 0.0)
		return "low";
	return "info";
}

/*
 * A CVSS v3.x or v4.0 vector, normalized: trimmed, "CVSS:<default>/" put in
 * front of a vector without prefix.  NULL for anything else (CVSS v2,
 * junk).
 */
static char *
normalize_vector(const char *raw, const char *default_version)
{
	char	   *v = trimmed(raw);
	const char *p;

	if (v == NULL)
		return NULL;
	for (p = v; *p; p++)
		if (!isalnum((unsigned char) *p) && *p != ':' && *p != '/' && *p != '.')
			return NULL;
	if (strncmp(v, "CVSS:3.", 7) == 0 || strncmp(v, "CVSS:4.0/", 9) == 0)
		return v;
	if (strncmp(v, "AV:", 3) == 0 && default_version != NULL &&
		strstr(v, "/Au:") == NULL)
		return psprintf("CVSS:%s/%s", default_version, v);
	return NULL;
}

/* Is s a CVE id as the register accepts it: CVE-YYYY-NNNN..., upper case? */
static bool
is_cve_id(const char *s)
{
	int			i;

	if (strncmp(s, "CVE-", 4) != 0)
		return false;
	for (i = 4; i < 8; i++)
		if (!isdigit((unsigned char) s[i]))
			return false;
	if (s[8] != '-')
		return false;
	for (i = 9; isdigit((unsigned char) s[i]); i++)
		;
	return i >= 13 && s[i] == '\0';
}

/*
 * Add the CVE ids in text (one, or several separated by commas or white
 * space), in upper case; anything else in the text is ignored.
 */
static List *
add_cves(List *cves, const char *text)
{
	char	   *copy;
	char	   *token;
	char	   *save = NULL;

	if (text == NULL)
		return cves;
	copy = pstrdup(text);
	for (token = strtok_r(copy, ", \t\n\r", &save); token != NULL;
		 token = strtok_r(NULL, ", \t\n\r", &save))
	{
		ListCell   *lc;
		bool		seen = false;
		char	   *p;

		for (p = token; *p; p++)
			*p = pg_toupper((unsigned char) *p);
		if (!is_cve_id(token))
			continue;
		foreach(lc, cves)
			if (strcmp((char *) lfirst(lc), token) == 0)
				seen = true;
		if (!seen)
			cves = lappend(cves, pstrdup(token));
	}
	return cves;
}

/*
 * A port as the report writes it, into the register's number and protocol:
 * "445/tcp" is 445 and tcp, "general/tcp" (a finding on the host, not on a
 * port) is 0 and tcp, a bare number is a port of default_protocol, and no
 * port at all is 0 and default_protocol.  Protocols are stored in lower
 * case.  False for a number out of range or followed by junk.
 */
static bool
parse_port(const char *text, const char *default_protocol, int *port,
		   char **protocol)
{
	char	   *copy = trimmed(text);
	char	   *slash;
	char	   *p;

	*port = 0;
	*protocol = pstrdup(default_protocol);
	if (copy != NULL && (slash = strchr(copy, '/')) != NULL)
	{
		*slash = '\0';
		if (trimmed(slash + 1) != NULL)
			*protocol = trimmed(slash + 1);
		copy = trimmed(copy);
	}
	for (p = *protocol; *p; p++)
		*p = pg_tolower((unsigned char) *p);
	if (copy == NULL || !isdigit((unsigned char) copy[0]))
		return true;			/* "general", "package": no port */
	for (p = copy; isdigit((unsigned char) *p); p++)
	{
		*port = *port * 10 + (*p - '0');
		if (*port > 65535)
			return false;
	}
	return *p == '\0';
}

/* Prepare the statements of an import. */
static void
prepare(ScanImport *import)
{
	static Oid	asset_types[] = {TEXTOID, TEXTOID};
	static Oid	time_types[] = {TEXTOID};
	static Oid	finding_types[] = {INT8OID, TEXTOID, TEXTOID, INT4OID, TEXTOID,
		TEXTOID, TEXTOID, FLOAT8OID, TEXTARRAYOID, TEXTOID, TEXTOID, TEXTOID,
		TIMESTAMPTZOID, TEXTOID};

	import->asset_plan = SPI_prepare("SELECT scanner_asset($1, $2)", 2, asset_types);
	import->time_plan = SPI_prepare("SELECT scanner_timestamp($1)", 1, time_types);
	import->finding_plan =
		SPI_prepare("INSERT INTO vulnerability AS v (org_id, asset_id, title, source,"
					" scanner, plugin_id, port, protocol, severity, cvss_vector, cvss_score,"
					" cve_ids, description, solution, evidence, first_seen, last_seen)"
					" SELECT a.org_id, $1, $2, 'scanner', $14, $3, $4, $5, $6,"
					"  scanner_cvss_vector($7), scanner_cvss_score($7, $8::numeric),"
					"  $9, $10, $11, $12,"
					"  coalesce($13, pg_catalog.now()), coalesce($13, pg_catalog.now())"
					" FROM asset a WHERE a.id = $1"
					" ON CONFLICT ON CONSTRAINT vulnerability_scanner_finding_unique DO UPDATE SET"
					" title = excluded.title, severity = excluded.severity,"
					" cvss_vector = excluded.cvss_vector, cvss_score = excluded.cvss_score,"
					" cve_ids = excluded.cve_ids, description = excluded.description,"
					" solution = excluded.solution, evidence = excluded.evidence,"
					" first_seen = LEAST(v.first_seen, excluded.first_seen),"
					" last_seen = GREATEST(v.last_seen, excluded.last_seen),"
					" status = CASE WHEN v.status = 'fixed'"
					"  AND $13 > coalesce(v.resolved_at, v.last_seen)"
					"  THEN 'open' ELSE v.status END,"
					" resolved_at = CASE WHEN v.status = 'fixed'"
					"  AND $13 > coalesce(v.resolved_at, v.last_seen)"
					"  THEN NULL ELSE v.resolved_at END",
					14, finding_types);
	if (import->asset_plan == NULL || import->time_plan == NULL ||
		import->finding_plan == NULL)
		elog(ERROR, "could not prepare the scanner import: %s",
			 SPI_result_code_string(SPI_result));
}

/* The asset of a host, found or created once per host of the report. */
static int64
host_asset(ScanImport *import, const char *hostname, const char *address)
{
	char	   *key = psprintf("%s\n%s", hostname ? hostname : "", address ? address : "");
	ListCell   *lc;
	ListCell   *id;
	Datum		values[2];
	char		nulls[2];
	bool		isnull;
	int64		asset_id;
	MemoryContext old;

	forboth(lc, import->hosts, id, import->asset_ids)
		if (strcmp((char *) lfirst(lc), key) == 0)
			return *(int64 *) lfirst(id);

	values[0] = hostname ? CStringGetTextDatum(hostname) : (Datum) 0;
	nulls[0] = hostname ? ' ' : 'n';
	values[1] = address ? CStringGetTextDatum(address) : (Datum) 0;
	nulls[1] = address ? ' ' : 'n';
	if (SPI_execute_plan(import->asset_plan, values, nulls, false, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "could not find the asset of a host");
	asset_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
										   SPI_tuptable->tupdesc, 1, &isnull));
	if (isnull)
		elog(ERROR, "scanner_asset returned NULL");

	old = MemoryContextSwitchTo(import->callcxt);
	import->hosts = lappend(import->hosts, pstrdup(key));
	{
		int64	   *p = palloc(sizeof(int64));
		bool		known = false;

		*p = asset_id;
		import->asset_ids = lappend(import->asset_ids, p);
		foreach(lc, import->assets)
			if (*(int64 *) lfirst(lc) == asset_id)
				known = true;
		if (!known)
		{
			import->assets = lappend(import->assets, p);
			import->nhosts++;
		}
	}
	MemoryContextSwitchTo(old);
	return asset_id;
}

/* A report's time as timestamptz (NULL if absent or not understood). */
static Datum
report_time(ScanImport *import, const char *text, bool *isnull)
{
	Datum		value;
	char		nulls[1] = {' '};

	*isnull = true;
	if (text == NULL)
		return (Datum) 0;
	value = CStringGetTextDatum(text);
	if (SPI_execute_plan(import->time_plan, &value, nulls, false, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "could not read a report time");
	return SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, isnull);
}

/* Store a finding on an asset (insert, or update the one already there). */
static void
store_finding(ScanImport *import, int64 asset_id, Finding *f, Datum seen,
			  bool seen_null)
{
	Datum		values[14];
	char		nulls[14];
	const char *texts[] = {f->protocol, f->severity, f->vector};
	Datum	   *elems = palloc(sizeof(Datum) * (list_length(f->cves) + 1));
	ListCell   *lc;
	int			n = 0;
	int			i;

	memset(nulls, ' ', sizeof(nulls));
	values[0] = Int64GetDatum(asset_id);
	values[1] = CStringGetTextDatum(f->title);
	values[2] = CStringGetTextDatum(f->plugin_id);
	values[3] = Int32GetDatum(f->port);
	for (i = 0; i < 3; i++)
	{
		values[i + 4] = texts[i] ? CStringGetTextDatum(texts[i]) : (Datum) 0;
		nulls[i + 4] = texts[i] ? ' ' : 'n';
	}
	values[7] = Float8GetDatum(f->score);
	nulls[7] = f->has_score ? ' ' : 'n';
	/* no CVE is an empty list: the register's cve_ids is NOT NULL */
	foreach(lc, f->cves)
		elems[n++] = CStringGetTextDatum((char *) lfirst(lc));
	values[8] = PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false,
												TYPALIGN_INT));
	values[9] = f->description ? CStringGetTextDatum(f->description) : (Datum) 0;
	nulls[9] = f->description ? ' ' : 'n';
	values[10] = f->solution ? CStringGetTextDatum(f->solution) : (Datum) 0;
	nulls[10] = f->solution ? ' ' : 'n';
	values[11] = f->evidence ? CStringGetTextDatum(f->evidence) : (Datum) 0;
	nulls[11] = f->evidence ? ' ' : 'n';
	values[12] = seen;
	nulls[12] = seen_null ? 'n' : ' ';
	values[13] = CStringGetTextDatum(import->scanner);
	if (SPI_execute_plan(import->finding_plan, values, nulls, false, 0) != SPI_OK_INSERT ||
		SPI_processed != 1)
		elog(ERROR, "could not store a finding");
	import->nfindings++;
}

/* Raise the error for a report that is well-formed XML of the wrong kind. */
static void pg_attribute_noreturn()
wrong_report(xmlNodePtr root, const char *expected)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_XML_DOCUMENT),
			errmsg("invalid %s report", expected),
			errdetail("The root element is <%s>.", (const char *) root->name));
}

/* ---------- Nessus v2 ---------- */

/* The value of <tag name="name"> among the host properties, or NULL. */
static char *
host_property(xmlNodePtr properties, const char *name)
{
	xmlNodePtr	tag;

	if (properties == NULL)
		return NULL;
	for (tag = isms_xml_first(properties, NULL, "tag"); tag != NULL;
		 tag = isms_xml_next(tag, NULL, "tag"))
	{
		char	   *tag_name = isms_xml_attr(tag, "name");

		if (tag_name != NULL && strcmp(tag_name, name) == 0)
			return trimmed(isms_xml_text(tag));
	}
	return NULL;
}

/* Read one ReportItem into a finding; false if it is not to be stored. */
static bool
nessus_finding(ScanImport *import, xmlNodePtr item, Finding *f)
{
	char	   *severity = trimmed(isms_xml_attr(item, "severity"));
	char	   *port = trimmed(isms_xml_attr(item, "port"));
	char	   *protocol = trimmed(isms_xml_attr(item, "protocol"));
	char	   *synopsis = child_text(item, "synopsis");
	char	   *description = child_text(item, "description");
	int			level;
	xmlNodePtr	cve;

	memset(f, 0, sizeof(Finding));
	if (severity == NULL || strlen(severity) != 1 || severity[0] < '0' || severity[0] > '4')
		ereport(ERROR,
				errcode(ERRCODE_INVALID_XML_DOCUMENT),
				errmsg("invalid Nessus report"),
				errdetail("Line %d: a ReportItem has no severity from 0 to 4.",
						  isms_xml_line(item)));
	level = severity[0] - '0';
	if (level == 0 && !import->informational)
		return false;
	f->severity = pstrdup(severity_names[level]);
	f->plugin_id = trimmed(isms_xml_attr(item, "pluginID"));
	if (f->plugin_id == NULL)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_XML_DOCUMENT),
				errmsg("invalid Nessus report"),
				errdetail("Line %d: a ReportItem has no pluginID.", isms_xml_line(item)));
	if (!parse_port(port, protocol ? protocol : "tcp", &f->port, &f->protocol))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_XML_DOCUMENT),
				errmsg("invalid Nessus report"),
				errdetail("Line %d: the port \"%s\" of a ReportItem is not a number from 0 to 65535.",
						  isms_xml_line(item), port));
	f->title = collapsed(isms_xml_attr(item, "pluginName"));
	if (f->title == NULL)
		f->title = psprintf("Nessus plugin %s", f->plugin_id);

	/* CVSS v4.0 where the plugin has it, else v3 (Nessus writes v3.0) */
	f->vector = normalize_vector(child_text(item, "cvss4_vector"), "4.0");
	if (f->vector != NULL)
		f->has_score = parse_score(child_text(item, "cvss4_base_score"), &f->score);
	else
	{
		f->vector = normalize_vector(child_text(item, "cvss3_vector"), "3.0");
		f->has_score = parse_score(child_text(item, "cvss3_base_score"), &f->score);
	}
	for (cve = isms_xml_first(item, NULL, "cve"); cve != NULL;
		 cve = isms_xml_next(cve, NULL, "cve"))
		f->cves = add_cves(f->cves, isms_xml_text(cve));
	if (synopsis != NULL && description != NULL)
		f->description = psprintf("%s\n\n%s", synopsis, description);
	else
		f->description = synopsis != NULL ? synopsis : description;
	f->solution = child_text(item, "solution");
	f->evidence = child_text(item, "plugin_output");
	return true;
}

/* Import a .nessus document. */
static void
import_nessus_doc(xmlDocPtr doc, void *arg)
{
	ScanImport *import = (ScanImport *) arg;
	xmlNodePtr	root = xmlDocGetRootElement(doc);
	xmlNodePtr	report;
	xmlNodePtr	host;

	if (!isms_xml_is(root, NULL, "NessusClientData_v2"))
		wrong_report(root, "Nessus v2");
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	prepare(import);
	import->rowcxt = AllocSetContextCreate(CurrentMemoryContext, "scanner import row",
										   ALLOCSET_DEFAULT_SIZES);

	for (report = isms_xml_first(root, NULL, "Report"); report != NULL;
		 report = isms_xml_next(report, NULL, "Report"))
	{
		for (host = isms_xml_first(report, NULL, "ReportHost"); host != NULL;
			 host = isms_xml_next(host, NULL, "ReportHost"))
		{
			xmlNodePtr	properties = isms_xml_first(host, NULL, "HostProperties");
			char	   *name = trimmed(isms_xml_attr(host, "name"));
			char	   *hostname = host_property(properties, "host-fqdn");
			char	   *address = host_property(properties, "host-ip");
			char	   *when = host_property(properties, "HOST_END_TIMESTAMP");
			xmlNodePtr	item;
			int64		asset_id;
			Datum		seen;
			bool		seen_null;

			if (hostname == NULL)
				hostname = host_property(properties, "hostname");
			if (hostname == NULL)
				hostname = host_property(properties, "netbios-name");
			if (hostname == NULL)
				hostname = name;
			if (when == NULL)
				when = host_property(properties, "HOST_END");
			if (when == NULL)
				when = host_property(properties, "HOST_START");
			if (hostname == NULL && address == NULL)
				ereport(ERROR,
						errcode(ERRCODE_INVALID_XML_DOCUMENT),
						errmsg("invalid Nessus report"),
						errdetail("Line %d: a ReportHost has neither a name nor an address.",
								  isms_xml_line(host)));
			asset_id = host_asset(import, hostname, address);
			seen = report_time(import, when, &seen_null);

			for (item = isms_xml_first(host, NULL, "ReportItem"); item != NULL;
				 item = isms_xml_next(item, NULL, "ReportItem"))
			{
				MemoryContext old = MemoryContextSwitchTo(import->rowcxt);
				Finding		f;

				import->nitems++;
				if (nessus_finding(import, item, &f))
					store_finding(import, asset_id, &f, seen, seen_null);
				MemoryContextSwitchTo(old);
				MemoryContextReset(import->rowcxt);
			}
		}
	}
	SPI_finish();
}

/* ---------- OpenVAS / Greenbone GMP ---------- */

/* The value of key in an NVT's tags ("key=value|key=value"), or NULL. */
static char *
nvt_tag(const char *tags, const char *key)
{
	size_t		klen = strlen(key);
	const char *p = tags;

	while (p != NULL && *p)
	{
		const char *end = strchr(p, '|');
		size_t		len = end != NULL ? (size_t) (end - p) : strlen(p);

		if (len > klen && strncmp(p, key, klen) == 0 && p[klen] == '=')
			return trimmed(pnstrdup(p + klen + 1, len - klen - 1));
		p = end != NULL ? end + 1 : NULL;
	}
	return NULL;
}

/* The text of an element's own text nodes (not of its child elements). */
static char *
own_text(xmlNodePtr node)
{
	StringInfoData buf;
	xmlNodePtr	child;

	initStringInfo(&buf);
	for (child = node->children; child != NULL; child = child->next)
		if (child->type == XML_TEXT_NODE && child->content != NULL)
			appendStringInfoString(&buf, (const char *) child->content);
	return trimmed(isms_xml_to_server(buf.data, buf.len));
}

/* The severity of an OpenVAS result from its threat (or its score). */
static const char *
openvas_severity(const char *threat, bool has_score, double score)
{
	if (threat != NULL)
	{
		if (pg_strcasecmp(threat, "Critical") == 0)
			return "critical";
		if (pg_strcasecmp(threat, "High") == 0)
			return "high";
		if (pg_strcasecmp(threat, "Medium") == 0)
			return "medium";
		if (pg_strcasecmp(threat, "Low") == 0)
			return "low";
		if (pg_strcasecmp(threat, "Log") == 0)
			return "info";
		return NULL;			/* Debug, False Positive: not a vulnerability */
	}
	return has_score ? severity_of_score(score) : "info";
}

/* Read one result into a finding; false if it is not to be stored. */
static bool
openvas_finding(ScanImport *import, xmlNodePtr result, Finding *f)
{
	xmlNodePtr	nvt = isms_xml_first(result, NULL, "nvt");
	xmlNodePtr	severities = nvt != NULL ? isms_xml_first(nvt, NULL, "severities") : NULL;
	xmlNodePtr	refs = nvt != NULL ? isms_xml_first(nvt, NULL, "refs") : NULL;
	char	   *tags = nvt != NULL ? child_text(nvt, "tags") : NULL;
	double		result_score = 0;
	bool		has_result_score;
	const char *severity;
	char	   *port;
	xmlNodePtr	node;

	memset(f, 0, sizeof(Finding));
	has_result_score = parse_score(child_text(result, "severity"), &result_score);
	severity = openvas_severity(child_text(result, "threat"), has_result_score,
								result_score);
	if (severity == NULL || (strcmp(severity, "info") == 0 && !import->informational))
		return false;
	f->severity = pstrdup(severity);
	f->plugin_id = nvt != NULL ? trimmed(isms_xml_attr(nvt, "oid")) : NULL;
	if (f->plugin_id == NULL)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_XML_DOCUMENT),
				errmsg("invalid OpenVAS report"),
				errdetail("Line %d: a result has no NVT oid.", isms_xml_line(result)));
	port = child_text(result, "port");
	if (!parse_port(port, "tcp", &f->port, &f->protocol))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_XML_DOCUMENT),
				errmsg("invalid OpenVAS report"),
				errdetail("Line %d: the port \"%s\" of a result is not a number from 0 to 65535.",
						  isms_xml_line(result), port));
	f->title = nvt != NULL ? collapsed(isms_xml_child_text(nvt, NULL, "name")) : NULL;
	if (f->title == NULL)
		f->title = collapsed(isms_xml_child_text(result, NULL, "name"));
	if (f->title == NULL)
		f->title = psprintf("OpenVAS NVT %s", f->plugin_id);

	/* the vector: severities (GMP 20.08 and later), else the tags */
	for (node = severities != NULL ? isms_xml_first(severities, NULL, "severity") : NULL;
		 node != NULL; node = isms_xml_next(node, NULL, "severity"))
	{
		char	   *type = isms_xml_attr(node, "type");
		char	   *vector;

		if (type == NULL || strncmp(type, "cvss_base_v", 11) != 0)
			continue;
		vector = normalize_vector(child_text(node, "value"),
								  strcmp(type, "cvss_base_v4") == 0 ? "4.0" : NULL);
		if (vector != NULL && (f->vector == NULL || strncmp(vector, "CVSS:4", 6) == 0))
		{
			f->vector = vector;
			f->has_score = parse_score(child_text(node, "score"), &f->score);
		}
	}
	if (f->vector == NULL && tags != NULL)
		f->vector = normalize_vector(nvt_tag(tags, "cvss_base_vector"), NULL);
	if (!f->has_score && nvt != NULL)
		f->has_score = parse_score(child_text(nvt, "cvss_base"), &f->score);
	if (!f->has_score && has_result_score)
	{
		f->score = result_score;
		f->has_score = true;
	}

	for (node = refs != NULL ? isms_xml_first(refs, NULL, "ref") : NULL;
		 node != NULL; node = isms_xml_next(node, NULL, "ref"))
	{
		char	   *type = isms_xml_attr(node, "type");

		if (type != NULL && pg_strcasecmp(type, "cve") == 0)
			f->cves = add_cves(f->cves, isms_xml_attr(node, "id"));
	}
	if (nvt != NULL)
		f->cves = add_cves(f->cves, child_text(nvt, "cve"));	/* GMP 7 */
	f->description = tags != NULL ? nvt_tag(tags, "summary") : NULL;
	f->solution = nvt != NULL ? child_text(nvt, "solution") : NULL;
	if (f->solution == NULL && tags != NULL)
		f->solution = nvt_tag(tags, "solution");
	f->evidence = child_text(result, "description");
	return true;
}

/* The end time of a host from the report's <host> elements, or NULL. */
static char *
openvas_host_end(xmlNodePtr report, const char *address)
{
	xmlNodePtr	host;

	for (host = isms_xml_first(report, NULL, "host"); host != NULL;
		 host = isms_xml_next(host, NULL, "host"))
	{
		char	   *ip = child_text(host, "ip");

		if (ip != NULL && address != NULL && strcmp(ip, address) == 0)
			return child_text(host, "end");
	}
	return NULL;
}

/* Import a GMP report document. */
static void
import_openvas_doc(xmlDocPtr doc, void *arg)
{
	ScanImport *import = (ScanImport *) arg;
	xmlNodePtr	root = xmlDocGetRootElement(doc);
	xmlNodePtr	report = root;
	xmlNodePtr	results;
	xmlNodePtr	node;
	char	   *report_end;

	/* <get_reports_response><report><report> or <report><report> */
	if (isms_xml_is(report, NULL, "get_reports_response"))
		report = isms_xml_first(report, NULL, "report");
	if (!isms_xml_is(report, NULL, "report"))
		wrong_report(root, "OpenVAS");
	if (isms_xml_first(report, NULL, "report") != NULL)
		report = isms_xml_first(report, NULL, "report");
	results = isms_xml_first(report, NULL, "results");

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	prepare(import);
	import->rowcxt = AllocSetContextCreate(CurrentMemoryContext, "scanner import row",
										   ALLOCSET_DEFAULT_SIZES);
	report_end = child_text(report, "scan_end");
	if (report_end == NULL)
		report_end = child_text(report, "timestamp");

	for (node = results != NULL ? isms_xml_first(results, NULL, "result") : NULL;
		 node != NULL; node = isms_xml_next(node, NULL, "result"))
	{
		xmlNodePtr	host = isms_xml_first(node, NULL, "host");
		char	   *address = host != NULL ? own_text(host) : NULL;
		char	   *hostname = host != NULL ? child_text(host, "hostname") : NULL;
		char	   *when;
		MemoryContext old;
		Finding		f;
		int64		asset_id;
		Datum		seen;
		bool		seen_null;

		import->nitems++;
		if (address == NULL && hostname == NULL)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_XML_DOCUMENT),
					errmsg("invalid OpenVAS report"),
					errdetail("Line %d: a result has no host.", isms_xml_line(node)));
		asset_id = host_asset(import, hostname, address);
		old = MemoryContextSwitchTo(import->rowcxt);
		if (openvas_finding(import, node, &f))
		{
			when = openvas_host_end(report, address);
			seen = report_time(import, when != NULL ? when : report_end, &seen_null);
			store_finding(import, asset_id, &f, seen, seen_null);
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(import->rowcxt);
	}

	/* hosts the report lists without results are hosts of the report too */
	for (node = isms_xml_first(report, NULL, "host"); node != NULL;
		 node = isms_xml_next(node, NULL, "host"))
	{
		char	   *ip = child_text(node, "ip");
		ListCell   *lc;
		bool		seen = false;

		if (ip == NULL)
			continue;
		foreach(lc, import->hosts)
		{
			char	   *nl = strchr((char *) lfirst(lc), '\n');

			if (nl != NULL && strcmp(nl + 1, ip) == 0)
				seen = true;	/* a host of the results, maybe with a name */
		}
		if (!seen)
			(void) host_asset(import, NULL, ip);
	}
	SPI_finish();
}

/* The result row (hosts, items, vulnerabilities) of an import. */
static Datum
import_result(FunctionCallInfo fcinfo, ScanImport *import)
{
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	values[0] = Int32GetDatum(import->nhosts);
	values[1] = Int32GetDatum(import->nitems);
	values[2] = Int32GetDatum(import->nfindings);
	return HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls));
}

/*
 * isms.import_nessus(doc text, informational boolean DEFAULT false)
 *	  RETURNS (hosts integer, items integer, vulnerabilities integer)
 */
PG_FUNCTION_INFO_V1(import_nessus);
Datum
import_nessus(PG_FUNCTION_ARGS)
{
	ScanImport	import = {0};

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	import.scanner = "nessus";
	import.callcxt = CurrentMemoryContext;
	import.informational = !PG_ARGISNULL(1) && PG_GETARG_BOOL(1);
	isms_xml_with_document(isms_xml_getarg(fcinfo, 0, "Nessus report"),
						   "Nessus report", import_nessus_doc, &import);
	PG_RETURN_DATUM(import_result(fcinfo, &import));
}

/*
 * isms.import_openvas(doc text, informational boolean DEFAULT false)
 *	  RETURNS (hosts integer, items integer, vulnerabilities integer)
 */
PG_FUNCTION_INFO_V1(import_openvas);
Datum
import_openvas(PG_FUNCTION_ARGS)
{
	ScanImport	import = {0};

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	import.scanner = "openvas";
	import.callcxt = CurrentMemoryContext;
	import.informational = !PG_ARGISNULL(1) && PG_GETARG_BOOL(1);
	isms_xml_with_document(isms_xml_getarg(fcinfo, 0, "OpenVAS report"),
						   "OpenVAS report", import_openvas_doc, &import);
	PG_RETURN_DATUM(import_result(fcinfo, &import));
}
