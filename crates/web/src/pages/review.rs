//! Review of pending changes: where each record stands between its editor
//! and the public, the queue of changes waiting for a reviewer with what
//! each changes against the public version, and sending a change back to
//! its editor with a comment. Approving goes through the record's publish
//! (or, for a removal, unpublish) route; the rules are `service::review`'s.

use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::model::{Entity, EntityKind, Stored};
use pledgewatch_core::service::Services;
use pledgewatch_core::storage::{Pending, Storage};

use super::records::{KINDS, RecordPath, field_rows_joined};
use super::{Flash, nav, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::PageQuery;
use crate::paths::url;
use crate::templates::{Badge, Cited, DiffRow, FieldRow, PendingChange, ReviewPage, SentBack};

/// Where a record stands between its editor and the public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Never approved: the public sees nothing of it.
    Draft,
    /// The public sees the live version.
    Published,
    /// Edited since approval: the public sees this older version.
    Changed { public_version: i64 },
    /// Removed by an editor; the public sees this version until a reviewer
    /// approves the removal.
    RemovalPending { public_version: i64 },
    /// Removed, and not public.
    Removed,
}

impl Standing {
    /// The standing of `live` whose published version is `public`.
    pub fn of(live: &Stored<Entity>, public: Option<&Stored<Entity>>) -> Standing {
        let removed = live.meta.deleted_at.is_some();
        match (public.map(|p| p.meta.version), removed) {
            (None, false) => Standing::Draft,
            (None, true) => Standing::Removed,
            (Some(public_version), true) => Standing::RemovalPending { public_version },
            (Some(v), false) if v == live.meta.version => Standing::Published,
            (Some(public_version), false) => Standing::Changed { public_version },
        }
    }

    /// Whether a change waits for a reviewer.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            Standing::Draft | Standing::Changed { .. } | Standing::RemovalPending { .. }
        )
    }

    pub fn badge(self, lang: Lang) -> Badge {
        let (class, text) = match self {
            Standing::Draft => ("draft", lang.t("badge-draft")),
            Standing::Published => ("published", lang.t("badge-published")),
            Standing::Changed { public_version } => (
                "pending",
                lang.tr(
                    "badge-pending",
                    &Args::new().str("version", public_version.to_string()),
                ),
            ),
            Standing::RemovalPending { .. } => ("removal", lang.t("badge-removal-pending")),
            Standing::Removed => ("regression", lang.t("badge-removed")),
        };
        Badge { class, text }
    }

    /// What the public sees of the record, in a sentence (`approved` is
    /// when its public version was approved).
    pub fn public_sees(self, approved: &str) -> String {
        match self {
            Standing::Draft | Standing::Removed => "nothing: no version of it is public.".into(),
            Standing::Published => format!("this version, approved {approved}."),
            Standing::Changed { public_version } => {
                format!("version {public_version}, approved {approved}, not the changes below.")
            }
            Standing::RemovalPending { public_version } => format!(
                "version {public_version}, approved {approved}, until a reviewer approves the removal."
            ),
        }
    }
}

/// The live record and its published version.
pub async fn live_and_public(
    state: &AppState,
    kind: EntityKind,
    id: uuid::Uuid,
) -> Result<(Stored<Entity>, Option<Stored<Entity>>), WebError> {
    let live = state.store.get(kind, id).await?.ok_or(WebError::NotFound)?;
    let public = state
        .store
        .published_records(kind, &[id])
        .await?
        .into_iter()
        .find(|p| p.entity.id() == id);
    Ok((live, public))
}

/// What the diff shows for a field left empty.
const EMPTY: &str = "(empty)";

/// A field row's value as text: the labels of what it refers to, or its
/// value ([`EMPTY`] for none).
fn row_text(row: &FieldRow) -> String {
    if row.links.is_empty() {
        if row.value == "—" {
            EMPTY.to_owned()
        } else {
            row.value.clone()
        }
    } else {
        row.links
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The fields of the form that differ between the public version and the
/// live one, in form order; for a new record, every filled field.
async fn diff_rows(
    state: &AppState,
    lang: Lang,
    kind: EntityKind,
    public: Option<&Entity>,
    live: &Entity,
) -> Result<Vec<DiffRow>, WebError> {
    let proposed = field_rows_joined(state.store.as_ref(), lang, kind, live, "\n").await?;
    let Some(public) = public else {
        return Ok(proposed
            .iter()
            .map(|r| DiffRow {
                label: r.label.clone(),
                public: String::new(),
                proposed: row_text(r),
            })
            .filter(|r| r.proposed != EMPTY)
            .collect());
    };
    // What the public sees names what it refers to as approved.
    let approved = pledgewatch_core::public::PublicStore::approved(state.store.as_ref());
    let before = field_rows_joined(&approved, lang, kind, public, "\n").await?;
    // A field changed when its values did (the ids it refers to, not the
    // labels, which a pending edit of the record referred to may change).
    Ok(proposed
        .iter()
        .filter_map(|r| {
            let old = before.iter().find(|b| b.label == r.label);
            // Lists of references (sources, effects…) in another order are
            // the same; the lines of a text are not.
            let same = |b: &FieldRow| {
                if b.links.is_empty() && r.links.is_empty() {
                    b.value == r.value
                } else {
                    same_lines(&b.value, &r.value)
                }
            };
            if old.is_some_and(same) {
                return None;
            }
            Some(DiffRow {
                label: r.label.clone(),
                public: old.map(row_text).unwrap_or_default(),
                proposed: row_text(r),
            })
        })
        .collect())
}

/// Whether two lists of references hold the same lines in any order (a
/// list of sources or of effects in another order is not a change anyone
/// made).
fn same_lines(a: &str, b: &str) -> bool {
    fn sorted(s: &str) -> Vec<&str> {
        let mut lines: Vec<&str> = s.lines().collect();
        lines.sort_unstable();
        lines
    }
    sorted(a) == sorted(b)
}

/// What approving the change would make public that was confidential: a
/// source whose approved version is confidential and live one is not.
fn confidential_lifted(
    lang: Lang,
    public: Option<&Stored<Entity>>,
    live: &Stored<Entity>,
) -> String {
    match (public.map(|p| &p.entity), &live.entity) {
        (Some(Entity::Source(old)), Entity::Source(new))
            if old.confidential && !new.confidential =>
        {
            lang.t("review-confidential-lifted")
        }
        _ => String::new(),
    }
}

/// What approving (`kind`, `id`) publishes with it: links for the page,
/// and their ids for the form.
async fn needed_with(
    services: &Services<'_>,
    kind: EntityKind,
    id: uuid::Uuid,
) -> Result<(Vec<Cited>, Vec<String>), WebError> {
    let needed = services.needed_to_publish(kind, id).await?;
    let ids = needed
        .iter()
        .map(|n| format!("{}:{}", n.id, n.version))
        .collect();
    let links = needed
        .into_iter()
        .map(|n| Cited {
            text: format!("{} '{}'", n.kind.as_str().replace('_', " "), n.label),
            url: url::record(n.kind, n.id),
        })
        .collect();
    Ok((links, ids))
}

/// The pending change of a record, as the queue and the record page show
/// it to the signed-in user; `None` when nothing waits.
pub async fn pending_change(
    state: &AppState,
    ctx: &Ctx,
    live: &Stored<Entity>,
    public: Option<&Stored<Entity>>,
    on_queue: bool,
) -> Result<Option<PendingChange>, WebError> {
    let standing = Standing::of(live, public);
    if !standing.is_pending() {
        return Ok(None);
    }
    let kind = live.entity.kind();
    let id = live.entity.id();
    let services = Services::new(state.store.as_ref());
    let authors = services.pending_authors(kind, id).await?;
    let own = authors.contains(&ctx.actor());
    let removal = matches!(standing, Standing::RemovalPending { .. });
    let (needed, needed_ids) = if removal {
        (vec![], vec![])
    } else {
        needed_with(&services, kind, id).await?
    };
    let diff = if removal {
        vec![]
    } else {
        diff_rows(
            state,
            ctx.lang,
            kind,
            public.map(|p| &p.entity),
            &live.entity,
        )
        .await?
    };
    let assessment = kind == EntityKind::Assessment && !removal;
    let (change, change_label) = match standing {
        Standing::Draft => ("new", ctx.lang.t("review-change-new")),
        Standing::Changed { .. } => ("edited", ctx.lang.t("review-change-edited")),
        _ => ("removal", ctx.lang.t("review-change-removal")),
    };
    Ok(Some(PendingChange {
        sent_back: if on_queue {
            sent_back(state, kind, id).await?
        } else {
            None
        },
        warning: confidential_lifted(ctx.lang, public, live),
        kind_label: pledgewatch_core::wording::kind(ctx.lang, kind.as_str()),
        id: id.to_string(),
        label: live.entity.label(),
        url: url::record(kind, id),
        change,
        change_label,
        authors: if authors.is_empty() {
            "unknown".into()
        } else {
            authors.join(", ")
        },
        when: live
            .meta
            .updated_at
            .format("%Y-%m-%d %H:%M UTC")
            .to_string(),
        version: live.meta.version,
        public_version: public.map_or(0, |p| p.meta.version),
        diff,
        needed,
        needed_ids,
        own: own && !state.config.allow_self_review,
        own_allowed: own && state.config.allow_self_review,
        approve_action: if removal {
            url::record_unpublish(kind, id)
        } else if assessment {
            url::assessment_approve(id)
        } else {
            url::record_publish(kind, id)
        },
        approve_label: ctx.lang.t(if removal {
            "review-approve-removal"
        } else {
            "review-approve"
        }),
        send_back_action: url::record_send_back(kind, id),
        on_queue,
    }))
}

/// How many pending changes the queue shows at once.
const QUEUE: u32 = 50;

/// The deepest page of the queue (each page reads the changes before it).
const DEEPEST: u32 = 10_000;

/// The queue's page and the flash message a redirect asked for.
#[derive(Debug, serde::Deserialize, Default)]
pub struct QueueQuery {
    pub offset: Option<u32>,
    #[serde(default, deserialize_with = "crate::flash::lenient")]
    pub done: Option<Flash>,
}

/// The review queue: every change waiting for a reviewer, oldest first,
/// each with what it changes against the public version, a page at a time.
pub async fn queue(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PageQuery(q): PageQuery<QueueQuery>,
) -> Result<Html<String>, WebError> {
    let offset = q.offset.unwrap_or(0).min(DEEPEST);
    let pending = state.store.pending(offset + QUEUE + 1).await?;
    let more = pending.len() > (offset + QUEUE) as usize;
    let mut items = Vec::new();
    for Pending { kind, id, .. } in pending
        .into_iter()
        .skip(offset as usize)
        .take(QUEUE as usize)
    {
        if !KINDS.contains(&kind) {
            continue;
        }
        let (live, public) = live_and_public(&state, kind, id).await?;
        if let Some(item) = pending_change(&state, &ctx, &live, public.as_ref(), true).await? {
            items.push(item);
        }
    }
    let page = |offset: u32| format!("{}?offset={offset}", url::review_queue());
    render(&ReviewPage {
        nav: nav(&ctx, q.done),
        title: ctx.lang.t("review-title"),
        items,
        more,
        first: offset + 1,
        previous: if offset > 0 {
            page(offset.saturating_sub(QUEUE))
        } else {
            String::new()
        },
        next: if more && offset + QUEUE <= DEEPEST {
            page(offset + QUEUE)
        } else {
            String::new()
        },
    })
}

/// The reviewer's latest send-back of the record's pending change, while
/// nothing happened to the record since.
pub async fn sent_back(
    state: &AppState,
    kind: EntityKind,
    id: uuid::Uuid,
) -> Result<Option<SentBack>, WebError> {
    Ok(Services::new(state.store.as_ref())
        .sent_back(kind, id)
        .await?
        .map(|e| SentBack {
            by: e.actor,
            at: e.at.format("%Y-%m-%d %H:%M UTC").to_string(),
            comment: e.reason.unwrap_or_default(),
        }))
}

/// Where a review form goes back to: the queue when it was sent from
/// there (a fixed choice, never a URL from the form), else the record.
pub fn back_to(pairs: &[(String, String)], kind: EntityKind, id: uuid::Uuid) -> String {
    if pairs.iter().any(|(k, v)| k == "back" && v == "review") {
        url::review_queue()
    } else {
        url::record(kind, id)
    }
}

/// A reviewer sends a pending change back to its editor with a comment.
pub async fn send_back(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RecordPath { kind, id }: RecordPath,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    // Refused by the services when nothing is pending or the comment is
    // empty (a 400 naming the `comment` field).
    let comment = pairs
        .iter()
        .find(|(k, _)| k == "comment")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    let reviewer = ctx.user.as_ref().ok_or(WebError::Forbidden)?;
    Services::new(state.store.as_ref())
        .send_back(reviewer, kind, id, comment)
        .await?;
    let to = Flash::SentBack.on(&back_to(&pairs, kind, id));
    Ok(Redirect::to(&to).into_response())
}
