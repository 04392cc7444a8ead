//! One handler per command or command family: each reads its arguments,
//! calls core, store or web, and prints. `main.rs` only parses and dispatches.

pub mod database;
pub mod dossier;
pub mod migrate_to;
pub mod records;
pub mod search_index;
pub mod serve;
pub mod user;
