\i sql/fixtures/begin.sql
-- The access matrix: every table, view and function of isms, its class, and
-- what each group role may do with each class; checked against the live
-- schema.  An object added to isms without a line here fails this test, and
-- so does one whose privileges or row-level security differ from its class.
CREATE TEMP TABLE declared (kind text, object text, class text);
INSERT INTO declared VALUES
	('table', 'access_review', 'register'),
	('table', 'access_review_cadence', 'register'),
	('table', 'access_review_cadence_history', 'history'),
	('table', 'access_review_history', 'history'),
	('table', 'access_review_item', 'register'),
	('table', 'access_review_item_history', 'history'),
	('table', 'access_right', 'register'),
	('table', 'access_right_history', 'history'),
	('table', 'account', 'register'),
	('table', 'account_history', 'history'),
	('table', 'asset', 'register'),
	('table', 'asset_dependency', 'register'),
	('table', 'asset_dependency_history', 'history'),
	('table', 'asset_history', 'history'),
	('table', 'audit', 'register'),
	('table', 'audit_finding', 'register'),
	('table', 'audit_finding_history', 'history'),
	('table', 'audit_history', 'history'),
	('table', 'audit_log', 'log'),
	('table', 'authentication_requirement', 'register'),
	('table', 'authentication_requirement_history', 'history'),
	('table', 'backup', 'register'),
	('table', 'backup_history', 'history'),
	('table', 'change_request', 'register'),
	('table', 'change_request_history', 'history'),
	('table', 'compliance_check', 'register'),
	('table', 'compliance_check_history', 'history'),
	('table', 'compliance_violation', 'register'),
	('table', 'compliance_violation_history', 'history'),
	('table', 'component', 'catalog'),
	('table', 'component_history', 'catalog_history'),
	('table', 'continuity_plan', 'register'),
	('table', 'continuity_plan_asset', 'register'),
	('table', 'continuity_plan_asset_history', 'history'),
	('table', 'continuity_plan_history', 'history'),
	('table', 'continuity_test', 'register'),
	('table', 'continuity_test_history', 'history'),
	('table', 'control', 'catalog'),
	('table', 'control_crosswalk', 'catalog'),
	('table', 'control_crosswalk_history', 'catalog_history'),
	('table', 'control_evidence', 'register'),
	('table', 'control_evidence_history', 'history'),
	('table', 'control_group', 'catalog'),
	('table', 'control_group_history', 'catalog_history'),
	('table', 'control_history', 'catalog_history'),
	('table', 'control_param', 'catalog'),
	('table', 'control_param_history', 'catalog_history'),
	('table', 'control_part', 'catalog'),
	('table', 'control_part_history', 'catalog_history'),
	('table', 'corrective_action', 'register'),
	('table', 'corrective_action_history', 'history'),
	('table', 'crypto_key', 'register'),
	('table', 'crypto_key_history', 'history'),
	('table', 'event', 'outbox'),
	('table', 'framework', 'catalog'),
	('table', 'framework_history', 'catalog_history'),
	('table', 'improvement_action', 'register'),
	('table', 'improvement_action_history', 'history'),
	('table', 'incident', 'register'),
	('table', 'incident_action', 'register'),
	('table', 'incident_action_history', 'history'),
	('table', 'incident_asset', 'register'),
	('table', 'incident_asset_history', 'history'),
	('table', 'incident_history', 'history'),
	('table', 'incident_risk', 'register'),
	('table', 'incident_risk_history', 'history'),
	('table', 'kpi_snapshot', 'tenant_admin'),
	('table', 'management_review', 'register'),
	('table', 'management_review_attendee', 'register'),
	('table', 'management_review_attendee_history', 'history'),
	('table', 'management_review_decision', 'register'),
	('table', 'management_review_decision_history', 'history'),
	('table', 'management_review_history', 'history'),
	('table', 'management_review_input', 'register'),
	('table', 'management_review_input_history', 'history'),
	('table', 'network_protection', 'register'),
	('table', 'network_protection_history', 'history'),
	('table', 'network_zone', 'register'),
	('table', 'network_zone_history', 'history'),
	('table', 'obligation', 'register'),
	('table', 'obligation_history', 'history'),
	('table', 'octave_impact_area', 'register'),
	('table', 'octave_impact_area_history', 'history'),
	('table', 'org_member', 'tenant_admin'),
	('table', 'org_unit', 'register'),
	('table', 'org_unit_history', 'history'),
	('table', 'organization', 'tenant_admin'),
	('table', 'organization_history', 'history'),
	('table', 'person', 'register'),
	('table', 'person_history', 'history'),
	('table', 'policy', 'register'),
	('table', 'policy_acknowledgement', 'register'),
	('table', 'policy_acknowledgement_history', 'history'),
	('table', 'policy_history', 'history'),
	('table', 'process', 'register'),
	('table', 'process_history', 'history'),
	('table', 'restore_test', 'register'),
	('table', 'restore_test_history', 'history'),
	('table', 'review_cadence', 'register'),
	('table', 'review_cadence_history', 'history'),
	('table', 'risk', 'register'),
	('table', 'risk_acceptance', 'register'),
	('table', 'risk_acceptance_history', 'history'),
	('table', 'risk_appetite', 'register'),
	('table', 'risk_appetite_history', 'history'),
	('table', 'risk_control', 'register'),
	('table', 'risk_control_history', 'history'),
	('table', 'risk_history', 'history'),
	('table', 'risk_matrix', 'catalog'),
	('table', 'risk_matrix_history', 'catalog_history'),
	('table', 'risk_octave_impact', 'register'),
	('table', 'risk_octave_impact_history', 'history'),
	('table', 'risk_review_overdue', 'tenant_admin'),
	('table', 'risk_review_overdue_history', 'history'),
	('table', 'risk_vulnerability', 'register'),
	('table', 'risk_vulnerability_history', 'history'),
	('table', 'role', 'catalog'),
	('table', 'role_assignment', 'register'),
	('table', 'role_assignment_history', 'history'),
	('table', 'role_history', 'catalog_history'),
	('table', 'scope', 'register'),
	('table', 'scope_answer', 'register'),
	('table', 'scope_answer_history', 'history'),
	('table', 'scope_history', 'history'),
	('table', 'scope_item', 'register'),
	('table', 'scope_item_history', 'history'),
	('table', 'scope_question', 'catalog'),
	('table', 'scope_question_history', 'catalog_history'),
	('table', 'screening', 'register'),
	('table', 'screening_history', 'history'),
	('table', 'security_requirement', 'register'),
	('table', 'security_requirement_history', 'history'),
	('table', 'security_test', 'register'),
	('table', 'security_test_history', 'history'),
	('table', 'site', 'register'),
	('table', 'site_check', 'register'),
	('table', 'site_check_history', 'history'),
	('table', 'site_history', 'history'),
	('table', 'soa', 'register'),
	('table', 'soa_history', 'history'),
	('table', 'supplier', 'register'),
	('table', 'supplier_assessment', 'register'),
	('table', 'supplier_assessment_history', 'history'),
	('table', 'supplier_history', 'history'),
	('table', 'supplier_requirement', 'register'),
	('table', 'supplier_requirement_history', 'history'),
	('table', 'supplier_service', 'register'),
	('table', 'supplier_service_history', 'history'),
	('table', 'supplier_training', 'register'),
	('table', 'supplier_training_history', 'history'),
	('table', 'termination', 'register'),
	('table', 'termination_history', 'history'),
	('table', 'threat', 'catalog'),
	('table', 'threat_history', 'catalog_history'),
	('table', 'training_course', 'register'),
	('table', 'training_course_history', 'history'),
	('table', 'training_record', 'register'),
	('table', 'training_record_history', 'history'),
	('table', 'treatment_action', 'register'),
	('table', 'treatment_action_history', 'history'),
	('table', 'vulnerability', 'register'),
	('table', 'vulnerability_history', 'history'),
	('view', 'kpi_access_control', 'view'),
	('view', 'kpi_audit', 'view'),
	('view', 'kpi_compliance', 'view'),
	('view', 'kpi_controls', 'view'),
	('view', 'kpi_exposure_trend', 'audit_view'),
	('view', 'kpi_incidents', 'view'),
	('view', 'kpi_reviews', 'view'),
	('view', 'kpi_risk_posture', 'view'),
	('view', 'kpi_training', 'view'),
	('view', 'v_access_accounts', 'view'),
	('view', 'v_access_evidence', 'view'),
	('view', 'v_access_leaver_accounts', 'view'),
	('view', 'v_access_mfa_missing', 'view'),
	('view', 'v_access_privileged_accounts', 'view'),
	('view', 'v_access_requirement_gaps', 'view'),
	('view', 'v_access_rights', 'view'),
	('view', 'v_access_rights_past_expiry', 'view'),
	('view', 'v_access_rights_review_overdue', 'view'),
	('view', 'v_heatmap', 'view'),
	('view', 'v_risk_appetite', 'view'),
	('view', 'v_risk_register', 'view'),
	('view', 'v_risk_treatment', 'view'),
	('view', 'v_soa', 'view'),
	('function', 'isms.access_review_interval(text,boolean,bigint)', 'reader'),
	('function', 'isms.access_review_item_guard()', 'internal'),
	('function', 'isms.access_right_guard()', 'internal'),
	('function', 'isms.account_holder_guard()', 'internal'),
	('function', 'isms.acting_person_check()', 'internal'),
	('function', 'isms.acyclic_lock()', 'internal'),
	('function', 'isms.ale(numeric,numeric)', 'public'),
	('function', 'isms.append_only()', 'internal'),
	('function', 'isms.review_overdue_event()', 'internal'),
	('function', 'isms.appetite(text,bigint)', 'reader'),
	('function', 'isms.appetite_for(bigint,text,bigint)', 'reader'),
	('function', 'isms.as_of(anyelement,timestamp with time zone)', 'auditor'),
	('function', 'isms.audit_log_head()', 'auditor'),
	('function', 'isms.audit_log_head(bigint)', 'auditor'),
	('function', 'isms.check_acyclic()', 'internal'),
	('function', 'isms.count_grid_combine(bytea,bytea)', 'reader'),
	('function', 'isms.current_org()', 'public'),
	('function', 'isms.distribute()', 'internal'),
	('function', 'isms.cvss_impact(text,integer)', 'public'),
	('function', 'isms.cvss_likelihood(text,integer)', 'public'),
	('function', 'isms.cvss_score(text)', 'public'),
	('function', 'isms.cvss_scores(text)', 'public'),
	('function', 'isms.cvss_severity(numeric)', 'public'),
	('function', 'isms.database_rights()', 'admin'),
	('function', 'isms.database_roles()', 'admin'),
	('function', 'isms.default_matrix()', 'reader'),
	('function', 'isms.default_review_days(isms.risk_level)', 'public'),
	('function', 'isms.duration_stats(interval)', 'public'),
	('function', 'isms.duration_stats_combine(bytea,bytea)', 'reader'),
	('function', 'isms.duration_stats_finalfn(bytea)', 'reader'),
	('function', 'isms.duration_stats_transfn(bytea,interval)', 'reader'),
	('function', 'isms.export_oscal_catalog(text)', 'reader'),
	('function', 'isms.exposure(isms.likelihood,isms.impact)', 'public'),
	('function', 'isms.exposure_combine(bigint,bigint)', 'reader'),
	('function', 'isms.exposure_finalfn(bigint)', 'reader'),
	('function', 'isms.exposure_transfn(bigint,isms.likelihood,isms.impact)', 'reader'),
	('function', 'isms.fair_portfolio(jsonb,bigint)', 'public'),
	('function', 'isms.fair_portfolio(jsonb,bigint,integer,bigint)', 'public'),
	('function', 'isms.fair_portfolio_combinefn(bytea,bytea)', 'reader'),
	('function', 'isms.fair_portfolio_finalfn(bytea)', 'reader'),
	('function', 'isms.fair_portfolio_transfn(bytea,jsonb,bigint)', 'reader'),
	('function', 'isms.fair_portfolio_transfn(bytea,jsonb,bigint,integer,bigint)', 'reader'),
	('function', 'isms.fair_risk_seed(bigint,bigint)', 'public'),
	('function', 'isms.fair_sample(jsonb,integer,bigint)', 'public'),
	('function', 'isms.fair_simulate(jsonb,integer,bigint)', 'public'),
	('function', 'isms.fair_years(jsonb,integer,bigint)', 'public'),
	('function', 'isms.heatmap(isms.likelihood,isms.impact)', 'public'),
	('function', 'isms.heatmap_finalfn(bytea)', 'reader'),
	('function', 'isms.heatmap_svg(isms.risk_level[],bigint[],text)', 'public'),
	('function', 'isms.heatmap_svg(text,text,bigint[])', 'reader'),
	('function', 'isms.heatmap_transfn(bytea,isms.likelihood,isms.impact)', 'reader'),
	('function', 'isms.history_table(regclass)', 'auditor'),
	('function', 'isms.impact_apply_scale(isms.impact,integer,boolean)', 'public'),
	('function', 'isms.impact_cmp(isms.impact,isms.impact)', 'public'),
	('function', 'isms.impact_eq(isms.impact,isms.impact)', 'public'),
	('function', 'isms.impact_from_integer(integer,integer,boolean)', 'public'),
	('function', 'isms.impact_ge(isms.impact,isms.impact)', 'public'),
	('function', 'isms.impact_gt(isms.impact,isms.impact)', 'public'),
	('function', 'isms.impact_hash(isms.impact)', 'public'),
	('function', 'isms.impact_hash_extended(isms.impact,bigint)', 'public'),
	('function', 'isms.impact_in(cstring,oid,integer)', 'public'),
	('function', 'isms.impact_larger(isms.impact,isms.impact)', 'internal'),
	('function', 'isms.impact_le(isms.impact,isms.impact)', 'public'),
	('function', 'isms.impact_lt(isms.impact,isms.impact)', 'public'),
	('function', 'isms.impact_ne(isms.impact,isms.impact)', 'public'),
	('function', 'isms.impact_out(isms.impact)', 'public'),
	('function', 'isms.impact_recv(internal,oid,integer)', 'public'),
	('function', 'isms.impact_send(isms.impact)', 'public'),
	('function', 'isms.impact_smaller(isms.impact,isms.impact)', 'internal'),
	('function', 'isms.impact_times_likelihood(isms.impact,isms.likelihood)', 'public'),
	('function', 'isms.impact_typmod_in(cstring[])', 'public'),
	('function', 'isms.impact_typmod_out(integer)', 'public'),
	('function', 'isms.import_database_access(bigint)', 'admin'),
	('function', 'isms.import_nessus(text,boolean)', 'editor'),
	('function', 'isms.import_openvas(text,boolean)', 'editor'),
	('function', 'isms.import_oscal_catalog(jsonb,text)', 'admin'),
	('function', 'isms.import_oscal_catalog(text,text)', 'admin'),
	('function', 'isms.kpi_trend(text,text)', 'reader'),
	('function', 'isms.kpi_values(bigint)', 'reader'),
	('function', 'isms.label(isms.impact)', 'public'),
	('function', 'isms.label(isms.likelihood)', 'public'),
	('function', 'isms.label(isms.risk_level)', 'public'),
	('function', 'isms.level(isms.impact)', 'public'),
	('function', 'isms.level(isms.likelihood)', 'public'),
	('function', 'isms.level(isms.risk_level)', 'public'),
	('function', 'isms.level_counts(isms.risk_level)', 'public'),
	('function', 'isms.level_counts_finalfn(bytea)', 'reader'),
	('function', 'isms.level_counts_transfn(bytea,isms.risk_level)', 'reader'),
	('function', 'isms.likelihood_apply_scale(isms.likelihood,integer,boolean)', 'public'),
	('function', 'isms.likelihood_cmp(isms.likelihood,isms.likelihood)', 'public'),
	('function', 'isms.likelihood_eq(isms.likelihood,isms.likelihood)', 'public'),
	('function', 'isms.likelihood_from_integer(integer,integer,boolean)', 'public'),
	('function', 'isms.likelihood_ge(isms.likelihood,isms.likelihood)', 'public'),
	('function', 'isms.likelihood_gt(isms.likelihood,isms.likelihood)', 'public'),
	('function', 'isms.likelihood_hash(isms.likelihood)', 'public'),
	('function', 'isms.likelihood_hash_extended(isms.likelihood,bigint)', 'public'),
	('function', 'isms.likelihood_in(cstring,oid,integer)', 'public'),
	('function', 'isms.likelihood_larger(isms.likelihood,isms.likelihood)', 'internal'),
	('function', 'isms.likelihood_le(isms.likelihood,isms.likelihood)', 'public'),
	('function', 'isms.likelihood_lt(isms.likelihood,isms.likelihood)', 'public'),
	('function', 'isms.likelihood_ne(isms.likelihood,isms.likelihood)', 'public'),
	('function', 'isms.likelihood_out(isms.likelihood)', 'public'),
	('function', 'isms.likelihood_recv(internal,oid,integer)', 'public'),
	('function', 'isms.likelihood_send(isms.likelihood)', 'public'),
	('function', 'isms.likelihood_smaller(isms.likelihood,isms.likelihood)', 'internal'),
	('function', 'isms.likelihood_typmod_in(cstring[])', 'public'),
	('function', 'isms.likelihood_typmod_out(integer)', 'public'),
	('function', 'isms.lognormal_ale(double precision,double precision,double precision)', 'public'),
	('function', 'isms.loss_exceedance(jsonb,integer,bigint,integer)', 'public'),
	('function', 'isms.loss_exceedance_svg(double precision[],double precision[],text,text)', 'public'),
	('function', 'isms.loss_exceedance_svg(jsonb,integer,bigint,integer,text,text)', 'reader'),
	('function', 'isms.management_review_pack(date,date)', 'reader'),
	('function', 'isms.max(isms.impact)', 'public'),
	('function', 'isms.max(isms.likelihood)', 'public'),
	('function', 'isms.max(isms.risk_level)', 'public'),
	('function', 'isms.min(isms.impact)', 'public'),
	('function', 'isms.min(isms.likelihood)', 'public'),
	('function', 'isms.min(isms.risk_level)', 'public'),
	('function', 'isms.octave_impact_value(text)', 'public'),
	('function', 'isms.octave_max_score()', 'reader'),
	('function', 'isms.octave_mitigation(integer)', 'public'),
	('function', 'isms.octave_pool(text,integer,integer)', 'public'),
	('function', 'isms.octave_rank_impact_areas(text[])', 'editor'),
	('function', 'isms.octave_relative_risk_score(jsonb)', 'reader'),
	('function', 'isms.octave_risk_pool(text,jsonb)', 'reader'),
	('function', 'isms.octave_score(integer[],integer[])', 'public'),
	('function', 'isms.org_member_check()', 'internal'),
	('function', 'isms.org_visible(bigint)', 'public'),
	('function', 'isms.oscal_check_stale_controls(bigint,text[])', 'admin'),
	('function', 'isms.oscal_json_to_xml(jsonb)', 'public'),
	('function', 'isms.oscal_links_xml(jsonb)', 'public'),
	('function', 'isms.oscal_props_xml(jsonb)', 'public'),
	('function', 'isms.rescore_risks(bigint,bigint)', 'editor'),
	('function', 'isms.review_days(isms.risk_level,bigint)', 'reader'),
	('function', 'isms.risk_acceptance_guard()', 'internal'),
	('function', 'isms.risk_level(integer,integer)', 'public'),
	('function', 'isms.risk_level(integer,integer,bigint)', 'public'),
	('function', 'isms.risk_level(integer,integer,text)', 'public'),
	('function', 'isms.risk_level(isms.likelihood,isms.impact)', 'public'),
	('function', 'isms.risk_level(isms.likelihood,isms.impact,bigint)', 'public'),
	('function', 'isms.risk_level(isms.likelihood,isms.impact,text)', 'public'),
	('function', 'isms.risk_level(text,text)', 'public'),
	('function', 'isms.risk_level(text,text,bigint)', 'public'),
	('function', 'isms.risk_level(text,text,text)', 'public'),
	('function', 'isms.risk_level_apply_scale(isms.risk_level,integer,boolean)', 'public'),
	('function', 'isms.risk_level_cmp(isms.risk_level,isms.risk_level)', 'public'),
	('function', 'isms.risk_level_eq(isms.risk_level,isms.risk_level)', 'public'),
	('function', 'isms.risk_level_from_integer(integer,integer,boolean)', 'public'),
	('function', 'isms.risk_level_ge(isms.risk_level,isms.risk_level)', 'public'),
	('function', 'isms.risk_level_gt(isms.risk_level,isms.risk_level)', 'public'),
	('function', 'isms.risk_level_hash(isms.risk_level)', 'public'),
	('function', 'isms.risk_level_hash_extended(isms.risk_level,bigint)', 'public'),
	('function', 'isms.risk_level_in(cstring,oid,integer)', 'public'),
	('function', 'isms.risk_level_larger(isms.risk_level,isms.risk_level)', 'internal'),
	('function', 'isms.risk_level_le(isms.risk_level,isms.risk_level)', 'public'),
	('function', 'isms.risk_level_lt(isms.risk_level,isms.risk_level)', 'public'),
	('function', 'isms.risk_level_ne(isms.risk_level,isms.risk_level)', 'public'),
	('function', 'isms.risk_level_out(isms.risk_level)', 'public'),
	('function', 'isms.risk_level_recv(internal,oid,integer)', 'public'),
	('function', 'isms.risk_level_send(isms.risk_level)', 'public'),
	('function', 'isms.risk_level_smaller(isms.risk_level,isms.risk_level)', 'internal'),
	('function', 'isms.risk_level_typmod_in(cstring[])', 'public'),
	('function', 'isms.risk_level_typmod_out(integer)', 'public'),
	('function', 'isms.risk_link_guard()', 'internal'),
	('function', 'isms.risk_matrix_check(isms.risk_level[],integer,integer,integer)', 'public'),
	('function', 'isms.risk_matrix_guard()', 'internal'),
	('function', 'isms.risk_matrix_in_use(bigint)', 'public'),
	('function', 'isms.risk_matrix_no_truncate()', 'internal'),
	('function', 'isms.risk_register_as_of(timestamp with time zone)', 'auditor'),
	('function', 'isms.risk_score(integer,integer)', 'public'),
	('function', 'isms.risk_score(isms.likelihood,isms.impact)', 'public'),
	('function', 'isms.risk_score(text,text)', 'public'),
	('function', 'isms.risk_status_transitions()', 'public'),
	('function', 'isms.risk_workflow()', 'internal'),
	('function', 'isms.run_scheduled_checks(date,bigint)', 'admin'),
	('function', 'isms.scale(isms.impact)', 'public'),
	('function', 'isms.scale(isms.likelihood)', 'public'),
	('function', 'isms.scale(isms.risk_level)', 'public'),
	('function', 'isms.scanner_asset(text,text)', 'editor'),
	('function', 'isms.scanner_cvss_score(text,numeric)', 'public'),
	('function', 'isms.scanner_cvss_vector(text)', 'public'),
	('function', 'isms.scanner_timestamp(text)', 'public'),
	('function', 'isms.scheduled_checks_lock()', 'admin'),
	('function', 'isms.seeded_guard()', 'internal'),
	('function', 'isms.seeded_no_truncate()', 'internal'),
	('function', 'isms.set_updated_at()', 'internal'),
	('function', 'isms.sle(numeric,numeric)', 'public'),
	('function', 'isms.snapshot_kpis(bigint)', 'admin'),
	('function', 'isms.soa_xml()', 'reader'),
	('function', 'isms.soa_xml(isms.soa_entry[],text,text,text,timestamp with time zone)', 'public'),
	('function', 'isms.supersede_matrix(bigint,isms.risk_level[],integer,text)', 'admin'),
	('function', 'isms.track(regclass,boolean)', 'admin'),
	('function', 'isms.track_changes()', 'internal'),
	('function', 'isms.track_check(regclass)', 'admin'),
	('function', 'isms.untrack(regclass)', 'admin'),
	('function', 'isms.verify_audit_log()', 'auditor'),
	('function', 'isms.verify_audit_log(bigint,bytea)', 'auditor'),
	('function', 'isms.verify_audit_log(bigint)', 'auditor'),
	('function', 'isms.verify_audit_log(bigint,bigint,bytea)', 'auditor'),
	('function', 'isms.within_appetite(isms.risk_level,text,bigint)', 'reader'),
	('function', 'isms.xml_replace_invalid(xml)', 'public'),
	('function', 'isms.xml_valid_text(text)', 'public');

-- What each class allows each role (effective privileges, inherited ones
-- included), and whether its rows are filtered by organization.
--   register      an organization's rows: read by members, written by editors
--   tenant_admin  organizations, memberships, KPI snapshots, overdue reviews:
--                 written by isms_admin only
--   catalog       shared catalogs: read by all, written by isms_admin only
--   history       an organization's history: auditors only
--   catalog_history, log: the catalogs' history, the audit log: auditors only
--   outbox        the events of an organization: read by its members, written
--                 by nobody (the extension appends them)
--   view, audit_view: read by readers (the exposure trend, computed from the
--                 history, by auditors)
--   public        computes only: everyone; reader, editor, auditor, admin:
--                 that role and those above it (reader: also the support
--                 functions of the aggregates Citus splits, which it checks
--                 for the caller); internal: nobody (triggers, other
--                 aggregate support; isms.distribute(): superusers)
CREATE TEMP TABLE allowed (class text, role text, privileges text[], rls boolean);
INSERT INTO allowed
SELECT class, role, privileges, rls FROM (VALUES
	('register',        '{SELECT}', '{SELECT,INSERT,UPDATE,DELETE}', '{SELECT}', '{SELECT,INSERT,UPDATE,DELETE}', true),
	('tenant_admin',    '{SELECT}', '{SELECT}',                      '{SELECT}', '{SELECT,INSERT,UPDATE,DELETE}', true),
	('catalog',         '{SELECT}', '{SELECT}',                      '{SELECT}', '{SELECT,INSERT,UPDATE,DELETE}', false),
	('history',         '{}',       '{}',                            '{SELECT}', '{SELECT}',                      true),
	('catalog_history', '{}',       '{}',                            '{SELECT}', '{SELECT}',                      false),
	('log',             '{}',       '{}',                            '{SELECT}', '{SELECT}',                      true),
	('outbox',          '{SELECT}', '{SELECT}',                      '{SELECT}', '{SELECT}',                      true),
	('view',            '{SELECT}', '{SELECT}',                      '{SELECT}', '{SELECT}',                      NULL),
	('audit_view',      '{}',       '{}',                            '{SELECT}', '{SELECT}',                      NULL),
	('public',          '{EXECUTE}', '{EXECUTE}',                    '{EXECUTE}', '{EXECUTE}',                    NULL),
	('reader',          '{EXECUTE}', '{EXECUTE}',                    '{EXECUTE}', '{EXECUTE}',                    NULL),
	('editor',          '{}',       '{EXECUTE}',                     '{}',       '{EXECUTE}',                     NULL),
	('auditor',         '{}',       '{}',                            '{EXECUTE}', '{EXECUTE}',                    NULL),
	('admin',           '{}',       '{}',                            '{}',       '{EXECUTE}',                     NULL),
	('internal',        '{}',       '{}',                            '{}',       '{}',                            NULL)
) v(class, r, e, a, ad, rls)
CROSS JOIN LATERAL (VALUES ('isms_reader', r::text[]), ('isms_editor', e::text[]),
						   ('isms_auditor', a::text[]), ('isms_admin', ad::text[])) x(role, privileges);

-- the live schema
CREATE TEMP VIEW live AS
SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END AS kind, c.relname::text AS object,
	   c.oid AS relid, NULL::oid AS procid, c.relrowsecurity AS rls,
	   EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'isms_org'
				  AND pg_get_expr(p.polqual, p.polrelid) LIKE 'isms.org_visible(%'
				  AND p.polcmd = '*' AND p.polroles = '{0}') AS policy
  FROM pg_class c
  JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'isms'
 WHERE c.relkind IN ('r', 'v')
UNION ALL
SELECT 'function', p.oid::regprocedure::text, NULL, p.oid, NULL, NULL
  FROM pg_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'isms';

-- every object is declared, and every declared object exists
SELECT l.kind, l.object AS undeclared FROM live l
 WHERE NOT EXISTS (SELECT FROM declared d WHERE d.kind = l.kind AND d.object = l.object) ORDER BY 1, 2;
SELECT d.kind, d.object AS missing FROM declared d
 WHERE NOT EXISTS (SELECT FROM live l WHERE d.kind = l.kind AND d.object = l.object) ORDER BY 1, 2;

-- every cell: object x role x privilege
CREATE TEMP VIEW cells AS
SELECT l.kind, l.object, d.class, a.role, p.privilege,
	   p.privilege = ANY (a.privileges) AS declared,
	   CASE WHEN l.kind = 'function' THEN has_function_privilege(a.role, l.procid, p.privilege)
			ELSE has_table_privilege(a.role, l.relid, p.privilege) END AS actual
  FROM live l
  JOIN declared d ON d.kind = l.kind AND d.object = l.object
  JOIN allowed a ON a.class = d.class
  JOIN LATERAL unnest(CASE WHEN l.kind = 'function' THEN '{EXECUTE}'::text[]
						   ELSE '{SELECT,INSERT,UPDATE,DELETE,TRUNCATE,REFERENCES,TRIGGER}' END) p(privilege) ON true;
SELECT count(*) AS cells, count(*) FILTER (WHERE declared) AS allowed FROM cells;
SELECT kind, object, class, role, privilege, declared, actual FROM cells
 WHERE declared <> actual ORDER BY 1, 2, 4, 5;
-- the same for PUBLIC: only the public functions
SELECT l.kind, l.object, d.class FROM live l JOIN declared d USING (kind, object)
 WHERE (d.class = 'public') <> CASE WHEN l.kind = 'function' THEN has_function_privilege('public', l.procid, 'EXECUTE')
									ELSE has_table_privilege('public', l.relid, 'SELECT')
										 OR has_table_privilege('public', l.relid, 'INSERT') END
 ORDER BY 1, 2;
-- row-level security: on, with the organization policy, exactly where declared
SELECT l.kind, l.object, d.class, l.rls, l.policy FROM live l
  JOIN declared d USING (kind, object) JOIN allowed a ON a.class = d.class AND a.role = 'isms_reader'
 WHERE a.rls IS NOT NULL AND (l.rls IS DISTINCT FROM a.rls OR l.policy IS DISTINCT FROM a.rls)
 ORDER BY 1, 2;
-- views run as the role that queries them (15 and later) or as a role
-- that the policies filter (13)
SELECT c.relname FROM pg_class c JOIN declared d ON d.object = c.relname AND d.kind = 'view'
 WHERE c.relnamespace = 'isms'::regnamespace
   AND NOT (coalesce(c.reloptions, '{}') @> '{security_invoker=true}'
			OR c.relowner = (SELECT oid FROM pg_roles WHERE rolname = 'isms_view_owner'))
 ORDER BY 1;
-- per class: how many objects
SELECT d.kind, d.class, count(*) FROM declared d GROUP BY 1, 2 ORDER BY 1, 2;

-- The organization dimension, live: a login of each group role, member of
-- organization 1, sees no row of organization 2 in any table or view it
-- may read; isms_admin sees both.
INSERT INTO isms.organization (id, name) VALUES (1, 'One'), (2, 'Two');
INSERT INTO isms.asset (org_id, name) VALUES (1, 'a1'), (2, 'a2');
INSERT INTO isms.risk (org_id, title) VALUES (1, 'r1'), (2, 'r2');
INSERT INTO isms.person (org_id, name) VALUES (1, 'p1'), (2, 'p2');
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_m_reader, regress_m_editor, regress_m_auditor, regress_m_admin;
CREATE ROLE regress_m_reader IN ROLE isms_reader;
CREATE ROLE regress_m_editor IN ROLE isms_editor;
CREATE ROLE regress_m_auditor IN ROLE isms_auditor;
CREATE ROLE regress_m_admin IN ROLE isms_admin;
RESET client_min_messages;
INSERT INTO isms.org_member (org_id, member)
VALUES (1, 'regress_m_reader'), (1, 'regress_m_editor'), (1, 'regress_m_auditor'), (1, 'regress_m_admin');
CREATE FUNCTION pg_temp.rows_by_org(login name) RETURNS TABLE (org bigint, objects bigint, total_rows bigint)
	LANGUAGE plpgsql AS $$
DECLARE
	t record;
	n bigint;
	counts bigint[] := '{0,0}';
	objects bigint := 0;
BEGIN
	EXECUTE format('SET LOCAL ROLE %I', login);
	-- the views of one organization (v_soa) need it named
	SET LOCAL isms.org_id = '1';
	FOR t IN
		SELECT c.oid::regclass AS rel, CASE WHEN c.relname LIKE 'organization%' THEN 'id' ELSE 'org_id' END AS col
		  FROM pg_class c
		 WHERE c.relnamespace = 'isms'::regnamespace AND c.relkind IN ('r', 'v')
		   AND has_table_privilege(c.oid, 'SELECT')
		   AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND NOT a.attisdropped
						  AND a.attname = CASE WHEN c.relname LIKE 'organization%' THEN 'id' ELSE 'org_id' END)
	LOOP
		FOR o IN 1..2 LOOP
			EXECUTE format('SELECT count(*) FROM %s WHERE %I = $1', t.rel, t.col) INTO n USING o;
			counts[o] := counts[o] + n;
		END LOOP;
		objects := objects + 1;
	END LOOP;
	RESET ROLE;
	RETURN QUERY SELECT 1::bigint, objects, counts[1] UNION ALL SELECT 2, objects, counts[2];
END
$$;
BEGIN;
SELECT r.login, x.* FROM unnest('{regress_m_reader,regress_m_editor,regress_m_auditor,regress_m_admin}'::name[]) r(login),
	   pg_temp.rows_by_org(r.login) x ORDER BY 1, 2;
COMMIT;
SET client_min_messages = warning;
DROP OWNED BY regress_m_reader, regress_m_editor, regress_m_auditor, regress_m_admin;
DROP ROLE regress_m_reader, regress_m_editor, regress_m_auditor, regress_m_admin;
RESET client_min_messages;
\i sql/fixtures/end.sql
