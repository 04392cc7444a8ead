//! Stored files (a source's PDF or HTML, kept by its SHA-256) and the
//! sources that hold them.

use pledgewatch_core::error::Result;
use pledgewatch_core::model::{Entity, Sha256Hex, Stored};

use super::{db, entities, meta_select};
use crate::schema::Value;
use crate::tx::{FromRow, Row, Tx, TxError, fetch_one_as};

/// A stored file: its media type and its bytes.
struct FileRow {
    media_type: String,
    content: Vec<u8>,
}

impl FromRow for FileRow {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(FileRow {
            media_type: row.get("media_type")?,
            content: row.get("content")?,
        })
    }
}

pub(crate) async fn put_file(
    tx: &mut dyn Tx,
    media_type: &str,
    content: &[u8],
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Sha256Hex> {
    let sha = Sha256Hex::of(content);
    tx.exec(
        "INSERT INTO files (sha256, media_type, size, content, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
        &[
            Value::text(sha.as_str()),
            Value::text(media_type),
            Value::Int(Some(i64::try_from(content.len()).unwrap_or(i64::MAX))),
            Value::Bytes(Some(content.to_vec())),
            Value::Timestamp(Some(at)),
        ],
    )
    .await
    .map_err(db)?;
    Ok(sha)
}

pub(crate) async fn get_file(
    tx: &mut dyn Tx,
    sha: &Sha256Hex,
) -> Result<Option<(String, Vec<u8>)>> {
    let file: Option<FileRow> = fetch_one_as(
        tx,
        "files",
        "SELECT media_type, content FROM files WHERE sha256 = $1",
        &[Value::text(sha.as_str())],
    )
    .await
    .map_err(db)?;
    Ok(file.map(|f| (f.media_type, f.content)))
}

pub(crate) async fn sources_with_file(
    tx: &mut dyn Tx,
    sha: &Sha256Hex,
) -> Result<Vec<Stored<Entity>>> {
    let sql = format!(
        "SELECT {} FROM sources WHERE file_sha256 = $1 AND deleted_at IS NULL ORDER BY id",
        meta_select("")
    );
    entities(tx, "sources", &sql, &[Value::text(sha.as_str())]).await
}
