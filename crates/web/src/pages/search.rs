//! The search page: ranked results with the matching passage highlighted.
//! The public searches published, non-confidential records only.

use axum::Extension;
use axum::extract::{Query, State};
use axum::response::Html;
use pledgewatch_core::ids::CommitmentId;
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::model::{Commitment, Entity, EntityKind, Records, Stored};
use pledgewatch_core::storage::{MATCH_END, MATCH_START, SearchHit, SearchQuery, Storage};
use serde::Deserialize;

use super::{Reader, nav, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::http::esc;
use crate::paths::url;
use crate::templates::{Cited, Hit, Opt, SearchPage};
use pledgewatch_core::wording;

pub(crate) const SEARCHED: [EntityKind; 6] = [
    EntityKind::Commitment,
    EntityKind::Development,
    EntityKind::Quote,
    EntityKind::Concern,
    EntityKind::Recommendation,
    EntityKind::Source,
];

#[derive(Debug, Deserialize, Default)]
pub struct SearchParams {
    pub q: Option<String>,
    pub kind: Option<String>,
    pub actor: Option<String>,
    pub theme: Option<String>,
    pub status: Option<String>,
    pub origin: Option<String>,
    pub deadline_from: Option<String>,
    pub deadline_to: Option<String>,
}

impl SearchParams {
    fn value(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }

    /// Whether any of the commitment filters is set.
    pub(crate) fn filters_commitments(&self) -> bool {
        [
            &self.actor,
            &self.theme,
            &self.status,
            &self.origin,
            &self.deadline_from,
            &self.deadline_to,
        ]
        .iter()
        .any(|v| Self::value(v).is_some())
    }
}

/// Applies the scorecard's filters to commitment results: actor, theme,
/// origin, deadline window, and the latest status the audience may see.
pub(crate) async fn keep_matching_commitments(
    store: &dyn Storage,
    p: &SearchParams,
    hits: Vec<SearchHit>,
) -> Result<Vec<SearchHit>, WebError> {
    let day = |name: &str, v: &Option<String>| -> Result<Option<chrono::NaiveDate>, WebError> {
        SearchParams::value(v)
            .map(|t| {
                pledgewatch_core::date::parse_day(t).map_err(|e| WebError::BadField(e.at(name)))
            })
            .transpose()
    };
    let (from, to) = (
        day("deadline_from", &p.deadline_from)?,
        day("deadline_to", &p.deadline_to)?,
    );
    let ids: Vec<CommitmentId> = hits
        .iter()
        .filter(|h| h.kind == EntityKind::Commitment)
        .map(|h| CommitmentId(h.id))
        .collect();
    let commitments = store.get_records(&ids).await?;
    let uuids: Vec<uuid::Uuid> = ids.iter().map(CommitmentId::uuid).collect();
    let assessments = store
        .referring(EntityKind::Assessment, EntityKind::Commitment, &uuids)
        .await?;
    let today = crate::http::today();
    let mut keep = std::collections::HashSet::new();
    for Stored { entity: c, .. } in &commitments {
        let deadline = deadline_of(store, c).await?;
        let status = latest_status(&assessments, c, today);
        let ok = SearchParams::value(&p.actor).is_none_or(|a| {
            c.bound.to_string() == a || c.made_by.is_some_and(|m| m.to_string() == a)
        }) && SearchParams::value(&p.theme)
            .is_none_or(|t| c.themes.iter().any(|x| x.eq_ignore_ascii_case(t)))
            && SearchParams::value(&p.origin).is_none_or(|o| c.origin.as_str() == o)
            && SearchParams::value(&p.status).is_none_or(|s| status == s)
            && from.is_none_or(|f| deadline.is_some_and(|d| d >= f))
            && to.is_none_or(|t| deadline.is_some_and(|d| d <= t));
        if ok {
            keep.insert(c.id.uuid());
        }
    }
    Ok(hits.into_iter().filter(|h| keep.contains(&h.id)).collect())
}

/// A commitment's deadline, resolving the milestones its timing names.
async fn deadline_of(
    store: &dyn Storage,
    c: &Commitment,
) -> Result<Option<chrono::NaiveDate>, WebError> {
    let milestones = store
        .get_records(&c.timing.milestones())
        .await?
        .into_iter()
        .map(|m| (m.entity.id, m.entity))
        .collect();
    Ok(pledgewatch_core::facts::deadline_of(&c.timing, &milestones).map(|d| d.date))
}

/// The key of a commitment's latest status among `assessments` as of
/// `today`, or `not_yet_rated`.
fn latest_status(
    assessments: &[Stored<Entity>],
    c: &Commitment,
    today: chrono::NaiveDate,
) -> &'static str {
    let mine: Vec<&pledgewatch_core::model::Assessment> = assessments
        .iter()
        .filter_map(|a| match &a.entity {
            Entity::Assessment(a) if a.commitment == c.id => Some(a),
            _ => None,
        })
        .collect();
    pledgewatch_core::facts::status_history(&mine, today)
        .last()
        .map(|s| s.status.key)
        .unwrap_or("not_yet_rated")
}

/// Escapes a snippet and turns its match markers into `<mark>`.
pub fn snippet_html(snippet: &str) -> String {
    esc(snippet)
        .replace(MATCH_START, "<mark>")
        .replace(MATCH_END, "</mark>")
}

pub async fn search(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(p): Query<SearchParams>,
) -> Result<Html<String>, WebError> {
    let query_text = p.q.clone().unwrap_or_default();
    let kind = searched_kind(&p);
    check_days(ctx.lang, &p)?;
    let reader = Reader::new(&state, &ctx);
    let team = reader.is_team();
    let mut page = search_form(&ctx, &p, kind);
    page.actors = actor_options(reader.store(), &p).await?;
    if query_text.trim().is_empty() {
        return render(&page);
    }
    let result = reader
        .search(
            &state,
            &SearchQuery {
                text: query_text.clone(),
                kinds: kind.into_iter().collect(),
                include_confidential: team,
                include_drafts: team,
                limit: 50,
            },
        )
        .await;
    let hits = match result {
        Ok(hits) => hits,
        Err(pledgewatch_core::Error::Invalid(_)) => {
            page.error = refused(ctx.lang, &query_text);
            return render(&page);
        }
        Err(e) => return Err(e.into()),
    };
    let hits = if p.filters_commitments() {
        keep_matching_commitments(reader.store(), &p, hits).await?
    } else {
        hits
    };
    page.searched = true;
    if hits.is_empty() {
        page.dossiers = reader
            .store()
            .list_dossiers()
            .await?
            .into_iter()
            .map(|d| Cited {
                text: d.entity.title.to_string(),
                url: url::dossier(&d.entity.slug),
            })
            .collect();
    }
    let urls = page_links(&reader, ctx.lang, &hits).await?;
    let dates = hit_dates(ctx.lang, reader.store(), &hits).await?;
    for ((h, url), date) in hits.into_iter().zip(urls).zip(dates) {
        page.hits.push(Hit {
            kind: h.kind.as_str().to_owned(),
            title: h.title,
            url,
            date,
            snippet_html: snippet_html(&h.snippet),
        });
    }
    render(&page)
}

/// The longest search the storage takes, in characters.
const LONGEST: usize = 1_000;

/// Why the storage refused the words searched for, in `lang`: too long,
/// or no word at all (only control characters).
fn refused(lang: Lang, text: &str) -> String {
    if text.chars().count() > LONGEST {
        lang.tr("search-error-too-long", &Args::new().count("max", LONGEST))
    } else {
        lang.t("search-error-no-words")
    }
}

/// Refuses a deadline bound that is not a day, naming its field in
/// `lang` (before anything is searched).
fn check_days(lang: Lang, p: &SearchParams) -> Result<(), WebError> {
    for (field, value) in [
        ("search-deadline-from", &p.deadline_from),
        ("search-deadline-to", &p.deadline_to),
    ] {
        if let Some(v) = SearchParams::value(value)
            && pledgewatch_core::date::parse_day(v).is_err()
        {
            let args = Args::new().str("field", lang.t(field)).str("value", v);
            return Err(WebError::BadRequest(lang.tr("search-error-day", &args)));
        }
    }
    Ok(())
}

/// Where each result leads on the web: the record's public page (for the
/// team, its record page when it has none, as a draft may not).
async fn page_links(
    reader: &Reader<'_>,
    reader_lang: Lang,
    hits: &[SearchHit],
) -> Result<Vec<String>, WebError> {
    let mut linker = super::public::Linker::new(reader.store(), reader_lang);
    let commitments: Vec<uuid::Uuid> = hits
        .iter()
        .filter(|h| h.kind == EntityKind::Commitment)
        .map(|h| h.id)
        .collect();
    linker.find_commitments(&commitments).await?;
    let mut out = Vec::with_capacity(hits.len());
    for h in hits {
        let page = linker.url(h.kind, h.id).await?;
        out.push(match page.is_empty() && reader.is_team() {
            true => url::record(h.kind, h.id),
            false => page,
        });
    }
    Ok(out)
}

/// The date each result is known by, in words: a development's or a
/// commitment's, a source's publication, a quote's source's, a concern's
/// description's, a recommendation's occasion's or source's (empty when
/// none is known).
async fn hit_dates(
    lang: Lang,
    store: &dyn Storage,
    hits: &[SearchHit],
) -> Result<Vec<String>, WebError> {
    use super::public::date_of;
    let mut by_kind: std::collections::HashMap<EntityKind, Vec<uuid::Uuid>> = Default::default();
    for h in hits {
        by_kind.entry(h.kind).or_default().push(h.id);
    }
    let mut found = std::collections::HashMap::new();
    for (kind, ids) in by_kind {
        found.extend(
            store
                .get_many(kind, &ids)
                .await?
                .into_iter()
                .map(|s| (s.entity.id(), s.entity)),
        );
    }
    let mut out = Vec::with_capacity(hits.len());
    for h in hits {
        let date = match found.get(&h.id) {
            Some(Entity::Concern(c)) => {
                out.push(
                    c.description_as_of
                        .map(|d| wording::day(lang, d))
                        .unwrap_or_default(),
                );
                continue;
            }
            Some(Entity::Quote(q)) => {
                date_from(store, EntityKind::Source, Some(q.source.uuid())).await?
            }
            Some(Entity::Recommendation(r)) => {
                match date_from(store, EntityKind::Occasion, r.occasion.map(|o| o.uuid())).await? {
                    Some(d) => Some(d),
                    None => {
                        date_from(store, EntityKind::Source, r.source.map(|s| s.uuid())).await?
                    }
                }
            }
            Some(e) => date_of(e),
            None => None,
        };
        out.push(
            date.as_ref()
                .map(|d| wording::precise(lang, d))
                .unwrap_or_default(),
        );
    }
    Ok(out)
}

/// The date of another record (a quote's source, a recommendation's occasion).
async fn date_from(
    store: &dyn Storage,
    kind: EntityKind,
    id: Option<uuid::Uuid>,
) -> Result<Option<pledgewatch_core::date::PreciseDate>, WebError> {
    let Some(id) = id else { return Ok(None) };
    Ok(store
        .get(kind, id)
        .await?
        .and_then(|s| super::public::date_of(&s.entity)))
}

/// The kind searched: the one asked for if it is searchable, or
/// commitments when a commitment filter is set (they narrow the results
/// to commitments).
fn searched_kind(p: &SearchParams) -> Option<EntityKind> {
    if p.filters_commitments() {
        return Some(EntityKind::Commitment);
    }
    p.kind
        .as_deref()
        .filter(|k| !k.is_empty())
        .and_then(|k| EntityKind::parse(k).ok())
        .filter(|k| SEARCHED.contains(k))
}

/// The search page with its form filled in from the query, before any
/// search (the actors' choices are added by [`actor_options`]).
fn search_form(ctx: &Ctx, p: &SearchParams, kind: Option<EntityKind>) -> SearchPage {
    let chosen = |v: &Option<String>| SearchParams::value(v).unwrap_or_default().to_owned();
    let lang = ctx.lang;
    SearchPage {
        nav: nav(ctx, None),
        title: lang.t("search-title"),
        query: p.q.clone().unwrap_or_default(),
        kinds: SEARCHED
            .iter()
            .map(|k| Opt {
                value: k.as_str().into(),
                label: wording::kind(lang, k.as_str()),
                selected: Some(*k) == kind,
            })
            .collect(),
        actors: vec![],
        theme: chosen(&p.theme),
        statuses: status_options(lang, p),
        origins: pledgewatch_core::model::Origin::ALL
            .iter()
            .map(|o| Opt {
                value: o.as_str().into(),
                label: wording::origin(lang, *o),
                selected: SearchParams::value(&p.origin) == Some(o.as_str()),
            })
            .collect(),
        deadline_from: chosen(&p.deadline_from),
        deadline_to: chosen(&p.deadline_to),
        searched: false,
        filtered: p.filters_commitments() || kind.is_some(),
        error: String::new(),
        hits: vec![],
        dossiers: vec![],
    }
}

/// Every status of every scale once, by key (in the words of the last
/// scale that has it), the one asked for chosen.
fn status_options(lang: Lang, p: &SearchParams) -> Vec<Opt> {
    let mut by_key = std::collections::BTreeMap::new();
    for scale in pledgewatch_core::scale::ScaleId::ALL {
        for s in scale.scale().statuses {
            by_key.insert(s.key, wording::status(lang, scale, s.key));
        }
    }
    by_key
        .into_iter()
        .map(|(k, l)| Opt {
            value: k.into(),
            label: l,
            selected: SearchParams::value(&p.status) == Some(k),
        })
        .collect()
}

/// The actors to filter by, sorted by name, the one asked for chosen.
async fn actor_options(store: &dyn Storage, p: &SearchParams) -> Result<Vec<Opt>, WebError> {
    let mut actors: Vec<Opt> = store
        .list(EntityKind::Actor, 500, 0)
        .await?
        .into_iter()
        .filter_map(|a| match a.entity {
            Entity::Actor(a) => Some(Opt {
                selected: SearchParams::value(&p.actor) == Some(a.id.to_string().as_str()),
                value: a.id.to_string(),
                label: a.name.into(),
            }),
            _ => None,
        })
        .collect();
    actors.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(actors)
}

/// Where each result leads: the public commitment page for commitments
/// in a dossier, the record page for the team, nothing otherwise. One
/// read for the dossiers of all the commitments among them.
pub(crate) async fn links(
    reader: &Reader<'_>,
    hits: &[SearchHit],
) -> Result<Vec<String>, WebError> {
    let commitments: Vec<uuid::Uuid> = hits
        .iter()
        .filter(|h| h.kind == EntityKind::Commitment)
        .map(|h| h.id)
        .collect();
    let mut pages = std::collections::HashMap::new();
    if !commitments.is_empty() {
        let dossiers = reader
            .store()
            .referring(EntityKind::Dossier, EntityKind::Commitment, &commitments)
            .await?;
        for d in &dossiers {
            if let Entity::Dossier(d) = &d.entity {
                for c in &d.commitments {
                    pages
                        .entry(c.uuid())
                        .or_insert_with(|| url::commitment(&d.slug, c));
                }
            }
        }
    }
    Ok(hits
        .iter()
        .map(|h| match pages.get(&h.id) {
            Some(page) if h.kind == EntityKind::Commitment => page.clone(),
            _ if reader.is_team() => url::record(h.kind, h.id),
            _ => String::new(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_escaped_before_matches_are_marked() {
        let s = format!("<b>{MATCH_START}media{MATCH_END}</b> law");
        assert_eq!(
            snippet_html(&s),
            "&lt;b&gt;<mark>media</mark>&lt;/b&gt; law"
        );
    }
}
