//! Server-rendered SVG charts with text alternatives: statuses over time
//! (stacked bars) and a timeline of pledges, deadlines, milestones and
//! developments. All text in the SVG is escaped here.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use pledgewatch_core::model::Direction;
use pledgewatch_core::scale::Scale;
use pledgewatch_core::view::{CommitmentView, DossierView};

use crate::http::esc;

/// The colour of a status, by its place on the scale (worst red, best green).
pub fn status_colour(scale: &Scale, key: &str) -> &'static str {
    match scale.status(key).ok().and_then(|s| s.rank) {
        None => "#c8c8c8",
        Some(rank) => {
            let max = scale
                .statuses
                .iter()
                .filter_map(|s| s.rank)
                .max()
                .unwrap_or(1)
                .max(1);
            let palette = [
                "#b2182b", "#d6604d", "#f4a582", "#8c8c8c", "#4393c3", "#2166ac", "#1b7837",
            ];
            let i = usize::from(rank) * (palette.len() - 1) / usize::from(max);
            palette[i.min(palette.len() - 1)]
        }
    }
}

/// One bar of the status chart: a date and the number of commitments in
/// each status on it.
#[derive(Debug, Clone)]
pub struct StatusPoint {
    pub label: String,
    pub counts: Vec<(String, String, usize)>,
}

fn status_on(c: &CommitmentView, day: NaiveDate, unrated: &str) -> String {
    if c.made_on.earliest() > day {
        return String::new();
    }
    c.history
        .iter()
        .rev()
        .find(|s| s.as_of <= day)
        .map(|s| s.status.clone())
        .unwrap_or_else(|| unrated.to_owned())
}

/// Statuses at the end of each year from the first pledge to the as-of date.
pub fn status_points(view: &DossierView, commitments: &[&CommitmentView]) -> Vec<StatusPoint> {
    let scale = view.scale.scale();
    let unrated = scale.unrated().map(|s| s.key).unwrap_or("not_yet_rated");
    let Some(first) = commitments.iter().map(|c| c.made_on.earliest()).min() else {
        return vec![];
    };
    let mut days: Vec<NaiveDate> = (first.year()..view.as_of.year())
        .filter_map(|y| NaiveDate::from_ymd_opt(y, 12, 31))
        .collect();
    days.push(view.as_of);
    // At most 24 bars: thin out the years evenly, always keeping the last.
    if days.len() > 24 {
        let step = days.len().div_ceil(24);
        let last = view.as_of;
        days = days
            .into_iter()
            .step_by(step)
            .filter(|d| *d != last)
            .collect();
        days.push(last);
    }
    days.into_iter()
        .map(|day| {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for c in commitments {
                let s = status_on(c, day, unrated);
                if !s.is_empty() {
                    *counts.entry(s).or_default() += 1;
                }
            }
            let ordered = scale
                .statuses
                .iter()
                .filter_map(|s| {
                    counts
                        .get(s.key)
                        .map(|n| (s.key.to_owned(), s.label.to_owned(), *n))
                })
                .collect();
            let label = if day == view.as_of {
                day.to_string()
            } else {
                day.year().to_string()
            };
            StatusPoint {
                label,
                counts: ordered,
            }
        })
        .collect()
}

/// Stacked bars of statuses over time.
pub fn status_chart(scale: &Scale, points: &[StatusPoint], id: &str) -> String {
    let (width, height, left, bottom, top) = (720.0, 260.0, 40.0, 40.0, 10.0);
    let max = points
        .iter()
        .map(|p| p.counts.iter().map(|c| c.2).sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = points.len().max(1) as f64;
    let slot = (width - left - 10.0) / n;
    let bar = (slot * 0.7).min(48.0);
    let plot = height - bottom - top;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" class="chart"><title id="{id}-title">Statuses over time</title><desc id="{id}-desc">Number of commitments in each status at the end of each year; the data table follows the chart.</desc>"#
    );
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="#555"/>"##,
        top + plot,
        width - 10.0,
        top + plot
    );
    let _ = write!(
        svg,
        r##"<text x="4" y="{}" font-size="11" fill="#333">{}</text>"##,
        top + 10.0,
        max as usize
    );
    let _ = write!(
        svg,
        r##"<text x="4" y="{}" font-size="11" fill="#333">0</text>"##,
        top + plot
    );
    for (i, p) in points.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = top + plot;
        for (key, label, count) in &p.counts {
            let h = plot * (*count as f64) / max;
            y -= h;
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" fill="{}"><title>{}: {} {}</title></rect>"#,
                status_colour(scale, key),
                esc(&p.label),
                count,
                esc(label)
            );
        }
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{}" font-size="11" text-anchor="middle" fill="#333">{}</text>"##,
            x + bar / 2.0,
            top + plot + 16.0,
            esc(&p.label)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One event on the timeline.
#[derive(Debug, Clone)]
pub struct TimelineEvent {
    pub date: NaiveDate,
    pub kind: &'static str,
    pub label: String,
    pub direction: Option<Direction>,
}

pub fn timeline_events(view: &DossierView, commitments: &[&CommitmentView]) -> Vec<TimelineEvent> {
    let mut events = Vec::new();
    let mut seen_pledges = std::collections::HashSet::new();
    for c in commitments {
        if seen_pledges.insert(c.made_on.earliest()) {
            events.push(TimelineEvent {
                date: c.made_on.earliest(),
                kind: "pledge",
                label: match &c.occasion {
                    Some(o) => format!("Pledges made at {}", o.title),
                    None => "Pledge made".to_owned(),
                },
                direction: None,
            });
        }
        if let Some(d) = c.deadline {
            events.push(TimelineEvent {
                date: d.date,
                kind: "deadline",
                label: format!("Deadline: {}", c.statement),
                direction: None,
            });
        }
        for d in &c.developments {
            events.push(TimelineEvent {
                date: d.date.earliest(),
                kind: "development",
                label: d.title.clone(),
                direction: Some(d.direction),
            });
        }
    }
    for m in &view.milestones {
        events.push(TimelineEvent {
            date: m.date.earliest(),
            kind: "milestone",
            label: m.title.to_string(),
            direction: None,
        });
    }
    events.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.kind.cmp(b.kind))
            .then(a.label.cmp(&b.label))
    });
    events.dedup_by(|a, b| a.date == b.date && a.kind == b.kind && a.label == b.label);
    events
}

/// A horizontal timeline: one row per kind of event.
pub fn timeline_chart(events: &[TimelineEvent], as_of: NaiveDate, id: &str) -> String {
    let (width, height, left, right) = (720.0, 170.0, 96.0, 12.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" class="chart"><title id="{id}-title">Timeline</title><desc id="{id}-desc">Pledge dates, deadlines, milestones and developments; the list of events follows the chart.</desc>"#
    );
    let (Some(first), Some(last)) = (
        events.first().map(|e| e.date),
        events.iter().map(|e| e.date).max(),
    ) else {
        svg.push_str("</svg>");
        return svg;
    };
    let last = last.max(as_of);
    let span = ((last - first).num_days().max(1)) as f64;
    let x_of =
        |d: NaiveDate| left + (width - left - right) * ((d - first).num_days() as f64 / span);
    let rows = [
        ("pledge", "Pledges", 30.0),
        ("deadline", "Deadlines", 60.0),
        ("milestone", "Milestones", 90.0),
        ("development", "Developments", 120.0),
    ];
    for (_, label, y) in rows {
        let _ = write!(
            svg,
            r##"<text x="4" y="{}" font-size="11" fill="#333">{label}</text><line x1="{left}" y1="{y}" x2="{}" y2="{y}" stroke="#ddd"/>"##,
            y + 4.0,
            width - right
        );
    }
    draw_axis(&mut svg, (first, last), as_of, (left, width - right), &x_of);
    for e in events {
        let y = rows
            .iter()
            .find(|r| r.0 == e.kind)
            .map(|r| r.2)
            .unwrap_or(120.0);
        svg.push_str(&event_mark(e, x_of(e.date), y));
    }
    svg.push_str("</svg>");
    svg
}

/// The timeline's time axis: a tick per year (every other year past twelve
/// years), and a dashed line at `as_of`.
fn draw_axis(
    svg: &mut String,
    (first, last): (NaiveDate, NaiveDate),
    as_of: NaiveDate,
    (left, end): (f64, f64),
    x_of: &dyn Fn(NaiveDate) -> f64,
) {
    let axis = 145.0;
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{axis}" x2="{end}" y2="{axis}" stroke="#555"/>"##
    );
    for year in first.year()..=last.year() {
        if let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1).filter(|d| *d >= first) {
            let x = x_of(d);
            if (last.year() - first.year()) <= 12 || year % 2 == 0 {
                let _ = write!(
                    svg,
                    r##"<line x1="{x:.1}" y1="{axis}" x2="{x:.1}" y2="{}" stroke="#555"/><text x="{x:.1}" y="{}" font-size="10" text-anchor="middle" fill="#333">{year}</text>"##,
                    axis + 4.0,
                    axis + 16.0
                );
            }
        }
    }
    let now = x_of(as_of);
    let _ = write!(
        svg,
        r##"<line x1="{now:.1}" y1="18" x2="{now:.1}" y2="{axis}" stroke="#333" stroke-dasharray="3 3"/><text x="{now:.1}" y="14" font-size="10" text-anchor="middle" fill="#333">as of {as_of}</text>"##
    );
}

/// One event's mark at (`x`, `y`), shaped by its kind (a development's
/// coloured by its direction), with its date and label as tooltip.
fn event_mark(e: &TimelineEvent, x: f64, y: f64) -> String {
    let tip = format!("{} {}", e.date, e.label);
    let shape = match e.kind {
        "pledge" => format!(r##"<circle cx="{x:.1}" cy="{y}" r="6" fill="#2166ac">"##),
        "deadline" => format!(
            r##"<rect x="{:.1}" y="{}" width="10" height="10" transform="rotate(45 {x:.1} {y})" fill="#b2182b">"##,
            x - 5.0,
            y - 5.0
        ),
        "milestone" => format!(
            r##"<polygon points="{x:.1},{} {:.1},{} {:.1},{}" fill="#5e3c99">"##,
            y - 7.0,
            x - 6.0,
            y + 5.0,
            x + 6.0,
            y + 5.0
        ),
        _ => {
            let colour = match e.direction {
                Some(Direction::Advance) => "#1b7837",
                Some(Direction::Setback) => "#b2182b",
                _ => "#8c8c8c",
            };
            format!(
                r##"<rect x="{:.1}" y="{}" width="3" height="14" fill="{colour}">"##,
                x - 1.5,
                y - 7.0
            )
        }
    };
    let close = match e.kind {
        "pledge" => "</circle>",
        "milestone" => "</polygon>",
        _ => "</rect>",
    };
    format!("{shape}<title>{}</title>{close}", esc(&tip))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_charts_is_escaped() {
        let escaped = esc("<script>\"x\" & 'y'</script>");
        assert!(!escaped.contains(['<', '>', '"', '\'']), "{escaped}");
        assert!(
            escaped.starts_with("&lt;script&gt;&quot;x&quot; &amp; "),
            "{escaped}"
        );
        assert_eq!(
            html_escape::decode_html_entities(&escaped),
            "<script>\"x\" & 'y'</script>"
        );
    }

    #[test]
    fn hostile_event_labels_cannot_break_out_of_the_svg() {
        let events = vec![TimelineEvent {
            date: NaiveDate::from_ymd_opt(2008, 1, 1).unwrap(),
            kind: "development",
            label: "</title><script>alert(1)</script>".into(),
            direction: Some(Direction::Setback),
        }];
        let svg = timeline_chart(&events, NaiveDate::from_ymd_opt(2009, 1, 1).unwrap(), "t");
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
    }
}
