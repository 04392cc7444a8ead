//! Who may reach what: the route table walked for every role, CSRF on
//! every form post, and the content security policy on every response.

use axum::http::StatusCode;
use pledgewatch_core::accounts::{Accounts, Role};
use pledgewatch_core::storage::Storage;
use pledgewatch_web::{Access, ROUTES};

use crate::harness::{self, Client, app, as_role};
use crate::{SLUG, an_assessment, first_commitment};

/// The expected access of every route. A route missing here fails the
/// matrix test, so every new route gets a decision.
fn expected_access(name: &str) -> Option<Access> {
    use Access::*;
    Some(match name {
        "home" | "dossier" | "commitment" | "search" | "stylesheet" | "login_form" | "login"
        | "setup_form" | "setup" | "file" | "htmx" => Public,
        "reset_form" | "reset" => Public,
        "dossiers_csv" | "dossiers_json" | "dossier_csv" | "dossier_json" | "export_schema" => {
            Public
        }
        "dossier_feed" | "commitment_feed" => Public,
        "language_set" => Public,
        "logout" | "record_list" | "record_show" | "memo" | "letters" => AtLeast(Role::Viewer),
        "record_csv" | "record_json" => AtLeast(Role::Viewer),
        "account" | "token_create" | "token_revoke" => AtLeast(Role::Viewer),
        "password_change" | "sign_out_everywhere" => AtLeast(Role::Viewer),
        "drafting" | "drafting_submit" | "drafting_source" | "candidate_accept"
        | "candidate_reject" | "record_new_form" | "record_create" | "record_edit_form"
        | "record_update" | "record_delete" => AtLeast(Role::Editor),
        "record_publish" | "record_unpublish" | "record_send_back" | "assessment_approve"
        | "review_queue" => AtLeast(Role::Reviewer),
        "users" | "user_create" | "user_role" => AtLeast(Role::Admin),
        "user_disable" | "user_enable" | "user_reset" => AtLeast(Role::Admin),
        _ => return None,
    })
}

fn is_denied(reply: &harness::Reply) -> bool {
    reply.status == StatusCode::FORBIDDEN
        || (reply.status == StatusCode::SEE_OTHER && reply.location().starts_with("/login?next="))
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_route_table_says() {
    assert!(pledgewatch_web::routes::all_routes_have_handlers().is_empty());
    let roles: [Option<Role>; 5] = [
        None,
        Some(Role::Viewer),
        Some(Role::Editor),
        Some(Role::Reviewer),
        Some(Role::Admin),
    ];
    for role in roles {
        // A fresh application per role, so that one role's posts cannot
        // change what the next sees.
        let app = app().await;
        let commitment = first_commitment(&app).await;
        let assessment = an_assessment(&app).await;
        let viewer_id = app
            .state
            .store
            .user_by_name("viewer")
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let mut client = as_role(&app, role).await;
        for spec in ROUTES {
            let expected = expected_access(spec.name).unwrap_or_else(|| {
                panic!("route '{}' has no expected access in the test", spec.name)
            });
            assert_eq!(
                spec.access, expected,
                "route '{}' declares {:?}",
                spec.name, spec.access
            );
            let id = match spec.name {
                "assessment_approve" => assessment.clone(),
                "user_role" | "user_disable" | "user_enable" | "user_reset" => viewer_id.clone(),
                _ => commitment.clone(),
            };
            let path = spec
                .path
                .replace("{slug}", SLUG)
                .replace("{kind}", "commitment")
                .replace("{id}", &id);
            let reply = if spec.method == "GET" {
                client.get(&path).await
            } else {
                // Posts that are allowed must not need a valid body to show
                // it: an incomplete form is answered with an error page.
                client.post(&path, &[("role", "nobody")]).await
            };
            if role.is_some() && !client.cookies.contains_key("__Host-pw_session") {
                // The logout route signed this client out: sign in again.
                client
                    .login(role.map(|r| r.as_str()).unwrap_or_default())
                    .await;
            }
            let allowed = match expected.role() {
                None => true,
                Some(needed) => role.is_some_and(|r| r >= needed),
            };
            if allowed {
                assert!(
                    !is_denied(&reply),
                    "{:?} should reach {} {} but got {} {}",
                    role,
                    spec.method,
                    path,
                    reply.status,
                    reply.location()
                );
                assert_ne!(
                    reply.status,
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "{} {}: {}",
                    spec.method,
                    path,
                    reply.body
                );
            } else {
                assert!(
                    is_denied(&reply),
                    "{:?} must not reach {} {} but got {}",
                    role,
                    spec.method,
                    path,
                    reply.status
                );
                if role.is_none() && spec.method == "GET" {
                    assert_eq!(
                        reply.status,
                        StatusCode::SEE_OTHER,
                        "anonymous GETs go to the login page"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn a_post_without_or_with_a_wrong_csrf_token_is_refused_and_changes_nothing() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let mut admin = as_role(&app, Some(Role::Admin)).await;
    let before = app.state.store.dump().await.unwrap();
    for spec in ROUTES.iter().filter(|r| r.method == "POST") {
        let path = spec
            .path
            .replace("{slug}", SLUG)
            .replace("{kind}", "commitment")
            .replace("{id}", &commitment);
        let fields = [
            ("reason", "x"),
            ("version", "1"),
            ("username", "admin"),
            ("password", harness::PASSWORD),
        ];
        let missing = admin.post_raw(&path, &fields).await;
        assert_eq!(
            missing.status,
            StatusCode::FORBIDDEN,
            "{path} without a token"
        );
        let mut wrong = fields.to_vec();
        wrong.push((
            "csrf",
            "0000000000000000000000000000000000000000000000000000000000000000",
        ));
        let wrong = admin.post_raw(&path, &wrong).await;
        assert_eq!(
            wrong.status,
            StatusCode::FORBIDDEN,
            "{path} with a wrong token"
        );
        assert!(wrong.body.contains("security token"));
    }
    assert_eq!(
        app.state.store.dump().await.unwrap(),
        before,
        "refused posts changed the database"
    );
}

#[tokio::test]
async fn every_response_carries_a_strict_content_security_policy() {
    let app = app().await;
    let mut anon = Client::new(&app);
    for path in ["/", "/search", "/login", "/no-such-page"] {
        let reply = anon.get(path).await;
        let csp = reply
            .headers
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(reply.headers.get("x-frame-options").unwrap(), "DENY");
    }
    assert_eq!(
        anon.get("/no-such-page").await.status,
        StatusCode::NOT_FOUND
    );
}
