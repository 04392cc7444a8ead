//! The JSON API under `/api/v1`: what the web pages do, for programs.
//!
//! Only bearer tokens authenticate it (`Authorization: Bearer pw_...`); a
//! request without one is anonymous and sees what the public sees. Cookies
//! are ignored here, so a browser's session can never be ridden into an API
//! write, and the CSRF check of the forms does not apply. Every route is in
//! [`API_ROUTES`] with the role it needs, like the pages' table, and the
//! OpenAPI document served at `/api/v1/openapi.json` is generated from the
//! handlers and the types they return.

mod drafting;
pub mod error;
pub mod extract;
mod read;
pub mod table;
mod write;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use pledgewatch_core::accounts::Accounts;
use pledgewatch_core::service::accounts::{looks_like_token, token_hash};
use serde::Serialize;
use std::sync::LazyLock;

use utoipa::OpenApi;
use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, SecurityRequirement};
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;
use crate::auth::Ctx;
use crate::paths::{Access, RouteSpec};
use error::{ApiError, ErrorBody};
pub use table::{API_ROUTES, ApiRoute};

/// Where the API lives.
pub const PREFIX: &str = "/api/v1";

/// The API's routes, each behind [`api_guard`] with the access its row of
/// [`ApiRoute`] gives, to merge into the application's router. Each route's
/// path and method come from its handler's `#[utoipa::path]`; routes sharing
/// a path are merged into one method router by axum.
pub fn routes(state: &AppState) -> Router<AppState> {
    let router = ApiRoute::ALL
        .iter()
        .fold(OpenApiRouter::new(), |router, route| {
            let guard = middleware::from_fn_with_state((state.clone(), route.access()), api_guard);
            let (schemas, paths, handler) = route.operation();
            let handler = handler
                .route_layer(guard)
                .layer(middleware::from_fn(json_method_not_allowed));
            router.routes((schemas, paths, handler))
        });
    router.into()
}

/// The OpenAPI document: the operations of every route in the table, with
/// what the table knows added ([`FromRouteTable`]). Built once.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOCUMENT: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(|| {
        let router = ApiRoute::ALL.iter().fold(
            OpenApiRouter::<AppState>::with_openapi(ApiDoc::openapi()),
            |router, route| router.routes(route.operation()),
        );
        let mut doc = router.into_openapi();
        utoipa::Modify::modify(&FromRouteTable, &mut doc);
        doc
    });
    &DOCUMENT
}

/// axum answers a method a path does not take with an empty 405; the API
/// answers in JSON like every other error, keeping the `Allow` header.
async fn json_method_not_allowed(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::METHOD_NOT_ALLOWED {
        return response;
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let mut json_error = ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        error::ErrorCode::BadRequest,
        format!(
            "this path does not take that method; it takes {}",
            allow
                .as_ref()
                .and_then(|v| v.to_str().ok())
                .unwrap_or("other methods")
        ),
    )
    .into_response();
    if let Some(allow) = allow {
        json_error.headers_mut().insert(header::ALLOW, allow);
    }
    json_error
}

/// The names of API routes without a handler: none, since the compiler
/// checks the table (kept for the tests that ask).
pub fn routes_without_handlers() -> Vec<&'static str> {
    Vec::new()
}

/// A JSON response.
pub fn json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => {
            let mut response = (status, Body::from(bytes)).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        Err(e) => ApiError::internal(format!("cannot write JSON: {e}")).into_response(),
    }
}

/// A JSON 404 for any unknown path under the API's prefix.
pub fn not_found() -> Response {
    ApiError::not_found().into_response()
}

/// The API's guard: resolves the bearer token (if any) to its owner, checks
/// the role the route needs, and hands the handler a [`Ctx`] like the pages
/// get. A token that is sent must be valid: a revoked or unknown token is
/// refused, never treated as anonymous.
pub async fn api_guard(
    State((state, access)): State<(AppState, Access)>,
    mut request: Request,
    next: Next,
) -> Response {
    let authorization = request
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().map(str::to_owned).unwrap_or_default());
    let user = match bearer(&state, authorization).await {
        Ok(user) => user,
        Err(e) => return e.into_response(),
    };
    if let Some(required) = access.role() {
        match &user {
            None => {
                return ApiError::unauthorized(
                    "this needs an API token: send Authorization: Bearer <token>",
                )
                .into_response();
            }
            Some(u) if u.role < required => return ApiError::forbidden().into_response(),
            Some(_) => {}
        }
    }
    request.extensions_mut().insert(Ctx {
        user,
        session: None,
        csrf: String::new(),
        site: state.config.site.clone(),
        lang: pledgewatch_core::lang::Lang::En,
        here: String::new(),
    });
    next.run(request).await
}

async fn bearer(
    state: &AppState,
    authorization: Option<String>,
) -> Result<Option<pledgewatch_core::accounts::User>, ApiError> {
    let Some(value) = authorization else {
        return Ok(None);
    };
    let secret = Some(value.as_str())
        .and_then(|v| {
            let (scheme, rest) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
        })
        .filter(|t| looks_like_token(t))
        .ok_or_else(|| {
            ApiError::unauthorized(
                "the Authorization header must be 'Bearer ' followed by an API token",
            )
        })?;
    let now = pledgewatch_core::audit::now();
    match state.store.api_token(&token_hash(secret), now).await? {
        Some((_, user)) => Ok(Some(user)),
        None => Err(ApiError::unauthorized(
            "this API token is unknown, revoked or expired",
        )),
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "pledgewatch API",
        description = "Commitments governments made, what happened to them, and their assessments. \
            Without a token, only what is published is visible; a token acts with its account's role.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later")
    ),
    components(schemas(ErrorBody))
)]
/// The document's frame; the operations are added from the route table by
/// [`document`].
pub struct ApiDoc;

/// Adds what the route table knows to every operation: who may call it
/// (security) and the JSON errors it can answer with.
struct FromRouteTable;

impl utoipa::Modify for FromRouteTable {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        add_bearer_scheme(doc);
        link_created_record(doc);
        for spec in API_ROUTES.iter() {
            let Some(item) = doc.paths.paths.get_mut(spec.path) else {
                continue;
            };
            let operation = match spec.method {
                "GET" => item.get.as_mut(),
                "POST" => item.post.as_mut(),
                "PUT" => item.put.as_mut(),
                "DELETE" => item.delete.as_mut(),
                _ => None,
            };
            if let Some(op) = operation {
                add_error_responses(spec, op);
                op.security = Some(security_of(spec.access));
            }
        }
    }
}

/// The bearer-token scheme every protected operation refers to.
fn add_bearer_scheme(doc: &mut utoipa::openapi::OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "An API token made on the account page or with `pledgewatch token create`.",
                ))
                .build(),
        ),
    );
}

/// A created record can be followed to what can be done with it (clients
/// and schemathesis's stateful tests use these links).
fn link_created_record(doc: &mut utoipa::openapi::OpenApi) {
    let Some(RefOr::T(created)) = doc
        .paths
        .paths
        .get_mut(ApiRoute::RecordCreate.path())
        .and_then(|item| item.post.as_mut())
        .and_then(|op| op.responses.responses.get_mut("201"))
    else {
        return;
    };
    for operation in [
        "show_record",
        "update_record",
        "delete_record",
        "record_history",
        "publish_record",
        "unpublish_record",
    ] {
        created.links.insert(
            operation.to_owned(),
            LinkBuilder::new()
                .operation_id(operation)
                .parameter("kind", "$response.body#/kind")
                .parameter("id", "$response.body#/id")
                .description(format!("The created record, for {operation}."))
                .build()
                .into(),
        );
    }
}

/// The JSON errors a route can answer with, from what the table knows of
/// it (its access, parameters and method), unless its handler documents
/// them itself.
fn add_error_responses(spec: &RouteSpec, op: &mut Operation) {
    let mut errors: Vec<(&str, &str)> = vec![
        (
            "400",
            "A query parameter could not be used (named in `fields`).",
        ),
        (
            "401",
            "The token sent is malformed, unknown or revoked, or a token is needed.",
        ),
    ];
    if spec.access.role().is_some() {
        errors.push((
            "403",
            "The token's account does not have the role this needs.",
        ));
    }
    if spec.path.contains('{') {
        errors.push(("404", "Nothing here, or not visible to this caller."));
    }
    if matches!(spec.method, "POST" | "PUT" | "DELETE") {
        errors.push((
            "409",
            "Someone else changed the record since the version given, or it is already in that state.",
        ));
        errors.push((
            "422",
            "The content is not acceptable; `fields` names each field at fault.",
        ));
    }
    if op.request_body.is_some() {
        errors.push(("413", "The body is larger than 1 MiB."));
        errors.push(("415", "The body is not sent as application/json."));
    }
    errors.push((
        "500",
        "The server failed; the message has a reference for its log.",
    ));
    for (status, description) in errors {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| error_response(description).into());
    }
}

/// A JSON error response with the [`ErrorBody`] schema.
fn error_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
}

/// A protected route needs a token; a public one takes one optionally.
fn security_of(access: Access) -> Vec<SecurityRequirement> {
    match access.role() {
        Some(_) => vec![SecurityRequirement::new("bearer", Vec::<String>::new())],
        None => vec![
            SecurityRequirement::default(),
            SecurityRequirement::new("bearer", Vec::<String>::new()),
        ],
    }
}

/// The OpenAPI 3.1 document of this API.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API.", content_type = "application/json", body = Object))
)]
pub async fn openapi_json() -> Response {
    json(StatusCode::OK, document())
}
