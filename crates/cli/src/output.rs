//! How the command line prints things: plain text for people, JSON for
//! programs.

use std::fmt::Write;
use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

use pledgewatch_core::audit::AuditEntry;
use pledgewatch_core::model::{Dossier, Stored};
use pledgewatch_core::storage::SearchHit;
use pledgewatch_core::view::{CommitmentView, DossierView};
use serde::Serialize;

/// Whether standard output failed to take something written to it.
static CUT: AtomicBool = AtomicBool::new(false);

/// Writes to standard output for [`out!`]. A failure (most often a reader
/// that went away: a closed pipe) does not stop the command, whose work
/// goes on; it is remembered, and [`output_cut`] makes the command end
/// with an error once the work is done.
pub fn write_out(args: std::fmt::Arguments) {
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_fmt(args)
        .and_then(|()| stdout.flush())
        .is_err()
    {
        CUT.store(true, Ordering::Relaxed);
    }
}

/// Writes to standard error for [`errln!`]; a failure is let go.
pub fn write_err(args: std::fmt::Arguments) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_fmt(args).and_then(|()| stderr.flush());
}

/// Whether some of what the command printed was not written.
pub fn output_cut() -> bool {
    CUT.load(Ordering::Relaxed)
}

/// Writes a secret shown once (a token, a reset code) and its line end to
/// standard output, telling whether it got there: the caller undoes what
/// the secret is for if it did not.
pub fn write_secret(secret: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{secret}").and_then(|()| stdout.flush())
}

pub fn json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => outln!("{text}"),
        Err(e) => errln!("error: cannot write JSON: {e}"),
    }
}

pub fn dossier_list(dossiers: &[Stored<Dossier>], as_json: bool) {
    if as_json {
        #[derive(Serialize)]
        struct Row<'a> {
            slug: &'a str,
            title: &'a str,
            scale: &'a str,
            commitments: usize,
            concerns: usize,
            version: i64,
        }
        let rows: Vec<Row> = dossiers
            .iter()
            .map(|d| Row {
                slug: d.entity.slug.as_str(),
                title: &d.entity.title,
                scale: d.entity.scale.as_str(),
                commitments: d.entity.commitments.len(),
                concerns: d.entity.concerns.len(),
                version: d.meta.version,
            })
            .collect();
        json(&rows);
        return;
    }
    if dossiers.is_empty() {
        outln!("No dossiers yet. Load the demo with `pledgewatch demo`.");
        return;
    }
    for d in dossiers {
        outln!(
            "{}  {} ({} commitments, {} concerns)",
            d.entity.slug,
            d.entity.title,
            d.entity.commitments.len(),
            d.entity.concerns.len()
        );
    }
}

fn deadline_line(c: &CommitmentView) -> String {
    let written = c
        .timing_as_written
        .as_deref()
        .map(|w| format!(", \"{w}\""))
        .unwrap_or_default();
    match (&c.deadline, c.deadline_state) {
        (Some(d), state) => format!(
            "{} ({} precision{written}): {state}",
            d.date,
            d.precision.as_str()
        ),
        (None, _) => format!("none ({}{written})", c.timing.as_str().replace('_', " ")),
    }
}

/// A dossier as it stood on a day: a header, one block per commitment,
/// then the totals.
pub fn dossier_text(v: &DossierView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", v.title, v.slug);
    let _ = writeln!(
        out,
        "As of {} · scale: {} · {} commitments · {} overdue · {} showing progress",
        v.as_of,
        v.scale,
        v.commitments.len(),
        v.overdue,
        v.with_progress
    );
    if v.commitments.is_empty() {
        let _ = writeln!(out, "\nNo commitment had been made by {}.", v.as_of);
    }
    for (i, c) in v.commitments.iter().enumerate() {
        commitment_text(&mut out, i + 1, c, v);
    }
    totals_text(&mut out, v);
    out
}

/// One numbered commitment: who made it, where and when, its quote,
/// condition, deadline, status and the steps of its rating.
fn commitment_text(out: &mut String, number: usize, c: &CommitmentView, v: &DossierView) {
    let _ = writeln!(out, "\n{number}. {}", c.statement);
    let who = match &c.made_by {
        Some(m) => match &m.role {
            Some(role) => format!("{} ({role}), binding {}", m.name, c.bound.name),
            None => format!("{}, binding {}", m.name, c.bound.name),
        },
        None => c.bound.name.clone(),
    };
    let _ = writeln!(out, "   Made by:   {who}");
    if let Some(o) = &c.occasion {
        let place = o
            .place
            .as_deref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default();
        let dates = match o.ends {
            Some(end) if end != o.starts => format!("{} to {end}", o.starts),
            _ => o.starts.to_string(),
        };
        let _ = writeln!(out, "   Occasion:  {}{place}, {dates}", o.title);
    }
    let _ = writeln!(
        out,
        "   Made on:   {} ({} days, {} months before {})",
        c.made_on, c.elapsed.days, c.elapsed.months, v.as_of
    );
    if let Some(q) = &c.quote {
        let _ = writeln!(out, "   Quote:     \"{}\"", q.text);
        let _ = writeln!(
            out,
            "              ({}{})",
            q.source.title,
            q.source
                .url
                .as_deref()
                .map(|u| format!(", {u}"))
                .unwrap_or_default()
        );
    }
    if let Some(cond) = &c.condition {
        let _ = writeln!(out, "   Condition: {cond}");
    }
    let _ = writeln!(out, "   Deadline:  {}", deadline_line(c));
    status_text(out, c);
}

/// The latest status with its date, and the rating history when there is
/// more than one step.
fn status_text(out: &mut String, c: &CommitmentView) {
    let rated = match c.rated_on {
        Some(on) => format!("rated {on}"),
        None => "no rating yet".to_owned(),
    };
    let stale = if c.stale { ", stale" } else { "" };
    let _ = writeln!(out, "   Status:    {} ({rated}{stale})", c.status_label);
    if c.history.len() > 1 {
        let steps: Vec<String> = c
            .history
            .iter()
            .map(|s| {
                format!(
                    "{} {}{}",
                    s.as_of,
                    s.status_label,
                    if s.regression { " [regression]" } else { "" }
                )
            })
            .collect();
        let _ = writeln!(out, "   History:   {}", steps.join(" → "));
    }
}

/// The counts by status, the regressions and the concerns.
fn totals_text(out: &mut String, v: &DossierView) {
    let counts: Vec<String> = v
        .counts_by_status
        .iter()
        .map(|(k, n)| format!("{} {n}", k.replace('_', " ")))
        .collect();
    let _ = writeln!(
        out,
        "\nBy status: {}",
        if counts.is_empty() {
            "-".to_owned()
        } else {
            counts.join(", ")
        }
    );
    if v.regressions.is_empty() {
        let _ = writeln!(out, "Regressions: none");
    } else {
        let _ = writeln!(out, "Regressions:");
        for r in &v.regressions {
            let _ = writeln!(out, "  {} {}: {} → {}", r.on, r.statement, r.from, r.to);
        }
    }
    if !v.concerns.is_empty() {
        let _ = writeln!(out, "Concerns beyond the commitments: {}", v.concerns.len());
    }
}

pub fn history_text(entries: &[AuditEntry]) -> String {
    let mut out = String::new();
    for e in entries {
        let _ = writeln!(
            out,
            "#{} {} {} {} v{} by {}{}",
            e.seq,
            pledgewatch_core::audit::format_timestamp(&e.at),
            e.action.as_str(),
            e.subject,
            e.entity_version,
            e.actor,
            e.reason
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default()
        );
    }
    out
}

pub fn search_text(hits: &[SearchHit]) -> String {
    let mut out = String::new();
    if hits.is_empty() {
        out.push_str("No matches.\n");
    }
    for h in hits {
        let _ = writeln!(
            out,
            "{} {}  {}\n    {}",
            h.kind,
            h.id,
            h.title,
            h.snippet
                .replace('\n', " ")
                .replace(pledgewatch_core::storage::MATCH_START, "[")
                .replace(pledgewatch_core::storage::MATCH_END, "]")
        );
    }
    out
}
