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
pub mod tokens;
mod write;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, delete, get, post, put};
use pledgewatch_core::accounts::Accounts;
use serde::Serialize;
use utoipa::OpenApi;
use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, SecurityRequirement};

use crate::AppState;
use crate::auth::{Ctx, token_hash};
use crate::paths::Access;
pub use crate::paths::{API_ROUTES, ApiRoute};
use error::{ApiError, ErrorBody};

/// Where the API lives.
pub const PREFIX: &str = "/api/v1";

/// The handler of each API route: an exhaustive match, so a route of the
/// table without a handler does not compile.
fn handler(route: ApiRoute) -> MethodRouter<AppState> {
    match route {
        ApiRoute::Openapi => get(openapi_json),
        ApiRoute::Dossiers => get(read::list_dossiers),
        ApiRoute::Dossier => get(read::show_dossier),
        ApiRoute::Commitment => get(read::show_commitment),
        ApiRoute::Search => get(read::search),
        ApiRoute::RecordList => get(read::list_records),
        ApiRoute::RecordCreate => post(write::create_record),
        ApiRoute::RecordShow => get(read::show_record),
        ApiRoute::RecordUpdate => put(write::update_record),
        ApiRoute::RecordDelete => delete(write::delete_record),
        ApiRoute::RecordHistory => get(read::record_history),
        ApiRoute::RecordPublish => post(write::publish_record),
        ApiRoute::RecordUnpublish => post(write::unpublish_record),
        ApiRoute::AssessmentApprove => post(write::approve_assessment),
        ApiRoute::Candidates => get(drafting::list_candidates),
        ApiRoute::CandidateAccept => post(drafting::accept_candidate),
        ApiRoute::CandidateReject => post(drafting::reject_candidate),
    }
}

/// The API's routes, each behind [`api_guard`], to merge into the
/// application's router. Routes sharing a path share one method router.
pub fn routes(state: &AppState) -> Router<AppState> {
    let mut by_path: Vec<(&'static str, MethodRouter<AppState>)> = Vec::new();
    for route in ApiRoute::ALL {
        let spec = route.spec();
        let guarded = handler(*route).route_layer(middleware::from_fn_with_state(
            (state.clone(), spec.access),
            api_guard,
        ));
        match by_path.iter_mut().find(|(p, _)| *p == spec.path) {
            Some((_, existing)) => {
                let merged = std::mem::take(existing).merge(guarded);
                *existing = merged;
            }
            None => by_path.push((spec.path, guarded)),
        }
    }
    by_path
        .into_iter()
        .fold(Router::new(), |router, (path, mr)| {
            router.route(path, mr.layer(middleware::from_fn(json_method_not_allowed)))
        })
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
        .filter(|t| tokens::looks_like_token(t))
        .ok_or_else(|| {
            ApiError::unauthorized(
                "the Authorization header must be 'Bearer ' followed by an API token",
            )
        })?;
    let now = pledgewatch_core::audit::now();
    match state.store.api_token(&token_hash(secret), now).await? {
        Some((_, user)) => Ok(Some(user)),
        None => Err(ApiError::unauthorized(
            "this API token is unknown or was revoked",
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
    paths(
        openapi_json,
        read::list_dossiers,
        read::show_dossier,
        read::show_commitment,
        read::search,
        read::list_records,
        read::show_record,
        read::record_history,
        write::create_record,
        write::update_record,
        write::delete_record,
        write::publish_record,
        write::unpublish_record,
        write::approve_assessment,
        drafting::list_candidates,
        drafting::accept_candidate,
        drafting::reject_candidate,
    ),
    components(schemas(ErrorBody)),
    modifiers(&FromRouteTable)
)]
pub struct ApiDoc;

/// Adds what the route table knows to every operation: who may call it
/// (security) and the JSON errors it can answer with.
struct FromRouteTable;

impl utoipa::Modify for FromRouteTable {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
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
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build()
        };
        // A created record can be followed to what can be done with it
        // (clients and schemathesis's stateful tests use these links).
        if let Some(RefOr::T(created)) = doc
            .paths
            .paths
            .get_mut("/api/v1/records/{kind}")
            .and_then(|item| item.post.as_mut())
            .and_then(|op| op.responses.responses.get_mut("201"))
        {
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
        for spec in API_ROUTES {
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
            let Some(op) = operation else { continue };
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
                    .or_insert_with(|| error(description).into());
            }
            op.security = Some(match spec.access.role() {
                Some(_) => vec![SecurityRequirement::new("bearer", Vec::<String>::new())],
                None => vec![
                    SecurityRequirement::default(),
                    SecurityRequirement::new("bearer", Vec::<String>::new()),
                ],
            });
        }
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
    json(StatusCode::OK, &ApiDoc::openapi())
}
