//! Inputs read into parsed field types (names, codes, web addresses) are
//! refused on their own field with the message the record's rules gave
//! before, and build nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pledgewatch_core::model::*;
use uuid::Uuid;

use super::*;

/// The errors of a submitted form, as (field, reason).
fn refused(kind: EntityKind, pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let values = values_from_pairs(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    );
    let errors = parse(kind, Uuid::new_v4(), &values, &Named::default()).unwrap_err();
    errors.0.into_iter().map(|e| (e.field, e.reason)).collect()
}

#[test]
fn an_actor_name_too_long_and_a_lowercase_country_code_are_refused_on_their_fields() {
    let long = "x".repeat(1001);
    let errors = refused(
        EntityKind::Actor,
        &[("kind", "state"), ("name", &long), ("country_code", "kz")],
    );
    assert_eq!(
        errors,
        [
            (
                "name".to_owned(),
                "is 1001 characters long; at most 1000 are allowed".to_owned()
            ),
            (
                "country_code".to_owned(),
                "'kz' is not an ISO 3166-1 alpha-2 code (two capital letters)".to_owned()
            ),
        ]
    );
}

#[test]
fn a_blank_name_is_still_required_and_a_control_character_refused() {
    let errors = refused(EntityKind::Actor, &[("kind", "state"), ("name", "  ")]);
    assert_eq!(errors, [("name".to_owned(), "is required".to_owned())]);
    let errors = refused(
        EntityKind::Concern,
        &[
            ("title", "bell \u{7}"),
            ("description", "d"),
            ("description_as_of", "2008-05-28"),
        ],
    );
    assert_eq!(
        errors,
        [(
            "title".to_owned(),
            "contains the control character U+0007, which is not allowed here".to_owned()
        )]
    );
}

#[test]
fn a_source_address_that_is_not_http_is_refused_on_its_field() {
    let errors = refused(
        EntityKind::Source,
        &[("title", "Madrid speech"), ("url", "ftp://osce.org/x")],
    );
    assert_eq!(
        errors,
        [(
            "url".to_owned(),
            "'ftp://osce.org/x' is not a web address (expected http:// or https:// and no spaces)"
                .to_owned()
        )]
    );
}

#[test]
fn a_role_without_a_title_is_refused_as_the_actors_rules_named_it() {
    let errors = refused(
        EntityKind::Actor,
        &[
            ("kind", "person"),
            ("name", "Marat Tazhin"),
            ("roles", "Minister | 2007\n| 2008"),
        ],
    );
    assert_eq!(
        errors,
        [("roles[1].title".to_owned(), "must not be empty".to_owned())]
    );
}

#[test]
fn a_recipient_title_with_a_control_character_is_named_by_its_position() {
    let errors = refused(
        EntityKind::RecipientList,
        &[
            ("name", "Ministers"),
            ("recipients", "Austria | Minister\u{7} | | Dear Minister"),
        ],
    );
    assert_eq!(
        errors,
        [(
            "recipients[0].title".to_owned(),
            "contains the control character U+0007, which is not allowed here".to_owned()
        )]
    );
}
