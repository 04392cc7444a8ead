//! Every URL of the application in one table, with the access each needs.
//! The router is built from this table, and the authorisation test walks it,
//! so a route cannot exist without a declared access level.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use pledgewatch_core::accounts::Role;

use crate::AppState;
use crate::auth::guard;
use crate::error::WebError;
use crate::pages;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (pages then show what the visitor may see).
    Public,
    /// At least this role.
    AtLeast(Role),
}

impl Access {
    pub fn role(self) -> Option<Role> {
        match self {
            Access::Public => None,
            Access::AtLeast(r) => Some(r),
        }
    }
}

/// One route: a name, its method, its path pattern, who may use it.
#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    pub name: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

pub(crate) const fn route(
    name: &'static str,
    method: &'static str,
    path: &'static str,
    access: Access,
) -> RouteSpec {
    RouteSpec {
        name,
        method,
        path,
        access,
    }
}

const PUBLIC: Access = Access::Public;
const VIEWER: Access = Access::AtLeast(Role::Viewer);
const EDITOR: Access = Access::AtLeast(Role::Editor);
const REVIEWER: Access = Access::AtLeast(Role::Reviewer);
const ADMIN: Access = Access::AtLeast(Role::Admin);

/// The table of contents of the application.
pub static ROUTES: &[RouteSpec] = &[
    route("home", "GET", "/", PUBLIC),
    route("dossiers_csv", "GET", "/dossiers/export.csv", PUBLIC),
    route("dossiers_json", "GET", "/dossiers/export.json", PUBLIC),
    route("dossier", "GET", "/dossiers/{slug}", PUBLIC),
    route("dossier_csv", "GET", "/dossiers/{slug}/export.csv", PUBLIC),
    route(
        "dossier_json",
        "GET",
        "/dossiers/{slug}/export.json",
        PUBLIC,
    ),
    route(
        "export_schema",
        "GET",
        "/schemas/pledgewatch-export-1.schema.json",
        PUBLIC,
    ),
    route(
        "commitment",
        "GET",
        "/dossiers/{slug}/commitments/{id}",
        PUBLIC,
    ),
    route("memo", "GET", "/dossiers/{slug}/memo", VIEWER),
    route("letters", "GET", "/dossiers/{slug}/letters", VIEWER),
    route("search", "GET", "/search", PUBLIC),
    route("stylesheet", "GET", "/static/app.css", PUBLIC),
    route("file", "GET", "/files/{sha256}", PUBLIC),
    route("htmx", "GET", "/static/htmx.min.js", PUBLIC),
    route("login_form", "GET", "/login", PUBLIC),
    route("login", "POST", "/login", PUBLIC),
    route("setup_form", "GET", "/setup", PUBLIC),
    route("setup", "POST", "/setup", PUBLIC),
    route("logout", "POST", "/logout", VIEWER),
    route("record_list", "GET", "/records/{kind}", VIEWER),
    route("record_csv", "GET", "/records/{kind}/export.csv", VIEWER),
    route("record_json", "GET", "/records/{kind}/export.json", VIEWER),
    route("record_new_form", "GET", "/records/{kind}/new", EDITOR),
    route("record_create", "POST", "/records/{kind}/new", EDITOR),
    route("record_show", "GET", "/records/{kind}/{id}", VIEWER),
    route(
        "record_edit_form",
        "GET",
        "/records/{kind}/{id}/edit",
        EDITOR,
    ),
    route("record_update", "POST", "/records/{kind}/{id}/edit", EDITOR),
    route(
        "record_delete",
        "POST",
        "/records/{kind}/{id}/delete",
        EDITOR,
    ),
    route(
        "record_publish",
        "POST",
        "/records/{kind}/{id}/publish",
        REVIEWER,
    ),
    route(
        "record_unpublish",
        "POST",
        "/records/{kind}/{id}/unpublish",
        REVIEWER,
    ),
    route(
        "assessment_approve",
        "POST",
        "/records/assessment/{id}/approve",
        REVIEWER,
    ),
    route("review_queue", "GET", "/review", REVIEWER),
    route("drafting", "GET", "/drafting", EDITOR),
    route("drafting_submit", "POST", "/drafting", EDITOR),
    route("drafting_source", "GET", "/drafting/{id}", EDITOR),
    route(
        "candidate_accept",
        "POST",
        "/drafting/candidates/{id}/accept",
        EDITOR,
    ),
    route(
        "candidate_reject",
        "POST",
        "/drafting/candidates/{id}/reject",
        EDITOR,
    ),
    route("users", "GET", "/admin/users", ADMIN),
    route("user_create", "POST", "/admin/users", ADMIN),
    route("user_role", "POST", "/admin/users/{id}/role", ADMIN),
    // The signed-in user's account and API tokens.
    route("account", "GET", "/account", VIEWER),
    route("token_create", "POST", "/account/tokens", VIEWER),
    route(
        "token_revoke",
        "POST",
        "/account/tokens/{id}/revoke",
        VIEWER,
    ),
    // Atom feeds: public documents, built from the public view.
    route("dossier_feed", "GET", "/dossiers/{slug}/feed.atom", PUBLIC),
    route(
        "commitment_feed",
        "GET",
        "/dossiers/{slug}/commitments/{id}/feed.atom",
        PUBLIC,
    ),
];

/// The handler of a named route.
fn handler(name: &str) -> Option<MethodRouter<AppState>> {
    Some(match name {
        "home" => get(pages::home),
        "dossier" => get(pages::dossier::scorecard),
        "dossiers_csv" => get(pages::exports::dossiers_csv),
        "dossiers_json" => get(pages::exports::dossiers_json),
        "dossier_csv" => get(pages::exports::dossier_csv),
        "dossier_json" => get(pages::exports::dossier_json),
        "export_schema" => get(pages::exports::schema),
        "commitment" => get(pages::dossier::commitment),
        "memo" => get(pages::documents::memo),
        "letters" => get(pages::documents::letters),
        "search" => get(pages::search::search),
        "stylesheet" => get(pages::stylesheet),
        "file" => get(pages::files::download),
        "htmx" => get(pages::htmx),
        "login_form" => get(pages::account::login_form),
        "login" => post(pages::account::login),
        "setup_form" => get(pages::account::setup_form),
        "setup" => post(pages::account::setup),
        "logout" => post(pages::account::logout),
        "record_list" => get(pages::records::list),
        "record_csv" => get(pages::exports::records_csv),
        "record_json" => get(pages::exports::records_json),
        "record_new_form" => get(pages::records::new_form),
        "record_create" => post(pages::records::create),
        "record_show" => get(pages::records::show),
        "record_edit_form" => get(pages::records::edit_form),
        "record_update" => post(pages::records::update),
        "record_delete" => post(pages::records::delete),
        "record_publish" => post(pages::records::publish),
        "record_unpublish" => post(pages::records::unpublish),
        "assessment_approve" => post(pages::records::approve),
        "review_queue" => get(pages::records::review_queue),
        "drafting" => get(pages::drafting::start),
        "drafting_submit" => post(pages::drafting::submit),
        "drafting_source" => get(pages::drafting::source),
        "candidate_accept" => post(pages::drafting::accept),
        "candidate_reject" => post(pages::drafting::reject),
        "users" => get(pages::account::users),
        "user_create" => post(pages::account::user_create),
        "user_role" => post(pages::account::user_role),
        "account" => get(pages::tokens::account),
        "token_create" => post(pages::tokens::token_create),
        "token_revoke" => post(pages::tokens::token_revoke),
        "dossier_feed" => get(crate::feeds::dossier_feed),
        "commitment_feed" => get(crate::feeds::commitment_feed),
        _ => return None,
    })
}

/// Builds the router from [`ROUTES`]. A route without a handler is a bug
/// caught at start-up (and by the tests).
pub fn build(state: AppState) -> Router {
    let mut router: Router<AppState> = Router::new();
    for spec in ROUTES {
        let Some(method_router) = handler(spec.name) else {
            // Unreachable while the table and the handlers agree; the
            // authorisation test fails if they do not.
            tracing::error!(route = spec.name, "route without a handler");
            continue;
        };
        let guarded = method_router.route_layer(middleware::from_fn_with_state(
            (state.clone(), spec.access),
            guard,
        ));
        router = router.route(spec.path, guarded);
    }
    // The JSON API: its own table, token guard and JSON errors.
    router = router.merge(crate::api::routes(&state));
    router
        .fallback(|uri: axum::http::Uri| async move {
            if uri.path().starts_with(crate::api::PREFIX) {
                crate::api::not_found()
            } else {
                WebError::NotFound.into_response()
            }
        })
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// Whether every route of the table has a handler.
pub fn all_routes_have_handlers() -> Vec<&'static str> {
    ROUTES
        .iter()
        .filter(|r| handler(r.name).is_none())
        .map(|r| r.name)
        .collect()
}

/// Headers every response carries: no inline script, no framing, no
/// sniffing, no referrer leaks.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set =
        |headers: &mut axum::http::HeaderMap, name: header::HeaderName, value: &'static str| {
            headers.insert(name, HeaderValue::from_static(value));
        };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'",
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::REFERRER_POLICY, "same-origin");
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    response
}
