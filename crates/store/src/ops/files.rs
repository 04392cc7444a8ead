//! Stored files (a source's PDF or HTML, kept by its SHA-256) and the
//! sources that hold them.

use pledgewatch_core::error::Result;
use pledgewatch_core::model::{Entity, Sha256Hex, Stored};

use super::{META_TYPES, db, meta_select, stored_from_row};
use crate::schema::{ColType, Value};
use crate::tx::Tx;

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
    let rows = tx
        .fetch(
            "SELECT media_type, content FROM files WHERE sha256 = $1",
            &[Value::text(sha.as_str())],
            &[ColType::Text, ColType::Bytes],
        )
        .await
        .map_err(db)?;
    Ok(rows.into_iter().next().map(|mut r| {
        let content = match r.pop() {
            Some(Value::Bytes(Some(b))) => b,
            _ => Vec::new(),
        };
        (r[0].as_text().unwrap_or_default().to_owned(), content)
    }))
}

pub(crate) async fn sources_with_file(
    tx: &mut dyn Tx,
    sha: &Sha256Hex,
) -> Result<Vec<Stored<Entity>>> {
    let sql = format!(
        "SELECT {} FROM sources WHERE file_sha256 = $1 AND deleted_at IS NULL ORDER BY id",
        meta_select("")
    );
    let rows = tx
        .fetch(&sql, &[Value::text(sha.as_str())], &META_TYPES)
        .await
        .map_err(db)?;
    rows.iter().map(|r| stored_from_row(r)).collect()
}
