\i sql/fixtures/begin.sql
\i sql/fixtures/register.sql
-- Human resource security (component 3, step 6): screening, training
-- courses and records, termination and offboarding.
BEGIN;
SELECT FROM register_test.fixture();

-- screening
SELECT register_test.base('screening', jsonb_build_object('person_id', register_test.id('person_a'),
	'kind', 'criminal_record', 'requested_on', '2025-01-01', 'completed_on', '2025-01-10', 'result', 'passed'));
SELECT t.what, register_test.ins('screening', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid pending', '{"result": "pending", "completed_on": null}'),
	('no such organization', '{"org_id": -1}'),
	('no person', '{"person_id": null}'),
	('person of another organization', jsonb_build_object('person_id', register_test.id('person_b'))),
	('unknown kind', '{"kind": "horoscope"}'),
	('no request date', '{"requested_on": null}'),
	('completed before requested', '{"completed_on": "2024-12-31"}'),
	('unknown result', '{"result": "ok"}'),
	('result without completion', '{"completed_on": null}'),
	('pending but completed', '{"result": "pending"}')
  ) t(what, change);

-- training_course
SELECT register_test.base('training_course', '{"title": "Secure coding", "kind": "role_specific", "role": "team_member",
	"duration_minutes": 120, "renewal_interval": "2 years", "pass_score": 75}');
SELECT t.what, register_test.ins('training_course', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid awareness course', '{"kind": "awareness", "role": null}'),
	('valid new-employee course', '{"kind": "new_employee", "role": null, "renewal_interval": null}'),
	('no such organization', '{"org_id": -1}'),
	('no title', '{"title": null}'),
	('blank title', '{"title": ""}'),
	('title taken', '{"title": "Course"}'),
	('unknown kind', '{"kind": "webinar"}'),
	('role-specific without a role', '{"role": null}'),
	('awareness with a role', '{"kind": "awareness"}'),
	('unknown role', '{"role": "wizard"}'),
	('no duration', '{"duration_minutes": 0}'),
	('renewal interval of zero', '{"renewal_interval": "0"}'),
	('pass score above 100', '{"pass_score": 101}'),
	('negative pass score', '{"pass_score": -1}')
  ) t(what, change);

-- training_record
SELECT register_test.base('training_record', jsonb_build_object('person_id', register_test.id('person_a'),
	'course_id', register_test.id('course_a'), 'assigned_on', '2026-01-15', 'due_on', '2026-03-31',
	'completed_on', '2026-02-01', 'score', 90, 'passed', true, 'expires_on', '2027-02-01'));
SELECT t.what, register_test.ins('training_record', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid open', '{"completed_on": null, "score": null, "passed": null, "expires_on": null}'),
	('no such organization', '{"org_id": -1}'),
	('no person', '{"person_id": null}'),
	('person of another organization', jsonb_build_object('person_id', register_test.id('person_b'))),
	('no course', '{"course_id": null}'),
	('course of another organization', jsonb_build_object('course_id', register_test.id('course_b'))),
	('no assignment date', '{"assigned_on": null}'),
	('due before assigned', '{"due_on": "2026-01-14"}'),
	('completed before assigned', '{"completed_on": "2026-01-14"}'),
	('score above 100', '{"score": 100.5}'),
	('negative score', '{"score": -5}'),
	('passed but not completed', '{"completed_on": null, "score": null, "expires_on": null}'),
	('score but not completed', '{"completed_on": null, "passed": null, "expires_on": null}'),
	('expires on completion', '{"expires_on": "2026-02-01"}')
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('training_record', '{}'));
SELECT register_test.ins('training_record', '{}') AS assigned_twice_the_same_day;

-- termination
SELECT register_test.base('termination', jsonb_build_object('person_id', register_test.id('person_a'),
	'kind', 'resignation', 'notified_on', '2026-03-01', 'last_working_day', '2026-04-30',
	'access_revoked_at', '2026-04-30 18:00+00', 'assets_returned_on', '2026-04-30', 'exit_interview_on', '2026-04-28',
	'handled_by_id', register_test.id('person2_a')));
SELECT t.what, register_test.ins('termination', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid dismissal with access removed at notice', '{"kind": "dismissal", "last_working_day": "2026-03-01",
		"access_revoked_at": "2026-03-01 09:00+00", "assets_returned_on": "2026-03-01", "exit_interview_on": null}'),
	('no such organization', '{"org_id": -1}'),
	('no person', '{"person_id": null}'),
	('person of another organization', jsonb_build_object('person_id', register_test.id('person_b'))),
	('handled by someone of another organization', jsonb_build_object('handled_by_id', register_test.id('person_b'))),
	('unknown kind', '{"kind": "vanished"}'),
	('no notice date', '{"notified_on": null}'),
	('no last day', '{"last_working_day": null}'),
	('last day before notice', '{"last_working_day": "2026-02-28"}'),
	('access revoked before notice', '{"access_revoked_at": "2026-02-28 23:00+00"}'),
	('assets returned before notice', '{"assets_returned_on": "2026-02-01"}'),
	('exit interview before notice', '{"exit_interview_on": "2026-02-01"}')
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('termination', '{}'));
SELECT register_test.ins('termination', '{"kind": "other"}') AS same_person_same_last_day;
ROLLBACK;
\i sql/fixtures/end.sql
