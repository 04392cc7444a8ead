//! The recipient list form: the addressees of a dossier's letters, one per
//! line as "State | Title | Name | Salutation | Address | Signatories"
//! (the address's lines and the signatories' names separated by ";"), and
//! who signs the list's letters.

use pledgewatch_core::Title;
use pledgewatch_core::error::{Said, ValidationErrors};
use pledgewatch_core::ids::{RecipientListId, SignatoryId};
use pledgewatch_core::model::{EntityKind, Recipient, RecipientList};

use super::Input::*;
use super::parse::{Parser, escaped, lines, split_escaped, unescaped};
use super::{Field, KindForm, Named, NotOne, f};

form_values!(RecipientListForm {
    name: Option<String>,
    recipients: Option<String>,
    signatories: Vec<String>,
});

const LINE: &str = "State | Title | Name | Salutation | Address | Signatories";

impl KindForm for RecipientListForm {
    type Record = RecipientList;

    const FIELDS: &'static [Field] = &[
        f("name", "Name", Text, true, ""),
        f(
            "recipients",
            "Recipients",
            Lines,
            false,
            "One per line: State | Title | Name | Salutation | Address | Signatories; \
             the address's lines and the signatories' names separated by ; \
             (signatories: those who sign this recipient's letter instead of the list's; a signatory's id instead of the name when several share it). A | or ; inside a value is written \\| or \\;.",
        ),
        f(
            "signatories",
            "Signatories",
            Refs(EntityKind::Signatory),
            false,
            "who signs this list's letters (none: the dossier's signatories)",
        ),
    ];

    fn from_entity(r: &RecipientList, names: &Named) -> Self {
        let lines: Vec<String> = r.recipients.iter().map(|p| line_of(p, names)).collect();
        RecipientListForm {
            name: Some(r.name.to_string()),
            recipients: Some(lines.join("\n")),
            signatories: r.signatories.iter().map(ToString::to_string).collect(),
        }
    }

    fn into_entity(
        self,
        id: RecipientListId,
        by_name: &Named,
    ) -> Result<RecipientList, ValidationErrors> {
        let mut p = Parser::default();
        let recipients: Vec<Recipient> = lines(&self.recipients)
            .iter()
            .enumerate()
            .filter_map(|(i, line)| recipient(&mut p, i + 1, line, by_name))
            .collect();
        let name = p.required_as(at!(self.name));
        let signatories = p.ids(at!(self.signatories), SignatoryId);
        p.finish(|| {
            Some(RecipientList {
                id,
                name: name?,
                recipients,
                signatories,
            })
        })
    }
}

/// A recipient as a line of the form; the last columns only when used.
fn line_of(p: &Recipient, names: &Named) -> String {
    let mut cols = vec![
        escaped(p.state.as_deref().unwrap_or_default()),
        escaped(p.title.as_ref()),
        escaped(p.name.as_deref().unwrap_or_default()),
        escaped(p.salutation.as_ref()),
    ];
    let signatories: Vec<String> = p
        .signatories
        .iter()
        .map(|id| escaped(&names.shown(id.uuid())))
        .collect();
    if !p.address.is_empty() || !signatories.is_empty() {
        let address: Vec<String> = p.address.iter().map(|l| escaped(l)).collect();
        cols.push(address.join("; "));
    }
    if !signatories.is_empty() {
        cols.push(signatories.join("; "));
    }
    cols.join(" | ")
}

/// A line's items separated by ";" (an address's lines, signatories' names).
fn items(col: Option<&str>) -> Vec<String> {
    col.map(|c| {
        split_escaped(c, ';')
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(unescaped)
            .collect()
    })
    .unwrap_or_default()
}

/// One line of recipients: a title and a salutation are needed; a refused
/// one is named as the list's rules named it (`recipients[0].title`); a
/// signatory is named as recorded (or by its id).
fn recipient(p: &mut Parser, n: usize, line: &str, by_name: &Named) -> Option<Recipient> {
    // Columns kept escaped: the lists among them are split at `;` first.
    let cols: Vec<&str> = split_escaped(line, '|');
    let raw = |i: usize| cols.get(i).copied().filter(|s| !s.is_empty());
    let col = |i: usize| raw(i).map(unescaped);
    if cols.len() > 6 {
        p.push(
            "recipients",
            Said::new("reason-recipient-columns")
                .count("line", n)
                .text("expected", LINE),
        );
        return None;
    }
    let mut signatories = Vec::new();
    for name in items(raw(5)) {
        match by_name.find(&name) {
            Ok(id) => signatories.push(SignatoryId(id)),
            Err(not_one) => {
                let said = match not_one {
                    NotOne::None => Said::new("reason-not-a-signatory"),
                    NotOne::Several(ids) => Said::new("reason-several-signatories-named")
                        .text("ids", super::ids_text(&ids)),
                };
                p.push("recipients", said.count("line", n).text("name", &name));
            }
        }
    }
    match (col(1), col(3)) {
        (Some(title), Some(salutation)) => {
            let mut parsed = |field: &str, text: String| {
                Title::parse(text)
                    .map_err(|e| {
                        p.errors
                            .push(e.at(format!("recipients[{}].{field}", n - 1)))
                    })
                    .ok()
            };
            let title = parsed("title", title);
            let salutation = parsed("salutation", salutation);
            Some(Recipient {
                state: col(0),
                title: title?,
                name: col(2),
                salutation: salutation?,
                address: items(raw(4)),
                signatories,
            })
        }
        _ => {
            p.push(
                "recipients",
                Said::new("reason-recipient-line")
                    .count("line", n)
                    .text("expected", LINE),
            );
            None
        }
    }
}
