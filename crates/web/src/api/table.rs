//! The JSON API's route table: each route's name, the access it needs and
//! its handler, on one line. The path and method are written once, in the
//! handler's `#[utoipa::path]`: `utoipa-axum` builds the route and the
//! OpenAPI operation from it, and [`ApiRoute::path`] and [`API_ROUTES`]
//! read them back for links and for the authorisation tests.

use std::fmt::Display;
use std::sync::LazyLock;

use utoipa::openapi::path::{PathItem, Paths};
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

use super::{drafting, read, write};
use crate::AppState;
use crate::paths::{Access, RouteSpec, fill};

const PUBLIC: Access = Access::Public;
const VIEWER: Access = Access::AtLeast(pledgewatch_core::accounts::Role::Viewer);
const EDITOR: Access = Access::AtLeast(pledgewatch_core::accounts::Role::Editor);
const REVIEWER: Access = Access::AtLeast(pledgewatch_core::accounts::Role::Reviewer);

/// Declares [`ApiRoute`] with each variant's name, access and handler; the
/// handler is named in an exhaustive `match`, so a route without one does
/// not compile.
macro_rules! api_table {
    ( $( $variant:ident = $name:literal, $access:expr, $handler:path; )* ) => {
        /// A route of the JSON API. The router is built from this table,
        /// the OpenAPI document's security and error responses come from
        /// it, and the API's authorisation test walks it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ApiRoute { $( $variant, )* }

        impl ApiRoute {
            /// Every route, in the table's order.
            pub const ALL: &'static [ApiRoute] = &[$( ApiRoute::$variant, )*];

            /// The route's name (what the tests and logs call it).
            pub const fn name(self) -> &'static str {
                match self { $( ApiRoute::$variant => $name, )* }
            }

            /// Who may call the route.
            pub const fn access(self) -> Access {
                match self { $( ApiRoute::$variant => $access, )* }
            }

            /// The handler with its path, method and OpenAPI operation,
            /// all taken from its `#[utoipa::path]`.
            pub fn operation(self) -> UtoipaMethodRouter<AppState> {
                match self { $( ApiRoute::$variant => routes!($handler), )* }
            }
        }
    };
}

api_table! {
    Openapi = "api_openapi", PUBLIC, super::openapi_json;
    Dossiers = "api_dossiers", PUBLIC, read::list_dossiers;
    Dossier = "api_dossier", PUBLIC, read::show_dossier;
    Commitment = "api_commitment", PUBLIC, read::show_commitment;
    Search = "api_search", PUBLIC, read::search;
    RecordList = "api_record_list", VIEWER, read::list_records;
    RecordCreate = "api_record_create", EDITOR, write::create_record;
    RecordShow = "api_record_show", VIEWER, read::show_record;
    RecordUpdate = "api_record_update", EDITOR, write::update_record;
    RecordDelete = "api_record_delete", EDITOR, write::delete_record;
    RecordHistory = "api_record_history", VIEWER, read::record_history;
    RecordPublish = "api_record_publish", REVIEWER, write::publish_record;
    RecordUnpublish = "api_record_unpublish", REVIEWER, write::unpublish_record;
    AssessmentApprove = "api_assessment_approve", REVIEWER, write::approve_assessment;
    Candidates = "api_candidates", EDITOR, drafting::list_candidates;
    CandidateAccept = "api_candidate_accept", EDITOR, drafting::accept_candidate;
    CandidateReject = "api_candidate_reject", EDITOR, drafting::reject_candidate;
}

/// Each route's path and method as its handler declares them, in the
/// table's order (read once: they do not change while running).
static PATHS: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    ApiRoute::ALL
        .iter()
        .map(|route| path_and_method(&route.operation().1))
        .collect()
});

/// Every API route with the role it needs, as specs (what the API's
/// authorisation test and the OpenAPI document's security walk).
pub static API_ROUTES: LazyLock<Vec<RouteSpec>> = LazyLock::new(|| {
    ApiRoute::ALL
        .iter()
        .map(|route| RouteSpec {
            name: route.name(),
            method: route.method(),
            path: route.path(),
            access: route.access(),
        })
        .collect()
});

/// The one path and method of a handler's `#[utoipa::path]` (each handler
/// serves exactly one; the table's test checks it).
fn path_and_method(paths: &Paths) -> (String, &'static str) {
    paths
        .paths
        .iter()
        .next()
        .map(|(path, item)| (path.clone(), method_of(item)))
        .unwrap_or_default()
}

fn method_of(item: &PathItem) -> &'static str {
    if item.get.is_some() {
        "GET"
    } else if item.post.is_some() {
        "POST"
    } else if item.put.is_some() {
        "PUT"
    } else if item.delete.is_some() {
        "DELETE"
    } else {
        ""
    }
}

impl ApiRoute {
    /// The route's path pattern, from its handler.
    pub fn path(self) -> &'static str {
        PATHS
            .get(self as usize)
            .map_or("", |(path, _)| path.as_str())
    }

    /// The route's method, from its handler.
    pub fn method(self) -> &'static str {
        PATHS.get(self as usize).map_or("", |(_, method)| method)
    }

    /// The route's name, method, path pattern and access.
    pub fn spec(self) -> RouteSpec {
        RouteSpec {
            name: self.name(),
            method: self.method(),
            path: self.path(),
            access: self.access(),
        }
    }

    /// The path with its `{parameters}` filled in order.
    pub fn url(self, params: &[&dyn Display]) -> String {
        fill(self.path(), params)
    }

    /// The path with its one parameter (for templates).
    pub fn url1(self, a: impl Display) -> String {
        self.url(&[&a])
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn each_handler_serves_one_path_and_method_of_the_api() {
        let mut pairs = HashSet::new();
        let mut names = HashSet::new();
        for route in ApiRoute::ALL {
            let (_, paths, _) = route.operation();
            assert_eq!(paths.paths.len(), 1, "{}", route.name());
            let item = paths.paths.values().next();
            let operations = item.map_or(0, |i| {
                [&i.get, &i.post, &i.put, &i.delete, &i.patch]
                    .iter()
                    .filter(|o| o.is_some())
                    .count()
            });
            assert_eq!(operations, 1, "{}", route.name());
            assert!(
                route.path().starts_with(super::super::PREFIX),
                "{}",
                route.name()
            );
            assert!(
                pairs.insert((route.method(), route.path())),
                "{}",
                route.name()
            );
            assert!(names.insert(route.name()), "{} twice", route.name());
        }
        assert_eq!(API_ROUTES.len(), ApiRoute::ALL.len());
    }

    #[test]
    fn urls_are_built_from_the_handlers_paths() {
        assert_eq!(ApiRoute::Dossier.url(&[&"kz"]), "/api/v1/dossiers/kz");
        assert_eq!(ApiRoute::Dossier.method(), "GET");
        assert_eq!(ApiRoute::RecordUpdate.method(), "PUT");
        assert_eq!(ApiRoute::RecordList.url1("actor"), "/api/v1/records/actor");
        assert_eq!(ApiRoute::Openapi.path(), "/api/v1/openapi.json");
    }
}
