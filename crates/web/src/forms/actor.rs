//! The actor form: kind, names, country code, and roles entered one per
//! line as "Title | From | Until | Of" (Of: the exact name of another actor, or its id when several share it).

use pledgewatch_core::date::PreciseDate;
use pledgewatch_core::error::{InvalidValue, Said, ValidationErrors};
use pledgewatch_core::ids::ActorId;
use pledgewatch_core::model::{Actor, ActorKind, ActorRole};

use super::Input::*;
use super::parse::{Parser, escaped, lines, split_escaped, text, unescaped};
use super::{Field, KindForm, Named, NotOne, f};

const ACTOR_KINDS: &[&str] = &["state", "institution", "person", "organisation"];

form_values!(ActorForm {
    kind: Option<String>,
    name: Option<String>,
    short_name: Option<String>,
    country_code: Option<String>,
    roles: Option<String>,
});

impl KindForm for ActorForm {
    type Record = Actor;

    const FIELDS: &'static [Field] = &[
        f("kind", "Kind", Select(ACTOR_KINDS), true, ""),
        f("name", "Name", Text, true, ""),
        f("short_name", "Short name", Text, false, "e.g. ODIHR"),
        f(
            "country_code",
            "Country code",
            Text,
            false,
            "ISO 3166-1 alpha-2, for states (e.g. KZ)",
        ),
        f(
            "roles",
            "Roles",
            Lines,
            false,
            "One per line: Title | From | Until | Of (the exact name of another actor, or its id when several share the name). Only the title is required. A | or ; inside a value is written \\| or \\;.",
        ),
    ];

    fn from_entity(a: &Actor, names: &Named) -> Self {
        let roles: Vec<String> = a.roles.iter().map(|r| role_line(r, names)).collect();
        ActorForm {
            kind: Some(a.kind.as_str().to_owned()),
            name: Some(a.name.to_string()),
            short_name: a.short_name.clone(),
            country_code: a.country_code.as_ref().map(ToString::to_string),
            roles: Some(roles.join("\n")),
        }
    }

    fn into_entity(self, id: ActorId, named: &Named) -> Result<Actor, ValidationErrors> {
        let mut p = Parser::default();
        let roles: Vec<Option<ActorRole>> = lines(&self.roles)
            .iter()
            .enumerate()
            .map(|(i, line)| role(&mut p, i + 1, line, named))
            .collect();
        let kind = p.named(at!(self.kind), ActorKind::parse);
        let name = p.required_as(at!(self.name));
        let country_code = p.optional_as(at!(self.country_code));
        p.finish(|| {
            Some(Actor {
                id,
                kind: kind?,
                name: name?,
                short_name: text(&self.short_name),
                country_code: country_code?,
                roles: roles.into_iter().collect::<Option<_>>()?,
            })
        })
    }
}

/// A role as its line of the form, without trailing empty columns.
fn role_line(r: &ActorRole, names: &Named) -> String {
    let of = r.of.map(|id| names.shown(id.uuid())).unwrap_or_default();
    let d = |x: &Option<PreciseDate>| x.map(|d| d.to_string()).unwrap_or_default();
    let title = escaped(r.title.as_ref());
    format!(
        "{title} | {} | {} | {}",
        d(&r.from),
        d(&r.until),
        escaped(&of)
    )
    .trim_end_matches([' ', '|'])
    .to_owned()
}

/// The reason of line `n`.
fn on_line(n: usize, e: InvalidValue) -> Said {
    Said::new("reason-on-line")
        .count("line", n)
        .said("reason", e.into_said())
}

/// One line of roles; its errors name the line, but a refused title is
/// named as the actor's rules named it (`roles[0].title`).
fn role(p: &mut Parser, n: usize, line: &str, named: &Named) -> Option<ActorRole> {
    let cols: Vec<String> = split_escaped(line, '|')
        .into_iter()
        .map(unescaped)
        .collect();
    let date = |p: &mut Parser, col: usize| -> Option<PreciseDate> {
        let text = cols.get(col).filter(|t| !t.is_empty())?;
        PreciseDate::parse(text)
            .map_err(|e| p.push("roles", on_line(n, e)))
            .ok()
    };
    let from = date(p, 1);
    let until = date(p, 2);
    let of = match cols.get(3).filter(|t| !t.is_empty()) {
        Some(name) => match named.find(name) {
            Ok(id) => Some(ActorId(id)),
            Err(not_one) => {
                let said = match not_one {
                    NotOne::None => Said::new("reason-no-actor-named"),
                    NotOne::Several(ids) => {
                        Said::new("reason-several-actors-named").text("ids", super::ids_text(&ids))
                    }
                };
                p.push("roles", said.count("line", n).text("name", name));
                None
            }
        },
        None => None,
    };
    let title = cols.first().cloned().unwrap_or_default().parse();
    let title = title
        .map_err(|e: InvalidValue| p.errors.push(e.at(format!("roles[{}].title", n - 1))))
        .ok()?;
    Some(ActorRole {
        title,
        of,
        from,
        until,
    })
}
