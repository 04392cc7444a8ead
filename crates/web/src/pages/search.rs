//! The search page: ranked results with the matching passage highlighted.
//! The public searches published, non-confidential records only.

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pledgewatch_core::ids::CommitmentId;
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::model::{Commitment, Entity, EntityKind, Records, Stored};
use pledgewatch_core::storage::{MATCH_END, MATCH_START, SearchHit, SearchQuery, Storage};
use serde::Deserialize;

use super::{Reader, nav, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::PageQuery;
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
    /// The page of results, from 1.
    pub page: Option<String>,
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

/// Results on one page of the search page.
pub(crate) const PAGE_SIZE: u32 = 50;

/// Search results are ranked in one list of at most this many (and so
/// paged through).
pub(crate) const MAX_SEARCH_RESULTS: u32 = 1_000;

pub async fn search(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PageQuery(p): PageQuery<SearchParams>,
) -> Result<Response, WebError> {
    let query_text = p.q.clone().unwrap_or_default();
    check_days(ctx.lang, &p)?;
    let kind = searched_kind(&p);
    let reader = Reader::new(&state, &ctx);
    let team = reader.is_team();
    let mut page = search_form(&ctx, &p, kind);
    page.actors = actor_options(reader.store(), &p).await?;
    let number = match refused_filters(ctx.lang, &p).and_then(|()| page_number(ctx.lang, &p)) {
        Ok(number) => number,
        Err(problem) => {
            page.error = problem;
            return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
        }
    };
    if query_text.trim().is_empty() {
        if page.filtered {
            page.error = ctx.lang.t("search-error-filters-need-words");
        }
        return Ok(render(&page)?.into_response());
    }
    let query = SearchQuery {
        text: query_text.clone(),
        kinds: kind.into_iter().collect(),
        include_confidential: team,
        include_drafts: team,
        limit: MAX_SEARCH_RESULTS,
    };
    let wanted = number.min(MAX_SEARCH_RESULTS / PAGE_SIZE);
    let (hits, total) = match found(
        &state,
        &reader,
        &p,
        query,
        wanted * PAGE_SIZE,
        WebError::from,
    )
    .await
    {
        Ok(found) => found,
        Err(WebError::Refused(e)) if matches!(*e, pledgewatch_core::Error::Invalid(_)) => {
            page.error = refused(ctx.lang, &query_text);
            return Ok(render(&page)?.into_response());
        }
        Err(e) => return Err(e),
    };
    page.searched = true;
    show_page(&reader, ctx.lang, &p, &mut page, hits, total, wanted).await?;
    Ok(render(&page)?.into_response())
}

/// Fills in the page of results numbered `wanted` (the last one when
/// there are fewer) out of `hits`, `total` in all pages, with the links
/// to the pages before and after; the dossiers when nothing is found.
async fn show_page(
    reader: &Reader<'_>,
    lang: Lang,
    p: &SearchParams,
    page: &mut SearchPage,
    hits: Vec<SearchHit>,
    total: usize,
    wanted: u32,
) -> Result<(), WebError> {
    let size = PAGE_SIZE as usize;
    let last = total.div_ceil(size).max(1);
    let shown = (wanted as usize).min(last);
    let offset = (shown - 1) * size;
    let hits: Vec<SearchHit> = hits.into_iter().skip(offset).take(size).collect();
    page.total = total;
    page.first = offset + 1;
    if shown > 1 {
        page.previous = page_url(p, shown - 1);
    }
    if shown < last {
        page.next = page_url(p, shown + 1);
    }
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
    let urls = page_links(reader, lang, &hits).await?;
    let dates = hit_dates(lang, reader.store(), &hits).await?;
    for ((h, url), date) in hits.into_iter().zip(urls).zip(dates) {
        page.hits.push(Hit {
            kind: h.kind.as_str().to_owned(),
            title: h.title,
            url,
            date,
            snippet_html: snippet_html(&h.snippet),
        });
    }
    Ok(())
}

/// The address of page `number` of the same search.
fn page_url(p: &SearchParams, number: usize) -> String {
    let mut query: Vec<(&str, String)> = vec![("q", p.q.clone().unwrap_or_default())];
    for (name, value) in [
        ("kind", &p.kind),
        ("actor", &p.actor),
        ("theme", &p.theme),
        ("status", &p.status),
        ("origin", &p.origin),
        ("deadline_from", &p.deadline_from),
        ("deadline_to", &p.deadline_to),
    ] {
        if let Some(v) = SearchParams::value(value) {
            query.push((name, v.to_owned()));
        }
    }
    query.push(("page", number.to_string()));
    format!(
        "{}?{}",
        crate::paths::Route::Search.path(),
        serde_urlencoded::to_string(&query).unwrap_or_default()
    )
}

/// The page of results asked for: 1 when none is, else a whole number
/// from 1 (a number past the last page shows the last page).
fn page_number(lang: Lang, p: &SearchParams) -> Result<u32, String> {
    match SearchParams::value(&p.page) {
        None => Ok(1),
        Some(v) => v
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| lang.tr("search-error-page", &Args::new().str("value", v))),
    }
}

/// Why the filters cannot be applied, in `lang`: a kind, status or origin
/// that is not one of the choices, or a kind other than commitments with
/// a filter that only commitments have (which would drop the kind).
fn refused_filters(lang: Lang, p: &SearchParams) -> Result<(), String> {
    let unknown = |field: &str, v: &str| {
        let args = Args::new().str("field", lang.t(field)).str("value", v);
        lang.tr("search-error-unknown", &args)
    };
    let kind = SearchParams::value(&p.kind);
    if let Some(k) = kind
        && parse_kind(k).is_none()
    {
        return Err(unknown("search-kind", k));
    }
    if let Some(s) = SearchParams::value(&p.status)
        && !known_statuses().contains(s)
    {
        return Err(unknown("search-status", s));
    }
    if let Some(o) = SearchParams::value(&p.origin)
        && !pledgewatch_core::model::Origin::ALL
            .iter()
            .any(|x| x.as_str() == o)
    {
        return Err(unknown("search-origin", o));
    }
    if let Some(k) = kind.and_then(parse_kind)
        && k != EntityKind::Commitment
        && p.filters_commitments()
    {
        let args = Args::new().str("kind", wording::kind(lang, k.as_str()));
        return Err(lang.tr("search-error-kind-and-filters", &args));
    }
    Ok(())
}

/// A searchable kind by its key.
fn parse_kind(k: &str) -> Option<EntityKind> {
    EntityKind::parse(k).ok().filter(|k| SEARCHED.contains(k))
}

/// The keys a status filter may take: every status of every scale, and
/// `not_yet_rated`.
fn known_statuses() -> std::collections::BTreeSet<&'static str> {
    let mut keys: std::collections::BTreeSet<&'static str> = pledgewatch_core::scale::ScaleId::ALL
        .iter()
        .flat_map(|scale| scale.scale().statuses.iter().map(|s| s.key))
        .collect();
    keys.insert("not_yet_rated");
    keys
}

/// The hits up to the end of the page asked for, and how many there are
/// in all pages (at most [`MAX_SEARCH_RESULTS`]). Only the hits up to the
/// page are ranked with passages and the others counted by the index when
/// it can tell what the viewer sees: for the team that reads confidential
/// sources, and for the public when it holds the published text. A
/// restricted member's hits, the commitment filters and an index that
/// cannot tell are checked one by one after the index, then all are ranked
/// and counted after the checks: the index marks a team document
/// confidential by its live version, so a source whose confidentiality an
/// edit lifts, before a reviewer approves it, would be counted. A search
/// refused is answered with `refused`.
pub(crate) async fn found<E: From<WebError>>(
    state: &AppState,
    reader: &Reader<'_>,
    filters: &SearchParams,
    query: SearchQuery,
    page_end: u32,
    refused: impl Fn(pledgewatch_core::Error) -> E,
) -> Result<(Vec<SearchHit>, usize), E> {
    let exact =
        reader.sees_confidential() || (!reader.is_team() && state.search.holds_published_text());
    if filters.filters_commitments() || !exact {
        let hits = reader.search(state, &query).await.map_err(&refused)?;
        let hits = if filters.filters_commitments() {
            keep_matching_commitments(reader.store(), filters, hits).await?
        } else {
            hits
        };
        let total = hits.len();
        return Ok((hits, total));
    }
    let shown = SearchQuery {
        limit: page_end.clamp(1, MAX_SEARCH_RESULTS),
        ..query.clone()
    };
    let hits = reader.search(state, &shown).await.map_err(&refused)?;
    let counted = state
        .search
        .count(&SearchQuery {
            include_confidential: reader.sees_confidential(),
            ..query
        })
        .await
        .map_err(&refused)?;
    let total = counted.clamp(hits.len(), MAX_SEARCH_RESULTS as usize);
    Ok((hits, total))
}

/// The words searched for as the page shows them again (in its field and
/// heading): a control character, which no word holds and the search
/// ignores, is shown as a space when it is a line break or tab and as
/// U+FFFD otherwise, never written into the page as it came.
fn shown_query(q: &str) -> String {
    q.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
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
    let wanted: Vec<_> = hits.iter().map(|h| (h.kind, h.id)).collect();
    linker.prefetch(&wanted).await?;
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
/// to commitments; another kind with them is refused by
/// [`refused_filters`]).
fn searched_kind(p: &SearchParams) -> Option<EntityKind> {
    if p.filters_commitments() {
        return Some(EntityKind::Commitment);
    }
    SearchParams::value(&p.kind).and_then(parse_kind)
}

/// The search page with its form filled in from the query, before any
/// search (the actors' choices are added by [`actor_options`]).
fn search_form(ctx: &Ctx, p: &SearchParams, kind: Option<EntityKind>) -> SearchPage {
    let chosen = |v: &Option<String>| SearchParams::value(v).unwrap_or_default().to_owned();
    let lang = ctx.lang;
    SearchPage {
        nav: nav(ctx, None),
        title: lang.t("search-title"),
        query: shown_query(p.q.as_deref().unwrap_or_default()),
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
        total: 0,
        first: 1,
        previous: String::new(),
        next: String::new(),
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

/// Where each result leads in the API: for the public, the record's
/// public page, as the search page links it (empty when it has none);
/// for the team, the public commitment page for commitments in a dossier
/// and the record page otherwise (one read for the dossiers of all the
/// commitments among them).
pub(crate) async fn links(
    reader: &Reader<'_>,
    lang: Lang,
    hits: &[SearchHit],
) -> Result<Vec<String>, WebError> {
    if !reader.is_team() {
        // The public is led where the search page leads it: each
        // record's public page.
        return page_links(reader, lang, hits).await;
    }
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

    #[test]
    fn control_characters_searched_for_are_not_shown_as_they_came() {
        assert_eq!(shown_query("law\u{0}x\u{1}\ty"), "law\u{FFFD}x\u{FFFD} y");
        assert_eq!(shown_query("закон «СМИ»"), "закон «СМИ»");
    }
}
