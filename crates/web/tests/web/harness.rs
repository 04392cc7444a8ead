//! An in-process application with the demo loaded and one account per role,
//! and a client that keeps cookies and reads CSRF tokens from pages.

use std::collections::HashMap;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use pledgewatch_core::accounts::{Accounts, Role, User};
use pledgewatch_core::service::{self, Services};
use scraper::{Html, Selector};
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery staple";

pub struct App {
    pub router: Router,
    pub state: pledgewatch_web::AppState,
    _dir: tempfile::TempDir,
}

/// One password hash shared by every test account (hashing is slow on purpose).
fn password_hash() -> String {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| pledgewatch_web::hash_password(PASSWORD).unwrap())
        .clone()
}

pub async fn app() -> App {
    app_with(pledgewatch_web::Config::default()).await
}

/// The same application under another configuration.
pub async fn app_with(config: pledgewatch_web::Config) -> App {
    let (store, dir) = pledgewatch_testkit::sqlite_store().await;
    let context = service::context("tester", Some("demo")).unwrap();
    pledgewatch_core::dataset::load(
        &Services::new(&store),
        pledgewatch_core::dataset::DEMO,
        &context,
        true,
    )
    .await
    .unwrap();
    for role in Role::ALL {
        store
            .create_user(
                &context,
                User {
                    id: pledgewatch_core::ids::UserId::new(),
                    username: role.as_str().into(),
                    display_name: format!("The {role}"),
                    role,
                    password_hash: password_hash(),
                    created_at: pledgewatch_core::audit::now(),
                    disabled: false,
                },
            )
            .await
            .unwrap();
    }
    let state = pledgewatch_web::AppState::new(store, config);
    App {
        router: pledgewatch_web::router(state.clone()),
        state,
        _dir: dir,
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    /// Texts of the elements matching a CSS selector.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let sel = Selector::parse(selector).unwrap();
        self.html()
            .select(&sel)
            .map(|e| e.text().collect::<String>())
            .collect()
    }

    pub fn count(&self, selector: &str) -> usize {
        let sel = Selector::parse(selector).unwrap();
        self.html().select(&sel).count()
    }

    /// The attribute `attr` of every element matching a CSS selector.
    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(selector).unwrap();
        self.html()
            .select(&sel)
            .filter_map(|e| e.value().attr(attr))
            .map(str::to_owned)
            .collect()
    }

    pub fn attr(&self, selector: &str, attr: &str) -> Option<String> {
        let sel = Selector::parse(selector).unwrap();
        self.html()
            .select(&sel)
            .next()
            .and_then(|e| e.value().attr(attr))
            .map(str::to_owned)
    }
}

/// A browser stand-in: keeps cookies between requests.
pub struct Client<'a> {
    pub app: &'a App,
    pub cookies: HashMap<String, String>,
}

impl<'a> Client<'a> {
    pub fn new(app: &'a App) -> Self {
        Self {
            app,
            cookies: HashMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn send(&mut self, request: Request<Body>) -> Reply {
        let response = self.app.router.clone().oneshot(request).await.unwrap();
        for value in response.headers().get_all(header::SET_COOKIE) {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (k, v) = pair.split_once('=').unwrap();
            if v.is_empty() || text.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        self.get_with(path, &[]).await
    }

    /// A GET with these headers besides the cookies. Like a browser, it
    /// follows permanent redirects (an id URL to its slug URL); see
    /// [`Client::get_once`] for the redirect itself.
    pub async fn get_with(&mut self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut reply = self.get_once_with(path, headers).await;
        for _ in 0..5 {
            if !matches!(
                reply.status,
                StatusCode::MOVED_PERMANENTLY | StatusCode::PERMANENT_REDIRECT
            ) {
                break;
            }
            let to = reply.location();
            reply = self.get_once_with(&to, headers).await;
        }
        reply
    }

    /// A GET that does not follow redirects.
    pub async fn get_once(&mut self, path: &str) -> Reply {
        self.get_once_with(path, &[]).await
    }

    async fn get_once_with(&mut self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = Request::get(path).header(header::COOKIE, self.cookie_header());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// A HEAD request, with the cookies.
    pub async fn head(&mut self, path: &str) -> Reply {
        let request = Request::head(path).header(header::COOKIE, self.cookie_header());
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// Follows a redirect (its fragment, which is the browser's, dropped).
    pub async fn follow(&mut self, reply: &Reply) -> Reply {
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let location = reply.location();
        let path = location.split('#').next().unwrap_or_default().to_owned();
        self.get(&path).await
    }

    /// Posts URL-encoded fields exactly as given.
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(fields).unwrap();
        self.post_encoded(path, body).await
    }

    /// Posts URL-encoded fields with these headers besides the cookies.
    pub async fn post_with(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body = serde_urlencoded::to_string(fields).unwrap();
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    /// Posts a form body already URL-encoded (to send any byte).
    pub async fn post_encoded(&mut self, path: &str, body: String) -> Reply {
        let request = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    /// Posts a multipart form: the fields, this client's CSRF token (when
    /// `with_csrf`), and one file (`field`, file name, media type, bytes).
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: (&str, &str, &str, &[u8]),
        with_csrf: bool,
    ) -> Reply {
        let boundary = "pwBoundary7Kq2";
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        if with_csrf {
            all.push(("csrf", &token));
        }
        let mut body = Vec::new();
        for (name, value) in all {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        let (field, file_name, media_type, content) = file;
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: {media_type}\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    /// The CSRF token a page's forms carry.
    pub async fn csrf(&mut self) -> String {
        let page = self.get("/login").await;
        page.attr("input[name=csrf]", "value")
            .expect("a csrf field")
    }

    /// Posts fields plus this client's CSRF token.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", &token));
        self.post_raw(path, &all).await
    }

    pub async fn login(&mut self, username: &str) {
        let reply = self
            .post(
                "/login",
                &[
                    ("username", username),
                    ("password", PASSWORD),
                    ("next", "/"),
                ],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "login as {username}: {}",
            reply.body
        );
        assert!(self.cookies.contains_key("__Host-pw_session"));
    }
}

/// A client signed in with the given role, or anonymous.
pub async fn as_role<'a>(app: &'a App, role: Option<Role>) -> Client<'a> {
    let mut client = Client::new(app);
    if let Some(role) = role {
        client.login(role.as_str()).await;
    }
    client
}

impl App {
    /// An application over a given state (for tests that need an empty database).
    pub fn from_state(state: pledgewatch_web::AppState, dir: tempfile::TempDir) -> App {
        App {
            router: pledgewatch_web::router(state.clone()),
            state,
            _dir: dir,
        }
    }
}
