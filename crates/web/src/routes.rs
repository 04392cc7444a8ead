//! The application's router: every page route of [`Route`] with its
//! handler behind the session guard, and the headers every response
//! carries. The table itself (paths, methods, access) is in
//! [`crate::paths`].

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{MethodRouter, get, post};

use crate::AppState;
use crate::auth::guard;
use crate::limits::body_limit;
pub use crate::paths::{Access, ROUTES, Route, RouteSpec, url};
use crate::{feeds, pages};

/// The handler of each page route: an exhaustive match, so a route of the
/// table without a handler does not compile.
fn handler(route: Route) -> MethodRouter<AppState> {
    match route {
        Route::Home => get(pages::home),
        Route::DossiersCsv => get(pages::exports::dossiers_csv),
        Route::DossiersJson => get(pages::exports::dossiers_json),
        Route::Dossier => get(pages::dossier::scorecard),
        Route::DossierCsv => get(pages::exports::dossier_csv),
        Route::DossierJson => get(pages::exports::dossier_json),
        Route::ExportSchema => get(pages::exports::schema),
        Route::Commitment => get(pages::dossier::commitment),
        Route::Memo => get(pages::documents::memo),
        Route::Letters => get(pages::documents::letters),
        Route::Search => get(pages::search::search),
        Route::Stylesheet => get(pages::stylesheet),
        Route::File => get(pages::files::download),
        Route::Htmx => get(pages::htmx),
        Route::LoginForm => get(pages::account::login_form),
        Route::Login => post(pages::account::login),
        Route::SetupForm => get(pages::account::setup_form),
        Route::Setup => post(pages::account::setup),
        Route::Logout => post(pages::account::logout),
        Route::RecordList => get(pages::records::list),
        Route::RecordCsv => get(pages::exports::records_csv),
        Route::RecordJson => get(pages::exports::records_json),
        Route::RecordNewForm => get(pages::records::new_form),
        Route::RecordCreate => post(pages::records::create),
        Route::RecordShow => get(pages::records::show),
        Route::RecordEditForm => get(pages::records::edit_form),
        Route::RecordUpdate => post(pages::records::update),
        Route::RecordDelete => post(pages::records::delete),
        Route::RecordPublish => post(pages::records::publish),
        Route::RecordUnpublish => post(pages::records::unpublish),
        Route::AssessmentApprove => post(pages::records::approve),
        Route::ReviewQueue => get(pages::records::review_queue),
        Route::Drafting => get(pages::drafting::start),
        Route::DraftingSubmit => post(pages::drafting::submit),
        Route::DraftingSource => get(pages::drafting::source),
        Route::CandidateAccept => post(pages::drafting::accept),
        Route::CandidateReject => post(pages::drafting::reject),
        Route::Users => get(pages::account::users),
        Route::UserCreate => post(pages::account::user_create),
        Route::UserRole => post(pages::account::user_role),
        Route::Account => get(pages::tokens::account),
        Route::TokenCreate => post(pages::tokens::token_create),
        Route::TokenRevoke => post(pages::tokens::token_revoke),
        Route::DossierFeed => get(feeds::dossier_feed),
        Route::CommitmentFeed => get(feeds::commitment_feed),
    }
}

/// The pages' router from [`Route`], each route behind the session guard
/// with its body limit (which axum's own form and multipart readers obey
/// too).
pub fn pages(state: &AppState) -> Router<AppState> {
    Route::ALL.iter().fold(Router::new(), |router, route| {
        let spec = route.spec();
        let limit = body_limit(*route);
        let guarded: MethodRouter<AppState> = handler(*route)
            .route_layer(middleware::from_fn_with_state(
                (state.clone(), spec.access, limit),
                guard,
            ))
            .layer(DefaultBodyLimit::max(limit));
        router.route(spec.path, guarded)
    })
}

/// The names of routes without a handler: none, since the compiler checks
/// the table (kept for the tests that ask).
pub fn all_routes_have_handlers() -> Vec<&'static str> {
    Vec::new()
}

/// Headers every response carries: no inline script, no framing, no
/// sniffing, no referrer leaks.
pub(crate) async fn security_headers(request: Request, next: Next) -> Response {
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
