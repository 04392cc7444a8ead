//! Connecting to PostgreSQL with a message that says what to do: nothing
//! answers at the address, the database or role does not exist, the
//! password was refused, the address asks for TLS. One connection is tried
//! first, so that the cause is reported at once rather than as a pool's
//! time-out after every retry.

use std::time::Duration;

use pledgewatch_core::error::{Error, Result};
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};

/// How long the first connection may take before the server is reported
/// as not answering.
const FIRST_CONNECTION: Duration = Duration::from_secs(10);

pub(crate) async fn postgres(url: &str, location: &str) -> Result<PgPool> {
    let options: PgConnectOptions = url.parse().map_err(|e| {
        Error::refused(format!(
            "{location} is not a PostgreSQL address this program can use: {e}"
        ))
    })?;
    match tokio::time::timeout(FIRST_CONNECTION, PgConnection::connect_with(&options)).await {
        Err(_) => {
            let why = format!(
                "no answer from {} within {} s",
                server(&options),
                FIRST_CONNECTION.as_secs()
            );
            return Err(Error::storage(format!("cannot connect to {location}"), why));
        }
        Ok(Err(e)) => {
            let why = explain(&e, &options);
            return Err(Error::storage(format!("cannot connect to {location}"), why));
        }
        Ok(Ok(connection)) => {
            let _ = connection.close().await;
        }
    }
    PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(FIRST_CONNECTION)
        .connect_with(options)
        .await
        .map_err(|e| Error::storage(format!("cannot connect to {location}"), e))
}

fn server(options: &PgConnectOptions) -> String {
    format!("{}:{}", options.get_host(), options.get_port())
}

/// The first connection's failure in words, with what to do about it.
fn explain(e: &sqlx::Error, options: &PgConnectOptions) -> String {
    let server = server(options);
    let database = options.get_database().unwrap_or("(the user's default)");
    let user = options.get_username();
    match e {
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => format!(
            "nothing answers at {server}: is PostgreSQL running there, on that port?"
        ),
        sqlx::Error::Io(io) => format!("cannot reach {server}: {io}"),
        sqlx::Error::Tls(_) => "the address asks for TLS (sslmode=require or stricter), which this build does not support: use sslmode=disable on a trusted network, or reach the server through a local tunnel".to_owned(),
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("3D000") => format!(
                "the server at {server} has no database \"{database}\": create it (createdb {database}) or name another one"
            ),
            Some("28P01") => format!("the server at {server} refused the password of \"{user}\""),
            Some("28000") => format!(
                "the server at {server} does not let \"{user}\" in: {}",
                db.message()
            ),
            _ => format!("the server at {server} said: {}", db.message()),
        },
        other => other.to_string(),
    }
}
