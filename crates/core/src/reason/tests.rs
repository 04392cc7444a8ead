//! Reasons: every message the code names is in the catalogue, the English
//! is the wording the command line and the API always gave, and the other
//! languages say it in their own words.

use std::path::{Path, PathBuf};

use super::*;
use crate::date::PreciseDate;
use crate::error::{Error, FieldError, InvalidValue, ValidationErrors};
use crate::field::{Prose, WebAddress};

/// The `.rs` files under `dir`, recursively.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The message ids that start with `reason-` written as string literals in
/// the sources of the crates that give reasons.
fn reason_ids_in_code() -> Vec<(String, PathBuf)> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for krate in ["core", "store", "web", "report", "exchange", "cli"] {
        sources(&crates.join(krate).join("src"), &mut files);
    }
    let mut ids = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for piece in text.split("\"reason-").skip(1) {
            let id: String = piece
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                .collect();
            // Ids made with format! ("reason-candidate-status-{}") end in
            // a hyphen; their endings are checked by the tests below.
            if piece[id.len()..].starts_with('"') && !id.is_empty() && !id.ends_with('-') {
                ids.push((format!("reason-{id}"), file.clone()));
            }
        }
    }
    ids
}

#[test]
fn every_reason_the_code_names_is_in_every_language() {
    let ids = reason_ids_in_code();
    assert!(ids.len() > 100, "found only {} reason ids", ids.len());
    for (id, file) in ids {
        for lang in Lang::ALL {
            assert!(
                lang.has(&id),
                "{} lacks {id} ({})",
                lang.code(),
                file.display()
            );
        }
    }
}

#[test]
fn every_status_a_refusal_names_is_in_the_catalogue() {
    for status in crate::model::CandidateStatus::ALL {
        let id = format!("reason-candidate-status-{status}");
        assert!(Lang::ALL.iter().all(|l| l.has(&id)), "{id}");
    }
    for role in crate::accounts::Role::ALL {
        assert!(Lang::En.has(&format!("role-{role}")), "{role}");
    }
}

#[test]
fn the_english_is_the_wording_the_command_line_always_gave() {
    let blank = Prose::parse("   ").unwrap_err();
    assert_eq!(blank.reason, "must not be empty");
    let long = crate::field::check_shape("abcdef", 3, false).unwrap_err();
    assert_eq!(long.reason, "is 6 characters long; at most 3 are allowed");
    let date = PreciseDate::parse("2008-13-45").unwrap_err();
    assert_eq!(
        date.reason,
        "'2008-13-45' is not a date: no such day in the calendar (expected YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD)"
    );
    let url = WebAddress::parse("ftp://x").unwrap_err();
    assert_eq!(
        url.reason,
        "'ftp://x' is not a web address (expected http:// or https:// and no spaces)"
    );
    let deadline = Said::new("reason-deadline-before-made")
        .date("deadline", &PreciseDate::parse("2006").unwrap())
        .date("made", &PreciseDate::parse("2007-11-29").unwrap());
    assert_eq!(
        deadline.english(),
        "the deadline (2006) is before the commitment was made (2007-11-29)"
    );
    let exists = Said::new("reason-already-exists")
        .kind("kind", "recipient_list")
        .text("id", "x");
    assert_eq!(exists.english(), "recipient_list x already exists");
    assert_eq!(
        Error::Changed.to_string(),
        "the record changed while this change was being checked (someone else saved at the same moment); nothing was written, try again"
    );
    let dangling = Error::DanglingReference {
        field: "bound".into(),
        kind: "actor",
        id: "42".into(),
    };
    assert_eq!(
        dangling.to_string(),
        "bound: refers to actor 42, which does not exist or was removed"
    );
    let invalid = Error::Invalid(ValidationErrors(vec![blank.at("statement")]));
    assert_eq!(
        invalid.to_string(),
        "invalid input:\nstatement: must not be empty"
    );
}

#[test]
fn other_languages_say_it_in_their_own_words_with_their_dates_and_plurals() {
    let date = PreciseDate::parse("2008-13-45").unwrap_err();
    assert_eq!(
        date.reason_in(Lang::Ru),
        "«2008-13-45» — не дата: такого дня нет в календаре (допустимо: ГГГГ, ГГГГ-ММ, ГГГГ-Qn или ГГГГ-ММ-ДД)"
    );
    let deadline = Said::new("reason-deadline-before-made")
        .date("deadline", &PreciseDate::parse("2006").unwrap())
        .date("made", &PreciseDate::parse("2007-11-29").unwrap());
    assert_eq!(
        deadline.in_lang(Lang::Ru),
        "срок (2006 г.) раньше, чем дано обязательство (29 ноября 2007 г.)"
    );
    assert_eq!(
        deadline.in_lang(Lang::Fr),
        "l'échéance (2006) précède la date de l'engagement (29 novembre 2007)"
    );
    let long = |n: usize| {
        Said::new("reason-too-long")
            .count("chars", n)
            .count("max", 3)
    };
    assert_eq!(
        long(5).in_lang(Lang::Ru),
        "длина — 5 символов, допустимо не более 3 символов"
    );
    assert_eq!(
        long(22).in_lang(Lang::Ru),
        "длина — 22 символа, допустимо не более 3 символов"
    );
    assert_eq!(
        long(5).in_lang(Lang::Es),
        "tiene 5 caracteres; se admiten como máximo 3"
    );
    let exists = Said::new("reason-already-exists")
        .kind("kind", "recipient_list")
        .text("id", "0191");
    assert_eq!(
        exists.in_lang(Lang::Ru),
        "такая запись (список адресатов) уже существует"
    );
}

#[test]
fn a_reason_of_its_own_words_shows_as_written_in_every_language() {
    let own = FieldError::new("file", "the PDF has no text layer");
    assert_eq!(own.reason_in(Lang::Ru), "the PDF has no text layer");
    let line = Said::new("reason-on-line")
        .count("line", 2)
        .said("reason", InvalidValue::new("odd").into_said());
    assert_eq!(line.in_lang(Lang::Fr), "ligne 2 : odd");
    assert_eq!(line.english(), "line 2: odd");
}

#[test]
fn errors_compare_by_their_english() {
    let said = FieldError::said("statement", Said::new("reason-empty"));
    assert_eq!(said, FieldError::new("statement", "must not be empty"));
    assert_eq!(said.reason_in(Lang::Es), "no puede estar vacío");
    let refused = Error::refused(Said::new("reason-disable-self"));
    assert_eq!(refused.to_string(), "you cannot disable your own account");
    assert_eq!(
        refused.in_lang(Lang::Ru),
        "нельзя отключить собственную учётную запись"
    );
}

#[test]
fn field_names_on_their_own_are_the_names_in_english_and_words_elsewhere() {
    let fields = [
        "reason",
        "comment",
        "query",
        "as_of",
        "sort",
        "order",
        "role",
        "version",
        "deadline_from",
        "deadline_to",
        "expires",
        "name",
    ];
    for field in fields {
        assert_eq!(field_name(Lang::En, field), field);
        let id = format!("reason-field-{}", field.replace('_', "-"));
        assert!(Lang::ALL.iter().all(|l| l.has(&id)), "{id}");
        assert_ne!(field_name(Lang::Ru, field), field);
    }
    assert_eq!(field_name(Lang::Ru, "no_such_field"), "no_such_field");
    let invalid = Error::from(FieldError::said(
        "comment",
        Said::new("reason-say-what-to-change"),
    ));
    assert_eq!(
        invalid.in_lang(Lang::Ru),
        "данные не приняты:\nкомментарий: напишите, что редактору нужно изменить"
    );
    assert_eq!(invalid.in_lang(Lang::En), invalid.to_string());
}
