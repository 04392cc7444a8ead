//! What can go wrong when producing a document: the record (a dossier or a
//! recipient list that is not there, or not published for a public
//! document), the letter template (a merge field that
//! does not exist or has no value, named with its line), a letter with no
//! signatory, or a renderer.

/// An error of the report crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] pledgewatch_core::Error),
    /// The public version was asked for, and the team holds the record but
    /// has not published it (`what` names it: "the dossier kazakhstan-...").
    #[error("{what} is not published")]
    NotPublished { what: String },
    /// The letter template is wrong, or a field it uses has no value.
    #[error("{template}, line {line}: {message}")]
    Template {
        template: String,
        line: usize,
        /// The merge field concerned, if any.
        field: Option<String>,
        message: String,
    },
    /// A letter would go out unsigned: no signatory is recorded on its
    /// recipient, on the recipient list or on the dossier.
    #[error(
        "the letter to {recipient} has no signatory: add a signatory to this recipient, \
         to the recipient list '{list}' or to the dossier"
    )]
    NoSignatory { recipient: String, list: String },
    /// A document could not be written; not the user's doing.
    #[error("could not write the {format} document: {message}")]
    Render {
        format: &'static str,
        message: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
