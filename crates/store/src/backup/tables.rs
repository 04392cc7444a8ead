//! Dumping every table (for a backup file) and restoring a dump into an
//! empty database, column by column as `schema` names them.

use std::collections::HashMap;

use pledgewatch_core::error::{Error, FieldError, Result};
use pledgewatch_core::model::{Entity, EntityKind};
use pledgewatch_core::storage::TableDump;

use crate::ops::{db, placeholders};
use crate::schema::{self, TABLES, Table, Value};
use crate::tx::{Row, Tx};

/// Every table's rows, in primary-key order.
pub(crate) async fn dump(tx: &mut dyn Tx) -> Result<Vec<TableDump>> {
    let mut out = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let columns = table.all_columns();
        let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            names.join(", "),
            table.name,
            table.order_by
        );
        let mut rows = Vec::new();
        for row in tx.fetch(&sql, &[]).await.map_err(db)? {
            // Each column is read as the logical type `schema` gives it.
            let row = Row::new(table.name, &row);
            let values = columns
                .iter()
                .map(|c| row.value(c.name, c.ty).map(|v| v.to_json()))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(db)?;
            rows.push(values);
        }
        out.push(TableDump {
            table: table.name.to_owned(),
            columns: names.iter().map(|s| (*s).to_owned()).collect(),
            rows,
        });
    }
    Ok(out)
}

/// Whether there is no entity and no audit entry.
pub(crate) async fn is_empty(tx: &mut dyn Tx) -> Result<bool> {
    for table in TABLES.iter().filter(|t| t.name != "audit_head") {
        let rows = tx
            .fetch(&format!("SELECT 1 FROM {} LIMIT 1", table.name), &[])
            .await
            .map_err(db)?;
        if !rows.is_empty() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Loads a dump into an empty database. Every table must be present with
/// exactly the expected columns; every value must have its column's type.
pub(crate) async fn restore(tx: &mut dyn Tx, tables: Vec<TableDump>) -> Result<()> {
    if !is_empty(tx).await? {
        return Err(Error::refused(
            "the database is not empty: restore only into a new database (run `pledgewatch init` on a new file or schema)",
        ));
    }
    let mut by_name: HashMap<String, TableDump> = HashMap::new();
    for t in tables {
        if schema::table(&t.table).is_none() {
            return Err(FieldError::new(
                format!("table {}", t.table),
                "is not a table of this schema",
            )
            .into());
        }
        if by_name.insert(t.table.clone(), t).is_some() {
            return Err(Error::refused("the backup names a table twice"));
        }
    }
    tx.exec("DELETE FROM audit_head", &[]).await.map_err(db)?;
    for table in TABLES {
        let dump = by_name.remove(table.name).ok_or_else(|| {
            FieldError::new(
                format!("table {}", table.name),
                "is missing from the backup",
            )
        })?;
        let columns = table.all_columns();
        let expected: Vec<&str> = columns.iter().map(|c| c.name).collect();
        if dump.columns != expected {
            return Err(FieldError::new(
                format!("table {}", table.name),
                format!("has columns {:?}, expected {:?}", dump.columns, expected),
            )
            .into());
        }
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            table.name,
            expected.join(", "),
            placeholders(1, expected.len())
        );
        for (r, row) in dump.rows.iter().enumerate() {
            if row.len() != columns.len() {
                return Err(FieldError::new(
                    format!("table {} row {}", table.name, r + 1),
                    "has the wrong number of values",
                )
                .into());
            }
            let values = columns
                .iter()
                .zip(row)
                .map(|(c, v)| {
                    Value::from_json(c.ty, v).map_err(|e| {
                        FieldError::new(
                            format!("table {} row {} column {}", table.name, r + 1, c.name),
                            e,
                        )
                    })
                })
                .collect::<std::result::Result<Vec<_>, _>>()?;
            check_body(table, &expected, row)
                .map_err(|e| FieldError::new(format!("table {} row {}", table.name, r + 1), e))?;
            tx.exec(&sql, &values).await.map_err(|e| {
                Error::Invalid(
                    FieldError::new(
                        format!("table {} row {}", table.name, r + 1),
                        format!("rejected by the database: {e}"),
                    )
                    .into(),
                )
            })?;
        }
    }
    if tx.dialect() == crate::tx::Dialect::Postgres {
        // Statistics of the rows just written (ANALYZE counts the
        // transaction's own), so that the audit log's verification after
        // the restore looks records up by their indexes.
        tx.exec("ANALYZE", &[]).await.map_err(db)?;
    }
    Ok(())
}

/// A record's body (in its table, or published) must be the record the
/// row says it is: a body the program cannot read would be restored, and
/// every page naming the record would then fail.
fn check_body(
    table: &Table,
    columns: &[&str],
    row: &[serde_json::Value],
) -> std::result::Result<(), String> {
    let value = |name: &str| {
        columns
            .iter()
            .position(|c| *c == name)
            .and_then(|i| row.get(i))
    };
    let (kind, id) = match table.entity {
        Some(kind) => (Some(kind), value("id")),
        None if table.name == "publications" => {
            let kind = value("entity_kind").and_then(|k| k.as_str()).unwrap_or("");
            let kind = EntityKind::parse(kind)
                .map_err(|_| format!("names '{kind}', which is not a kind of record"))?;
            (Some(kind), value("entity_id"))
        }
        None => return Ok(()),
    };
    let Some(body) = value("body").and_then(|b| b.as_str()) else {
        return Err("has no body".to_owned());
    };
    let entity: Entity = serde_json::from_str(body)
        .map_err(|e| format!("has a body that is not a record of this program: {e}"))?;
    if let Some(kind) = kind
        && entity.kind() != kind
    {
        return Err(format!(
            "has the body of a record of kind {}, not {}",
            entity.kind().as_str(),
            kind.as_str()
        ));
    }
    let id = id
        .and_then(|i| i.as_str())
        .and_then(|i| uuid::Uuid::parse_str(i).ok());
    if id != Some(entity.id()) {
        return Err(format!("has the body of another record ({})", entity.id()));
    }
    Ok(())
}
