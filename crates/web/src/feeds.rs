//! Atom 1.0 feeds (RFC 4287) of a dossier and of a single commitment: the
//! developments that bear on its commitments and its status changes (each
//! published assessment, saying in words what changed and marking steps
//! back), newest event first. Each entry is dated by its event (the
//! development's day, the rating's day), not by when it was entered or
//! published, so that a record loaded today of something that happened in
//! 2009 reads as 2009; its links are absolute ([`base_url`]). Feeds are
//! public documents: they are built from the public view whoever asks, so
//! drafts and confidential sources never appear. The XML is written here,
//! every text escaped and stripped of the characters XML 1.0 cannot carry.
//! A feed's fixed words are in the language its address asks for
//! (`?lang=ru`; pages link to their reader's), English otherwise: a feed
//! reader sends no cookie, so the address alone says the language.

use std::collections::HashMap;
use std::fmt::Write;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use pledgewatch_core::ids::CommitmentId;
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::model::{Slug, shorten};
use pledgewatch_core::slugs;
use pledgewatch_core::storage::Storage;
use pledgewatch_core::view::{Audience, CommitmentView, DossierView, dossier_view_for};
use pledgewatch_core::wording;
use uuid::Uuid;

use crate::AppState;
use crate::error::WebError;
use crate::extract::PathOf;
pub use crate::http::xml_escape;
use crate::paths::{Route, url};

pub const CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: Uuid,
    pub title: String,
    /// The event's day (the start of it, in UTC): the entry's date.
    pub updated: DateTime<Utc>,
    /// When the entry was made public, which dates the feed itself.
    pub made_public: DateTime<Utc>,
    pub link: String,
    pub summary: String,
    pub category: &'static str,
    /// The day of the event or rating, which orders the entries.
    pub event: chrono::NaiveDate,
}

/// The newest entries a feed carries.
pub const MAX_ENTRIES: usize = 200;

/// A whole feed, before it is written.
#[derive(Debug, Clone)]
pub struct Feed {
    pub id: Uuid,
    /// The language of the fixed words (`xml:lang`).
    pub lang: Lang,
    pub title: String,
    pub subtitle: String,
    pub self_link: String,
    pub page_link: String,
    pub updated: DateTime<Utc>,
    pub entries: Vec<Entry>,
}

fn timestamp(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Feed {
    /// The feed as an Atom document.
    pub fn to_xml(&self) -> String {
        let mut x = String::new();
        let _ = writeln!(x, r#"<?xml version="1.0" encoding="utf-8"?>"#);
        let _ = writeln!(
            x,
            r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{}">"#,
            self.lang.code()
        );
        let _ = writeln!(x, "  <id>urn:uuid:{}</id>", self.id);
        let _ = writeln!(
            x,
            r#"  <title type="text">{}</title>"#,
            xml_escape(&self.title)
        );
        let _ = writeln!(
            x,
            r#"  <subtitle type="text">{}</subtitle>"#,
            xml_escape(&self.subtitle)
        );
        let _ = writeln!(x, "  <updated>{}</updated>", timestamp(&self.updated));
        let _ = writeln!(x, "  <author><name>pledgewatch</name></author>");
        let _ = writeln!(
            x,
            r#"  <link rel="self" type="application/atom+xml" href="{}"/>"#,
            xml_escape(&self.self_link)
        );
        let _ = writeln!(
            x,
            r#"  <link rel="alternate" type="text/html" href="{}"/>"#,
            xml_escape(&self.page_link)
        );
        let _ = writeln!(x, "  <generator>pledgewatch</generator>");
        for e in &self.entries {
            let _ = writeln!(x, "  <entry>");
            let _ = writeln!(x, "    <id>urn:uuid:{}</id>", e.id);
            let _ = writeln!(
                x,
                r#"    <title type="text">{}</title>"#,
                xml_escape(&e.title)
            );
            let _ = writeln!(x, "    <published>{}</published>", timestamp(&e.updated));
            let _ = writeln!(x, "    <updated>{}</updated>", timestamp(&e.updated));
            let _ = writeln!(
                x,
                r#"    <link rel="alternate" type="text/html" href="{}"/>"#,
                xml_escape(&e.link)
            );
            let _ = writeln!(x, r#"    <category term="{}"/>"#, e.category);
            let _ = writeln!(
                x,
                r#"    <summary type="text">{}</summary>"#,
                xml_escape(&e.summary)
            );
            let _ = writeln!(x, "  </entry>");
        }
        x.push_str("</feed>\n");
        x
    }
}

/// Where links in feeds point: the configured public address of the
/// server (`serve --public-url`), or else the request's `Host` on
/// `https` (`http` for a loopback host or with insecure cookies, as over
/// plain HTTP). A `Host` that is not a plain host name and port is not
/// trusted and gives `http://localhost`.
pub fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.config.public_url {
        return url.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| is_host(h))
        .unwrap_or("localhost");
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    let loopback = matches!(name, "localhost" | "127.0.0.1" | "[::1]");
    let scheme = if loopback || !state.config.secure_cookies {
        "http"
    } else {
        "https"
    };
    format!("{scheme}://{host}")
}

/// A host name or address with an optional port, and nothing else.
fn is_host(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 255
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
}

/// A day as an Atom timestamp: its start, in UTC.
fn day_start(day: chrono::NaiveDate) -> DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// The entries about some commitments of a public view: their developments
/// (once each) and their status changes, newest event first. `published`
/// gives when each was made public (only those are entries); `base` starts
/// every link.
fn entries(
    lang: Lang,
    view: &DossierView,
    commitments: &[&CommitmentView],
    published: &HashMap<Uuid, DateTime<Utc>>,
    base: &str,
) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for c in commitments {
        let page = format!("{base}{}", commitment_path(view, c));
        let name = shorten(&c.statement, 80);
        for d in &c.developments {
            let Some(at) = published.get(&d.id.uuid()) else {
                continue;
            };
            if out.iter().any(|e| e.id == d.id.uuid()) {
                continue;
            }
            let sources: Vec<&str> = d.sources.iter().map(|s| s.title.as_str()).collect();
            let mut summary = lang.tr(
                "feed-development-summary",
                &Args::new()
                    .str("date", wording::precise(lang, &d.date))
                    .str("title", d.title.to_string())
                    .str("summary", d.summary.to_string()),
            );
            if !sources.is_empty() {
                summary.push(' ');
                summary.push_str(&lang.tr(
                    "feed-sources",
                    &Args::new().str("sources", sources.join("; ")),
                ));
            }
            out.push(Entry {
                id: d.id.uuid(),
                title: lang.tr(
                    "feed-development-title",
                    &Args::new()
                        .str("direction", wording::direction(lang, d.direction))
                        .str("name", name.clone())
                        .str("title", d.title.to_string()),
                ),
                updated: day_start(d.date.earliest()),
                made_public: *at,
                // The development's own page, by its readable name.
                link: format!(
                    "{base}{}",
                    Route::PublicDevelopment
                        .url1(slugs::name_of(d.id.uuid(), &d.title.to_string()))
                ),
                summary,
                category: "development",
                event: d.date.earliest(),
            });
        }
        out.extend(rating_entries(lang, view, c, &name, &page, published));
    }
    out.sort_by(|a, b| {
        b.event
            .cmp(&a.event)
            .then(b.made_public.cmp(&a.made_public))
            .then(a.id.cmp(&b.id))
    });
    out.truncate(MAX_ENTRIES);
    out
}

/// The commitment's page by its readable name (its words and id), which
/// the bare id redirects to.
fn commitment_path(view: &DossierView, c: &CommitmentView) -> String {
    url::commitment(&view.slug, slugs::name_of(c.id.uuid(), &c.statement))
}

/// The published ratings of a commitment, each saying what it changed.
fn rating_entries(
    lang: Lang,
    view: &DossierView,
    c: &CommitmentView,
    name: &str,
    page: &str,
    published: &HashMap<Uuid, DateTime<Utc>>,
) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut previous: Option<&str> = None;
    for step in &c.history {
        if let Some(at) = published.get(&step.assessment.uuid()) {
            let label = wording::status_label(lang, view.scale, &step.status_label);
            let before = previous.map(|p| wording::status_label(lang, view.scale, p));
            let change = wording::rating_change(lang, before.as_deref(), &label, step.regression);
            let mut summary = lang.tr(
                "feed-rating-summary",
                &Args::new()
                    .str("status", label)
                    .str("date", wording::day(lang, step.as_of)),
            );
            if step.regression {
                summary.push(' ');
                summary.push_str(&lang.t("feed-step-back"));
            }
            if !step.rationale.trim().is_empty() {
                summary.push(' ');
                summary.push_str(&step.rationale);
            }
            out.push(Entry {
                id: step.assessment.uuid(),
                title: lang.tr(
                    "feed-rating-title",
                    &Args::new()
                        .str("change", change)
                        .str("name", name.to_owned()),
                ),
                updated: day_start(step.as_of),
                made_public: *at,
                link: page.to_owned(),
                summary,
                category: if step.regression {
                    "regression"
                } else {
                    "status-change"
                },
                event: step.as_of,
            });
        }
        previous = Some(&step.status_label);
    }
    out
}

async fn public_view(state: &AppState, slug: &Slug) -> Result<DossierView, WebError> {
    Ok(dossier_view_for(
        state.store.as_ref(),
        slug,
        crate::http::today(),
        Audience::Public,
    )
    .await?)
}

async fn publication_times(
    state: &AppState,
    commitments: &[&CommitmentView],
) -> Result<HashMap<Uuid, DateTime<Utc>>, WebError> {
    let mut ids: Vec<Uuid> = Vec::new();
    for c in commitments {
        ids.extend(c.developments.iter().map(|d| d.id.uuid()));
        ids.extend(c.history.iter().map(|s| s.assessment.uuid()));
    }
    Ok(state.store.published(&ids).await?)
}

fn atom(feed: &Feed) -> Response {
    let mut response = feed.to_xml().into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    response
}

/// When a feed without entries was last changed: when its subject was
/// published.
async fn published_at(state: &AppState, id: Uuid) -> Result<DateTime<Utc>, WebError> {
    Ok(state
        .store
        .published(&[id])
        .await?
        .get(&id)
        .copied()
        .unwrap_or_else(pledgewatch_core::audit::now))
}

/// A feed's query: the language of its fixed words.
#[derive(Debug, Default, serde::Deserialize)]
pub struct FeedQuery {
    #[serde(default)]
    pub lang: Option<String>,
}

impl FeedQuery {
    /// The language asked for; English when none is, or an unknown one.
    fn lang(&self) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_default()
    }

    /// What the feed's own address ends with.
    fn suffix(&self) -> String {
        match self.lang() {
            Lang::En => String::new(),
            other => format!("?lang={}", other.code()),
        }
    }
}

/// `GET /dossiers/{slug}/feed.atom`
pub async fn dossier_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathOf(slug): PathOf<Slug>,
    Query(q): Query<FeedQuery>,
) -> Result<Response, WebError> {
    let lang = q.lang();
    let base = base_url(&state, &headers);
    let view = public_view(&state, &slug).await?;
    let all: Vec<&CommitmentView> = view.commitments.iter().collect();
    let published = publication_times(&state, &all).await?;
    let entries = entries(lang, &view, &all, &published, &base);
    // The dossier as the public knows it (its approved slug and id).
    let dossier = pledgewatch_core::public::PublicStore::new(state.store.as_ref())
        .dossier_by_slug(&Slug::parse(&view.slug).map_err(|_| WebError::NotFound)?)
        .await?
        .ok_or(WebError::NotFound)?;
    let updated = match entries.iter().map(|e| e.made_public).max() {
        Some(at) => at,
        None => published_at(&state, dossier.entity.id.uuid()).await?,
    };
    Ok(atom(&Feed {
        id: dossier.entity.id.uuid(),
        lang,
        title: lang.tr(
            "scorecard-feed-title",
            &Args::new().str("title", view.title.clone()),
        ),
        subtitle: lang.t("feed-dossier-subtitle"),
        self_link: format!("{base}{}{}", url::dossier_feed(&view.slug), q.suffix()),
        page_link: format!("{base}{}", url::dossier(&view.slug)),
        updated,
        entries,
    }))
}

/// `GET /dossiers/{slug}/commitments/{id}/feed.atom`
pub async fn commitment_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathOf((slug, id)): PathOf<(Slug, CommitmentId)>,
    Query(q): Query<FeedQuery>,
) -> Result<Response, WebError> {
    let lang = q.lang();
    let base = base_url(&state, &headers);
    let view = public_view(&state, &slug).await?;
    let commitment = view
        .commitments
        .iter()
        .find(|c| c.id == id)
        .ok_or(WebError::NotFound)?;
    let one = [commitment];
    let published = publication_times(&state, &one).await?;
    let entries = entries(lang, &view, &one, &published, &base);
    let updated = match entries.iter().map(|e| e.made_public).max() {
        Some(at) => at,
        None => published_at(&state, commitment.id.uuid()).await?,
    };
    Ok(atom(&Feed {
        id: commitment.id.uuid(),
        lang,
        title: lang.tr(
            "scorecard-feed-title",
            &Args::new().str("title", shorten(&commitment.statement, 120)),
        ),
        subtitle: lang.tr(
            "feed-commitment-subtitle",
            &Args::new().str("dossier", view.title.clone()),
        ),
        self_link: format!(
            "{base}{}{}",
            url::commitment_feed(&view.slug, commitment.id),
            q.suffix()
        ),
        page_link: format!("{base}{}", commitment_path(&view, commitment)),
        updated,
        entries,
    }))
}
