//! The dossier's documents: the memorandum and the letters.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;

use crate::SLUG;
use crate::harness::{Client, app, as_role};

#[tokio::test]
async fn signed_in_users_download_the_memorandum_and_the_letters_from_the_dossier_page() {
    let app = app().await;
    let mut anon = Client::new(&app);
    assert_eq!(
        anon.get(&format!("/dossiers/{SLUG}"))
            .await
            .count("section.documents"),
        0
    );
    assert_eq!(
        anon.get(&format!("/dossiers/{SLUG}/memo?format=md"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    let page = viewer
        .get(&format!("/dossiers/{SLUG}?as_of=2008-05-31"))
        .await;
    assert_eq!(page.count("section.documents form"), 2);
    let list = page.attr("#l-list option", "value").unwrap();
    let md = viewer
        .get(&format!("/dossiers/{SLUG}/memo?as_of=2008-05-31&format=md"))
        .await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(
        md.headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert!(
        md.body.contains("by the end of 2008"),
        "the quotes are in the memorandum"
    );
    let pdf = viewer
        .get(&format!(
            "/dossiers/{SLUG}/memo?as_of=2008-05-31&format=pdf"
        ))
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers.get("content-type").unwrap(), "application/pdf");
    assert!(pdf.body.starts_with("%PDF"));
    let letters = viewer
        .get(&format!(
            "/dossiers/{SLUG}/letters?as_of=2008-05-31&format=html&recipients={list}"
        ))
        .await;
    assert_eq!(letters.status, StatusCode::OK, "{}", letters.body);
    assert!(
        letters.body.contains("Kouchner"),
        "the letter to France names its minister"
    );
    let bad = viewer
        .get(&format!("/dossiers/{SLUG}/memo?format=odt"))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let unknown = viewer
        .get(&format!(
            "/dossiers/{SLUG}/letters?format=md&recipients=nobody"
        ))
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}
