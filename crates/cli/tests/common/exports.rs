//! Exporting everything and importing it again through the binary, shared by
//! the export suites of both backends.

use std::path::Path;

use pledgewatch_core::storage::Storage;
use pledgewatch_exchange::format::{self, KINDS};

use super::ok;

/// The demo dossier.
pub const DOSSIER: &str = "kazakhstan-osce-2010";

/// Exports every list and the dossier in both formats into `dir`, returning
/// the file names written.
pub fn export_everything(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for format in ["json", "csv"] {
        for kind in KINDS {
            let plural = format::plural(kind.as_str());
            let name = format!("{plural}.{format}");
            ok(dir, &["export", &plural, "--format", format, "-o", &name]);
            names.push(name);
        }
        let name = format!("dossier.{format}");
        ok(
            dir,
            &[
                "export", "dossier", DOSSIER, "--format", format, "-o", &name,
            ],
        );
        names.push(name);
    }
    names
}

/// Imports files of the project's own format, one after the other, into the
/// empty database at `url` with `pledgewatch import`; each must only create.
pub async fn import_into(url: &str, files: &[Vec<u8>]) {
    let store = pledgewatch_store::open_and_migrate(url).await.unwrap();
    assert!(store.is_empty().await.unwrap());
    store.close().await;
    let dir = tempfile::tempdir().unwrap();
    for (i, bytes) in files.iter().enumerate() {
        let ext = if bytes.starts_with(b"{") {
            "json"
        } else {
            "csv"
        };
        let name = format!("{i:02}.{ext}");
        std::fs::write(dir.path().join(&name), bytes).unwrap();
        let out = ok(
            dir.path(),
            &["--db", url, "import", &name, "--reason", "Import an export"],
        );
        assert!(
            out.contains(" 0 updated, 0 unchanged, 0 rejected."),
            "{name} was not all created:\n{out}"
        );
    }
}

pub fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap()
}
