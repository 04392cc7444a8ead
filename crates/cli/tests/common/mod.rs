//! Running the real `pledgewatch` binary in a folder, for the CLI tests.

#![allow(dead_code)]

pub mod big;
pub mod exports;
pub mod http;

use std::path::Path;
use std::process::{Command, Output};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `pledgewatch ARGS` in `dir`, as the user "tester", on the default
/// database of that folder.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_with(dir, args, &[])
}

/// Runs `pledgewatch ARGS` as [`run_in`] does, with more environment
/// variables (a new password in `PLEDGEWATCH_NEW_PASSWORD`).
pub fn run_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = command(dir, args, env).output().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// `pledgewatch ARGS` in `dir`, as the user "tester", on the default
/// database of that folder, with more environment variables. The search
/// index of a PostgreSQL database goes to `dir/.cache`, not the user's.
fn command(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pledgewatch"));
    let cache = std::path::absolute(dir.join(".cache")).unwrap();
    command
        .current_dir(dir)
        .env_remove("PLEDGEWATCH_DATABASE_URL")
        .env_remove("PLEDGEWATCH_NEW_PASSWORD")
        .env("XDG_CACHE_HOME", cache)
        .env("PLEDGEWATCH_USER", "tester")
        .envs(env.iter().copied())
        .args(args);
    command
}

/// Runs `pledgewatch ARGS` as [`run_in`] does, its standard output a pipe
/// whose reader has gone away (`pledgewatch ARGS | head -0`); `stdout` is
/// empty.
pub fn run_reader_gone(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let Output { status, stderr, .. } = command(dir, args, env)
        .stdout(std::process::Stdio::from(writer))
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// Runs `pledgewatch ARGS` as [`run_in`] does, its standard output and
/// error one pipe whose reader has gone away (`pledgewatch ARGS 2>&1 |
/// head -0`); gives the exit code.
pub fn run_readers_gone(dir: &Path, args: &[&str]) -> i32 {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = command(dir, args, &[])
        .stdout(std::process::Stdio::from(writer.try_clone().unwrap()))
        .stderr(std::process::Stdio::from(writer))
        .status()
        .unwrap();
    status.code().unwrap_or(-1)
}

/// Runs a command that must succeed and returns what it printed.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let r = run_in(dir, args);
    assert_eq!(r.code, 0, "{args:?} failed:\n{}\n{}", r.stdout, r.stderr);
    r.stdout
}
