//! The browser tests: starts `pledgewatch serve` on a fresh demo database
//! with one account per role, then runs `tests/browser/flow.mjs` (Playwright
//! driving Debian's headless Chromium, plus axe-core). Needs node, chromium
//! and `npm ci --prefix tests/browser`; `./test` installs them. Without them
//! the test is reported as ignored with the reason, and under CI it fails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use pledgewatch_testkit::{Missing, every_test_here_is_a_trial, need, trial_needing};

const PASSWORD: &str = "browser test password";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// What the browser tests need: Chromium, node and the npm packages.
fn tools() -> Result<(), Missing> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    need::file(Path::new(&chromium), "Debian package chromium")?;
    need::program("node", "--version", "nodejs")?;
    need::file(
        &repo_root().join("tests/browser/node_modules/playwright-core"),
        "`npm ci --prefix tests/browser`",
    )
}

fn main() {
    pledgewatch_testkit::run(vec![
        trial_needing(
            "editors_record_reviewers_publish_and_the_public_sees_it_in_a_real_browser",
            tools(),
            |()| editors_record_reviewers_publish_and_the_public_sees_it_in_a_real_browser(),
        ),
        every_test_here_is_a_trial(&[include_str!("browser.rs")]),
    ]);
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn pw(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .current_dir(dir)
        .env_remove("PLEDGEWATCH_DATABASE_URL")
        .env("PLEDGEWATCH_NEW_PASSWORD", PASSWORD)
        .args(args)
        .output()
        .unwrap()
}

/// The route table's pages (GET routes answering HTML) as JSON, each as
/// `[name, path, public]`: the browser test opens every one of them at
/// phone width. Downloads, feeds, files, scripts and the stylesheet are
/// not pages.
fn pages_of_the_route_table() -> String {
    const NOT_PAGES: [&str; 6] = ["export", "csv", "json", "feed", "file", "schema"];
    let pages: Vec<serde_json::Value> = pledgewatch_web::ROUTES
        .iter()
        .filter(|r| r.method == "GET")
        .filter(|r| !NOT_PAGES.iter().any(|n| r.name.contains(n)))
        .filter(|r| !matches!(r.name, "stylesheet" | "htmx" | "memo" | "letters"))
        .map(|r| serde_json::json!([r.name, r.path, r.access == pledgewatch_web::Access::Public]))
        .collect();
    serde_json::Value::Array(pages).to_string()
}

/// Two concerns written in Russian: "закон" and "закона" must find both.
const RUSSIAN_DATASET: &str = r#"{"format": "pledgewatch-demo/1",
 "dossier": {"slug": "media-ru", "title": "Свобода СМИ", "summary": "Обязательства по закону о средствах массовой информации."},
 "concerns": [
  {"key": "law", "title": "Закон о СМИ", "description": "Новый закон о средствах массовой информации ограничивает работу онлайн-изданий.", "themes": ["свобода выражения мнений"]},
  {"key": "bill", "title": "Проект", "description": "Обсуждение проекта закона в парламенте.", "themes": []}
 ]}"#;

fn editors_record_reviewers_publish_and_the_public_sees_it_in_a_real_browser() {
    let dir = tempfile::tempdir().unwrap();
    assert!(pw(dir.path(), &["demo"]).status.success());
    // A small published dossier in Russian, for the search's stemming.
    std::fs::write(dir.path().join("ru.json"), RUSSIAN_DATASET).unwrap();
    let out = pw(dir.path(), &["load", "ru.json", "--publish"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for role in ["viewer", "editor", "reviewer", "admin"] {
        let out = pw(
            dir.path(),
            &[
                "user",
                "add",
                role,
                "--role",
                role,
                "--name",
                &format!("Demo {role}"),
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .current_dir(dir.path())
        .env_remove("PLEDGEWATCH_DATABASE_URL")
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    // Read the address from the server's output, then keep draining it so
    // the server never writes into a closed pipe.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line
                .split(" at ")
                .nth(1)
                .filter(|_| line.starts_with("pledgewatch is serving"))
            {
                let _ = tx.send(rest.trim_end_matches('/').to_owned());
            }
        }
    });
    let url = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the server prints its address");
    let shots = std::env::var("PLEDGEWATCH_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| dir.path().join("screenshots"));
    let output = Command::new("node")
        .arg(repo_root().join("tests/browser/flow.mjs"))
        .env("PW_PAGES", pages_of_the_route_table())
        .env("PW_BASE_URL", &url)
        .env("PW_PASSWORD", PASSWORD)
        .env("PW_SHOTS", &shots)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}{}", String::from_utf8_lossy(&output.stderr));
    drop(server);
    assert!(output.status.success(), "browser checks failed:\n{report}");
    assert!(report.contains("all browser checks passed"));
    assert!(report.matches("ok - ").count() >= 20, "every check ran");
}
