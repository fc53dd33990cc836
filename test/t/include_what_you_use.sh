#!/bin/bash
# Include what you use: every source file that uses a symbol of one of the
# server headers below includes that header itself (or through a header of
# isms that it includes).  Newer minor releases of a major version include
# some of them indirectly, older ones do not: kpi.c used
# pg_add_s64_overflow() without common/int.h and failed to build against the
# PostgreSQL 15 headers of an older Debian 12 point release.
cd "$(dirname "$0")/../.."
rc=0
# header  regular expression of the symbols it declares
rules=$(cat <<'RULES'
common/int.h	\bpg_(add|sub|mul)_[su](16|32|64)_overflow\b
miscadmin.h	\b(CHECK_FOR_INTERRUPTS|GetUserId|GetSessionUserId|superuser|superuser_arg|work_mem|MyDatabaseId|check_stack_depth)\b
utils/builtins.h	\b(CStringGetTextDatum|TextDatumGetCString|text_to_cstring|cstring_to_text|cstring_to_text_with_len|quote_identifier|quote_qualified_identifier)\b
utils/lsyscache.h	\b(get_func_namespace|get_func_name|get_namespace_name|get_relname_relid|get_attnum|get_typlenbyvalalign|get_opcode)\b
utils/memutils.h	\b(AllocSetContextCreate|ALLOCSET_DEFAULT_SIZES|MemoryContextDelete|MemoryContextReset)\b
executor/spi.h	\bSPI_(connect|finish|execute|execute_with_args|prepare|getbinval|getvalue|fnumber|tuptable|processed)\b
utils/array.h	\b(ArrayType|construct_array|deconstruct_array|ARR_NDIM|ARR_DIMS)\b
catalog/pg_type.h	\b(INT8OID|INT4OID|TEXTOID|BOOLOID|FLOAT8OID|DATEOID|TIMESTAMPTZOID|NUMERICOID|JSONBOID)\b
utils/acl.h	\b(pg_class_aclcheck|pg_attribute_aclcheck|ACLCHECK_OK)\b
utils/snapmgr.h	\b(GetLatestSnapshot|GetTransactionSnapshot|RegisterSnapshot|UnregisterSnapshot|PushActiveSnapshot|PopActiveSnapshot)\b
access/table.h	\b(table_open|table_close)\b
utils/rel.h	\b(RelationGetRelid|RelationGetDescr|RelationGetRelationName|RelationGetNamespace)\b
RULES
)
for f in src/*.c src/*.h; do
	own=$(grep -oE '^#include "[a-z_0-9]+\.h"' "$f" | sed -E 's/.*"(.*)"/src\/\1/' | while read -r h; do [ -f "$h" ] && echo "$h"; done)
	includes=$(cat "$f" $own | grep -E '^#include ')
	code=$(sed -e 's://.*$::' "$f" | grep -vE '^\s*(\*|/\*)')
	while IFS=$'\t' read -r header re; do
		used=$(grep -oE -m1 "$re" <<<"$code" | head -1)
		[ -n "$used" ] || continue
		grep -qF "#include \"$header\"" <<<"$includes" && continue
		echo "$f uses $used but does not include $header"
		rc=1
	done <<<"$rules"
done
[ $rc -eq 0 ] && echo "ok: every file includes the server headers whose symbols it uses"
exit $rc
