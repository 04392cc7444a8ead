//! Source files: stored by their SHA-256 and never served from a
//! confidential source.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;

use crate::harness::{Client, app, as_role};

#[tokio::test]
async fn a_source_file_is_stored_by_its_sha256_and_never_leaks_from_a_confidential_source() {
    use axum::body::Body;
    use axum::http::{Request, header};
    use tower::ServiceExt;
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let token = editor.csrf().await;
    let boundary = "XyZboundary";
    let content = "<html><script>alert(1)</script>Interview notes</html>";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nInterview notes\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"known_from\"\r\n\r\n2008-05-28\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"confidential\"\r\n\r\non\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.html\"\r\nContent-Type: text/html\r\n\r\n{content}\r\n--{boundary}--\r\n"
    );
    let cookie = editor
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::post("/records/source/new")
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response
        .headers()
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let page = editor.get(&location).await;
    let sha = pledgewatch_core::model::Sha256Hex::of(content.as_bytes());
    let href = format!("/files/{}", sha.as_str());
    assert_eq!(
        page.attr("a[href^='/files/']", "href").as_deref(),
        Some(href.as_str())
    );
    let download = editor.get(&href).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.body, content);
    assert_eq!(
        download.headers.get(header::CONTENT_TYPE).unwrap(),
        "application/octet-stream",
        "never served as HTML"
    );
    assert!(
        download
            .headers
            .get(header::CONTENT_DISPOSITION)
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    // The public cannot fetch it, even knowing the digest.
    let mut anon = Client::new(&app);
    assert_eq!(anon.get(&href).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        anon.get("/files/not-a-digest").await.status,
        StatusCode::NOT_FOUND
    );
}
