//! Every page URL of the application in one table: each route's name,
//! method, path pattern and the access it needs, written once. (The JSON
//! API's table is `api::table`: its paths are written in its handlers.)
//! Links and redirects are built from here ([`Route::url`] and the [`url`]
//! builders), the routers are built from the same enums, and the
//! authorisation tests walk them. This module imports nothing from the
//! crate, so handlers can build URLs without an import cycle.

use std::fmt::Display;

use pledgewatch_core::accounts::Role;
use pledgewatch_core::model::EntityKind;

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

/// Declares a table of routes as an enum whose every variant carries its
/// name, method, path and access. Each table's handlers are an exhaustive
/// `match` over the enum where the router is built (`routes::handler`,
/// `api::handler`), so a route without a handler does not compile.
macro_rules! route_table {
    (
        $(#[$meta:meta])* $enum:ident;
        $( $variant:ident = $name:literal, $method:ident $path:literal, $access:expr; )*
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $enum { $( $variant, )* }

        impl $enum {
            /// Every route, in the table's order.
            pub const ALL: &'static [$enum] = &[$( $enum::$variant, )*];

            /// The route's name, method, path pattern and access.
            pub const fn spec(self) -> RouteSpec {
                match self {
                    $( $enum::$variant => RouteSpec {
                        name: $name,
                        method: stringify!($method),
                        path: $path,
                        access: $access,
                    }, )*
                }
            }

            /// The path with its `{parameters}` filled in order.
            pub fn url(self, params: &[&dyn Display]) -> String {
                fill(self.spec().path, params)
            }

            /// The path of a route without parameters (for templates).
            pub const fn path(self) -> &'static str {
                self.spec().path
            }

            /// The path with its one parameter (for templates).
            pub fn url1(self, a: impl Display) -> String {
                self.url(&[&a])
            }

            /// The path with its two parameters (for templates).
            pub fn url2(self, a: impl Display, b: impl Display) -> String {
                self.url(&[&a, &b])
            }
        }
    };
}

const PUBLIC: Access = Access::Public;
const VIEWER: Access = Access::AtLeast(Role::Viewer);
const EDITOR: Access = Access::AtLeast(Role::Editor);
const REVIEWER: Access = Access::AtLeast(Role::Reviewer);
const ADMIN: Access = Access::AtLeast(Role::Admin);

route_table! {
    /// A page or form of the application (the JSON API has its own table,
    /// `api::ApiRoute`).
    Route;
    Home = "home", GET "/", PUBLIC;
    DossiersCsv = "dossiers_csv", GET "/dossiers/export.csv", PUBLIC;
    DossiersJson = "dossiers_json", GET "/dossiers/export.json", PUBLIC;
    Dossier = "dossier", GET "/dossiers/{slug}", PUBLIC;
    DossierCsv = "dossier_csv", GET "/dossiers/{slug}/export.csv", PUBLIC;
    DossierJson = "dossier_json", GET "/dossiers/{slug}/export.json", PUBLIC;
    ExportSchema = "export_schema", GET "/schemas/pledgewatch-export-1.schema.json", PUBLIC;
    Commitment = "commitment", GET "/dossiers/{slug}/commitments/{id}", PUBLIC;
    Memo = "memo", GET "/dossiers/{slug}/memo", VIEWER;
    Letters = "letters", GET "/dossiers/{slug}/letters", VIEWER;
    Search = "search", GET "/search", PUBLIC;
    Stylesheet = "stylesheet", GET "/static/app.css", PUBLIC;
    File = "file", GET "/files/{sha256}", PUBLIC;
    Htmx = "htmx", GET "/static/htmx.min.js", PUBLIC;
    LoginForm = "login_form", GET "/login", PUBLIC;
    Login = "login", POST "/login", PUBLIC;
    SetupForm = "setup_form", GET "/setup", PUBLIC;
    Setup = "setup", POST "/setup", PUBLIC;
    // A one-time code from an administrator, for a new password.
    ResetForm = "reset_form", GET "/reset", PUBLIC;
    Reset = "reset", POST "/reset", PUBLIC;
    Logout = "logout", POST "/logout", VIEWER;
    RecordList = "record_list", GET "/records/{kind}", VIEWER;
    RecordCsv = "record_csv", GET "/records/{kind}/export.csv", VIEWER;
    RecordJson = "record_json", GET "/records/{kind}/export.json", VIEWER;
    RecordNewForm = "record_new_form", GET "/records/{kind}/new", EDITOR;
    RecordCreate = "record_create", POST "/records/{kind}/new", EDITOR;
    RecordShow = "record_show", GET "/records/{kind}/{id}", VIEWER;
    RecordEditForm = "record_edit_form", GET "/records/{kind}/{id}/edit", EDITOR;
    RecordUpdate = "record_update", POST "/records/{kind}/{id}/edit", EDITOR;
    RecordDelete = "record_delete", POST "/records/{kind}/{id}/delete", EDITOR;
    RecordPublish = "record_publish", POST "/records/{kind}/{id}/publish", REVIEWER;
    RecordUnpublish = "record_unpublish", POST "/records/{kind}/{id}/unpublish", REVIEWER;
    AssessmentApprove = "assessment_approve", POST "/records/assessment/{id}/approve", REVIEWER;
    RecordSendBack = "record_send_back", POST "/records/{kind}/{id}/send-back", REVIEWER;
    ReviewQueue = "review_queue", GET "/review", REVIEWER;
    Drafting = "drafting", GET "/drafting", EDITOR;
    DraftingSubmit = "drafting_submit", POST "/drafting", EDITOR;
    DraftingSource = "drafting_source", GET "/drafting/{id}", EDITOR;
    CandidateAccept = "candidate_accept", POST "/drafting/candidates/{id}/accept", EDITOR;
    CandidateReject = "candidate_reject", POST "/drafting/candidates/{id}/reject", EDITOR;
    Users = "users", GET "/admin/users", ADMIN;
    UserCreate = "user_create", POST "/admin/users", ADMIN;
    UserRole = "user_role", POST "/admin/users/{id}/role", ADMIN;
    UserDisable = "user_disable", POST "/admin/users/{id}/disable", ADMIN;
    UserEnable = "user_enable", POST "/admin/users/{id}/enable", ADMIN;
    UserReset = "user_reset", POST "/admin/users/{id}/reset", ADMIN;
    // The signed-in user's account and API tokens.
    Account = "account", GET "/account", VIEWER;
    TokenCreate = "token_create", POST "/account/tokens", VIEWER;
    TokenRevoke = "token_revoke", POST "/account/tokens/{id}/revoke", VIEWER;
    PasswordChange = "password_change", POST "/account/password", VIEWER;
    SignOutEverywhere = "sign_out_everywhere", POST "/account/sessions/end", VIEWER;
    // Atom feeds: public documents, built from the public view.
    DossierFeed = "dossier_feed", GET "/dossiers/{slug}/feed.atom", PUBLIC;
    CommitmentFeed = "commitment_feed", GET "/dossiers/{slug}/commitments/{id}/feed.atom", PUBLIC;
    // The language switcher of every page: sets the reader's language.
    LanguageSet = "language_set", POST "/language", PUBLIC;
}

/// The table of contents of the application, as specs (what the
/// authorisation test walks).
pub static ROUTES: &[RouteSpec] = &specs();

const fn specs() -> [RouteSpec; Route::ALL.len()] {
    let mut out = [Route::Home.spec(); Route::ALL.len()];
    let mut i = 0;
    while i < Route::ALL.len() {
        out[i] = Route::ALL[i].spec();
        i += 1;
    }
    out
}

/// Fills a path pattern's `{parameters}` with `params`, in order. The
/// values are ids, slugs, kinds and digests, which need no escaping in a
/// path.
pub fn fill(pattern: &str, params: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(pattern.len() + 40);
    let mut params = params.iter();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        match params.next() {
            Some(value) => out.push_str(&value.to_string()),
            None => out.push_str(&rest[open..close]),
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// URL builders for the links and redirects the code writes.
pub mod url {
    use super::*;

    pub fn home() -> String {
        Route::Home.url(&[])
    }

    pub fn login() -> String {
        Route::LoginForm.url(&[])
    }

    /// The login page, coming back to `next` afterwards.
    pub fn login_then(next: &str) -> String {
        format!("{}?next={}", login(), crate::http::url_encode(next))
    }

    pub fn dossier(slug: impl Display) -> String {
        Route::Dossier.url(&[&slug])
    }

    pub fn commitment(slug: impl Display, id: impl Display) -> String {
        Route::Commitment.url(&[&slug, &id])
    }

    pub fn dossier_feed(slug: impl Display) -> String {
        Route::DossierFeed.url(&[&slug])
    }

    pub fn commitment_feed(slug: impl Display, id: impl Display) -> String {
        Route::CommitmentFeed.url(&[&slug, &id])
    }

    pub fn records(kind: EntityKind) -> String {
        Route::RecordList.url(&[&kind.as_str()])
    }

    pub fn record(kind: EntityKind, id: impl Display) -> String {
        Route::RecordShow.url(&[&kind.as_str(), &id])
    }

    pub fn record_new(kind: EntityKind) -> String {
        Route::RecordNewForm.url(&[&kind.as_str()])
    }

    pub fn record_edit(kind: EntityKind, id: impl Display) -> String {
        Route::RecordEditForm.url(&[&kind.as_str(), &id])
    }

    pub fn record_publish(kind: EntityKind, id: impl Display) -> String {
        Route::RecordPublish.url(&[&kind.as_str(), &id])
    }

    pub fn record_unpublish(kind: EntityKind, id: impl Display) -> String {
        Route::RecordUnpublish.url(&[&kind.as_str(), &id])
    }

    pub fn record_send_back(kind: EntityKind, id: impl Display) -> String {
        Route::RecordSendBack.url(&[&kind.as_str(), &id])
    }

    pub fn assessment_approve(id: impl Display) -> String {
        Route::AssessmentApprove.url(&[&id])
    }

    pub fn review_queue() -> String {
        Route::ReviewQueue.url(&[])
    }

    /// A pending change's item on the review queue.
    pub fn review_item(id: impl Display) -> String {
        format!("{}#r-{id}", review_queue())
    }

    pub fn drafting_source(id: impl Display) -> String {
        Route::DraftingSource.url(&[&id])
    }

    pub fn account() -> String {
        Route::Account.url(&[])
    }

    pub fn users() -> String {
        Route::Users.url(&[])
    }

    pub fn reset() -> String {
        Route::ResetForm.url(&[])
    }

    pub fn file(sha256: impl Display) -> String {
        Route::File.url(&[&sha256])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_fill_the_pattern_in_order() {
        assert_eq!(
            fill("/dossiers/{slug}/commitments/{id}", &[&"kz", &7]),
            "/dossiers/kz/commitments/7"
        );
        assert_eq!(fill("/search", &[]), "/search");
        // Too few values leave the rest visible rather than guessing.
        assert_eq!(
            fill("/records/{kind}/{id}", &[&"actor"]),
            "/records/actor/{id}"
        );
    }

    #[test]
    fn every_route_has_its_own_name_and_method_and_path() {
        let mut seen = std::collections::HashSet::new();
        for spec in ROUTES {
            assert!(spec.path.starts_with('/'), "{}", spec.name);
            assert!(seen.insert(spec.name), "{} twice", spec.name);
            assert!(
                ["GET", "POST", "PUT", "DELETE"].contains(&spec.method),
                "{}",
                spec.name
            );
        }
        assert_eq!(ROUTES.len(), Route::ALL.len());
        let pairs: std::collections::HashSet<_> =
            ROUTES.iter().map(|s| (s.method, s.path)).collect();
        assert_eq!(pairs.len(), ROUTES.len());
    }

    #[test]
    fn builders_give_the_paths_of_the_table() {
        let id = uuid::Uuid::nil();
        assert_eq!(
            url::record(EntityKind::Actor, id),
            format!("/records/actor/{id}")
        );
        assert_eq!(url::records(EntityKind::Source), "/records/source");
        assert_eq!(
            url::record_new(EntityKind::Occasion),
            "/records/occasion/new"
        );
        assert_eq!(
            url::record_edit(EntityKind::Actor, id),
            format!("/records/actor/{id}/edit")
        );
        assert_eq!(
            url::commitment_feed("kz", 1),
            "/dossiers/kz/commitments/1/feed.atom"
        );
        assert_eq!(
            url::login_then("/records/actor?offset=50"),
            "/login?next=%2Frecords%2Factor%3Foffset%3D50"
        );
    }
}
