-- Demo, part 0: nothing to load for the scale types (test/demo/show/00_scales.sql
-- prints them).  The organization comes in 10_organization.sql.
SELECT 1 AS scale_types_built_in \gset
