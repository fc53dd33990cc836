\i sql/fixtures/begin.sql
\i sql/fixtures/register.sql
-- Organizations, current_org(), organizational units, people and sites.

-- With a single organization, org_id defaults to it.
BEGIN;
INSERT INTO isms.organization (name) VALUES ('Only Org');
SELECT isms.current_org() = (SELECT id FROM isms.organization WHERE name = 'Only Org') AS is_the_only_one;
INSERT INTO isms.person (name) VALUES ('Ann');
SELECT o.name FROM isms.person p JOIN isms.organization o ON o.id = p.org_id WHERE p.name = 'Ann';
ROLLBACK;

BEGIN;
SELECT FROM register_test.fixture();

-- With two, the setting isms.org_id chooses; without it, there is no default.
SELECT isms.current_org() = register_test.id('org_a') AS setting_chooses_a;
SELECT set_config('isms.org_id', '', true) AS unset;
SELECT register_test.try('SELECT isms.current_org()');
SELECT register_test.try('INSERT INTO isms.site (name) VALUES (''Nowhere'')');
-- 1.1: the setting is the module's, checked when set
SELECT register_test.try($$SELECT set_config('isms.org_id', 'abc', true)$$) AS bad_setting;
SELECT register_test.try('SELECT isms.current_org()');
SELECT set_config('isms.org_id', register_test.id('org_a')::text, true) IS NOT NULL AS back_to_a;

-- organization
SELECT register_test.base('organization', '{"name": "Org X", "country": "DE", "currency": "EUR"}');
SELECT t.what, register_test.ins('organization', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no name', '{"name": null}'),
	('blank name', '{"name": " "}'),
	('name taken', '{"name": "Regress A"}'),
	('country not ISO 3166 alpha-2', '{"country": "Germany"}'),
	('currency not ISO 4217', '{"currency": "eur"}'),
	('no currency', '{"currency": null}')
  ) t(what, change);

-- org_unit
SELECT register_test.base('org_unit', '{"name": "Unit X"}');
SELECT t.what, register_test.ins('org_unit', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid with parent', jsonb_build_object('parent_id', register_test.id('unit_a'))),
	('no such organization', '{"org_id": -1}'),
	('no name', '{"name": null}'),
	('blank name', '{"name": ""}'),
	('name taken in the organization', '{"name": "Unit"}'),
	('parent in another organization', jsonb_build_object('parent_id', register_test.id('unit_b'))),
	('its own parent', '{"id": -5, "parent_id": -5}')
  ) t(what, change);
-- names are unique within an organization only
SELECT register_test.try(register_test.insert_sql('org_unit', '{}'));
SELECT register_test.ins('org_unit', jsonb_build_object('org_id', register_test.id('org_b'), 'parent_id', null))
	AS same_name_in_another_organization;
-- no cycles through parents
SELECT register_test.try(format('INSERT INTO isms.org_unit (id, name, parent_id) VALUES (-11, %L, %s), (-12, %L, -11)',
								'Top', register_test.id('unit_a'), 'Below'));
SELECT register_test.probe(format('UPDATE isms.org_unit SET parent_id = -12 WHERE id = %s', register_test.id('unit_a')));
SELECT register_test.probe('UPDATE isms.org_unit SET parent_id = NULL WHERE id = -11');

-- person
SELECT register_test.base('person', jsonb_build_object('name', 'P', 'email', 'p@a.example',
	'unit_id', register_test.id('unit_a'), 'manager_id', register_test.id('person_a'),
	'start_date', '2024-01-01', 'end_date', '2025-01-01'));
SELECT t.what, register_test.ins('person', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no name', '{"name": null}'),
	('blank name', '{"name": "  "}'),
	('e-mail without @', '{"email": "p.example"}'),
	('e-mail without domain', '{"email": "p@localhost"}'),
	('e-mail taken', '{"email": "one@a.example"}'),
	('unit of another organization', jsonb_build_object('unit_id', register_test.id('unit_b'))),
	('manager of another organization', jsonb_build_object('manager_id', register_test.id('person_b'))),
	('own manager', '{"id": -5, "manager_id": -5}'),
	('unknown employment type', '{"employment_type": "volunteer"}'),
	('left before joining', '{"end_date": "2023-12-31"}')
  ) t(what, change);
-- a login acts as one person of an organization
UPDATE isms.person SET login = 'register_login' WHERE id = register_test.id('person_a');
SELECT register_test.ins('person', '{"login": "register_login"}') AS login_taken;
UPDATE isms.person SET login = NULL WHERE id = register_test.id('person_a');

-- site
SELECT register_test.base('site', jsonb_build_object('name', 'S', 'kind', 'data_center', 'country', 'PT',
	'owner_id', register_test.id('person_a')));
SELECT t.what, register_test.ins('site', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no name', '{"name": null}'),
	('blank name', '{"name": ""}'),
	('name taken', '{"name": "Site"}'),
	('unknown kind', '{"kind": "castle"}'),
	('country not ISO 3166 alpha-2', '{"country": "prt"}'),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b')))
  ) t(what, change);

-- updated_at follows updates; created_at stays.
SELECT register_test.try(format('UPDATE isms.site SET created_at = %L, updated_at = %L WHERE id = %s',
								'2020-01-01', '2020-01-01', register_test.id('site_a')));
SELECT created_at = '2020-01-01' AS created_kept, updated_at = now() AS updated_now
  FROM isms.site WHERE id = register_test.id('site_a');
ROLLBACK;
\i sql/fixtures/end.sql
