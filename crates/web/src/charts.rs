//! Server-rendered SVG charts with text alternatives: statuses over time
//! (stacked bars) and a timeline of pledges, deadlines, milestones and
//! developments. All text in the SVG is escaped here.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::model::Direction;
use pledgewatch_core::scale::Scale;
use pledgewatch_core::view::{CommitmentView, DossierView};
use pledgewatch_core::wording;

use crate::http::esc;

/// The class of a status's verdict in charts ("v-kept"): its fill comes
/// from the stylesheet's palette, as the badges' colours do.
pub fn verdict_class(scale: &Scale, key: &str) -> &'static str {
    scale
        .status(key)
        .map(|s| s.verdict)
        .unwrap_or(pledgewatch_core::scale::Verdict::Unrated)
        .as_str()
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
pub fn status_points(
    lang: Lang,
    view: &DossierView,
    commitments: &[&CommitmentView],
) -> Vec<StatusPoint> {
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
                    counts.get(s.key).map(|n| {
                        (
                            s.key.to_owned(),
                            wording::status(lang, view.scale, s.key),
                            *n,
                        )
                    })
                })
                .collect();
            let label = if day == view.as_of && (day.month(), day.day()) != (12, 31) {
                wording::day(lang, day)
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

/// The size of chart text in user units. Each drawing is shown at its own
/// width or wider (the stylesheet swaps the wide drawing for the narrow
/// one below 48rem), so this is the smallest size text appears on screen.
pub const FONT: f64 = 12.0;

/// How wide a label is drawn, generously estimated (digits and letters of
/// a sans-serif face are at most 0.62 em wide on average).
pub fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * FONT * 0.62
}

/// A label placed on an axis: its anchor point and alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub anchor: &'static str,
    pub text: String,
}

impl Placed {
    /// The horizontal extent the label covers.
    pub fn span(&self) -> (f64, f64) {
        let w = text_width(&self.text);
        match self.anchor {
            "start" => (self.x, self.x + w),
            "end" => (self.x - w, self.x),
            _ => (self.x - w / 2.0, self.x + w / 2.0),
        }
    }
}

/// Places labels centred under `centres` within `0..width`, never
/// overlapping: the last label is always kept (moved in from an edge if it
/// would clip), and going backwards a label is left out when it would
/// touch the one after it.
pub fn place_labels(items: &[(f64, String)], width: f64) -> Vec<Placed> {
    const GAP: f64 = 6.0;
    let mut out: Vec<Placed> = Vec::new();
    let mut limit = width;
    for (i, (x, text)) in items.iter().enumerate().rev() {
        let w = text_width(text);
        let mut placed = Placed {
            x: *x,
            anchor: "middle",
            text: text.clone(),
        };
        if x + w / 2.0 > limit {
            placed.x = limit;
            placed.anchor = "end";
        }
        if placed.span().0 < 0.0 {
            placed.x = 0.0;
            placed.anchor = "start";
        }
        let (from, to) = placed.span();
        let last = i + 1 == items.len();
        if to <= limit && from >= 0.0 && (last || to + GAP <= limit) {
            limit = from - GAP;
            out.push(placed);
        } else if last {
            out.push(placed);
            limit = from - GAP;
        }
    }
    out.reverse();
    out
}

/// The sizes of one drawing of a chart.
#[derive(Debug, Clone, Copy)]
struct Frame {
    width: f64,
    /// The left margin (the status chart's counts, the timeline's row
    /// names when they sit beside the rows).
    left: f64,
    /// Whether the timeline's row names sit above their rows.
    names_above: bool,
    suffix: &'static str,
    class: &'static str,
}

const WIDE: Frame = Frame {
    width: 720.0,
    left: 40.0,
    names_above: false,
    suffix: "",
    class: "chart chart-wide",
};

const NARROW: Frame = Frame {
    width: 280.0,
    left: 24.0,
    names_above: true,
    suffix: "-narrow",
    class: "chart chart-narrow",
};

fn label_text(svg: &mut String, p: &Placed, y: f64) {
    let _ = write!(
        svg,
        r##"<text x="{:.1}" y="{y:.1}" font-size="{FONT}" text-anchor="{}" fill="#333">{}</text>"##,
        p.x,
        p.anchor,
        esc(&p.text)
    );
}

/// Stacked bars of statuses over time: a wide drawing and a narrow one.
pub fn status_chart(lang: Lang, scale: &Scale, points: &[StatusPoint], id: &str) -> String {
    let mut svg = status_drawing(lang, scale, points, id, WIDE);
    svg.push_str(&status_drawing(lang, scale, points, id, NARROW));
    svg
}

fn status_drawing(lang: Lang, scale: &Scale, points: &[StatusPoint], id: &str, f: Frame) -> String {
    let (width, height, bottom, top) = (f.width, 260.0, 40.0, 16.0);
    let left = f.left;
    let id = format!("{id}{}", f.suffix);
    let max = points
        .iter()
        .map(|p| p.counts.iter().map(|c| c.2).sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = points.len().max(1) as f64;
    let slot = (width - left - 4.0) / n;
    let bar = (slot * 0.7).min(48.0);
    let plot = height - bottom - top;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" class="{}"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        f.class,
        esc(&lang.t("chart-status-title")),
        esc(&lang.t("chart-status-desc")),
    );
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="#555"/>"##,
        top + plot,
        width - 4.0,
        top + plot
    );
    for (value, y) in [(max as usize, top + FONT - 2.0), (0, top + plot)] {
        label_text(
            &mut svg,
            &Placed {
                x: left - 6.0,
                anchor: "end",
                text: value.to_string(),
            },
            y,
        );
    }
    let mut labels = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = top + plot;
        for (key, label, count) in &p.counts {
            let h = plot * (*count as f64) / max;
            y -= h;
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" class="v-{}"><title>{}: {} {}</title></rect>"#,
                verdict_class(scale, key),
                esc(&p.label),
                count,
                esc(label)
            );
        }
        labels.push((x + bar / 2.0, p.label.clone()));
    }
    for p in place_labels(&labels, width) {
        label_text(&mut svg, &p, top + plot + 18.0);
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

pub fn timeline_events(
    lang: Lang,
    view: &DossierView,
    commitments: &[&CommitmentView],
) -> Vec<TimelineEvent> {
    let mut events = Vec::new();
    let mut seen_pledges = std::collections::HashSet::new();
    for c in commitments {
        if seen_pledges.insert(c.made_on.earliest()) {
            events.push(TimelineEvent {
                date: c.made_on.earliest(),
                kind: "pledge",
                label: match &c.occasion {
                    Some(o) => lang.tr(
                        "chart-pledges-at",
                        &Args::new().str("occasion", o.title.to_string()),
                    ),
                    None => lang.t("chart-pledge-made"),
                },
                direction: None,
            });
        }
        if let Some(d) = c.deadline {
            events.push(TimelineEvent {
                date: d.date,
                kind: "deadline",
                label: lang.tr(
                    "chart-deadline",
                    &Args::new().str("commitment", c.statement.to_string()),
                ),
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

/// A horizontal timeline, one row per kind of event: a wide drawing, with
/// the rows' names beside them, and a narrow one, with the names above.
pub fn timeline_chart(lang: Lang, events: &[TimelineEvent], as_of: NaiveDate, id: &str) -> String {
    let mut svg = timeline_drawing(lang, events, as_of, id, WIDE);
    svg.push_str(&timeline_drawing(lang, events, as_of, id, NARROW));
    svg
}

/// The rows of the timeline: kind, the message naming it, and the row's
/// height.
const ROWS: [(&str, &str, f64); 4] = [
    ("pledge", "chart-row-pledge", 44.0),
    ("deadline", "chart-row-deadline", 80.0),
    ("milestone", "chart-row-milestone", 116.0),
    ("development", "chart-row-development", 152.0),
];

/// Where the timeline's axis runs.
const AXIS: f64 = 176.0;

fn timeline_drawing(
    lang: Lang,
    events: &[TimelineEvent],
    as_of: NaiveDate,
    id: &str,
    f: Frame,
) -> String {
    let (width, height, right) = (f.width, 200.0, 8.0);
    let left = if f.names_above { 8.0 } else { 104.0 };
    let id = format!("{id}{}", f.suffix);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" class="{}"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        f.class,
        esc(&lang.t("chart-timeline-title")),
        esc(&lang.t("chart-timeline-desc")),
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
    for (_, name, y) in ROWS {
        let label = esc(&lang.t(name));
        let (x, text_y) = if f.names_above {
            (4.0, y - 10.0)
        } else {
            (4.0, y + 4.0)
        };
        let _ = write!(
            svg,
            r##"<text x="{x}" y="{text_y}" font-size="{FONT}" fill="#333">{label}</text><line x1="{left}" y1="{y}" x2="{}" y2="{y}" stroke="#ddd"/>"##,
            width - right
        );
    }
    let as_of_label = lang.tr(
        "chart-as-of",
        &Args::new().str("date", wording::day(lang, as_of)),
    );
    draw_axis(
        &mut svg,
        (first, last),
        (as_of, &as_of_label),
        (left, width - right),
        &x_of,
    );
    for e in events {
        let y = ROWS
            .iter()
            .find(|r| r.0 == e.kind)
            .map(|r| r.2)
            .unwrap_or(ROWS[3].2);
        svg.push_str(&event_mark(e, x_of(e.date), y));
    }
    svg.push_str("</svg>");
    svg
}

/// The years labelled on the timeline's axis: every year, or every
/// second, fifth or tenth as the width allows, so that labels keep apart.
pub fn axis_years(first: NaiveDate, last: NaiveDate, per_year: f64) -> Vec<i32> {
    let needed = text_width("2000") + 8.0;
    let step = [1, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|s| f64::from(*s) * per_year >= needed)
        .unwrap_or(100);
    (first.year()..=last.year())
        .filter(|y| y % step == 0)
        .filter(|y| NaiveDate::from_ymd_opt(*y, 1, 1).is_some_and(|d| d >= first))
        .collect()
}

/// The timeline's time axis: labelled year ticks that never overlap nor
/// run past the ends, and a dashed line at `as_of` named at the top.
fn draw_axis(
    svg: &mut String,
    (first, last): (NaiveDate, NaiveDate),
    (as_of, as_of_label): (NaiveDate, &str),
    (left, end): (f64, f64),
    x_of: &dyn Fn(NaiveDate) -> f64,
) {
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{AXIS}" x2="{end}" y2="{AXIS}" stroke="#555"/>"##
    );
    let days = ((last - first).num_days().max(1)) as f64;
    let per_year = (end - left) * 365.25 / days;
    let ticks: Vec<(f64, String)> = axis_years(first, last, per_year)
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        .map(|d| (x_of(d), d.year().to_string()))
        .collect();
    for (x, _) in &ticks {
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{AXIS}" x2="{x:.1}" y2="{}" stroke="#555"/>"##,
            AXIS + 4.0
        );
    }
    for p in place_labels(&ticks, end + 6.0) {
        label_text(svg, &p, AXIS + 18.0);
    }
    let now = x_of(as_of);
    let _ = write!(
        svg,
        r##"<line x1="{now:.1}" y1="18" x2="{now:.1}" y2="{AXIS}" stroke="#333" stroke-dasharray="3 3"/>"##
    );
    let label = place_labels(&[(now, as_of_label.to_owned())], end + 6.0);
    for p in label {
        label_text(svg, &p, 14.0);
    }
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
    fn axis_labels_never_overlap_nor_leave_the_chart_and_the_last_is_kept() {
        for width in [NARROW.width, WIDE.width] {
            for n in 1..=40 {
                let slot = (width - 28.0) / f64::from(n);
                let mut items: Vec<(f64, String)> = (0..n)
                    .map(|i| (24.0 + slot * (f64::from(i) + 0.5), (1990 + i).to_string()))
                    .collect();
                if let Some(last) = items.last_mut() {
                    last.1 = "30 September 2026".into();
                }
                let placed = place_labels(&items, width);
                assert_eq!(
                    placed.last().map(|p| p.text.as_str()),
                    Some("30 September 2026"),
                    "{width} {n}"
                );
                for p in &placed {
                    let (from, to) = p.span();
                    assert!(from >= 0.0 && to <= width, "{width} {n}: {p:?}");
                }
                for pair in placed.windows(2) {
                    assert!(pair[0].span().1 < pair[1].span().0, "{width} {n}: {pair:?}");
                }
            }
        }
    }

    #[test]
    fn the_timeline_labels_years_far_enough_apart() {
        let first = NaiveDate::from_ymd_opt(2002, 3, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let per_year = 272.0 / 24.8;
        let years = axis_years(first, last, per_year);
        assert!(years.len() >= 3, "{years:?}");
        for pair in years.windows(2) {
            let gap = f64::from(pair[1] - pair[0]) * per_year;
            assert!(gap >= text_width("2000") + 8.0, "{years:?}");
        }
    }

    #[test]
    fn hostile_event_labels_cannot_break_out_of_the_svg() {
        let events = vec![TimelineEvent {
            date: NaiveDate::from_ymd_opt(2008, 1, 1).unwrap(),
            kind: "development",
            label: "</title><script>alert(1)</script>".into(),
            direction: Some(Direction::Setback),
        }];
        let svg = timeline_chart(
            Lang::En,
            &events,
            NaiveDate::from_ymd_opt(2009, 1, 1).unwrap(),
            "t",
        );
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
    }
}
