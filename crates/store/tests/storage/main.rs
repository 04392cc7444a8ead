//! The storage test suite. Every test runs once on SQLite and once on
//! PostgreSQL (when `PLEDGEWATCH_TEST_POSTGRES_URL` names a server the tests
//! may create databases on). Without it the PostgreSQL trials are reported as
//! ignored, with the reason; under CI and `./test` they fail instead.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod copy;
mod date_race;
mod harness;
mod lifecycle;
mod ordered_lists;
mod review;
mod sessions;
mod signins;
mod suite;
mod typed_rows;

use pledgewatch_testkit::{backend_trials, trial};

fn main() {
    // The one list of tests, each run on both backends.
    let mut trials = backend_trials!(suite {
        migrations_create_exactly_the_columns_the_specs_name,
        every_demo_entity_reads_back_as_it_was_written,
        the_demo_dossier_shows_214_days_left_on_31_may_2008,
        the_demo_dossier_shows_the_reforms_overdue_on_1_march_2009,
        the_view_as_of_a_past_date_ignores_what_came_later,
        the_demo_shows_regressions_where_sources_report_backtracking,
        an_edit_based_on_a_stale_version_is_refused_as_a_conflict,
        two_concurrent_writers_never_lose_an_update,
        a_dangling_reference_is_refused_and_the_batch_writes_nothing,
        an_id_taken_by_a_record_of_another_kind_is_refused_and_nothing_is_written,
        a_removed_entity_leaves_lists_but_keeps_its_history,
        an_entity_still_referred_to_cannot_be_removed,
        moving_a_milestone_moves_the_deadlines_tied_to_it,
        the_audit_chain_verifies_after_ordinary_work,
        an_edited_audit_entry_is_named_by_verify,
        a_deleted_audit_entry_is_named_by_verify,
        reordered_audit_entries_are_named_by_verify,
        removing_the_newest_audit_entry_is_named_by_verify,
        a_creation_is_audited_by_its_body_hash_and_its_body_found_again,
        verify_names_the_entry_tampered_with_not_the_creation_it_holds_the_body_of,
        a_creations_hash_rewritten_to_a_changed_row_breaks_its_entry,
        search_ranks_matches_and_returns_snippets,
        search_finds_cyrillic_and_accented_french_text,
        search_never_returns_confidential_sources_to_the_public,
        hostile_search_text_is_searched_for_not_executed,
        backup_and_restore_into_an_empty_database_gives_identical_tables,
        restore_into_a_database_that_is_not_empty_is_refused_and_changes_nothing,
        a_duplicate_dossier_slug_is_refused_naming_the_field,
        the_public_sees_only_published_entities_and_never_confidential_sources,
        accounts_are_created_once_audited_without_their_secret_and_sessions_expire,
        api_tokens_authenticate_their_owner_until_revoked_and_are_audited,
        files_are_stored_once_by_content_and_sources_must_name_a_stored_file,
        proposed_candidates_are_pending_drafts_linked_to_their_source,
        accepting_a_candidate_creates_its_quote_and_commitment_in_one_audited_step,
        a_candidate_like_a_recorded_commitment_is_found_and_attached_to_it_as_evidence,
        an_accepted_candidate_joins_the_dossier_chosen_in_the_same_step,
        an_accepted_candidate_is_bound_to_the_actor_of_its_name_and_made_by_its_speaker_on_its_occasion,
        a_rejected_candidate_keeps_its_reason_and_cannot_then_be_accepted,
        accepting_a_stale_version_of_a_candidate_is_refused_as_a_conflict,
        a_quote_that_is_not_the_source_text_is_refused_and_nothing_is_written,
        a_text_is_kept_with_at_most_500_candidates_and_beyond_nothing_is_written,
        a_large_batch_writes_every_link_and_search_document_and_refuses_repeats,
        a_null_in_a_required_column_is_a_storage_error_naming_table_and_column,
    });
    trials.extend(backend_trials!(copy {
        a_copy_in_small_pages_holds_every_row_and_verifies,
        a_copy_that_does_not_verify_is_rolled_back,
        a_target_that_holds_records_is_refused_unless_replaced,
    }));
    trials.extend(backend_trials!(date_race {
        a_batch_is_refused_when_anything_was_written_since_its_checks,
        rating_and_moving_a_commitment_at_once_never_both_pass_the_date_rule,
    }));
    trials.extend(backend_trials!(lifecycle {
        disabling_an_account_ends_its_sessions_and_revokes_its_tokens_in_one_audited_step,
        the_last_enabled_administrator_can_be_neither_disabled_nor_demoted,
        a_new_password_ends_the_other_sessions_and_is_audited_without_the_hash,
        an_expired_token_is_refused_like_a_revoked_one_and_keeps_its_expiry,
        a_reset_code_works_once_until_it_expires_and_a_new_one_replaces_the_old,
        an_accounts_language_is_saved_audited_and_forgotten,
    }));
    trials.extend(backend_trials!(ordered_lists {
        a_kinds_pages_come_latest_change_first_ties_by_id_and_never_skip_or_repeat,
        the_review_queue_is_oldest_change_first_across_kinds_and_cut_at_its_limit,
        the_public_pages_of_a_kind_come_latest_publication_first_ties_by_id,
        the_review_queue_lists_exactly_the_records_waiting_and_follows_every_publication,
    }));
    trials.extend(backend_trials!(review {
        an_edit_waits_in_the_queue_and_the_public_keeps_the_approved_body,
        a_removal_waits_and_the_published_references_answer_for_the_public,
    }));
    trials.extend(backend_trials!(sessions {
        a_session_writes_nothing_until_its_commit_and_then_every_change_audited,
        a_later_chunk_is_checked_against_what_earlier_chunks_wrote,
    }));
    trials.extend(backend_trials!(signins {
        sign_ins_are_audited_with_their_attempt_and_old_attempts_are_purged,
        old_attempts_are_purged_only_when_asked,
        a_username_no_account_could_have_is_never_stored,
    }));
    trials.push(trial(
        "both_backends_have_migrations_with_identical_file_names",
        both_backends_have_migrations_with_identical_file_names,
    ));
    trials.push(pledgewatch_testkit::every_test_here_is_a_trial(&[
        include_str!("main.rs"),
        include_str!("suite.rs"),
        include_str!("copy.rs"),
        include_str!("date_race.rs"),
        include_str!("signins.rs"),
        include_str!("lifecycle.rs"),
        include_str!("typed_rows.rs"),
    ]));
    pledgewatch_testkit::run(trials)
}

fn both_backends_have_migrations_with_identical_file_names() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let sqlite = pledgewatch_store::migration_names(&root.join("sqlite")).unwrap();
    let postgres = pledgewatch_store::migration_names(&root.join("postgres")).unwrap();
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres must hold the same file names"
    );
}
