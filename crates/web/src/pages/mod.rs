//! Page handlers, one module per family. Each parses the request, calls the
//! domain, and renders a template.

pub mod account;
pub mod documents;
pub mod dossier;
pub mod drafting;
pub mod exports;
pub mod files;
pub mod inline;
pub mod password;
pub mod public;
pub mod records;
pub mod review;
pub mod search;
pub mod tokens;

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use chrono::NaiveDate;
use pledgewatch_core::accounts::Role;
use pledgewatch_core::model::EntityKind;
use pledgewatch_core::public::PublicStore;
use pledgewatch_core::storage::Storage;
use pledgewatch_core::view::Audience;

use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::PageQuery;
pub use crate::flash::{Flash, FlashQuery};
use crate::http::today;
use crate::templates::{DossierCard, HomePage, Nav};

/// Renders a template into a response.
pub fn render(page: &impl Template) -> Result<Html<String>, WebError> {
    Ok(Html(page.render()?))
}

/// The navigation bar, with the flash message a redirect asked for.
pub fn nav(ctx: &Ctx, done: Option<Flash>) -> Nav {
    Nav {
        user: ctx.user.as_ref().map(|u| u.display_name.clone()),
        role: ctx
            .role()
            .map(|r| ctx.lang.t(&format!("role-{}", r.as_str())))
            .unwrap_or_default(),
        csrf: ctx.csrf.clone(),
        can_edit: ctx.can(Role::Editor),
        can_review: ctx.can(Role::Reviewer),
        is_admin: ctx.can(Role::Admin),
        flash: done.map(|f| f.text(ctx.lang)),
        organisation: ctx.site.organisation.clone().unwrap_or_default(),
        data_licence: ctx.site.data_licence.clone().unwrap_or_default(),
        lang: ctx.lang,
        here: ctx.here.clone(),
    }
}

/// Signed-in members of the team see drafts; everyone else the public view.
pub fn audience(ctx: &Ctx) -> Audience {
    if ctx.can(Role::Viewer) {
        Audience::Team
    } else {
        Audience::Public
    }
}

/// The record as a viewer may read it: the live record for the team, the
/// public projection (approved versions of published records only) for
/// everyone else. Every page and API route that shows records reads
/// through it.
pub enum Reader<'a> {
    Team(&'a dyn Storage),
    /// A team member whose role may not read confidential sources: the
    /// live record without them.
    Restricted(PublicStore<'a>),
    Public(PublicStore<'a>),
}

impl<'a> Reader<'a> {
    pub fn new(state: &'a AppState, ctx: &Ctx) -> Self {
        let store = state.store.as_ref();
        match audience(ctx) {
            Audience::Team if ctx.can(state.config.confidential_role) => Reader::Team(store),
            Audience::Team => Reader::Restricted(PublicStore::without_confidential(store)),
            Audience::Public => Reader::Public(PublicStore::new(store)),
        }
    }

    pub fn store(&self) -> &dyn Storage {
        match self {
            Reader::Team(s) => *s,
            Reader::Restricted(p) | Reader::Public(p) => p,
        }
    }

    /// Whether the reader sees drafts (a signed-in member of the team).
    pub fn is_team(&self) -> bool {
        !matches!(self, Reader::Public(_))
    }

    /// Whether the reader sees confidential sources.
    pub fn sees_confidential(&self) -> bool {
        matches!(self, Reader::Team(_))
    }

    /// Searches as this viewer may: the team over the live record, the
    /// public over the published versions only.
    pub async fn search(
        &self,
        state: &AppState,
        query: &pledgewatch_core::storage::SearchQuery,
    ) -> pledgewatch_core::Result<Vec<pledgewatch_core::storage::SearchHit>> {
        match self {
            Reader::Team(_) => state.search.search(query).await,
            Reader::Restricted(p) => {
                let query = pledgewatch_core::storage::SearchQuery {
                    include_confidential: false,
                    ..query.clone()
                };
                let hits = state.search.search(&query).await?;
                // The index knows the live flag only: a source whose
                // confidentiality is being lifted stays out until approved.
                let mut visible = std::collections::HashSet::new();
                for kind in [EntityKind::Source, EntityKind::Quote] {
                    let ids: Vec<uuid::Uuid> = hits
                        .iter()
                        .filter(|h| h.kind == kind)
                        .map(|h| h.id)
                        .collect();
                    if !ids.is_empty() {
                        visible.extend(p.get_many(kind, &ids).await?.iter().map(|s| s.entity.id()));
                    }
                }
                Ok(hits
                    .into_iter()
                    .filter(|h| {
                        !matches!(h.kind, EntityKind::Source | EntityKind::Quote)
                            || visible.contains(&h.id)
                    })
                    .collect())
            }
            Reader::Public(_) => {
                pledgewatch_core::public::search(state.store.as_ref(), state.search.as_ref(), query)
                    .await
            }
        }
    }
}

/// Reads an `as_of` parameter: empty means today.
pub fn as_of(value: Option<&str>) -> Result<NaiveDate, WebError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(today()),
        Some(v) => {
            pledgewatch_core::date::parse_day(v).map_err(|e| WebError::BadField(e.at("as_of")))
        }
    }
}

pub async fn home(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PageQuery(q): PageQuery<FlashQuery>,
) -> Result<Html<String>, WebError> {
    let reader = Reader::new(&state, &ctx);
    let dossiers = reader.store().list_dossiers().await?;
    let ids: Vec<uuid::Uuid> = dossiers.iter().map(|d| d.entity.id.uuid()).collect();
    let published = state.store.published(&ids).await?;
    let cards = dossiers
        .into_iter()
        .map(|d| DossierCard {
            published: published.contains_key(&d.entity.id.uuid()),
            slug: d.entity.slug.to_string(),
            title: d.entity.title.into(),
            summary: d.entity.summary.unwrap_or_default(),
            commitments: d.entity.commitments.len(),
        })
        .collect();
    render(&HomePage {
        nav: nav(&ctx, q.done),
        title: ctx.lang.t("home-title"),
        dossiers: cards,
    })
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
        .into_response()
}

/// htmx 2.0.11 (zero-clause BSD), served from here: no third-party origin.
pub async fn htmx() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../../static/htmx-2.0.11.min.js"),
    )
        .into_response()
}
