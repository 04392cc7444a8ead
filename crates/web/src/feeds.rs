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

use std::collections::HashMap;
use std::fmt::Write;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use pledgewatch_core::ids::CommitmentId;
use pledgewatch_core::lang::Lang;
use pledgewatch_core::model::{Slug, shorten};
use pledgewatch_core::storage::Storage;
use pledgewatch_core::view::{Audience, CommitmentView, DossierView, dossier_view_for};
use pledgewatch_core::wording;
use uuid::Uuid;

use crate::AppState;
use crate::error::WebError;
use crate::extract::PathOf;
pub use crate::http::xml_escape;
use crate::paths::url;

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
        let _ = writeln!(x, r#"<feed xmlns="http://www.w3.org/2005/Atom">"#);
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
    view: &DossierView,
    commitments: &[&CommitmentView],
    published: &HashMap<Uuid, DateTime<Utc>>,
    base: &str,
) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for c in commitments {
        let page = format!("{base}{}", url::commitment(&view.slug, c.id));
        let name = shorten(&c.statement, 80);
        for d in &c.developments {
            let Some(at) = published.get(&d.id.uuid()) else {
                continue;
            };
            if out.iter().any(|e| e.id == d.id.uuid()) {
                continue;
            }
            let sources: Vec<&str> = d.sources.iter().map(|s| s.title.as_str()).collect();
            let mut summary = format!(
                "{}: {}. {}",
                wording::precise(Lang::En, &d.date),
                d.title,
                d.summary
            );
            if !sources.is_empty() {
                summary.push_str(&format!(" Sources: {}.", sources.join("; ")));
            }
            out.push(Entry {
                id: d.id.uuid(),
                title: format!(
                    "{} for \u{201c}{name}\u{201d}: {}",
                    wording::direction(Lang::En, d.direction),
                    d.title
                ),
                updated: day_start(d.date.earliest()),
                made_public: *at,
                link: page.clone(),
                summary,
                category: "development",
                event: d.date.earliest(),
            });
        }
        out.extend(rating_entries(c, &name, &page, published));
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

/// The published ratings of a commitment, each saying what it changed.
fn rating_entries(
    c: &CommitmentView,
    name: &str,
    page: &str,
    published: &HashMap<Uuid, DateTime<Utc>>,
) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut previous: Option<&str> = None;
    for step in &c.history {
        if let Some(at) = published.get(&step.assessment.uuid()) {
            let change =
                wording::rating_change(Lang::En, previous, &step.status_label, step.regression);
            let mut summary = format!(
                "Rated {} as of {}.",
                step.status_label,
                wording::day(Lang::En, step.as_of)
            );
            if step.regression {
                summary.push_str(" This is a step back: worse than the rating before it.");
            }
            if !step.rationale.trim().is_empty() {
                summary.push(' ');
                summary.push_str(&step.rationale);
            }
            out.push(Entry {
                id: step.assessment.uuid(),
                title: format!("{change}: \u{201c}{name}\u{201d}"),
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

/// `GET /dossiers/{slug}/feed.atom`
pub async fn dossier_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathOf(slug): PathOf<Slug>,
) -> Result<Response, WebError> {
    let base = base_url(&state, &headers);
    let view = public_view(&state, &slug).await?;
    let all: Vec<&CommitmentView> = view.commitments.iter().collect();
    let published = publication_times(&state, &all).await?;
    let entries = entries(&view, &all, &published, &base);
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
        title: format!("{}: developments and status changes", view.title),
        subtitle: "New developments and assessments of the dossier's commitments, as published."
            .into(),
        self_link: format!("{base}{}", url::dossier_feed(&view.slug)),
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
) -> Result<Response, WebError> {
    let base = base_url(&state, &headers);
    let view = public_view(&state, &slug).await?;
    let commitment = view
        .commitments
        .iter()
        .find(|c| c.id == id)
        .ok_or(WebError::NotFound)?;
    let one = [commitment];
    let published = publication_times(&state, &one).await?;
    let entries = entries(&view, &one, &published, &base);
    let updated = match entries.iter().map(|e| e.made_public).max() {
        Some(at) => at,
        None => published_at(&state, commitment.id.uuid()).await?,
    };
    Ok(atom(&Feed {
        id: commitment.id.uuid(),
        title: format!(
            "{}: developments and status changes",
            shorten(&commitment.statement, 120)
        ),
        subtitle: format!("A commitment followed in the dossier {}.", view.title),
        self_link: format!("{base}{}", url::commitment_feed(&view.slug, commitment.id)),
        page_link: format!("{base}{}", url::commitment(&view.slug, commitment.id)),
        updated,
        entries,
    }))
}
