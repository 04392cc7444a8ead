//! The scorecard as a query on a dossier view: which commitments pass its
//! filters (actor, theme, status, origin, deadline window, text), and the
//! counts the page shows for them. The web page and the API filter the
//! same way through this module.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{CommitmentView, DevelopmentView, DossierView, RegressionView};
use crate::date::parse_day;
use crate::error::{FieldError, Said};
use crate::facts::DeadlineState;
use crate::ids::CommitmentId;

/// A column the scorecard can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    /// The statement, alphabetically.
    Commitment,
    /// The verdict, worst first (unrated last).
    Verdict,
    /// The deadline, earliest first (none last).
    Deadline,
    /// The day the commitment was made, earliest first.
    Made,
}

impl SortColumn {
    pub const ALL: [SortColumn; 4] = [
        SortColumn::Commitment,
        SortColumn::Verdict,
        SortColumn::Deadline,
        SortColumn::Made,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortColumn::Commitment => "commitment",
            SortColumn::Verdict => "verdict",
            SortColumn::Deadline => "deadline",
            SortColumn::Made => "made",
        }
    }
}

/// How the scorecard's rows are ordered: the dossier's own order, or by a
/// column, ascending or descending.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScorecardSort {
    pub column: Option<SortColumn>,
    pub descending: bool,
}

impl ScorecardSort {
    /// Parses `sort` (a column name) and `order` ("asc" or "desc"); blank
    /// is the dossier's order. Anything else is refused, naming the field.
    pub fn parse(sort: Option<&str>, order: Option<&str>) -> Result<Self, FieldError> {
        let sort = sort.map(str::trim).filter(|s| !s.is_empty());
        let order = order.map(str::trim).filter(|s| !s.is_empty());
        let column = sort
            .map(|s| {
                SortColumn::ALL
                    .into_iter()
                    .find(|c| c.as_str() == s)
                    .ok_or_else(|| {
                        FieldError::said("sort", Said::new("reason-sort").text("value", s))
                    })
            })
            .transpose()?;
        let descending = match order {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(o) => {
                return Err(FieldError::said(
                    "order",
                    Said::new("reason-order").text("value", o),
                ));
            }
        };
        Ok(Self { column, descending })
    }

    /// Orders the rows; ties keep the dossier's order.
    pub fn apply(&self, view: &DossierView, rows: &mut [&CommitmentView]) {
        let Some(column) = self.column else {
            return;
        };
        let scale = view.scale.scale();
        let rank = |c: &CommitmentView| {
            // Unrated sorts after every judgement, either way round.
            scale
                .status(&c.status)
                .ok()
                .and_then(|s| s.rank)
                .map(i32::from)
        };
        rows.sort_by(|a, b| {
            let ordering = match column {
                SortColumn::Commitment => {
                    a.statement.to_lowercase().cmp(&b.statement.to_lowercase())
                }
                SortColumn::Verdict => last_if_none(rank(a), rank(b), self.descending),
                SortColumn::Deadline => last_if_none(
                    a.deadline.map(|d| d.date),
                    b.deadline.map(|d| d.date),
                    self.descending,
                ),
                SortColumn::Made => a.made_on.earliest().cmp(&b.made_on.earliest()),
            };
            if self.descending {
                ordering.reverse()
            } else {
                ordering
            }
        });
    }
}

/// Compares two optional values with `None` last in the final order (which
/// `descending` will reverse).
fn last_if_none<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (None, None) => Equal,
        (None, Some(_)) => {
            if descending {
                Less
            } else {
                Greater
            }
        }
        (Some(_), None) => {
            if descending {
                Greater
            } else {
                Less
            }
        }
    }
}

/// A recent development, with the commitments it bears on.
#[derive(Debug, Clone)]
pub struct RecentDevelopment<'a> {
    pub development: &'a DevelopmentView,
    pub commitments: Vec<(CommitmentId, &'a str)>,
}

/// The filters as given in a query string; a blank value is no filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScorecardFilterText {
    pub actor: Option<String>,
    pub theme: Option<String>,
    pub status: Option<String>,
    pub origin: Option<String>,
    pub deadline_from: Option<String>,
    pub deadline_to: Option<String>,
    pub q: Option<String>,
}

/// The scorecard's filters, parsed. Every filter given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScorecardFilter {
    /// An actor's id (as text): the commitment binds or was made by it.
    pub actor: Option<String>,
    pub theme: Option<String>,
    /// A status key of the dossier's scale: the latest status as of the date.
    pub status: Option<String>,
    pub origin: Option<String>,
    /// Due on or after this day (a commitment without deadline fails).
    pub deadline_from: Option<NaiveDate>,
    /// Due on or before this day (a commitment without deadline fails).
    pub deadline_to: Option<NaiveDate>,
    /// Lower-cased text the statement or the quote contains.
    pub text: Option<String>,
}

fn given(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn day(field: &str, value: &Option<String>) -> Result<Option<NaiveDate>, FieldError> {
    given(value)
        .map(|t| parse_day(&t).map_err(|e| e.at(field)))
        .transpose()
}

impl ScorecardFilter {
    /// Parses the text form, naming a field whose day does not parse.
    pub fn parse(text: &ScorecardFilterText) -> Result<Self, FieldError> {
        Ok(Self {
            actor: given(&text.actor),
            theme: given(&text.theme),
            status: given(&text.status),
            origin: given(&text.origin),
            deadline_from: day("deadline_from", &text.deadline_from)?,
            deadline_to: day("deadline_to", &text.deadline_to)?,
            text: given(&text.q).map(|t| t.to_lowercase()),
        })
    }

    /// Whether any filter is set.
    pub fn is_active(&self) -> bool {
        *self != Self::default()
    }

    /// Whether a commitment passes every filter.
    pub fn passes(&self, c: &CommitmentView) -> bool {
        let deadline = c.deadline.map(|d| d.date);
        self.actor.as_deref().is_none_or(|a| {
            c.bound.id.to_string() == a || c.made_by.as_ref().is_some_and(|m| m.id.to_string() == a)
        }) && self
            .theme
            .as_deref()
            .is_none_or(|t| c.themes.iter().any(|x| x == t))
            && self.status.as_deref().is_none_or(|s| c.status == s)
            && self
                .origin
                .as_deref()
                .is_none_or(|o| c.origin.as_str() == o)
            && self
                .deadline_from
                .is_none_or(|f| deadline.is_some_and(|d| d >= f))
            && self
                .deadline_to
                .is_none_or(|t| deadline.is_some_and(|d| d <= t))
            && self.text.as_deref().is_none_or(|t| {
                c.statement.to_lowercase().contains(t)
                    || c.quote
                        .as_ref()
                        .is_some_and(|q| q.text.to_lowercase().contains(t))
            })
    }
}

/// How many shown commitments have one status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCount {
    pub key: &'static str,
    pub label: &'static str,
    pub verdict: crate::scale::Verdict,
    pub count: usize,
}

/// The commitments a scorecard shows, and its counts over them.
#[derive(Debug, Clone)]
pub struct ScorecardRows<'a> {
    pub shown: Vec<&'a CommitmentView>,
    /// Per status of the scale, in the scale's order; statuses no shown
    /// commitment has are left out.
    pub counts: Vec<StatusCount>,
    pub overdue: usize,
    /// Shown commitments whose status shows progress.
    pub with_progress: usize,
    /// Shown commitments still open whose rating is old ([`CommitmentView::stale`]).
    pub stale: usize,
    /// Shown commitments whose current rating is below an earlier one.
    pub backtracking: usize,
    /// The dossier's regressions of shown commitments.
    pub regressions: Vec<&'a RegressionView>,
}

impl DossierView {
    /// The scorecard's rows and counts under `filter`.
    pub fn scorecard(&self, filter: &ScorecardFilter) -> ScorecardRows<'_> {
        let scale = self.scale.scale();
        let shown: Vec<&CommitmentView> = self
            .commitments
            .iter()
            .filter(|c| filter.passes(c))
            .collect();
        let counts = scale
            .statuses
            .iter()
            .map(|s| StatusCount {
                key: s.key,
                label: s.label,
                verdict: s.verdict,
                count: shown.iter().filter(|c| c.status == s.key).count(),
            })
            .filter(|c| c.count > 0)
            .collect();
        let regressions = self
            .regressions
            .iter()
            .filter(|r| shown.iter().any(|c| c.id == r.commitment))
            .collect();
        ScorecardRows {
            counts,
            overdue: shown
                .iter()
                .filter(|c| matches!(c.deadline_state, DeadlineState::Overdue { .. }))
                .count(),
            with_progress: shown
                .iter()
                .filter(|c| scale.status(&c.status).is_ok_and(|s| s.shows_progress))
                .count(),
            stale: shown.iter().filter(|c| c.stale).count(),
            backtracking: shown.iter().filter(|c| c.backtracking).count(),
            regressions,
            shown,
        }
    }

    /// The day the record last changed as of the view's date: its latest
    /// development or rating known then.
    pub fn last_updated(&self) -> Option<NaiveDate> {
        self.commitments
            .iter()
            .flat_map(|c| {
                c.developments
                    .iter()
                    .map(|d| d.date.earliest())
                    .chain(c.history.iter().map(|s| s.as_of))
            })
            .filter(|d| *d <= self.as_of)
            .max()
    }

    /// The `n` latest developments known as of the view's date bearing on
    /// the given commitments, newest first, each once.
    pub fn recent_developments<'a>(
        &'a self,
        shown: &[&'a CommitmentView],
        n: usize,
    ) -> Vec<RecentDevelopment<'a>> {
        let mut recent: Vec<RecentDevelopment<'a>> = Vec::new();
        for c in shown {
            for d in &c.developments {
                match recent.iter_mut().find(|r| r.development.id == d.id) {
                    Some(r) => r.commitments.push((c.id, &c.statement)),
                    None => recent.push(RecentDevelopment {
                        development: d,
                        commitments: vec![(c.id, &c.statement)],
                    }),
                }
            }
        }
        recent.sort_by(|a, b| {
            b.development
                .date
                .earliest()
                .cmp(&a.development.date.earliest())
                .then(a.development.id.cmp(&b.development.id))
        });
        recent.truncate(n);
        recent
    }

    /// The actors a scorecard can be filtered by, as (id, name), by name.
    pub fn actor_choices(&self) -> Vec<(String, String)> {
        let mut actors: Vec<(String, String)> = self
            .commitments
            .iter()
            .flat_map(|c| {
                std::iter::once((c.bound.id.to_string(), c.bound.name.clone()))
                    .chain(c.made_by.iter().map(|m| (m.id.to_string(), m.name.clone())))
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        actors.sort_by(|a, b| a.1.cmp(&b.1));
        actors
    }

    /// The themes a scorecard can be filtered by, in order.
    pub fn theme_choices(&self) -> BTreeSet<String> {
        self.commitments
            .iter()
            .flat_map(|c| c.themes.iter().cloned())
            .collect()
    }
}
