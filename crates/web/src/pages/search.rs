//! The search page: ranked results with the matching passage highlighted.
//! The public searches published, non-confidential records only.

use axum::Extension;
use axum::extract::{Query, State};
use axum::response::Html;
use pledgewatch_core::model::{Entity, EntityKind};
use pledgewatch_core::storage::{MATCH_END, MATCH_START, SearchIndex, SearchQuery, Storage};
use pledgewatch_core::view::Audience;
use serde::Deserialize;

use super::{audience, nav, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::charts::esc;
use crate::error::WebError;
use crate::templates::{Hit, Opt, SearchPage};

const SEARCHED: [EntityKind; 6] = [
    EntityKind::Commitment,
    EntityKind::Development,
    EntityKind::Quote,
    EntityKind::Concern,
    EntityKind::Recommendation,
    EntityKind::Source,
];

#[derive(Debug, Deserialize, Default)]
pub struct SearchParams {
    pub q: Option<String>,
    pub kind: Option<String>,
}

/// Escapes a snippet and turns its match markers into `<mark>`.
pub fn snippet_html(snippet: &str) -> String {
    esc(snippet)
        .replace(MATCH_START, "<mark>")
        .replace(MATCH_END, "</mark>")
}

pub async fn search(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(p): Query<SearchParams>,
) -> Result<Html<String>, WebError> {
    let query = p.q.clone().unwrap_or_default();
    let kind = p
        .kind
        .as_deref()
        .filter(|k| !k.is_empty())
        .and_then(|k| EntityKind::parse(k).ok())
        .filter(|k| SEARCHED.contains(k));
    let team = audience(&ctx) == Audience::Team;
    let mut page = SearchPage {
        nav: nav(&ctx, None),
        title: "Search".into(),
        query: query.clone(),
        kinds: SEARCHED
            .iter()
            .map(|k| Opt {
                value: k.as_str().into(),
                label: k.as_str().replace('_', " "),
                selected: Some(*k) == kind,
            })
            .collect(),
        searched: false,
        error: String::new(),
        hits: vec![],
    };
    if query.trim().is_empty() {
        return render(&page);
    }
    let result = state
        .store
        .search(&SearchQuery {
            text: query,
            kinds: kind.into_iter().collect(),
            include_confidential: team,
            include_drafts: team,
            limit: 50,
        })
        .await;
    let hits = match result {
        Ok(hits) => hits,
        Err(pledgewatch_core::Error::Invalid(e)) => {
            page.error = e.to_string();
            return render(&page);
        }
        Err(e) => return Err(e.into()),
    };
    page.searched = true;
    for h in hits {
        let url = link(&state, &ctx, h.kind, h.id).await?;
        page.hits.push(Hit {
            kind: h.kind.as_str().replace('_', " "),
            title: h.title,
            url,
            snippet_html: snippet_html(&h.snippet),
        });
    }
    render(&page)
}

/// Where a result leads: the public commitment page for commitments in a
/// dossier, the record page for the team, nothing otherwise.
async fn link(
    state: &AppState,
    ctx: &Ctx,
    kind: EntityKind,
    id: uuid::Uuid,
) -> Result<String, WebError> {
    if kind == EntityKind::Commitment {
        let dossiers = state
            .store
            .referring(EntityKind::Dossier, EntityKind::Commitment, &[id])
            .await?;
        if let Some(d) = dossiers.first()
            && let Entity::Dossier(d) = &d.entity
        {
            return Ok(format!("/dossiers/{}/commitments/{id}", d.slug));
        }
    }
    if audience(ctx) == Audience::Team {
        return Ok(format!("/records/{}/{id}", kind.as_str()));
    }
    Ok(String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_escaped_before_matches_are_marked() {
        let s = format!("<b>{MATCH_START}media{MATCH_END}</b> law");
        assert_eq!(
            snippet_html(&s),
            "&lt;b&gt;<mark>media</mark>&lt;/b&gt; law"
        );
    }
}
