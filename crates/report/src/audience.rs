//! Which version of the record a document is built from (decision 19).
//!
//! By default, the public's: every read goes through the one public
//! projection ([`PublicStore`]), so a document that leaves the team holds
//! only what reviewers approved, never a draft, a pending edit, a
//! confidential source or a quote from one, and never a staff username. The
//! dossier itself, its recipient lists and its signatories are read through
//! the same wrapper. The team's version reads the live records, drafts
//! included, and carries [`DRAFT_WATERMARK`] on every page.

use pledgewatch_core::lang::Lang;
use pledgewatch_core::model::Slug;
use pledgewatch_core::public::PublicStore;
use pledgewatch_core::storage::Storage;

pub use pledgewatch_core::view::Audience;

use crate::error::{Error, Result};

/// The mark on every page of the team's version, in English (the message
/// `memo-draft-watermark` in each language).
pub const DRAFT_WATERMARK: &str = "Draft — not for circulation";

/// What the file names of the team's versions end with.
pub const DRAFT_SUFFIX: &str = "-draft";

/// The store as one audience reads it.
pub(crate) struct Reader<'a> {
    team: &'a dyn Storage,
    public: Option<PublicStore<'a>>,
}

impl<'a> Reader<'a> {
    /// The record as `audience` may read it. For the public, a dossier the
    /// team has but has not published is refused, so the user learns why
    /// there is no document (rather than "not found").
    pub(crate) async fn open(
        store: &'a dyn Storage,
        slug: &Slug,
        audience: Audience,
    ) -> Result<Reader<'a>> {
        let reader = Reader {
            team: store,
            public: (audience == Audience::Public).then(|| PublicStore::new(store)),
        };
        if reader.public.is_some() && reader.store().dossier_by_slug(slug).await?.is_none() {
            let held = store
                .dossier_by_slug(slug)
                .await?
                .is_some_and(|d| d.meta.deleted_at.is_none());
            if held {
                return Err(Error::NotPublished {
                    what: format!("the dossier {slug}"),
                });
            }
        }
        Ok(reader)
    }

    /// The store every read of the document goes through.
    pub(crate) fn store(&self) -> &dyn Storage {
        match &self.public {
            Some(public) => public,
            None => self.team,
        }
    }

    /// The team's live records, only to tell "not published" from "not
    /// there" in an error; never read into a public document.
    pub(crate) fn team_store(&self) -> &dyn Storage {
        self.team
    }

    pub(crate) fn is_team(&self) -> bool {
        self.public.is_none()
    }

    /// The watermark of the documents built from this reader, in the
    /// document's language.
    pub(crate) fn watermark(&self, lang: Lang) -> Option<String> {
        self.is_team().then(|| lang.t("memo-draft-watermark"))
    }

    /// A file name stem for this audience: the team's gets [`DRAFT_SUFFIX`].
    pub(crate) fn file_stem(&self, stem: String) -> String {
        if self.is_team() {
            format!("{stem}{DRAFT_SUFFIX}")
        } else {
            stem
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_watermark_is_the_catalogues_and_each_language_has_its_own() {
        assert_eq!(Lang::En.t("memo-draft-watermark"), DRAFT_WATERMARK);
        for lang in [Lang::Ru, Lang::Fr, Lang::Es] {
            let mark = lang.t("memo-draft-watermark");
            assert_ne!(mark, DRAFT_WATERMARK, "{lang:?}");
            assert!(
                mark.contains(" — "),
                "{lang:?}: the word before the dash is the page's big mark"
            );
        }
    }
}
