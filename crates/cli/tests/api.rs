//! The JSON API against its own OpenAPI document: starts `pledgewatch serve
//! --demo` on a fresh database, makes an admin API token with the CLI, and
//! runs schemathesis (from PyPI, installed into a virtualenv by `./test`)
//! on every operation, with the token and without one. Fails on any server
//! error and on any response (errors included) that the document does not
//! describe: status code, content type, headers or body schema.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use pledgewatch_testkit::{Missing, every_test_here_is_a_trial, need, trial, trial_needing};

const PASSWORD: &str = "api test password";

/// The schemathesis command (`st`) of the project's virtualenv.
fn schemathesis() -> PathBuf {
    let venv =
        std::env::var("PLEDGEWATCH_VENV").unwrap_or_else(|_| "/var/tmp/pledgewatch-venv".into());
    Path::new(&venv).join("bin/st")
}

/// The virtualenv with schemathesis, which the API check needs.
fn tools() -> Result<(), Missing> {
    need::file(
        &schemathesis(),
        "a virtualenv with schemathesis==4.32.5; PLEDGEWATCH_VENV names another",
    )
}

fn main() {
    pledgewatch_testkit::run(vec![
        trial_needing(
            "every_api_response_matches_the_openapi_document_and_none_is_a_server_error",
            tools(),
            |()| every_api_response_matches_the_openapi_document_and_none_is_a_server_error(),
        ),
        trial(
            "token_commands_make_list_and_revoke_tokens_and_name_bad_input",
            token_commands_make_list_and_revoke_tokens_and_name_bad_input,
        ),
        every_test_here_is_a_trial(&[include_str!("api.rs")]),
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

fn start_server(dir: &Path) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .current_dir(dir)
        .env_remove("PLEDGEWATCH_DATABASE_URL")
        .args(["serve", "--demo", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
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
    (server, url)
}

/// Runs schemathesis on the served document; returns whether it passed and
/// what it printed.
fn run_schemathesis(dir: &Path, url: &str, token: Option<&str>, examples: u32) -> (bool, String) {
    let seed = std::env::var("PLEDGEWATCH_SCHEMATHESIS_SEED").unwrap_or_else(|_| "20261129".into());
    let examples = examples.to_string();
    let mut args: Vec<String> = [
        "run",
        &format!("{url}/api/v1/openapi.json"),
        "--url",
        url,
        "--checks",
        "all",
        // Schema-valid bodies name random ids, which the API rightly refuses
        // as dangling references (422): "valid data must be accepted" does
        // not hold for data with references. Everything else is checked.
        "--exclude-checks",
        "positive_data_acceptance",
        "--max-examples",
        &examples,
        "--seed",
        &seed,
        // One worker: with several, hypothesis parses generated code from
        // threads at once, which CPython 3.11 does not survive reliably
        // ("AST constructor recursion depth mismatch").
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--no-color",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    if let Some(token) = token {
        args.push("--header".into());
        args.push(format!("Authorization: Bearer {token}"));
    }
    let output = Command::new(schemathesis())
        .current_dir(dir)
        .args(&args)
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), report)
}

fn every_api_response_matches_the_openapi_document_and_none_is_a_server_error() {
    let dir = tempfile::tempdir().unwrap();
    let (server, url) = start_server(dir.path());
    let out = pw(dir.path(), &["user", "add", "admin", "--role", "admin"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = pw(
        dir.path(),
        &[
            "token",
            "create",
            "--user",
            "admin",
            "--name",
            "schemathesis",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(token.starts_with("pw_"), "{token}");

    let started = std::time::Instant::now();
    let (admin_ok, admin_report) = run_schemathesis(dir.path(), &url, Some(&token), 25);
    println!("== schemathesis with an admin token\n{admin_report}");
    let (public_ok, public_report) = run_schemathesis(dir.path(), &url, None, 10);
    println!("== schemathesis without a token\n{public_report}");
    println!("schemathesis took {:.0?}", started.elapsed());
    drop(server);
    assert!(
        admin_ok,
        "schemathesis found problems with a token:\n{admin_report}"
    );
    assert!(
        public_ok,
        "schemathesis found problems without a token:\n{public_report}"
    );
    for report in [&admin_report, &public_report] {
        let selected = report
            .lines()
            .find_map(|l| l.trim().strip_prefix("Selected: "))
            .and_then(|s| s.split_once('/'))
            .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
            .expect("schemathesis reports the operations it selected");
        assert_eq!(selected.0, selected.1, "every operation was selected");
        assert!(
            report.contains(&format!("Tested: {}", selected.0)),
            "every operation was tested:\n{report}"
        );
    }
}

fn token_commands_make_list_and_revoke_tokens_and_name_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    assert!(pw(dir.path(), &["demo"]).status.success());
    assert!(
        pw(dir.path(), &["user", "add", "ana", "--role", "editor"])
            .status
            .success()
    );
    let made = pw(
        dir.path(),
        &[
            "token",
            "create",
            "--user",
            "ana",
            "--name",
            "nightly export",
            "--as",
            "lead",
        ],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let secret = String::from_utf8_lossy(&made.stdout).trim().to_owned();
    assert!(secret.starts_with("pw_") && secret.len() == 46, "{secret}");
    assert!(String::from_utf8_lossy(&made.stderr).contains("not shown again"));

    let listed = pw(dir.path(), &["token", "list", "--user", "ana"]);
    let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert!(
        listed.contains("nightly export") && listed.contains("active"),
        "{listed}"
    );
    assert!(!listed.contains(&secret), "the secret is never listed");
    let id = listed.split_whitespace().next().unwrap().to_owned();

    let revoked = pw(dir.path(), &["token", "revoke", &id]);
    assert!(revoked.status.success());
    let listed = pw(dir.path(), &["token", "list"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("revoked"));
    let again = pw(dir.path(), &["token", "revoke", &id]);
    assert_eq!(again.status.code(), Some(7), "revoking twice is refused");

    for (args, code, says) in [
        (
            vec!["token", "create", "--user", "nobody", "--name", "x"],
            4,
            "nobody",
        ),
        (
            vec!["token", "create", "--user", "ana", "--name", " "],
            3,
            "name",
        ),
        (vec!["token", "revoke", "not-an-id"], 3, "not-an-id"),
        (
            vec!["token", "revoke", "01a22692-ce19-70eb-ad14-41fb5648d8fd"],
            4,
            "not found",
        ),
    ] {
        let out = pw(dir.path(), &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}
