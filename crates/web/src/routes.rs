//! The application's router: every page route of [`Route`] with its
//! handler behind the session guard, and the headers every response
//! carries. The table itself (paths, methods, access) is in
//! [`crate::paths`].

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{MethodFilter, MethodRouter, on};

use crate::AppState;
use crate::auth::guard;
use crate::limits::body_limit;
pub use crate::paths::{Access, ROUTES, Route, RouteSpec, url};
use crate::{cache, feeds, pages};

/// The handler of each page route: an exhaustive match, so a route of the
/// table without a handler does not compile. Each answers the method the
/// table gives it, which is written there only.
fn handler(route: Route) -> MethodRouter<AppState> {
    let m = method_of(route.spec());
    match route {
        Route::Home => on(m, pages::home),
        Route::DossiersCsv => on(m, pages::exports::dossiers_csv),
        Route::DossiersJson => on(m, pages::exports::dossiers_json),
        Route::Dossier => on(m, pages::dossier::scorecard),
        Route::DossierCsv => on(m, pages::exports::dossier_csv),
        Route::DossierJson => on(m, pages::exports::dossier_json),
        Route::ExportSchema => on(m, pages::exports::schema),
        Route::Commitment => on(m, pages::dossier::commitment),
        Route::Memo => on(m, pages::documents::memo),
        Route::Letters => on(m, pages::documents::letters),
        Route::Search => on(m, pages::search::search),
        Route::Stylesheet => on(m, pages::stylesheet),
        Route::File => on(m, pages::files::download),
        Route::Htmx => on(m, pages::htmx),
        Route::LoginForm => on(m, pages::account::login_form),
        Route::Login => on(m, pages::account::login),
        Route::SetupForm => on(m, pages::account::setup_form),
        Route::Setup => on(m, pages::account::setup),
        Route::Logout => on(m, pages::account::logout),
        Route::RecordList => on(m, pages::records::list),
        Route::RecordCsv => on(m, pages::exports::records_csv),
        Route::RecordJson => on(m, pages::exports::records_json),
        Route::RecordNewForm => on(m, pages::records::new_form),
        Route::RecordCreate => on(m, pages::records::create),
        Route::RecordShow => on(m, pages::records::show),
        Route::RecordEditForm => on(m, pages::records::edit_form),
        Route::RecordUpdate => on(m, pages::records::update),
        Route::RecordDelete => on(m, pages::records::delete),
        Route::RecordPublish => on(m, pages::records::publish),
        Route::RecordUnpublish => on(m, pages::records::unpublish),
        Route::AssessmentApprove => on(m, pages::records::approve),
        Route::RecordSendBack => on(m, pages::review::send_back),
        Route::ReviewQueue => on(m, pages::review::queue),
        Route::Drafting => on(m, pages::drafting::start),
        Route::DraftingSubmit => on(m, pages::drafting::submit),
        Route::DraftingSource => on(m, pages::drafting::source),
        Route::CandidateAccept => on(m, pages::drafting::accept),
        Route::CandidateReject => on(m, pages::drafting::reject),
        Route::Users => on(m, pages::account::users),
        Route::UserCreate => on(m, pages::account::user_create),
        Route::UserRole => on(m, pages::account::user_role),
        Route::UserDisable => on(m, pages::account::user_disable),
        Route::UserEnable => on(m, pages::account::user_enable),
        Route::UserReset => on(m, pages::account::user_reset),
        Route::PasswordChange => on(m, pages::password::password_change),
        Route::SignOutEverywhere => on(m, pages::password::sign_out_everywhere),
        Route::ResetForm => on(m, pages::password::reset_form),
        Route::Reset => on(m, pages::password::reset),
        Route::Account => on(m, pages::tokens::account),
        Route::TokenCreate => on(m, pages::tokens::token_create),
        Route::TokenRevoke => on(m, pages::tokens::token_revoke),
        Route::DossierFeed => on(m, feeds::dossier_feed),
        Route::CommitmentFeed => on(m, feeds::commitment_feed),
        Route::LanguageSet => on(m, crate::lang::set_language),
    }
}

/// The method filter of a route of the table. A test of the table
/// (`paths.rs`) allows only these four methods.
fn method_of(spec: RouteSpec) -> MethodFilter {
    match spec.method {
        "POST" => MethodFilter::POST,
        "PUT" => MethodFilter::PUT,
        "DELETE" => MethodFilter::DELETE,
        _ => MethodFilter::GET,
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
        let guarded = if cache::shared(*route) {
            guarded.route_layer(middleware::from_fn_with_state(state.clone(), cache::layer))
        } else {
            guarded
        };
        router.route(spec.path, guarded)
    })
}

/// The names of routes without a handler: none, since the compiler checks
/// the table (kept for the tests that ask).
pub fn all_routes_have_handlers() -> Vec<&'static str> {
    Vec::new()
}

/// Headers every response carries: no inline script, no framing, no
/// sniffing, no referrer leaks, and nobody keeps it unless the handler or
/// the page cache says otherwise.
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
        set(headers, header::CACHE_CONTROL, cache::PRIVATE);
    }
    response
}
