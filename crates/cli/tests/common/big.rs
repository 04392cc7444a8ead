//! A large UPR Info file made from the real rows of `../shared/data/`, for
//! the tests that kill an import midway: the five recommendation files in
//! turn, again and again, each round's texts varied so that its rows are
//! new records rather than repeats.

use std::path::{Path, PathBuf};

use pledgewatch_exchange::{decode, table};

const FILES: [&str; 5] = ["1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv", "17-20.csv"];

/// How each round after the first rewords a recommendation.
const MANNER: [&str; 5] = [
    "promptly",
    "fully",
    "effectively",
    "systematically",
    "transparently",
];

/// The folder of the UPR Info files; its absence fails the test.
pub fn upr_info_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/upr-info-recommendations-sessions-1-20");
    assert!(
        dir.is_dir(),
        "the shared data folder is missing at {}: these tests need ../shared/data next to the repository",
        dir.display()
    );
    dir
}

/// Writes a UPR Info file of `rows` rows (UTF-8) to `path`.
pub fn write_upr_info(path: &Path, rows: usize) {
    let dir = upr_info_dir();
    let mut header = Vec::new();
    let mut real: Vec<Vec<String>> = Vec::new();
    for file in FILES {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let text = decode::decode(&bytes, None).unwrap().text;
        let t = table::read(&text, b',').unwrap();
        header = t.header;
        real.extend(t.rows.into_iter().map(|r| r.cells));
    }
    let text_at = header.iter().position(|h| h == "Text").unwrap();
    let mut out = Vec::with_capacity(rows);
    for round in 0.. {
        for row in &real {
            if out.len() == rows {
                std::fs::write(path, table::write(&header, &out).unwrap()).unwrap();
                return;
            }
            let mut row = row.clone();
            if round > 0 {
                let manner = MANNER[round % MANNER.len()];
                row[text_at] = format!("{} ({manner}, round {round})", row[text_at].trim_end());
            }
            out.push(row);
        }
    }
}

/// Runs `pledgewatch ARGS` in `dir` and kills it with SIGKILL once
/// `written()` tells that its transaction has written more than `after`
/// bytes (of the write-ahead log, of a table), or at once with `after` of
/// `None`, after `delay`. Fails if the import ends before the kill.
pub fn kill_import(
    dir: &Path,
    args: &[&str],
    written: &dyn Fn() -> u64,
    after: Option<u64>,
    delay: std::time::Duration,
) {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let start = written();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .current_dir(dir)
        .env_remove("PLEDGEWATCH_DATABASE_URL")
        .env("PLEDGEWATCH_USER", "tester")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let began = Instant::now();
    if let Some(after) = after {
        while written().saturating_sub(start) <= after {
            assert!(
                child.try_wait().unwrap().is_none(),
                "the import ended before it had written {after} bytes: the test must kill it midway"
            );
            assert!(
                began.elapsed() < Duration::from_secs(600),
                "the import wrote nothing for ten minutes"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    std::thread::sleep(delay);
    assert!(
        child.try_wait().unwrap().is_none(),
        "the import ended before the kill: the test must kill it midway"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
}
