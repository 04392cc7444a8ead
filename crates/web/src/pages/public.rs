//! The public pages of developments, sources, quotes, concerns,
//! recommendations, actors and occasions (commitments have theirs in their
//! dossier). Each shows a record as the reader may see it (the public:
//! the approved version of a published record, never a confidential
//! source or a quote from one) and links to the pages of the records it
//! cites and that cite it. Pages are named by slug (decision 0032): an id,
//! or a slug with an id suffix it does not need, answers with a permanent
//! redirect; anything the reader may not see is not found.

use std::collections::HashMap;

use axum::Extension;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use pledgewatch_core::date::PreciseDate;
use pledgewatch_core::lang::Lang;
use pledgewatch_core::model::{
    Actor, Concern, Development, Entity, EntityKind, Occasion, Quote, Recommendation, Source,
    Stored, Target,
};
use pledgewatch_core::slugs::{self, Found, SlugTable};
use pledgewatch_core::storage::Storage;
use pledgewatch_core::wording;
use uuid::Uuid;

use super::{Reader, nav, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::PathOf;
use crate::paths::url;
use crate::templates::{Fact, Link, PublicRecordPage, Section};

/// Finds the public pages of records: a record's name comes from its own
/// title and id, so a link costs at most one read of the record.
pub struct Linker<'r> {
    store: &'r dyn Storage,
    /// The reader's language, for the dates and words of the links.
    lang: Lang,
    /// Record id → its page (empty: none the reader may open).
    pages: HashMap<Uuid, String>,
    /// Commitment id → its page in a dossier (empty: none).
    commitments: HashMap<Uuid, String>,
}

impl<'r> Linker<'r> {
    pub fn new(store: &'r dyn Storage, lang: Lang) -> Self {
        Self {
            store,
            lang,
            pages: HashMap::new(),
            commitments: HashMap::new(),
        }
    }

    /// The public page of a record, or empty when it has none the reader
    /// may open (a commitment in no dossier, a record the reader does not
    /// see).
    pub async fn url(&mut self, kind: EntityKind, id: Uuid) -> Result<String, WebError> {
        if kind == EntityKind::Commitment {
            self.find_commitments(&[id]).await?;
            return Ok(self.commitments.get(&id).cloned().unwrap_or_default());
        }
        if let Some(page) = self.pages.get(&id) {
            return Ok(page.clone());
        }
        let page = match self.store.get(kind, id).await? {
            Some(found) => page_of(&found.entity),
            None => String::new(),
        };
        self.pages.insert(id, page.clone());
        Ok(page)
    }

    /// Finds the pages of these records at once, one read per kind (a read
    /// of a published record also reads what it refers to, to hide what the
    /// reader may not see, so reading them one by one cost hundreds of
    /// statements on a commitment's page); `url` then answers from them.
    pub async fn prefetch(&mut self, wanted: &[(EntityKind, Uuid)]) -> Result<(), WebError> {
        let mut by_kind: HashMap<EntityKind, Vec<Uuid>> = HashMap::new();
        for &(kind, id) in wanted {
            let known = match kind {
                EntityKind::Commitment => self.commitments.contains_key(&id),
                _ => self.pages.contains_key(&id),
            };
            if !known {
                by_kind.entry(kind).or_default().push(id);
            }
        }
        for (kind, mut ids) in by_kind {
            ids.sort_unstable();
            ids.dedup();
            if kind == EntityKind::Commitment {
                self.find_commitments(&ids).await?;
                continue;
            }
            for found in self.store.get_many(kind, &ids).await? {
                self.pages.insert(found.entity.id(), page_of(&found.entity));
            }
            for id in ids {
                self.pages.entry(id).or_default();
            }
        }
        Ok(())
    }

    /// The public page of a record at hand.
    async fn url_of(&mut self, e: &Entity) -> Result<String, WebError> {
        match e.kind() {
            EntityKind::Commitment => self.url(EntityKind::Commitment, e.id()).await,
            _ => Ok(page_of(e)),
        }
    }

    /// Finds the dossier pages of these commitments, in one read of the
    /// dossiers that hold them.
    pub async fn find_commitments(&mut self, ids: &[Uuid]) -> Result<(), WebError> {
        let missing: Vec<Uuid> = ids
            .iter()
            .filter(|i| !self.commitments.contains_key(i))
            .copied()
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        let dossiers = self
            .store
            .referring(EntityKind::Dossier, EntityKind::Commitment, &missing)
            .await?;
        // The names of the commitments asked for, as the reader sees them.
        let table = SlugTable::of(
            &self
                .store
                .get_many(EntityKind::Commitment, &missing)
                .await?,
        );
        for d in dossiers {
            let Entity::Dossier(d) = d.entity else {
                continue;
            };
            for c in &d.commitments {
                if let Some(slug) = table.slug(c.uuid()) {
                    self.commitments
                        .entry(c.uuid())
                        .or_insert_with(|| url::commitment(&d.slug, slug));
                }
            }
        }
        for id in missing {
            self.commitments.entry(id).or_default();
        }
        Ok(())
    }

    /// Links to these records, newest first (undated last).
    async fn links(&mut self, records: &[Stored<Entity>]) -> Result<Vec<Link>, WebError> {
        let mut dated = Vec::new();
        for r in records {
            let e = &r.entity;
            let when = date_of(e);
            dated.push((
                when.as_ref().map(PreciseDate::earliest),
                Link {
                    text: link_text(e),
                    url: self.url_of(e).await?,
                    date: when
                        .as_ref()
                        .map(|d| wording::precise(self.lang, d))
                        .unwrap_or_default(),
                    note: String::new(),
                },
            ));
        }
        dated.sort_by_key(|d| std::cmp::Reverse(d.0));
        Ok(dated.into_iter().map(|(_, l)| l).collect())
    }

    /// A section of links to the records of `kind` with these ids the
    /// reader sees (none when there are none).
    async fn section_of(
        &mut self,
        key: &'static str,
        kind: EntityKind,
        ids: &[Uuid],
    ) -> Result<Option<Section>, WebError> {
        if ids.is_empty() {
            return Ok(None);
        }
        let records = self.store.get_many(kind, ids).await?;
        self.section(key, &records).await
    }

    /// A section of links to the records of `kind` that cite the record.
    async fn citing(
        &mut self,
        key: &'static str,
        kind: EntityKind,
        target: (EntityKind, Uuid),
    ) -> Result<Option<Section>, WebError> {
        let records = self.store.referring(kind, target.0, &[target.1]).await?;
        self.section(key, &records).await
    }

    async fn section(
        &mut self,
        key: &'static str,
        records: &[Stored<Entity>],
    ) -> Result<Option<Section>, WebError> {
        if records.is_empty() {
            return Ok(None);
        }
        Ok(Some(Section {
            key,
            links: self.links(records).await?,
        }))
    }

    /// A fact naming another record, linked to its page.
    async fn fact_of(
        &mut self,
        key: &'static str,
        kind: EntityKind,
        id: Option<Uuid>,
    ) -> Result<Option<Fact>, WebError> {
        let Some(id) = id else { return Ok(None) };
        let Some(found) = self.store.get(kind, id).await? else {
            return Ok(None);
        };
        Ok(Some(Fact {
            key,
            value: link_text(&found.entity),
            url: self.url(kind, id).await?,
        }))
    }
}

/// The public page of a record that is not a commitment (whose page is in
/// its dossier), by its name; empty for a kind without public pages.
fn page_of(e: &Entity) -> String {
    url::public_route(e.kind())
        .map(|route| route.url1(slugs::name(e)))
        .unwrap_or_default()
}

/// The names of a dossier's commitments.
pub async fn commitment_slugs(
    store: &dyn Storage,
    dossier: &pledgewatch_core::model::Dossier,
) -> Result<SlugTable, WebError> {
    let ids: Vec<Uuid> = dossier.commitments.iter().map(|c| c.uuid()).collect();
    let found = store.get_many(EntityKind::Commitment, &ids).await?;
    Ok(SlugTable::of(&found))
}

/// The date a record is known by, when it has one of its own.
pub fn date_of(e: &Entity) -> Option<PreciseDate> {
    match e {
        Entity::Development(d) => Some(d.date),
        Entity::Source(s) => s.published,
        Entity::Commitment(c) => Some(c.made_on),
        Entity::Occasion(o) => Some(o.starts),
        _ => None,
    }
}

/// How a record is named in a link.
pub fn link_text(e: &Entity) -> String {
    match e {
        Entity::Source(s) => match &s.publisher {
            Some(p) => format!("{p}: {}", s.title),
            None => s.title.clone(),
        },
        Entity::Quote(q) => format!("\u{201c}{}\u{201d}", shorten(&q.text, 160)),
        Entity::Commitment(c) => shorten(&c.statement, 160),
        Entity::Recommendation(r) => shorten(&r.action, 160),
        Entity::Development(d) => d.title.to_string(),
        other => other.label(),
    }
}

/// The whole text for the page's body when its heading (the text cut to
/// `max` characters) does not already show all of it; else nothing, so
/// that a short text is not printed twice.
fn beyond_heading(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        String::new()
    } else {
        text.to_owned()
    }
}

/// The text cut at a word to about `max` characters, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}\u{2026}", cut.trim_end_matches([',', ';', ':', '.']))
}

macro_rules! page_handler {
    ($($name:ident => $kind:ident),* $(,)?) => {$(
        pub async fn $name(
            State(state): State<AppState>,
            Extension(ctx): Extension<Ctx>,
            PathOf(name): PathOf<String>,
            axum::extract::RawQuery(query): axum::extract::RawQuery,
        ) -> Result<Response, WebError> {
            show(&state, &ctx, EntityKind::$kind, &name, query.as_deref()).await
        }
    )*};
}

page_handler!(
    development => Development,
    source => Source,
    quote => Quote,
    concern => Concern,
    recommendation => Recommendation,
    actor => Actor,
    occasion => Occasion,
);

/// The page of the record of `kind` that `name` leads to, a redirect to
/// its slug, or not found.
async fn show(
    state: &AppState,
    ctx: &Ctx,
    kind: EntityKind,
    name: &str,
    query: Option<&str>,
) -> Result<Response, WebError> {
    let reader = Reader::new(state, ctx);
    let store = reader.store();
    let mut linker = Linker::new(store, ctx.lang);
    // The id in the name finds the record the reader sees (a team member
    // gets the draft, whose name may differ from a public link's).
    let stored = match slugs::id_in(name) {
        Some(id) => store.get(kind, id).await?,
        None => None,
    };
    let id = match slugs::found(name, stored.as_ref().map(|s| &s.entity)) {
        Found::Here(id) => id,
        Found::Moved(id) => {
            let to = linker.url(kind, id).await?;
            // The query goes along, as on the commitment page.
            let to = match query.filter(|q| !q.is_empty()) {
                Some(q) => format!("{to}?{q}"),
                None => to,
            };
            return Ok(Redirect::permanent(&to).into_response());
        }
        Found::Nothing => return Err(WebError::NotFound),
    };
    let stored = stored.ok_or(WebError::NotFound)?;
    let mut page = match &stored.entity {
        Entity::Development(d) => development_page(&mut linker, d).await?,
        Entity::Source(s) => source_page(&mut linker, s).await?,
        Entity::Quote(q) => quote_page(&mut linker, q).await?,
        Entity::Concern(c) => concern_page(&mut linker, c).await?,
        Entity::Recommendation(r) => recommendation_page(&mut linker, r).await?,
        Entity::Actor(a) => actor_page(&mut linker, a).await?,
        Entity::Occasion(o) => occasion_page(&mut linker, o).await?,
        _ => return Err(WebError::NotFound),
    };
    page.nav = nav(ctx, None);
    page.kind = kind.as_str().to_owned();
    page.sections.retain(|s| !s.links.is_empty());
    if reader.is_team() {
        page.team_url = url::record(kind, id);
    }
    Ok(render(&page)?.into_response())
}

fn fact(key: &'static str, value: impl Into<String>) -> Option<Fact> {
    let value = value.into();
    (!value.is_empty()).then_some(Fact {
        key,
        value,
        url: String::new(),
    })
}

fn page(title: impl Into<String>, date: String, text: String) -> PublicRecordPage {
    PublicRecordPage {
        nav: Default::default(),
        title: title.into(),
        kind: String::new(),
        date,
        text,
        external: String::new(),
        facts: vec![],
        sections: vec![],
        team_url: String::new(),
    }
}

async fn development_page(
    l: &mut Linker<'_>,
    d: &Development,
) -> Result<PublicRecordPage, WebError> {
    let mut p = page(
        &*d.title,
        wording::precise(l.lang, &d.date),
        d.summary.to_string(),
    );
    let sources: Vec<Uuid> = d.sources.iter().map(|s| s.uuid()).collect();
    let quotes: Vec<Uuid> = d.quotes.iter().map(|q| q.uuid()).collect();
    let mut directions = HashMap::new();
    let (mut commitments, mut concerns) = (vec![], vec![]);
    for e in &d.effects {
        match e.target {
            Target::Commitment(c) => commitments.push(c.uuid()),
            Target::Concern(c) => concerns.push(c.uuid()),
        }
        directions.insert(
            target_id(&e.target),
            wording::direction(l.lang, e.direction),
        );
    }
    let sections = [
        l.section_of("commitments", EntityKind::Commitment, &commitments)
            .await?,
        l.section_of("concerns", EntityKind::Concern, &concerns)
            .await?,
        l.section_of("sources", EntityKind::Source, &sources)
            .await?,
        l.section_of("quotes", EntityKind::Quote, &quotes).await?,
    ];
    p.sections = sections.into_iter().flatten().collect();
    annotate_directions(l, &mut p, &directions, &commitments, &concerns).await?;
    Ok(p)
}

fn target_id(t: &Target) -> Uuid {
    match t {
        Target::Commitment(c) => c.uuid(),
        Target::Concern(c) => c.uuid(),
    }
}

/// Marks each linked commitment and concern with the direction the
/// development gave it (matched by the page each link leads to).
async fn annotate_directions(
    l: &mut Linker<'_>,
    p: &mut PublicRecordPage,
    directions: &HashMap<Uuid, String>,
    commitments: &[Uuid],
    concerns: &[Uuid],
) -> Result<(), WebError> {
    let mut by_url = HashMap::new();
    for (kind, ids) in [
        (EntityKind::Commitment, commitments),
        (EntityKind::Concern, concerns),
    ] {
        for id in ids {
            let u = l.url(kind, *id).await?;
            if !u.is_empty() {
                by_url.insert(u, directions[id].as_str());
            }
        }
    }
    for s in &mut p.sections {
        for link in &mut s.links {
            if let Some(d) = by_url.get(&link.url) {
                link.note = (*d).to_owned();
            }
        }
    }
    Ok(())
}

async fn source_page(l: &mut Linker<'_>, s: &Source) -> Result<PublicRecordPage, WebError> {
    let date = s
        .published
        .as_ref()
        .map(|d| wording::precise(l.lang, d))
        .unwrap_or_default();
    let mut p = page(&s.title, date, String::new());
    p.external = super::dossier::safe_url(s.url.as_ref().map(|u| u.as_str()));
    let file = s
        .file_sha256
        .as_ref()
        .map(|f| url::file(f.as_str()))
        .unwrap_or_default();
    p.facts = [
        fact("publisher", s.publisher.clone().unwrap_or_default()),
        fact("author", s.author.clone().unwrap_or_default()),
        fact("language", s.language.clone().unwrap_or_default()),
        (!file.is_empty()).then(|| Fact {
            key: "file",
            value: String::new(),
            url: file,
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    let me = (EntityKind::Source, s.id.uuid());
    p.sections = [
        l.citing("quotes", EntityKind::Quote, me).await?,
        l.citing("developments", EntityKind::Development, me)
            .await?,
        l.citing("recommendations", EntityKind::Recommendation, me)
            .await?,
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(p)
}

async fn quote_page(l: &mut Linker<'_>, q: &Quote) -> Result<PublicRecordPage, WebError> {
    let source = l.store.get(EntityKind::Source, q.source.uuid()).await?;
    let date = source
        .as_ref()
        .and_then(|s| date_of(&s.entity))
        .map(|d| wording::precise(l.lang, &d))
        .unwrap_or_default();
    // The heading gives the first words; the page, the whole quote.
    let heading = format!("\u{201c}{}\u{201d}", shorten(&q.text, 80));
    let mut p = page(heading, date, beyond_heading(&q.text, 80));
    p.facts = [
        fact("speaker", q.speaker.clone().unwrap_or_default()),
        l.fact_of("source", EntityKind::Source, Some(q.source.uuid()))
            .await?,
        fact("locator", q.locator.clone().unwrap_or_default()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let me = (EntityKind::Quote, q.id.uuid());
    p.sections = [
        l.citing("commitments", EntityKind::Commitment, me).await?,
        l.citing("developments", EntityKind::Development, me)
            .await?,
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(p)
}

async fn concern_page(l: &mut Linker<'_>, c: &Concern) -> Result<PublicRecordPage, WebError> {
    let date = c
        .description_as_of
        .map(|d| wording::day(l.lang, d))
        .unwrap_or_default();
    let mut p = page(&*c.title, date, c.description.to_string());
    p.facts = fact("themes", c.themes.join(", ")).into_iter().collect();
    let me = (EntityKind::Concern, c.id.uuid());
    p.sections = [
        l.citing("developments", EntityKind::Development, me)
            .await?,
        l.citing("recommendations", EntityKind::Recommendation, me)
            .await?,
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(p)
}

async fn recommendation_page(
    l: &mut Linker<'_>,
    r: &Recommendation,
) -> Result<PublicRecordPage, WebError> {
    let title = shorten(&r.action, 80);
    let mut p = page(title, String::new(), beyond_heading(&r.action, 80));
    let uuid = |id: Option<pledgewatch_core::ids::ActorId>| id.map(|a| a.uuid());
    p.facts = [
        fact("priority", wording::priority(l.lang, r.priority)),
        l.fact_of("responsible", EntityKind::Actor, uuid(r.responsible))
            .await?,
        l.fact_of("proposed_by", EntityKind::Actor, uuid(r.proposed_by))
            .await?,
        l.fact_of(
            "occasion",
            EntityKind::Occasion,
            r.occasion.map(|o| o.uuid()),
        )
        .await?,
        l.fact_of("source", EntityKind::Source, r.source.map(|s| s.uuid()))
            .await?,
        fact(
            "response",
            r.response
                .map(|x| x.as_str().to_owned())
                .unwrap_or_default(),
        ),
        fact("themes", r.themes.join(", ")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let (mut commitments, mut concerns) = (vec![], vec![]);
    for t in &r.answers {
        match t {
            Target::Commitment(c) => commitments.push(c.uuid()),
            Target::Concern(c) => concerns.push(c.uuid()),
        }
    }
    p.sections = [
        l.section_of("answers_commitments", EntityKind::Commitment, &commitments)
            .await?,
        l.section_of("answers_concerns", EntityKind::Concern, &concerns)
            .await?,
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(p)
}

async fn actor_page(l: &mut Linker<'_>, a: &Actor) -> Result<PublicRecordPage, WebError> {
    let mut p = page(&*a.name, String::new(), String::new());
    let roles: Vec<String> = a
        .roles
        .iter()
        .map(|r| match (&r.from, &r.until) {
            (Some(from), until) => format!(
                "{} ({})",
                r.title,
                wording::span(l.lang, from, until.as_ref())
            ),
            (None, _) => r.title.to_string(),
        })
        .collect();
    p.facts = [
        fact("actor_kind", a.kind.as_str()),
        fact("short_name", a.short_name.clone().unwrap_or_default()),
        fact(
            "country",
            a.country_code
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
        ),
        fact("roles", roles.join("; ")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let me = (EntityKind::Actor, a.id.uuid());
    p.sections = [
        l.citing("commitments", EntityKind::Commitment, me).await?,
        l.citing("recommendations_to", EntityKind::Recommendation, me)
            .await?,
        l.citing("occasions", EntityKind::Occasion, me).await?,
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(p)
}

async fn occasion_page(l: &mut Linker<'_>, o: &Occasion) -> Result<PublicRecordPage, WebError> {
    let date = wording::span(l.lang, &o.starts, o.ends.as_ref());
    let mut p = page(&*o.title, date, String::new());
    p.facts = [
        fact("occasion_kind", o.kind.as_str()),
        fact("place", o.place.clone().unwrap_or_default()),
        l.fact_of(
            "organiser",
            EntityKind::Actor,
            o.organiser.map(|a| a.uuid()),
        )
        .await?,
    ]
    .into_iter()
    .flatten()
    .collect();
    let me = (EntityKind::Occasion, o.id.uuid());
    p.sections = [
        l.citing("promised_here", EntityKind::Commitment, me)
            .await?,
        l.citing("recommended_here", EntityKind::Recommendation, me)
            .await?,
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(p)
}
