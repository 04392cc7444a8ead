//! `import_file`, the one call a front end makes to import a file: it tells
//! the format, decodes, reads and imports, or refuses the file whole.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use pledgewatch_core::storage::Storage;
use pledgewatch_exchange::decode::{self, Encoding};
use pledgewatch_exchange::file::{
    Format, ImportError, ImportRequest, Imported, import_file, import_path,
};
use pledgewatch_exchange::import::{Options, Quiet, Source, run_source};
use pledgewatch_exchange::{Record, Rejected, upr};
use pledgewatch_store::{DatabaseUrl, OpenMode, Store};

fn voluntary_pledges() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/upr-info-recommendations-sessions-1-20/voluntary.csv");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

async fn store(dir: &tempfile::TempDir) -> Store {
    let store = Store::open(
        &DatabaseUrl::Sqlite(dir.path().join("import.db")),
        OpenMode::CreateIfMissing,
    )
    .await
    .unwrap();
    store.migrate().await.unwrap();
    store
}

fn request(options: Options) -> ImportRequest {
    ImportRequest {
        file_name: "voluntary.csv".into(),
        options,
        ..ImportRequest::default()
    }
}

#[tokio::test]
async fn a_upr_info_file_is_told_from_its_header_decoded_and_imported_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir).await;
    let context = pledgewatch_core::service::context("tester", Some("import")).unwrap();
    let bytes = voluntary_pledges();

    let dry = Options {
        dry_run: true,
        ..Options::default()
    };
    let planned = import_file(&store, &context, &bytes, &request(dry), &Quiet)
        .await
        .unwrap();
    assert_eq!(planned.summary.created, 892);
    assert!(!planned.summary.written);
    assert!(store.is_empty().await.unwrap(), "a dry run writes nothing");

    let imported = import_file(
        &store,
        &context,
        &bytes,
        &request(Options::default()),
        &Quiet,
    )
    .await
    .unwrap();
    assert_eq!(
        imported.read_as.what,
        "UPR Info recommendations and pledges"
    );
    let decoded = imported.read_as.decoded.unwrap();
    assert_eq!(decoded.encoding, Encoding::MacRoman);
    assert!(decoded.guessed);
    assert_eq!(
        (imported.summary.rows_read, imported.summary.created),
        (894, 892)
    );
    assert!(imported.summary.written);
    assert_eq!(imported.header.unwrap()[0], "To");

    let again = import_file(
        &store,
        &context,
        &bytes,
        &request(Options::default()),
        &Quiet,
    )
    .await
    .unwrap();
    assert_eq!((again.summary.created, again.summary.unchanged), (0, 894));
}

#[tokio::test]
async fn a_file_of_no_known_format_is_refused_whole_and_a_forced_format_is_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir).await;
    let context = pledgewatch_core::service::context("tester", Some("import")).unwrap();
    let mut unknown = request(Options::default());
    unknown.file_name = "people.csv".into();
    let result = import_file(&store, &context, b"name,age\nAda,36\n", &unknown, &Quiet).await;
    match result {
        Err(ImportError::File(message)) => {
            assert!(
                message.contains("cannot tell the file's format from its header (name,age)"),
                "{message}"
            );
        }
        other => panic!("expected a file error, got {other:?}"),
    }
    // Told to read JSON, a CSV is refused as JSON.
    unknown.format = Format::Json;
    let result = import_file(&store, &context, b"name,age\nAda,36\n", &unknown, &Quiet).await;
    assert!(matches!(result, Err(ImportError::File(_))), "{result:?}");
    assert!(store.is_empty().await.unwrap());
}

/// The summary's counts and the rejected rows' lines and reasons.
fn outcome(imported: &Imported) -> (u64, u64, u64, u64, Vec<(u64, String)>) {
    let s = &imported.summary;
    let rejected = s
        .report()
        .map(|e| (e.row, format!("{:?} {}", e.column, e.reason)))
        .collect();
    (s.rows_read, s.created, s.unchanged, s.rejected, rejected)
}

#[tokio::test]
async fn a_utf8_file_read_as_a_stream_imports_as_its_bytes_do_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let context = pledgewatch_core::service::context("tester", Some("import")).unwrap();
    // The real file in UTF-8 with a byte-order mark and CRLF line endings,
    // a row with an empty text (rejected, naming its line) and blank lines.
    let text = decode::decode(&voluntary_pledges(), None).unwrap().text;
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(9, "");
    lines.push("Atlantis,,,A pledge from nowhere,,,,Voluntary Pledge,,,1");
    let last_line = lines.len() as u64;
    let body = format!("\u{feff}{}\r\n", lines.join("\r\n"));
    let path = dir.path().join("voluntary-utf8.csv");
    std::fs::write(&path, &body).unwrap();
    let skip = Options {
        skip_invalid: true,
        ..Options::default()
    };

    let streamed_store = store(&dir).await;
    let streamed = import_path(&streamed_store, &context, &path, &request(skip), &Quiet)
        .await
        .unwrap();
    let memory_dir = tempfile::tempdir().unwrap();
    let memory_store = store(&memory_dir).await;
    let in_memory = import_file(
        &memory_store,
        &context,
        body.as_bytes(),
        &request(skip),
        &Quiet,
    )
    .await
    .unwrap();

    assert_eq!(outcome(&streamed), outcome(&in_memory));
    assert_eq!(streamed.summary.rejected, 1, "{:?}", outcome(&streamed));
    assert_eq!(streamed.summary.rejected_rows[0].row, last_line);
    assert_eq!(streamed.read_as, in_memory.read_as);
    let decoded = streamed.read_as.decoded.unwrap();
    assert_eq!(decoded.encoding, Encoding::Utf8);
    assert_eq!(decoded.line_endings, "CRLF line endings");
    assert_eq!(
        streamed_store.audit_seq().await.unwrap(),
        memory_store.audit_seq().await.unwrap()
    );
    assert!(
        streamed_store
            .verify_audit()
            .await
            .unwrap()
            .broken
            .is_none()
    );
}

#[tokio::test]
async fn a_legacy_file_given_by_path_is_decoded_in_memory_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir).await;
    let context = pledgewatch_core::service::context("tester", Some("import")).unwrap();
    let path = dir.path().join("voluntary.csv");
    std::fs::write(&path, voluntary_pledges()).unwrap();
    let imported = import_path(
        &store,
        &context,
        &path,
        &request(Options::default()),
        &Quiet,
    )
    .await
    .unwrap();
    let decoded = imported.read_as.decoded.unwrap();
    assert_eq!(
        (decoded.encoding, decoded.guessed),
        (Encoding::MacRoman, true)
    );
    assert_eq!(imported.summary.created, 892);
    // A path that cannot be read is an error naming why, and writes nothing.
    let empty = tempfile::tempdir().unwrap();
    let other = self::store(&empty).await;
    let missing = empty.path().join("missing.csv");
    let result = import_path(
        &other,
        &context,
        &missing,
        &request(Options::default()),
        &Quiet,
    )
    .await;
    match result {
        Err(ImportError::File(message)) => assert!(message.contains("cannot be read"), "{message}"),
        other => panic!("expected a file error, got {other:?}"),
    }
    assert!(other.is_empty().await.unwrap());
}

/// A source whose second reading stops short, as a file changed or failing
/// under the reader would.
struct StopsShort {
    records: Vec<Record>,
    readings: AtomicUsize,
    failure: Mutex<Option<String>>,
}

impl Source for StopsShort {
    fn records(&self) -> Box<dyn Iterator<Item = Result<Record, Rejected>> + Send + '_> {
        let reading = self.readings.fetch_add(1, Ordering::SeqCst);
        let take = if reading == 0 {
            self.records.len()
        } else {
            *self.failure.lock().unwrap() = Some("the disk went away".into());
            self.records.len() / 2
        };
        Box::new(self.records.iter().take(take).cloned().map(Ok))
    }

    fn failure(&self) -> Option<String> {
        self.failure.lock().unwrap().clone()
    }
}

#[tokio::test]
async fn a_source_that_stops_short_on_a_later_reading_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir).await;
    let context = pledgewatch_core::service::context("tester", Some("import")).unwrap();
    let text = decode::decode(&voluntary_pledges(), None).unwrap().text;
    let parsed = upr::read_upr_info(&text).unwrap();
    let source = StopsShort {
        records: parsed.records,
        readings: AtomicUsize::new(0),
        failure: Mutex::new(None),
    };
    let result = run_source(
        &store,
        &context,
        &source,
        Vec::new(),
        parsed.rows_read,
        Options::default(),
        &Quiet,
    )
    .await;
    let error = result.unwrap_err().to_string();
    assert!(
        error.contains("could not be read to its end") && error.contains("the disk went away"),
        "{error}"
    );
    assert!(store.is_empty().await.unwrap(), "nothing was written");
}

/// A source whose later readings give its rows in another order, as a
/// file edited in place between two readings would.
struct Reordered {
    records: Vec<Record>,
    readings: AtomicUsize,
}

impl Source for Reordered {
    fn records(&self) -> Box<dyn Iterator<Item = Result<Record, Rejected>> + Send + '_> {
        let mut records = self.records.clone();
        if self.readings.fetch_add(1, Ordering::SeqCst) > 0 {
            records.swap(10, 11);
        }
        Box::new(records.into_iter().map(Ok))
    }
}

#[tokio::test]
async fn a_source_that_reads_differently_the_second_time_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir).await;
    let context = pledgewatch_core::service::context("tester", Some("import")).unwrap();
    let text = decode::decode(&voluntary_pledges(), None).unwrap().text;
    let parsed = upr::read_upr_info(&text).unwrap();
    let row = parsed.records[11].row;
    let source = Reordered {
        records: parsed.records,
        readings: AtomicUsize::new(0),
    };
    let result = run_source(
        &store,
        &context,
        &source,
        Vec::new(),
        parsed.rows_read,
        Options::default(),
        &Quiet,
    )
    .await;
    let error = result.unwrap_err().to_string();
    assert!(
        error.contains(&format!("row {row} is not what was checked")),
        "{error}"
    );
    assert!(store.is_empty().await.unwrap(), "nothing was written");
}

#[tokio::test]
async fn files_of_the_upr_info_database_agree_on_its_source_whatever_their_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir).await;
    let context = pledgewatch_core::service::context("tester", Some("import")).unwrap();
    let sessions = |name: &str| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/upr-info-recommendations-sessions-1-20")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let mut sources = Vec::new();
    // The later sessions first, the earlier second, the later again: the
    // shared source is created once and never rewritten.
    for name in ["6-9.csv", "1-5.csv", "6-9.csv"] {
        let mut request = request(Options::default());
        request.file_name = name.into();
        let imported = import_file(&store, &context, &sessions(name), &request, &Quiet)
            .await
            .unwrap();
        let counts = &imported.summary.entities["source"];
        sources.push((counts.created, counts.updated));
    }
    assert_eq!(sources, [(1, 0), (0, 0), (0, 0)]);
}
