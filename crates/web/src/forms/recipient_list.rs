//! The recipient list form: the addressees of a dossier's letters, one per
//! line as "State | Title | Name | Salutation".

use pledgewatch_core::Title;
use pledgewatch_core::error::ValidationErrors;
use pledgewatch_core::ids::RecipientListId;
use pledgewatch_core::model::{Recipient, RecipientList};

use super::Input::*;
use super::parse::{Parser, lines};
use super::{ActorNames, ActorsByName, Field, KindForm, f};

form_values!(RecipientListForm {
    name: Option<String>,
    recipients: Option<String>,
});

impl KindForm for RecipientListForm {
    type Record = RecipientList;

    const FIELDS: &'static [Field] = &[
        f("name", "Name", Text, true, ""),
        f(
            "recipients",
            "Recipients",
            Lines,
            false,
            "One per line: State | Title | Name | Salutation",
        ),
    ];

    fn from_entity(r: &RecipientList, _: &ActorNames) -> Self {
        let lines: Vec<String> = r
            .recipients
            .iter()
            .map(|p| {
                format!(
                    "{} | {} | {} | {}",
                    p.state.clone().unwrap_or_default(),
                    p.title,
                    p.name.clone().unwrap_or_default(),
                    p.salutation
                )
            })
            .collect();
        RecipientListForm {
            name: Some(r.name.to_string()),
            recipients: Some(lines.join("\n")),
        }
    }

    fn into_entity(
        self,
        id: RecipientListId,
        _: &ActorsByName,
    ) -> Result<RecipientList, ValidationErrors> {
        let mut p = Parser::default();
        let recipients: Vec<Recipient> = lines(&self.recipients)
            .iter()
            .enumerate()
            .filter_map(|(i, line)| recipient(&mut p, i + 1, line))
            .collect();
        let name = p.required_as(at!(self.name));
        p.finish(|| {
            Some(RecipientList {
                id,
                name: name?,
                recipients,
                signatories: Vec::new(),
            })
        })
    }
}

/// One line of recipients: a title and a salutation are needed; a refused
/// one is named as the list's rules named it (`recipients[0].title`).
fn recipient(p: &mut Parser, n: usize, line: &str) -> Option<Recipient> {
    let cols: Vec<&str> = line.split('|').map(str::trim).collect();
    let col = |i: usize| {
        cols.get(i)
            .filter(|s| !s.is_empty())
            .map(|s| (*s).to_owned())
    };
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
                address: Vec::new(),
                signatories: Vec::new(),
            })
        }
        _ => {
            p.push(
                "recipients",
                format!("line {n}: expected State | Title | Name | Salutation, with a title and a salutation"),
            );
            None
        }
    }
}
