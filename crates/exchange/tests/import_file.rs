//! `import_file`, the one call a front end makes to import a file: it tells
//! the format, decodes, reads and imports, or refuses the file whole.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use pledgewatch_core::storage::Storage;
use pledgewatch_exchange::decode::Encoding;
use pledgewatch_exchange::file::{Format, ImportError, ImportRequest, import_file};
use pledgewatch_exchange::import::{Options, Quiet};
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
