//! The cache of rendered public pages (decision 0026). An anonymous visitor's
//! page on a shared route (the scorecard, a commitment, the home page, the
//! public search, exports and feeds) is the same for every anonymous
//! visitor, until something is written: so it is kept, keyed by its path
//! and query, under the generation it was rendered in (the audit head,
//! read once per request, and the day the pages are computed for). Every
//! write appends to the audit log, so the first request after a write
//! reads a new head, misses, and renders afresh; across several servers
//! on one database too, as each reads the head from the database.
//!
//! A visitor who sends a session cookie is never served from the cache
//! and never fills it: their pages are `private, no-store`. Shared answers
//! carry a strong `ETag` (a digest of the body) and `Cache-Control:
//! public, max-age=0, must-revalidate` with `Vary: Cookie`, so that a
//! browser or a reverse proxy may keep them and revalidate each time (a
//! 304 costs one head read). The memory is bounded by a byte budget.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use pledgewatch_core::storage::Storage;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::auth::{IssuedCsrf, cookie, csrf_cookie, session_cookie};
use crate::paths::Route;

/// What a shared page tells browsers and proxies: keep it, but ask again
/// before each use (the answer is a 304 while nothing was written).
pub const SHARED: &str = "public, max-age=0, must-revalidate";

/// What every other answer says: nobody keeps it.
pub const PRIVATE: &str = "private, no-store";

/// The default byte budget of [`PageCache`].
pub const DEFAULT_BUDGET: usize = 32 * 1024 * 1024;

/// Whether an anonymous visitor's answer on a route is the same for every
/// anonymous visitor (no form token, no account), and so may be shared.
/// Exhaustive, so that a new route is a decision. The sign-in, setup and
/// reset forms carry a CSRF token; the stylesheet, script and schema are
/// constants with their own `Cache-Control`; files are large and served
/// as stored; everything else is the team's.
pub fn shared(route: Route) -> bool {
    match route {
        Route::Home
        | Route::DossiersCsv
        | Route::DossiersJson
        | Route::Dossier
        | Route::DossierCsv
        | Route::DossierJson
        | Route::Commitment
        | Route::Search
        | Route::DossierFeed
        | Route::CommitmentFeed => true,
        Route::ExportSchema
        | Route::Stylesheet
        | Route::Htmx
        | Route::File
        | Route::LoginForm
        | Route::Login
        | Route::SetupForm
        | Route::Setup
        | Route::ResetForm
        | Route::Reset
        | Route::Logout
        | Route::LanguageSet
        | Route::Memo
        | Route::Letters
        | Route::RecordList
        | Route::RecordCsv
        | Route::RecordJson
        | Route::RecordNewForm
        | Route::RecordCreate
        | Route::RecordShow
        | Route::RecordEditForm
        | Route::RecordUpdate
        | Route::RecordDelete
        | Route::RecordPublish
        | Route::RecordUnpublish
        | Route::AssessmentApprove
        | Route::RecordSendBack
        | Route::ReviewQueue
        | Route::Drafting
        | Route::DraftingSubmit
        | Route::DraftingSource
        | Route::CandidateAccept
        | Route::CandidateReject
        | Route::Users
        | Route::UserCreate
        | Route::UserRole
        | Route::UserDisable
        | Route::UserEnable
        | Route::UserReset
        | Route::PasswordChange
        | Route::SignOutEverywhere
        | Route::Account
        | Route::TokenCreate
        | Route::TokenRevoke => false,
    }
}

/// The state of the record a page was rendered from: the audit head and
/// the day (pages count days to deadlines from today). Both only grow, so
/// a page of an older generation can never be asked for again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Generation {
    head: i64,
    day: NaiveDate,
}

/// One kept answer: its headers (no cookie), body and entity tag.
struct Page {
    headers: HeaderMap,
    body: Bytes,
    etag: HeaderValue,
}

impl Page {
    /// What the page costs the budget: its body, key and headers.
    fn weight(&self, key: &str) -> usize {
        const HEADERS: usize = 256;
        self.body.len() + key.len() + HEADERS
    }
}

/// The pages of the current generation. Bounded as an approximate LRU in
/// two halves: new pages go to `hot`; when `hot` outgrows half the budget
/// it becomes `cold` (the old `cold` is dropped), and a page found in
/// `cold` moves back to `hot`. So the memory stays under the budget, each
/// step is a hash lookup, and a page in use is never the one dropped.
#[derive(Default)]
struct Pages {
    generation: Option<Generation>,
    hot: HashMap<Box<str>, std::sync::Arc<Page>>,
    hot_bytes: usize,
    cold: HashMap<Box<str>, std::sync::Arc<Page>>,
}

impl Pages {
    /// Moves to `generation` if it is newer (older pages can no longer be
    /// asked for); whether `generation` is the current one.
    fn enter(&mut self, generation: Generation) -> bool {
        match self.generation {
            Some(current) if current == generation => true,
            Some(current) if current > generation => false,
            _ => {
                *self = Pages {
                    generation: Some(generation),
                    ..Pages::default()
                };
                true
            }
        }
    }

    fn get(&mut self, key: &str, half: usize) -> Option<std::sync::Arc<Page>> {
        if let Some(page) = self.hot.get(key) {
            return Some(page.clone());
        }
        let (key, page) = self.cold.remove_entry(key)?;
        self.insert(key, page.clone(), half);
        Some(page)
    }

    fn insert(&mut self, key: Box<str>, page: std::sync::Arc<Page>, half: usize) {
        let weight = page.weight(&key);
        if let Some(old) = self.hot.insert(key.clone(), page) {
            self.hot_bytes -= old.weight(&key);
        }
        self.hot_bytes += weight;
        if self.hot_bytes > half {
            self.cold = std::mem::take(&mut self.hot);
            self.hot_bytes = 0;
        }
    }

    fn len(&self) -> usize {
        self.hot.len() + self.cold.len()
    }
}

/// Reads of the audit head, one at a time, each shared by every request
/// that arrived before it began: a request waits for the read under way to
/// end, then takes the last read if that read began after the request
/// arrived (so it saw every write committed before), or else makes a new
/// one. Exact as one read per request, at a fraction of the round trips
/// when many requests arrive at once.
/// How long a request waits for the head read under way before it reads
/// the head itself.
const SHARED_READ_WAIT: std::time::Duration = std::time::Duration::from_millis(2);

#[derive(Default)]
struct HeadReads {
    /// Tickets in arrival order: a request's arrival and a read's start.
    clock: AtomicU64,
    /// The last read: its start ticket and the head it found.
    last: tokio::sync::Mutex<Option<(u64, i64)>>,
}

impl HeadReads {
    async fn head(&self, store: &dyn Storage) -> pledgewatch_core::Result<i64> {
        let arrived = self.clock.fetch_add(1, Ordering::SeqCst);
        // A read held up (its thread or the database not scheduled) would
        // hold up every request behind it: past a short wait, read alone.
        let Ok(mut last) = tokio::time::timeout(SHARED_READ_WAIT, self.last.lock()).await else {
            return store.audit_seq().await;
        };
        if let Some((started, head)) = *last
            && started > arrived
        {
            return Ok(head);
        }
        let started = self.clock.fetch_add(1, Ordering::SeqCst);
        let head = store.audit_seq().await?;
        *last = Some((started, head));
        Ok(head)
    }
}

/// The cache of rendered public pages, shared by every request of a
/// server. A budget of 0 turns it off (answers still carry their tags).
pub struct PageCache {
    budget: usize,
    pages: Mutex<Pages>,
    heads: HeadReads,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl PageCache {
    pub fn new(budget: usize) -> Self {
        Self {
            budget,
            pages: Mutex::new(Pages::default()),
            heads: HeadReads::default(),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// The largest page kept: an eighth of the budget.
    fn largest(&self) -> usize {
        self.budget / 8
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Pages> {
        // A panic while holding the lock leaves at worst a stale count of
        // bytes: the map itself is never half-written.
        self.pages.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, generation: Generation, key: &str) -> Option<std::sync::Arc<Page>> {
        if self.budget == 0 {
            return None;
        }
        let mut pages = self.lock();
        if !pages.enter(generation) {
            return None;
        }
        pages.get(key, self.budget / 2)
    }

    fn put(&self, generation: Generation, key: &str, page: std::sync::Arc<Page>) {
        if self.budget == 0 || page.weight(key) > self.largest() {
            return;
        }
        let mut pages = self.lock();
        if pages.enter(generation) {
            pages.insert(key.into(), page, self.budget / 2);
        }
    }

    /// How many pages are kept (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Answers served from the cache and answers rendered for it, since
    /// the server started.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }
}

impl Default for PageCache {
    fn default() -> Self {
        Self::new(DEFAULT_BUDGET)
    }
}

/// The layer in front of every shared route (outside the session guard,
/// so a page served from the cache costs one head read and no session
/// lookup).
pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    // A HEAD is answered as its GET, from the same page and with the same
    // headers (the server sends no body); run as a GET so that the page
    // kept is whole.
    if request.method() == Method::HEAD {
        *request.method_mut() = Method::GET;
    } else if request.method() != Method::GET {
        return next.run(request).await;
    }
    if signed_in(&state, request.headers()) {
        let mut response = next.run(request).await;
        set_private(response.headers_mut());
        return response;
    }
    let generation = match state.pages.heads.head(state.store.as_ref()).await {
        Ok(head) => Generation {
            head,
            day: crate::http::today(),
        },
        // The page will meet the same failure and say so.
        Err(_) => return next.run(request).await,
    };
    let key = key_of(&request, state.config.public_url.is_none());
    let wanted = request.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(page) = state.pages.get(generation, &key) {
        state.pages.hits.fetch_add(1, Ordering::Relaxed);
        return answer(&page, wanted.as_ref());
    }
    state.pages.misses.fetch_add(1, Ordering::Relaxed);
    let response = next.run(request).await;
    match shareable(response, csrf_cookie(state.config.secure_cookies)).await {
        Ok(page) => {
            let page = std::sync::Arc::new(page);
            state.pages.put(generation, &key, page.clone());
            answer(&page, wanted.as_ref())
        }
        Err(response) => response,
    }
}

/// Whether the request carries a session cookie (valid or not: a visitor
/// who has one is never served a shared page nor fills the cache).
fn signed_in(state: &AppState, headers: &HeaderMap) -> bool {
    cookie(headers, session_cookie(state.config.secure_cookies)).is_some()
}

fn set_private(headers: &mut HeaderMap) {
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
}

/// The key of a request within a generation: the reader's language (from
/// the switcher's cookie or `Accept-Language`, as the page itself
/// negotiates it: an anonymous visitor has no saved language), its path
/// and query, and its `Host` when no public address is configured (feeds
/// then link to the host asked for, so one host's feed is never served to
/// another).
fn key_of(request: &Request, with_host: bool) -> String {
    let lang = crate::lang::negotiate(request.headers(), None);
    format!("{} {}", lang.code(), path_key(request, with_host))
}

fn path_key(request: &Request, with_host: bool) -> String {
    let uri = request.uri();
    let path = match uri.query() {
        Some(query) => format!("{}?{query}", uri.path()),
        None => uri.path().to_owned(),
    };
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|_| with_host);
    match host {
        Some(host) => format!("{host} {path}"),
        None => path,
    }
}

/// A rendered answer as a page to keep, or the answer as it came (kept
/// private) when it may not be shared: not a 200, a cookie other than the
/// anonymous CSRF cookie, or the visitor's form token in its body.
async fn shareable(response: Response, csrf_name: &str) -> Result<Page, Response> {
    let (mut parts, body) = response.into_parts();
    let other_cookie = parts
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| !v.as_bytes().starts_with(format!("{csrf_name}=").as_bytes()));
    if parts.status != StatusCode::OK || other_cookie {
        set_private(&mut parts.headers);
        return Err(Response::from_parts(parts, body));
    }
    // The handlers render in memory: the body is whole already.
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    };
    let token = parts.extensions.get::<IssuedCsrf>().map(|t| t.0.as_bytes());
    if token.is_some_and(|t| contains(&body, t)) {
        tracing::warn!("a shared page carries the visitor's form token: not kept");
        set_private(&mut parts.headers);
        return Err(Response::from_parts(parts, Body::from(body)));
    }
    // The anonymous CSRF cookie is the sign-in form's business: a shared
    // answer is the same for every visitor.
    parts.headers.remove(header::SET_COOKIE);
    let etag = etag_of(&body);
    let headers = &mut parts.headers;
    headers.insert(header::ETAG, etag.clone());
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(SHARED));
    // The language comes from the cookie or Accept-Language: a proxy
    // keeps one copy per language header and cookie.
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    Ok(Page {
        headers: parts.headers,
        body,
        etag,
    })
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// A strong entity tag: the first 128 bits of the body's SHA-256, so an
/// unchanged page keeps its tag across writes that do not touch it.
fn etag_of(body: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(body);
    let tag = format!("\"{}\"", hex::encode(&digest[..16]));
    HeaderValue::from_str(&tag).unwrap_or_else(|_| HeaderValue::from_static("\"\""))
}

/// The page, or a 304 when the visitor holds it already.
fn answer(page: &Page, wanted: Option<&HeaderValue>) -> Response {
    if wanted.is_some_and(|w| matches(w, &page.etag)) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        let headers = response.headers_mut();
        for name in [header::ETAG, header::CACHE_CONTROL, header::VARY] {
            if let Some(value) = page.headers.get(&name) {
                headers.insert(name, value.clone());
            }
        }
        return response;
    }
    let mut response = Response::new(Body::from(page.body.clone()));
    *response.headers_mut() = page.headers.clone();
    response
}

/// `If-None-Match`: `*` or a list of tags, compared weakly (RFC 9110
/// 13.1.2: a `W/` prefix is ignored).
fn matches(wanted: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(wanted) = wanted.to_str() else {
        return false;
    };
    let etag = etag.to_str().unwrap_or_default();
    wanted
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(size: usize) -> std::sync::Arc<Page> {
        std::sync::Arc::new(Page {
            headers: HeaderMap::new(),
            body: Bytes::from(vec![b'x'; size]),
            etag: etag_of(&vec![b'x'; size]),
        })
    }

    fn generation(head: i64) -> Generation {
        Generation {
            head,
            day: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        }
    }

    #[test]
    fn a_page_is_found_only_in_its_own_generation() {
        let cache = PageCache::new(1 << 20);
        cache.put(generation(5), "/a", page(10));
        assert!(cache.get(generation(5), "/a").is_some());
        assert!(cache.get(generation(5), "/b").is_none());
        // A newer head drops every older page.
        assert!(cache.get(generation(6), "/a").is_none());
        assert_eq!(cache.len(), 0);
        // A request that read an older head neither finds nor keeps.
        cache.put(generation(5), "/a", page(10));
        assert!(cache.get(generation(5), "/a").is_none());
        assert_eq!(cache.len(), 0);
        // The next day is a new generation too.
        cache.put(generation(6), "/a", page(10));
        let tomorrow = Generation {
            day: NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
            ..generation(6)
        };
        assert!(cache.get(tomorrow, "/a").is_none());
    }

    #[test]
    fn the_budget_bounds_memory_and_keeps_the_pages_in_use() {
        let budget = 64 * 1024;
        let cache = PageCache::new(budget);
        let g = generation(1);
        cache.put(g, "/kept", page(1000));
        for i in 0..1000 {
            cache.put(g, &format!("/other/{i}"), page(1000));
            // The page in use is asked for all along.
            assert!(cache.get(g, "/kept").is_some(), "lost after {i}");
            let pages = cache.lock();
            let bytes: usize = pages
                .hot
                .iter()
                .chain(pages.cold.iter())
                .map(|(k, p)| p.weight(k))
                .sum();
            assert!(bytes <= budget + 2 * 1300, "{bytes} bytes");
        }
        assert!(cache.len() < 100, "{} pages", cache.len());
        // Over an eighth of the budget is never kept.
        cache.put(g, "/big", page(budget / 8));
        assert!(cache.get(g, "/big").is_none());
    }

    #[test]
    fn a_budget_of_zero_keeps_nothing() {
        let cache = PageCache::new(0);
        cache.put(generation(1), "/a", page(10));
        assert!(cache.get(generation(1), "/a").is_none());
    }

    #[test]
    fn if_none_match_compares_weakly_and_accepts_lists_and_star() {
        let etag = HeaderValue::from_static("\"abc\"");
        for wanted in ["\"abc\"", "W/\"abc\"", "\"x\", \"abc\"", "*"] {
            assert!(
                matches(&HeaderValue::from_static(wanted), &etag),
                "{wanted}"
            );
        }
        for wanted in ["\"abd\"", "abc", ""] {
            assert!(
                !matches(&HeaderValue::from_static(wanted), &etag),
                "{wanted}"
            );
        }
    }

    #[test]
    fn the_tag_is_the_bodys_digest() {
        assert_eq!(etag_of(b"a"), etag_of(b"a"));
        assert_ne!(etag_of(b"a"), etag_of(b"b"));
        assert_eq!(etag_of(b"a").len(), 34);
    }
}
