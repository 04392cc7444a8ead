//! What some tests need from outside Rust (a PostgreSQL server, pdftotext, a
//! browser, schemathesis), and what a test does when it is missing: on a
//! developer's machine it is reported as ignored with the reason; under CI
//! (`CI` set) or `./test` (`PLEDGEWATCH_TEST_STRICT` set) it fails, because
//! there everything must run.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;

use libtest_mimic::{Completion, Failed};

/// The variable naming a PostgreSQL server the tests may create databases on.
pub const POSTGRES_ENV: &str = "PLEDGEWATCH_TEST_POSTGRES_URL";

/// Set by `./test`: every tool has been installed, so none may be missing.
pub const STRICT_ENV: &str = "PLEDGEWATCH_TEST_STRICT";

/// A tool or setting a test needs and this machine lacks, said as a reason
/// a reader can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing(pub String);

/// Reasons seen while the trials were built; the harness prints them once
/// before running (see [`crate::run`]).
static SEEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

impl Missing {
    /// A missing tool; the reason is recorded to be printed once by the harness.
    pub fn new(reason: impl Into<String>) -> Self {
        let reason = reason.into();
        if let Ok(mut seen) = SEEN.lock() {
            seen.insert(reason.clone());
        }
        Missing(reason)
    }

    /// The outcome of a test that cannot run: ignored with the reason, or a
    /// failure where everything must run.
    pub fn outcome(&self) -> Result<Completion, Failed> {
        if strict() {
            Err(format!("{}; under CI and ./test every test must run", self.0).into())
        } else {
            Ok(Completion::ignored_with(&self.0))
        }
    }
}

/// The reasons recorded so far, for the harness's notice.
pub(crate) fn seen() -> Vec<String> {
    SEEN.lock()
        .map(|seen| seen.iter().cloned().collect())
        .unwrap_or_default()
}

/// Whether a missing tool is a failure: under CI (`CI` set to anything but
/// `false` or `0`) and under `./test`.
pub fn strict() -> bool {
    let set =
        |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    set("CI") || set(STRICT_ENV)
}

/// The PostgreSQL server named by `PLEDGEWATCH_TEST_POSTGRES_URL`.
pub fn postgres_server() -> Result<String, Missing> {
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.trim().is_empty() => Ok(url),
        _ => Err(Missing::new(format!(
            "needs PostgreSQL: {POSTGRES_ENV} is not set; ./test starts a server"
        ))),
    }
}

/// A program that answers `program ARG` (for example `pdftotext -v`); the
/// Debian package that brings it is named in the reason.
pub fn program(program: &str, arg: &str, package: &str) -> Result<(), Missing> {
    let runs = Command::new(program)
        .arg(arg)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if runs {
        Ok(())
    } else {
        Err(Missing::new(format!(
            "needs {program}: not installed (Debian package {package}); ./test installs it"
        )))
    }
}

/// A file that must exist, with what provides it.
pub fn file(path: &Path, provided_by: &str) -> Result<(), Missing> {
    if path.exists() {
        Ok(())
    } else {
        Err(Missing::new(format!(
            "needs {}: missing ({provided_by}); ./test installs it",
            path.display()
        )))
    }
}
