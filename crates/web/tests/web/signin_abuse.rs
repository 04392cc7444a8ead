//! Sign-in under abuse: usernames checked before anything is stored,
//! backoff instead of a hard lockout, per-client throttling, atomic
//! counting, the hash gate's 503, sign-ins in the audit log, body limits
//! and the server's connection timeouts.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use http_body_util::BodyExt;
use pledgewatch_core::accounts::Role;
use pledgewatch_core::storage::Storage;
use tower::ServiceExt;

use crate::harness::{self, App, Client, app, as_role};

/// An anonymous browser's CSRF cookie and token, from the sign-in page.
async fn anonymous_csrf(router: &Router) -> (String, String) {
    let response = router
        .clone()
        .oneshot(Request::get("/login").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("__Host-pw_csrf="))
        .unwrap();
    let token = cookie.trim_start_matches("__Host-pw_csrf=").to_owned();
    (cookie, token)
}

/// One sign-in attempt from `client` (the socket's address, as the server
/// would see it).
async fn attempt(
    router: &Router,
    csrf: &(String, String),
    username: &str,
    password: &str,
    client: Option<&str>,
) -> Response {
    let body = serde_urlencoded::to_string([
        ("username", username),
        ("password", password),
        ("csrf", &csrf.1),
    ])
    .unwrap();
    let mut request = Request::post("/login")
        .header(header::COOKIE, &csrf.0)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    if let Some(ip) = client {
        let addr: SocketAddr = format!("{ip}:40000").parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(addr));
    }
    router.clone().oneshot(request).await.unwrap()
}

async fn table_rows(app: &App, table: &str) -> usize {
    let dump = app.state.store.dump().await.unwrap();
    dump.iter().find(|t| t.table == table).unwrap().rows.len()
}

async fn audit_len(app: &App) -> i64 {
    app.state.store.verify_audit().await.unwrap().entries
}

async fn text(response: Response) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[tokio::test]
async fn an_over_long_or_control_character_username_is_refused_and_changes_nothing() {
    let app = app().await;
    let csrf = anonymous_csrf(&app.router).await;
    let audit = audit_len(&app).await;
    for name in ["x".repeat(10_000), "a".repeat(65), "ad\u{7}min".into()] {
        let reply = attempt(&app.router, &csrf, &name, "whatever12", None).await;
        assert_eq!(
            reply.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name:.20}"
        );
        assert!(text(reply).await.contains("The username must be 1 to 64"));
    }
    assert_eq!(table_rows(&app, "login_attempts").await, 0);
    assert_eq!(audit_len(&app).await, audit);
    // The limit is the registration's: the longest valid name is looked up.
    let longest = "a".repeat(64);
    let reply = attempt(&app.router, &csrf, &longest, "whatever12", None).await;
    assert_eq!(reply.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn five_failures_make_the_owner_wait_a_second_not_fifteen_minutes() {
    let app = app().await;
    let csrf = anonymous_csrf(&app.router).await;
    for _ in 0..5 {
        let reply = attempt(&app.router, &csrf, "editor", "wrong password!", None).await;
        assert_eq!(reply.status(), StatusCode::UNAUTHORIZED);
    }
    let blocked = attempt(&app.router, &csrf, "editor", harness::PASSWORD, None).await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(blocked.headers()[header::RETRY_AFTER], "1");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let owner = attempt(&app.router, &csrf, "editor", harness::PASSWORD, None).await;
    assert_eq!(
        owner.status(),
        StatusCode::SEE_OTHER,
        "{}",
        text(owner).await
    );
}

#[tokio::test]
async fn a_password_sprayed_over_many_usernames_is_throttled_per_client() {
    let app = app().await;
    let csrf = anonymous_csrf(&app.router).await;
    let sprayer = Some("192.0.2.66");
    for i in 0..20 {
        let reply = attempt(
            &app.router,
            &csrf,
            &format!("user{i}"),
            "Summer2026!",
            sprayer,
        )
        .await;
        assert_eq!(reply.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let next = attempt(&app.router, &csrf, "user20", "Summer2026!", sprayer).await;
    assert_eq!(next.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(next.headers().contains_key(header::RETRY_AFTER));
    // Someone else, elsewhere, signs in as usual.
    let other = attempt(
        &app.router,
        &csrf,
        "viewer",
        harness::PASSWORD,
        Some("198.51.100.1"),
    )
    .await;
    assert_eq!(other.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn concurrent_attempts_test_no_more_passwords_than_allowed() {
    let app = app().await;
    let csrf = anonymous_csrf(&app.router).await;
    let tasks: Vec<_> = (0..100)
        .map(|i| {
            let router = app.router.clone();
            let csrf = csrf.clone();
            tokio::spawn(async move {
                attempt(&router, &csrf, "editor", &format!("guess number {i}"), None)
                    .await
                    .status()
            })
        })
        .collect();
    let mut tested = 0;
    for task in tasks {
        match task.await.unwrap() {
            StatusCode::UNAUTHORIZED => tested += 1,
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert!((1..=5).contains(&tested), "{tested} passwords tested");
    assert_eq!(table_rows(&app, "login_attempts").await, tested);
}

#[tokio::test]
async fn a_full_hash_gate_answers_503_with_retry_after_for_sign_in_and_setup() {
    let app = app().await;
    let mut state = app.state.clone();
    state.hashing = Arc::new(pledgewatch_web::signin::HashGate::new(1, 0));
    let router = pledgewatch_web::router(state.clone());
    let csrf = anonymous_csrf(&router).await;
    let held = state.hashing.admit().unwrap();
    let reply = attempt(&router, &csrf, "editor", harness::PASSWORD, None).await;
    assert_eq!(reply.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.headers()[header::RETRY_AFTER], "1");
    assert_eq!(table_rows(&app, "login_attempts").await, 0, "not counted");
    drop(held);
    let reply = attempt(&router, &csrf, "editor", harness::PASSWORD, None).await;
    assert_eq!(reply.status(), StatusCode::SEE_OTHER);

    // First-run setup hashes through the same gate.
    let dir = tempfile::tempdir().unwrap();
    let store = pledgewatch_store::Store::open(
        &pledgewatch_store::DatabaseUrl::Sqlite(dir.path().join("s.db")),
        pledgewatch_store::OpenMode::CreateIfMissing,
    )
    .await
    .unwrap();
    store.migrate().await.unwrap();
    let mut state = pledgewatch_web::AppState::new(store, pledgewatch_web::Config::default());
    state.hashing = Arc::new(pledgewatch_web::signin::HashGate::new(1, 0));
    let empty = App::from_state(state, dir);
    let _held = empty.state.hashing.admit().unwrap();
    let mut client = Client::new(&empty);
    let reply = client
        .post(
            "/setup",
            &[
                ("code", &empty.state.setup_code),
                ("username", "root"),
                ("display_name", "Root"),
                ("password", "long enough password"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        pledgewatch_core::accounts::Accounts::user_count(empty.state.store.as_ref())
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn sign_ins_and_failures_are_audited_without_the_password() {
    let app = app().await;
    let csrf = anonymous_csrf(&app.router).await;
    let before = audit_len(&app).await;
    let secret = "a wrong but secret password";
    attempt(&app.router, &csrf, "reviewer", secret, Some("192.0.2.9")).await;
    attempt(
        &app.router,
        &csrf,
        "reviewer",
        harness::PASSWORD,
        Some("192.0.2.9"),
    )
    .await;
    assert_eq!(audit_len(&app).await, before + 2);
    let dump = app.state.store.dump().await.unwrap();
    let audit = dump.iter().find(|t| t.table == "audit_log").unwrap();
    let all = serde_json::to_string(&audit.rows).unwrap();
    assert!(!all.contains(secret) && !all.contains(harness::PASSWORD));
    assert!(all.contains("Failed sign-in") && all.contains("Signed in"));
    assert!(all.contains("192.0.2.9"));
}

#[tokio::test]
async fn an_anonymous_body_over_the_limit_is_refused_without_being_read() {
    let app = app().await;
    let csrf = anonymous_csrf(&app.router).await;
    let declared = Request::post("/login")
        .header(header::COOKIE, &csrf.0)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, 10 * 1024 * 1024)
        .body(Body::from(vec![b'a'; 10 * 1024 * 1024]))
        .unwrap();
    let reply = app.router.clone().oneshot(declared).await.unwrap();
    assert_eq!(reply.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Without a length, reading stops at the limit.
    let pulled = Arc::new(AtomicUsize::new(0));
    let counter = pulled.clone();
    let chunks = Chunks {
        left: 160,
        size: 64 * 1024,
        pulled: counter,
    };
    let streamed = Request::post("/setup")
        .header(header::COOKIE, &csrf.0)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::new(chunks))
        .unwrap();
    let reply = app.router.clone().oneshot(streamed).await.unwrap();
    assert_eq!(reply.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        pulled.load(Ordering::SeqCst) <= 3 * 64 * 1024,
        "read {} bytes",
        pulled.load(Ordering::SeqCst)
    );
}

/// `count` chunks of `size` bytes with no declared length, counting what
/// the server pulls.
struct Chunks {
    left: usize,
    size: usize,
    pulled: Arc<AtomicUsize>,
}

impl hyper::body::Body for Chunks {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        if self.left == 0 {
            return std::task::Poll::Ready(None);
        }
        self.left -= 1;
        self.pulled.fetch_add(self.size, Ordering::SeqCst);
        let chunk = axum::body::Bytes::from(vec![b'a'; self.size]);
        std::task::Poll::Ready(Some(Ok(hyper::body::Frame::data(chunk))))
    }
}

#[tokio::test]
async fn an_upload_route_accepts_a_file_larger_than_two_megabytes() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let token = editor.csrf().await;
    let form = editor.get("/records/source/new").await;
    let stated = format!("at most {} MB", pledgewatch_web::limits::UPLOAD_MEGABYTES);
    assert!(form.body.contains(&stated), "the form states the limit");
    let boundary = "XyZboundary";
    let content = "x".repeat(3 * 1024 * 1024);
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nLarge report\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"published\"\r\n\r\n2008\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.txt\"\r\nContent-Type: text/plain\r\n\r\n{content}\r\n--{boundary}--\r\n"
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
}

/// A server on loopback with short connection limits.
async fn short_fused_server() -> (SocketAddr, App) {
    let app = app().await;
    let mut config = pledgewatch_web::Config::default();
    config.limits.header_timeout = Duration::from_millis(300);
    let state = pledgewatch_web::AppState {
        config: Arc::new(config),
        ..app.state.clone()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(pledgewatch_web::serve_on(listener, state));
    (addr, app)
}

/// Whether the server closes the connection within `within`.
async fn closed_within(stream: &mut tokio::net::TcpStream, within: Duration) -> bool {
    use tokio::io::AsyncReadExt;
    let mut buf = [0u8; 1024];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

#[tokio::test]
async fn silent_partial_and_idle_connections_are_closed() {
    use tokio::io::AsyncWriteExt;
    let (addr, _app) = short_fused_server().await;
    let mut silent = tokio::net::TcpStream::connect(addr).await.unwrap();
    assert!(closed_within(&mut silent, Duration::from_secs(3)).await);
    let mut partial = tokio::net::TcpStream::connect(addr).await.unwrap();
    partial
        .write_all(b"GET /login HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    assert!(closed_within(&mut partial, Duration::from_secs(3)).await);
    let mut idle = tokio::net::TcpStream::connect(addr).await.unwrap();
    idle.write_all(b"GET /static/app.css HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    assert!(
        closed_within(&mut idle, Duration::from_secs(3)).await,
        "idle after an answer"
    );
}

#[tokio::test]
async fn upload_forms_carry_the_csrf_token_in_their_body_never_in_the_url() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    for page in ["/records/source/new", "/drafting"] {
        let form = editor.get(page).await;
        let action = form
            .attr("form[enctype='multipart/form-data']", "action")
            .unwrap();
        assert!(!action.contains("csrf"), "{page}: {action}");
        assert_eq!(
            form.count("form[enctype='multipart/form-data'] input[name=csrf]"),
            1,
            "{page}"
        );
    }
    // A token in the query is no longer looked at.
    let token = editor.csrf().await;
    let boundary = "XyZboundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nIn the URL\r\n--{boundary}--\r\n"
    );
    let cookie = editor
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::post(format!("/records/source/new?csrf={token}"))
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn first_run_setup_needs_the_code_printed_on_the_console() {
    let dir = tempfile::tempdir().unwrap();
    let store = pledgewatch_store::Store::open(
        &pledgewatch_store::DatabaseUrl::Sqlite(dir.path().join("s.db")),
        pledgewatch_store::OpenMode::CreateIfMissing,
    )
    .await
    .unwrap();
    store.migrate().await.unwrap();
    let state = pledgewatch_web::AppState::new(store, pledgewatch_web::Config::default());
    let empty = App::from_state(state, dir);
    let code = empty.state.setup_code.to_string();
    assert_eq!(code.len(), 16);
    let mut client = Client::new(&empty);
    assert_eq!(client.get("/setup").await.count("input[name=code]"), 1);
    for wrong in ["", "0000000000000000", &code[..15]] {
        let reply = client
            .post(
                "/setup",
                &[
                    ("code", wrong),
                    ("username", "root"),
                    ("display_name", "Root"),
                    ("password", "long enough password"),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{wrong:?}");
        assert!(reply.texts("#e-code")[0].contains("printed on the server"));
    }
    assert_eq!(
        pledgewatch_core::accounts::Accounts::user_count(empty.state.store.as_ref())
            .await
            .unwrap(),
        0
    );
    let reply = client
        .post(
            "/setup",
            &[
                ("code", &code),
                ("username", "root"),
                ("display_name", "Root"),
                ("password", "long enough password"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let other = pledgewatch_web::AppState::new(
        pledgewatch_testkit::sqlite_store().await.0,
        pledgewatch_web::Config::default(),
    );
    assert_ne!(*other.setup_code, *code, "each server makes its own");
}
