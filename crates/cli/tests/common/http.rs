//! A small HTTP/1.0 client over TCP for the tests that talk to running
//! servers: one connection per request, cookies kept like a browser's
//! (whatever their attributes), an optional API token.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// An answer; a request that got none has status 0 and the error as body.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Default)]
pub struct Client {
    cookies: BTreeMap<String, String>,
    token: Option<String>,
    forwarded_for: Option<String>,
}

impl Client {
    /// A client that sends `Authorization: Bearer TOKEN`.
    pub fn with_token(token: &str) -> Self {
        Client {
            token: Some(token.to_owned()),
            ..Client::default()
        }
    }

    /// A client that says it speaks for `address`, as a proxy does
    /// (`X-Forwarded-For`).
    pub fn forwarding_for(address: &str) -> Self {
        Client {
            forwarded_for: Some(address.to_owned()),
            ..Client::default()
        }
    }

    /// Whether a session cookie was set (and not cleared).
    pub fn has_session(&self) -> bool {
        self.cookies.keys().any(|k| k.ends_with("pw_session"))
    }

    /// A GET; like a browser, it follows permanent redirects (an id URL
    /// to its slug URL).
    pub fn get(&mut self, server: &str, path: &str) -> Response {
        let mut response = self.request(server, "GET", path, None, b"");
        for _ in 0..5 {
            match (response.status, response.header("location")) {
                (301 | 308, Some(to)) if to.starts_with('/') => {
                    let to = to.to_owned();
                    response = self.request(server, "GET", &to, None, b"");
                }
                _ => break,
            }
        }
        response
    }

    pub fn post(&mut self, server: &str, path: &str) -> Response {
        self.request(server, "POST", path, None, b"")
    }

    pub fn post_form(&mut self, server: &str, path: &str, fields: &[(&str, &str)]) -> Response {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let form = "application/x-www-form-urlencoded";
        self.request(server, "POST", path, Some(form), body.as_bytes())
    }

    pub fn send_json(
        &mut self,
        server: &str,
        method: &str,
        path: &str,
        body: &serde_json::Value,
    ) -> Response {
        let body = body.to_string();
        self.request(
            server,
            method,
            path,
            Some("application/json"),
            body.as_bytes(),
        )
    }

    fn request(
        &mut self,
        server: &str,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Response {
        let mut head = format!("{method} {path} HTTP/1.0\r\nHost: {server}\r\n");
        if !self.cookies.is_empty() {
            let pairs: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            head.push_str(&format!("Cookie: {}\r\n", pairs.join("; ")));
        }
        if let Some(token) = &self.token {
            head.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        if let Some(address) = &self.forwarded_for {
            head.push_str(&format!("X-Forwarded-For: {address}\r\n"));
        }
        if let Some(ct) = content_type {
            head.push_str(&format!("Content-Type: {ct}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let answer = exchange(server, head.as_bytes(), body);
        let response = match answer {
            Ok(bytes) => parse(&bytes),
            Err(e) => Response {
                status: 0,
                headers: Vec::new(),
                body: format!("{method} {server}{path}: {e}"),
            },
        };
        for (name, value) in &response.headers {
            if name.eq_ignore_ascii_case("set-cookie") {
                self.keep_cookie(value);
            }
        }
        response
    }

    fn keep_cookie(&mut self, set_cookie: &str) {
        let first = set_cookie.split(';').next().unwrap_or_default();
        let Some((name, value)) = first.split_once('=') else {
            return;
        };
        let expired = set_cookie
            .split(';')
            .any(|a| a.trim().eq_ignore_ascii_case("max-age=0"));
        if expired || value.is_empty() {
            self.cookies.remove(name.trim());
        } else {
            self.cookies.insert(name.trim().into(), value.trim().into());
        }
    }
}

fn exchange(server: &str, head: &[u8], body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(server)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    stream.write_all(head)?;
    stream.write_all(body)?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn parse(bytes: &[u8]) -> Response {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// Percent-encodes a form value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
