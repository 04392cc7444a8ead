//! Two `pledgewatch serve` processes on one PostgreSQL database behind
//! nginx (Debian package `nginx`, run as a private foreground process on a
//! free port): a session opened on one continues on the other (its CSRF
//! token included); a write through one is visible through the other at
//! once (the public page, the scorecard and search, which a per-server page
//! cache or search index must not hide); and killing one (SIGKILL) while
//! readers and a writer go through nginx loses nothing: every request
//! succeeds through the other, and every acknowledged write is in the
//! database. A server that trusts the proxy counts failed sign-ins by the
//! address the proxy names. Without nginx or PostgreSQL it is reported as ignored with the
//! reason; under CI and `./test` it fails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::http::{Client, Response};
use common::{ok, run_with};
use pledgewatch_core::model::EntityKind;
use pledgewatch_core::storage::Storage;
use pledgewatch_testkit::{
    Missing, TestDb, block_on, every_test_here_is_a_trial, need, trial_needing,
};

fn main() {
    let needs = need::postgres_server().and_then(|_| nginx());
    pledgewatch_testkit::run(vec![
        trial_needing(
            "two_servers_behind_nginx_share_sessions_and_writes_and_survive_losing_one",
            needs,
            |nginx| {
                block_on(
                    two_servers_behind_nginx_share_sessions_and_writes_and_survive_losing_one(
                        nginx,
                    ),
                )
            },
        ),
        every_test_here_is_a_trial(&[include_str!("servers.rs"), include_str!("common/http.rs")]),
    ]);
}

/// The nginx program: on the PATH, or where Debian puts it.
fn nginx() -> Result<PathBuf, Missing> {
    let candidates = [PathBuf::from("nginx"), PathBuf::from("/usr/sbin/nginx")];
    for program in candidates {
        let runs = Command::new(&program)
            .arg("-v")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if runs {
            return Ok(program);
        }
    }
    Err(Missing::new(
        "needs nginx: not installed (Debian package nginx); ./test installs it",
    ))
}

const PASSWORD: &str = "two servers password";
const DOSSIER: &str = "kazakhstan-osce-2010";
/// "Amend the media law", a published commitment of the demo.
const COMMITMENT: &str = "ed9a747a-100a-59aa-93e6-e47772262ad5";
/// A word no demo text holds.
const WORD: &str = "zanzibarquux";

/// A child process killed (SIGKILL) and reaped when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `pledgewatch serve` on `url` at a free port; its address.
fn start_server(dir: &Path, url: &str, name: &str, extra: &[&str]) -> (Process, String) {
    let log = std::fs::File::create(dir.join(format!("{name}.log"))).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .current_dir(dir)
        .env_remove("PLEDGEWATCH_DATABASE_URL")
        .env_remove("PLEDGEWATCH_SEARCH_INDEX")
        .env_remove("MALLOC_ARENA_MAX")
        .env_remove("MALLOC_MMAP_THRESHOLD_")
        .env_remove("MALLOC_TRIM_THRESHOLD_")
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .args(["--db", url, "serve", "--bind", "127.0.0.1:0"])
        .arg("--allow-self-review")
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let process = Process(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("pledgewatch is serving ")
                && let Some((_, at)) = rest.rsplit_once(" at http://")
            {
                let _ = tx.send(at.trim_end_matches('/').to_owned());
            }
        }
    });
    let address = rx
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("server {name} prints its address"));
    (process, address)
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// nginx in the foreground, as this user, with a configuration of its own
/// in `dir`, in front of `upstreams`; its address.
fn start_nginx(program: &Path, dir: &Path, upstreams: &[&str]) -> (Process, String) {
    let port = free_port();
    let servers: String = upstreams
        .iter()
        .map(|a| format!("    server {a} max_fails=1 fail_timeout=60s;\n"))
        .collect();
    let d = dir.display();
    let config = format!(
        "daemon off;
master_process off;
worker_processes 1;
pid {d}/nginx.pid;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {d}/body;
  proxy_temp_path {d}/proxy;
  fastcgi_temp_path {d}/fastcgi;
  uwsgi_temp_path {d}/uwsgi;
  scgi_temp_path {d}/scgi;
  upstream pledgewatch {{
{servers}  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://pledgewatch;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }}
  }}
}}
"
    );
    std::fs::write(dir.join("nginx.conf"), config).unwrap();
    let log = std::fs::File::create(dir.join("nginx.log")).unwrap();
    let child = Command::new(program)
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .args(["-e", "stderr"])
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    let mut process = Process(child);
    let address = format!("127.0.0.1:{port}");
    let started = Instant::now();
    while std::net::TcpStream::connect(&address).is_err() {
        if let Ok(Some(status)) = process.0.try_wait() {
            panic!(
                "nginx stopped ({status}):\n{}",
                std::fs::read_to_string(dir.join("nginx.log")).unwrap_or_default()
            );
        }
        assert!(started.elapsed() < Duration::from_secs(20), "nginx starts");
        std::thread::sleep(Duration::from_millis(50));
    }
    (process, address)
}

async fn two_servers_behind_nginx_share_sessions_and_writes_and_survive_losing_one(nginx: PathBuf) {
    let db = TestDb::postgres("two_servers").await.unwrap();
    let url = db.url_string();
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["--db", &url, "demo"]);
    let added = run_with(
        dir.path(),
        &["--db", &url, "user", "add", "ana", "--role", "reviewer"],
        &[("PLEDGEWATCH_NEW_PASSWORD", PASSWORD)],
    );
    assert_eq!(added.code, 0, "{}", added.stderr);
    let token = ok(
        dir.path(),
        &[
            "--db", &url, "token", "create", "--user", "ana", "--name", "t",
        ],
    )
    .trim()
    .to_owned();

    // A believes the X-Forwarded-For of connections from this machine; B
    // does not.
    let (server_a, a) = start_server(dir.path(), &url, "a", &["--trusted-proxy", "127.0.0.1"]);
    let (server_b, b) = start_server(dir.path(), &url, "b", &[]);
    let (_nginx, proxy) = start_nginx(&nginx, dir.path(), &[&a, &b]);
    each_server_keeps_its_index_in_the_cache_named_after_the_database(dir.path(), &url);
    each_server_runs_with_two_malloc_arenas(&server_a, &server_b);

    a_session_opened_on_one_server_continues_on_the_other(&a, &b);
    sign_in_counts_follow_the_address_a_trusted_proxy_names(&a, &b);
    a_write_through_one_server_is_seen_at_once_through_the_other(&a, &b, &token);
    let acknowledged = killing_one_server_loses_no_request_and_no_write(server_a, &proxy, &token);
    a_restarted_server_catches_its_index_up_with_what_it_missed(dir.path(), &url, &acknowledged);

    // Every acknowledged write is in the database, published.
    let ids: Vec<uuid::Uuid> = acknowledged.iter().map(|s| s.parse().unwrap()).collect();
    let found = db.store.get_many(EntityKind::Concern, &ids).await.unwrap();
    assert_eq!(found.len(), ids.len(), "every acknowledged write is stored");
    let published = db.store.published(&ids).await.unwrap();
    assert_eq!(published.len(), ids.len(), "and published");
    assert_eq!(db.store.verify_audit().await.unwrap().broken, None);
    db.drop_database().await;
}

/// The directories of the search index of `url` that servers started by
/// [`start_server`] in `dir` keep by default (decision 0031): the first
/// server's, then the second's beside it.
fn index_dirs(dir: &Path, url: &str) -> [PathBuf; 3] {
    let key = pledgewatch_store::DatabaseUrl::parse(url)
        .unwrap()
        .server_database_key()
        .unwrap();
    let first = dir.join("cache/pledgewatch/search").join(&key);
    let name = |n: usize| PathBuf::from(format!("{}.{n}", first.display()));
    [first.clone(), name(2), name(3)]
}

fn each_server_keeps_its_index_in_the_cache_named_after_the_database(dir: &Path, url: &str) {
    let [first, second, third] = index_dirs(dir, url);
    for index in [&first, &second] {
        assert!(
            index.join("meta.json").is_file(),
            "an index in {}",
            index.display()
        );
    }
    assert!(!third.exists(), "two servers, two directories");
}

/// The allocator's arenas are bounded in `serve` (decision 0031).
fn each_server_runs_with_two_malloc_arenas(a: &Process, b: &Process) {
    if !cfg!(all(target_os = "linux", target_env = "gnu")) {
        return;
    }
    for server in [a, b] {
        let environ = std::fs::read(format!("/proc/{}/environ", server.0.id())).unwrap();
        for setting in [
            &b"MALLOC_ARENA_MAX=2"[..],
            b"MALLOC_MMAP_THRESHOLD_=131072",
            b"MALLOC_TRIM_THRESHOLD_=262144",
        ] {
            assert!(
                environ.split(|b| *b == 0).any(|v| v == setting),
                "serve sets {}",
                String::from_utf8_lossy(setting)
            );
        }
    }
}

/// A server started again after writes it did not see (A was killed)
/// opens the index it left and brings it up to date before it answers.
fn a_restarted_server_catches_its_index_up_with_what_it_missed(
    dir: &Path,
    url: &str,
    acknowledged: &[String],
) {
    let (_server, again) = start_server(dir, url, "a-again", &[]);
    let [first, _, third] = index_dirs(dir, url);
    assert!(first.join("meta.json").is_file());
    assert!(
        !third.exists(),
        "the restarted server took its old directory"
    );
    let mut anonymous = Client::default();
    let found = anonymous.get(&again, "/api/v1/search?q=concern&limit=100");
    assert_eq!(found.status, 200, "{}", found.body);
    for id in acknowledged {
        assert!(found.body.contains(id.as_str()), "{id} in {}", found.body);
    }
}

/// The value of `<input ... name="csrf" value="...">` in a page.
fn csrf_of(page: &Response) -> String {
    let at = page
        .body
        .find("name=\"csrf\" value=\"")
        .unwrap_or_else(|| panic!("a form with a CSRF token in:\n{}", page.body));
    let rest = &page.body[at + "name=\"csrf\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

fn a_session_opened_on_one_server_continues_on_the_other(a: &str, b: &str) {
    let mut browser = Client::default();
    let form = browser.get(a, "/login");
    assert_eq!(form.status, 200);
    let csrf = csrf_of(&form);
    let signed_in = browser.post_form(
        a,
        "/login",
        &[("csrf", &csrf), ("username", "ana"), ("password", PASSWORD)],
    );
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    assert!(browser.has_session(), "the sign-in set a session cookie");

    let on_a = browser.get(a, "/account");
    let on_b = browser.get(b, "/account");
    assert_eq!(on_b.status, 200, "the session is valid on B: {}", on_b.body);
    assert!(on_b.body.contains("ana"));
    assert_eq!(
        csrf_of(&on_a),
        csrf_of(&on_b),
        "one session, one CSRF token"
    );

    // A form posted to B with the session's token is accepted there, and
    // its write shows on A.
    let made = browser.post_form(
        b,
        "/account/tokens",
        &[
            ("csrf", &csrf_of(&on_b)),
            ("name", "made on B"),
            ("expires", "30"),
        ],
    );
    assert!(made.status < 400, "{}: {}", made.status, made.body);
    assert!(browser.get(a, "/account").body.contains("made on B"));
    let forged = browser.post_form(b, "/account/tokens", &[("csrf", "0"), ("name", "x")]);
    assert_eq!(forged.status, 403, "a wrong token is still refused on B");

    // Signing out on B ends the session on A too.
    let out = browser.post_form(b, "/logout", &[("csrf", &csrf_of(&on_b))]);
    assert_eq!(out.status, 303, "{}", out.body);
    let after = browser.get(a, "/account");
    assert_ne!(after.status, 200, "the session ended everywhere");
}

/// A failed sign-in through a proxy speaking for `client`; its status.
fn failed_sign_in(server: &str, client: &str, n: usize) -> u16 {
    let mut browser = Client::forwarding_for(client);
    let csrf = csrf_of(&browser.get(server, "/login"));
    let name = format!("nobody{n}");
    let fields = [
        ("csrf", csrf.as_str()),
        ("username", &name),
        ("password", "wrong password"),
    ];
    browser.post_form(server, "/login", &fields).status
}

/// After 20 failures from one client the next attempt waits (decision
/// 0015). On A, which trusts this machine as a proxy, the client is the
/// forwarded address, so another client is not slowed; on B every
/// connection is this machine's, one client for all.
fn sign_in_counts_follow_the_address_a_trusted_proxy_names(a: &str, b: &str) {
    for (server, trusted) in [(a, true), (b, false)] {
        for n in 0..20 {
            assert_eq!(failed_sign_in(server, "203.0.113.7", n), 401, "failure {n}");
        }
        assert_eq!(
            failed_sign_in(server, "203.0.113.7", 20),
            429,
            "the 21st waits"
        );
        let other = failed_sign_in(server, "203.0.113.8", 21);
        let expected = if trusted { 401 } else { 429 };
        assert_eq!(other, expected, "another client (trusted proxy: {trusted})");
    }
}

/// A commitment page, the scorecard and search on `server`, for the
/// checks before and after a write.
fn public_views(server: &str) -> [Response; 4] {
    let mut anonymous = Client::default();
    [
        anonymous.get(
            server,
            &format!("/dossiers/{DOSSIER}/commitments/{COMMITMENT}"),
        ),
        anonymous.get(server, &format!("/dossiers/{DOSSIER}")),
        anonymous.get(server, &format!("/search?q={WORD}")),
        anonymous.get(server, &format!("/api/v1/search?q={WORD}")),
    ]
}

fn a_write_through_one_server_is_seen_at_once_through_the_other(a: &str, b: &str, token: &str) {
    // B answers first, so that a cache or an index on B holds the old state.
    let statement = format!("Amend the media law ({WORD})");
    let [page, scorecard, search, api_search] = public_views(b);
    for (n, view) in [&page, &scorecard, &search, &api_search].iter().enumerate() {
        assert_eq!(view.status, 200, "view {n}: {}", view.body);
        assert!(!view.body.contains("Arrests of bloggers"), "view {n}");
        assert!(!view.body.contains(&statement), "view {n}");
    }
    // The commitment's page, named by its statement once edited.
    let link = format!("/commitments/amend-the-media-law-{WORD}");
    assert!(!search.body.contains(&link));
    assert!(
        api_search.body.contains("\"total\":0"),
        "{}",
        api_search.body
    );
    let mut api = Client::with_token(token);
    let path = format!("/api/v1/records/commitment/{COMMITMENT}");
    let read = api.get(a, &path);
    let mut record: serde_json::Value = serde_json::from_str(&read.body).unwrap();
    let version = record["version"].as_i64().unwrap();
    let mut entity = record["entity"].take();
    entity["data"]["statement"] = format!("Amend the media law ({WORD})").into();
    let body = serde_json::json!({"expected_version": version, "entity": entity, "reason": "test"});
    let put = api.send_json(a, "PUT", &path, &body);
    assert_eq!(put.status, 200, "{}", put.body);
    let published = api.post(
        a,
        &format!("{path}/publish?expected_version={}", version + 1),
    );
    assert_eq!(published.status, 200, "{}", published.body);
    let concern = publish_concern(&mut api, a, &format!("Arrests of bloggers ({WORD})"));

    let [page, scorecard, search, api_search] = public_views(b);
    for (n, view) in [&page, &scorecard].iter().enumerate() {
        assert_eq!(view.status, 200);
        assert!(
            view.body.contains(&statement),
            "B shows the write at once (view {n})"
        );
    }
    assert!(
        search.body.contains("Arrests of bloggers"),
        "B's search finds the new record"
    );
    assert!(
        search.body.contains(&link),
        "B's search finds the edited record"
    );
    let hits: serde_json::Value = serde_json::from_str(&api_search.body).unwrap();
    assert_eq!(hits["total"], 2, "{hits}");
    let ids: Vec<&str> = hits["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&COMMITMENT) && ids.contains(&concern.as_str()),
        "{ids:?}"
    );
}

/// Creates and publishes a concern through `server`; its id, once both
/// were acknowledged.
fn publish_concern(api: &mut Client, server: &str, title: &str) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    let body = serde_json::json!({
        "entity": {"kind": "concern", "data": {
            "id": id, "title": title, "description": "Seen through one server.",
            "themes": ["expression"]}},
        "reason": "two servers"
    });
    let made = api.send_json(server, "POST", "/api/v1/records/concern", &body);
    assert_eq!(made.status, 201, "{}", made.body);
    let published = api.post(
        server,
        &format!("/api/v1/records/concern/{id}/publish?expected_version=1"),
    );
    assert_eq!(published.status, 200, "{}", published.body);
    id
}

/// Readers and a writer go through nginx; server A is killed halfway.
/// Returns the ids of the acknowledged writes.
fn killing_one_server_loses_no_request_and_no_write(
    mut server_a: Process,
    proxy: &str,
    token: &str,
) -> Vec<String> {
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicUsize::new(0));
    let readers: Vec<_> = (0..2)
        .map(|n| {
            let (stop, reads, proxy) = (Arc::clone(&stop), Arc::clone(&reads), proxy.to_owned());
            std::thread::spawn(move || {
                let mut client = Client::default();
                let paths = [
                    format!("/dossiers/{DOSSIER}"),
                    format!("/dossiers/{DOSSIER}/commitments/{COMMITMENT}"),
                    "/search?q=media+law".to_owned(),
                    "/api/v1/search?q=bloggers".to_owned(),
                ];
                let mut failures = Vec::new();
                let mut i = n;
                while !stop.load(Ordering::Relaxed) {
                    let path = &paths[i % paths.len()];
                    let r = client.get(&proxy, path);
                    if r.status != 200 {
                        failures.push(format!("GET {path}: {}", r.status));
                    }
                    reads.fetch_add(1, Ordering::Relaxed);
                    i += 1;
                }
                failures
            })
        })
        .collect();

    let mut api = Client::with_token(token);
    let mut acknowledged = Vec::new();
    let mut reads_at_kill = 0;
    for i in 0..24 {
        if i == 12 {
            server_a.0.kill().unwrap();
            server_a.0.wait().unwrap();
            reads_at_kill = reads.load(Ordering::Relaxed);
        }
        acknowledged.push(publish_concern(&mut api, proxy, &format!("Concern {i}")));
        std::thread::sleep(Duration::from_millis(20));
    }
    // Some more reading after the last write.
    let until = reads.load(Ordering::Relaxed) + 20;
    let started = Instant::now();
    while reads.load(Ordering::Relaxed) < until && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    stop.store(true, Ordering::Relaxed);
    let failures: Vec<String> = readers
        .into_iter()
        .flat_map(|r| r.join().unwrap())
        .collect();
    assert_eq!(failures, Vec::<String>::new(), "every read succeeded");
    assert!(
        reads.load(Ordering::Relaxed) > reads_at_kill + 20,
        "reads went on after the kill"
    );
    // The last write is readable through the proxy (now server B alone).
    let last = api.get(proxy, "/api/v1/search?q=Concern+23");
    assert!(
        last.body.contains(acknowledged.last().unwrap()),
        "{}",
        last.body
    );
    acknowledged
}
