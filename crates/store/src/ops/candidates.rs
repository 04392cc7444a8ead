//! The review queue of drafting help: candidate commitments by status.

use pledgewatch_core::error::{Error, Result};
use pledgewatch_core::model::{Candidate, CandidateStatus, Entity, Stored};

use super::{entities, meta_select};
use crate::schema::Value;
use crate::tx::Tx;

pub(crate) async fn list_candidates(
    tx: &mut dyn Tx,
    status: Option<CandidateStatus>,
) -> Result<Vec<Stored<Candidate>>> {
    let (filter, params) = match status {
        Some(s) => (" AND status = $1", vec![Value::text(s.as_str())]),
        None => ("", vec![]),
    };
    let sql = format!(
        "SELECT {} FROM candidates WHERE deleted_at IS NULL{filter} ORDER BY source_id, quote_start, id",
        meta_select("")
    );
    let rows = entities(tx, "candidates", &sql, &params).await?;
    rows.into_iter()
        .map(|stored| match stored.entity {
            Entity::Candidate(c) => Ok(Stored {
                meta: stored.meta,
                entity: c,
            }),
            other => Err(Error::storage(
                "reading candidates",
                format!("the table holds a {}", other.kind()),
            )),
        })
        .collect()
}
