-- Demo organization, part 10: a control catalog imported from OSCAL beside
-- the built-in ISO/IEC 27001:2022 Annex A (the small example catalog of the
-- tests, test/data/oscal_sample.xml: groups, controls with enhancements,
-- parameters and parts).  Run from the repository root.
\set ON_ERROR_STOP on
\set catalog `cat test/data/oscal_sample.xml`
SELECT * FROM isms.import_oscal_catalog(:'catalog');
