//! The search index against the database it is derived from, on both
//! backends: it agrees with the database's own search after any sequence
//! of writes, never shows the public what it may not see, follows writes
//! made by another server, survives restarts, and stems and folds the
//! four languages.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod agree;
mod fixtures;
mod languages;
mod lifecycle;

use pledgewatch_testkit::{backend_trials, every_test_here_is_a_trial, trial};

fn main() {
    let mut trials = backend_trials!(agree {
        random_writes_leave_the_index_agreeing_with_the_database,
        the_public_never_finds_drafts_or_confidential_records,
        two_indexes_on_one_database_both_see_a_write_at_their_next_search,
        the_public_count_agrees_with_what_is_shown_when_a_record_it_needs_is_withdrawn,
        the_best_results_are_the_best_the_viewer_may_see_and_a_count_stops_at_its_limit,
    });
    trials.extend(backend_trials!(lifecycle {
        an_index_on_disk_reopens_where_it_stopped_and_catches_up,
        an_index_of_another_database_is_rebuilt_not_reused,
        an_index_of_another_format_is_rebuilt,
        the_demo_is_indexed_with_exactly_the_searched_kinds,
    }));
    trials.extend(backend_trials!(languages {
        russian_word_forms_find_each_other,
        accents_are_folded_in_french_and_spanish,
        english_word_forms_find_each_other,
        hits_carry_kind_title_marked_passage_and_score,
    }));
    trials.push(trial("an_empty_query_is_refused_naming_the_field", || {
        pledgewatch_testkit::block_on(languages::an_empty_query_is_refused_naming_the_field());
    }));
    trials.push(every_test_here_is_a_trial(&[
        include_str!("main.rs"),
        include_str!("agree.rs"),
        include_str!("fixtures.rs"),
        include_str!("languages.rs"),
        include_str!("lifecycle.rs"),
    ]));
    pledgewatch_testkit::run(trials);
}
