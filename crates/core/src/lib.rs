//! pledgewatch's domain: the vocabulary of DESIGN.md as types that parse at
//! the edge, the rules and derived facts, the audit chain, the storage trait
//! and the services every front end calls. No web framework and no SQL here.

pub mod accounts;
pub mod audit;
pub mod dataset;
pub mod date;
pub mod drafting;
pub mod error;
pub mod facts;
pub mod field;
pub mod ids;
pub mod lang;
pub mod model;
pub mod public;
pub mod reason;
pub mod scale;
pub mod search;
pub mod service;
pub mod similar;
pub mod slugs;
pub mod storage;
pub mod validate;
pub mod view;
pub mod wording;

pub use error::{Error, Result};
pub use field::{CountryCode, NonEmptyText, Prose, StatusKey, Title, WebAddress};
