//! The small marks beside words on the scorecard and the commitment page: a
//! verdict's icon and a promise clock's icon and bar. Each kind has its own
//! shape as well as its own colour (set in `app.css` by class), so that
//! they read in greyscale and for colour-blind readers; the words beside
//! them say the same, so every mark is hidden from screen readers.

use pledgewatch_core::facts::ClockKind;
use pledgewatch_core::scale::Verdict;

const OPEN: &str = r#"<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">"#;

/// The icon of a verdict: a ticked disc (kept), a half-filled disc
/// (partial), a forward triangle (advancing), a ring (waiting), two bars
/// (stalled), a downward triangle (backward), a cross (broken), a dashed
/// ring (unrated).
pub fn verdict_icon(verdict: Verdict) -> String {
    let shape = match verdict {
        Verdict::Kept => {
            r##"<circle cx="8" cy="8" r="7" fill="currentColor"/><path d="M4.5 8.3l2.3 2.3 4.7-5" fill="none" stroke="#fff" stroke-width="2"/>"##
        }
        Verdict::Partial => {
            r#"<circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M8 1.8a6.2 6.2 0 0 0 0 12.4z" fill="currentColor"/>"#
        }
        Verdict::Advancing => r#"<path d="M3 2l11 6-11 6z" fill="currentColor"/>"#,
        Verdict::Waiting => {
            r#"<circle cx="8" cy="8" r="5.6" fill="none" stroke="currentColor" stroke-width="2.4"/>"#
        }
        Verdict::Stalled => {
            r#"<rect x="3" y="2" width="3.6" height="12" fill="currentColor"/><rect x="9.4" y="2" width="3.6" height="12" fill="currentColor"/>"#
        }
        Verdict::Backward => r#"<path d="M1.5 3h13L8 14.5z" fill="currentColor"/>"#,
        Verdict::Broken => {
            r#"<path d="M3 3l10 10M13 3L3 13" fill="none" stroke="currentColor" stroke-width="3"/>"#
        }
        Verdict::Unrated => {
            r#"<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="1.6" stroke-dasharray="2.4 2"/>"#
        }
    };
    format!("{OPEN}{shape}</svg>")
}

/// The icon of a promise clock: a warning triangle (overdue), a tick (met
/// on time), a tick in a square (met late), an hourglass (upcoming), a
/// dash (no deadline).
pub fn clock_icon(kind: ClockKind) -> String {
    let shape = match kind {
        ClockKind::Overdue => {
            r##"<path d="M8 1l7.5 13.5H.5z" fill="currentColor"/><rect x="7" y="5.5" width="2" height="5" fill="#fff"/><rect x="7" y="11.6" width="2" height="1.8" fill="#fff"/>"##
        }
        ClockKind::Met => {
            r#"<path d="M2.5 8.5l3.5 3.5 7.5-8" fill="none" stroke="currentColor" stroke-width="2.6"/>"#
        }
        ClockKind::MetLate => {
            r#"<rect x="1" y="1" width="14" height="14" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M4 8.3l2.6 2.6 5.2-5.6" fill="none" stroke="currentColor" stroke-width="2"/>"#
        }
        ClockKind::Upcoming => {
            r#"<path d="M3 1.5h10v1.5L9 8l4 5v1.5H3V13l4-5-4-5z" fill="currentColor"/>"#
        }
        ClockKind::NoDeadline => {
            r#"<rect x="2" y="7" width="12" height="2.4" fill="currentColor"/>"#
        }
    };
    format!("{OPEN}{shape}</svg>")
}

/// The promise clock's bar: how much of the time allowed has passed
/// (0-100), coloured by its kind through its class.
pub fn clock_bar(percent: u32) -> String {
    let percent = percent.min(100);
    format!(
        r#"<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="track" width="100" height="8"/><rect class="fill" width="{percent}" height="8"/></svg>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_and_clock_has_its_own_shape() {
        let verdicts = [
            Verdict::Kept,
            Verdict::Partial,
            Verdict::Advancing,
            Verdict::Waiting,
            Verdict::Stalled,
            Verdict::Backward,
            Verdict::Broken,
            Verdict::Unrated,
        ];
        let mut shapes: Vec<String> = verdicts.iter().map(|v| verdict_icon(*v)).collect();
        shapes.sort();
        shapes.dedup();
        assert_eq!(shapes.len(), verdicts.len());
        let kinds = [
            ClockKind::Overdue,
            ClockKind::Met,
            ClockKind::MetLate,
            ClockKind::Upcoming,
            ClockKind::NoDeadline,
        ];
        let mut shapes: Vec<String> = kinds.iter().map(|k| clock_icon(*k)).collect();
        shapes.sort();
        shapes.dedup();
        assert_eq!(shapes.len(), kinds.len());
        assert!(clock_bar(250).contains(r#"width="100" height="8"/></svg>"#));
    }
}
