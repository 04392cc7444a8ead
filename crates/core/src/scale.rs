//! Rating scales. Each scale has a name, a version stamped on every
//! assessment made with it, and an order of its statuses so that a worse
//! rating than the previous one (a regression) can be derived.
//!
//! Ranks: higher is better. A status without a rank ("not yet rated", "no
//! evidence available") is not a judgement and never counts as a regression,
//! nor as "no action".

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::InvalidValue;

/// One status of a scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// Stable machine name, stored with each assessment.
    pub key: &'static str,
    /// What people read.
    pub label: &'static str,
    /// Position in the scale's order (higher is better); `None` for "not rated".
    pub rank: Option<u8>,
    /// Whether this status means the commitment has been kept.
    pub fulfils: bool,
    /// Whether this status shows any progress at all.
    pub shows_progress: bool,
    /// Whether this status is a final judgement (kept or broken): a
    /// commitment rated so is no longer open, and its rating never goes
    /// stale.
    pub closes: bool,
    /// The kind of verdict the status gives, which decides its badge's
    /// colour and shape on every page.
    pub verdict: Verdict,
}

/// The kind of verdict a status gives, the same across scales: each has
/// its own colour and icon shape on the scorecard, so that two statuses of
/// one scale never look alike (in colour or in greyscale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Verdict {
    /// Kept: fulfilled, implemented, complete.
    Kept,
    /// Most of it done, or a compromise.
    Partial,
    /// Under way.
    Advancing,
    /// Nothing done yet.
    Waiting,
    /// Began, then stopped.
    Stalled,
    /// Moved backwards.
    Backward,
    /// Broken for good.
    Broken,
    /// No judgement yet.
    Unrated,
}

impl Verdict {
    /// The name used in CSS classes ("kept", "backward").
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

const fn status(key: &'static str, label: &'static str, rank: Option<u8>) -> Status {
    Status {
        key,
        label,
        rank,
        fulfils: false,
        shows_progress: false,
        closes: false,
        verdict: if rank.is_none() {
            Verdict::Unrated
        } else {
            Verdict::Waiting
        },
    }
}

const fn verdict(mut s: Status, verdict: Verdict) -> Status {
    s.verdict = verdict;
    s
}

/// A final judgement that the commitment was broken.
const fn broken(mut s: Status) -> Status {
    s.closes = true;
    s.verdict = Verdict::Broken;
    s
}

const fn progress(mut s: Status) -> Status {
    s.shows_progress = true;
    s.verdict = Verdict::Advancing;
    s
}

const fn kept(mut s: Status) -> Status {
    s.fulfils = true;
    s.shows_progress = true;
    s.closes = true;
    s.verdict = Verdict::Kept;
    s
}

/// A named, versioned rating scale.
#[derive(Debug, PartialEq, Eq)]
pub struct Scale {
    pub id: ScaleId,
    pub name: &'static str,
    pub version: u32,
    /// In display order.
    pub statuses: &'static [Status],
}

/// The scales pledgewatch knows; names as stored with each assessment.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ScaleId {
    Default,
    Odihr,
    Ogp,
    Politifact,
}

impl ScaleId {
    pub const ALL: [ScaleId; 4] = [
        ScaleId::Default,
        ScaleId::Odihr,
        ScaleId::Ogp,
        ScaleId::Politifact,
    ];

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        text.parse().map_err(|_| {
            crate::model::unknown_name(
                text,
                "a known scale",
                <ScaleId as strum::VariantNames>::VARIANTS,
            )
        })
    }

    pub fn scale(self) -> &'static Scale {
        match self {
            ScaleId::Default => &DEFAULT,
            ScaleId::Odihr => &ODIHR,
            ScaleId::Ogp => &OGP,
            ScaleId::Politifact => &POLITIFACT,
        }
    }
}

/// pledgewatch's own scale.
pub static DEFAULT: Scale = Scale {
    id: ScaleId::Default,
    name: "pledgewatch default",
    version: 1,
    statuses: &[
        status("not_yet_rated", "Not yet rated", None),
        status("not_started", "Not started", Some(3)),
        progress(status("in_progress", "In progress", Some(4))),
        verdict(
            progress(status(
                "partially_fulfilled",
                "Partially fulfilled",
                Some(5),
            )),
            Verdict::Partial,
        ),
        kept(status("fulfilled", "Fulfilled", Some(6))),
        verdict(status("stalled", "Stalled", Some(2)), Verdict::Stalled),
        verdict(status("regressed", "Regressed", Some(1)), Verdict::Backward),
        broken(status("broken", "Broken", Some(0))),
    ],
};

/// ODIHR's follow-up of its election recommendations.
pub static ODIHR: Scale = Scale {
    id: ScaleId::Odihr,
    name: "ODIHR implementation",
    version: 1,
    statuses: &[
        kept(status("fully_implemented", "Fully implemented", Some(3))),
        verdict(
            progress(status("mostly_implemented", "Mostly implemented", Some(2))),
            Verdict::Partial,
        ),
        progress(status(
            "partially_implemented",
            "Partially implemented",
            Some(1),
        )),
        status("not_implemented", "Not implemented", Some(0)),
    ],
};

/// The Open Government Partnership's completion levels.
pub static OGP: Scale = Scale {
    id: ScaleId::Ogp,
    name: "OGP completion",
    version: 1,
    statuses: &[
        status("no_evidence_available", "No evidence available", None),
        status("not_started", "Not started", Some(0)),
        progress(status("limited", "Limited", Some(1))),
        verdict(
            progress(status("substantial", "Substantial", Some(2))),
            Verdict::Partial,
        ),
        kept(status("complete", "Complete", Some(3))),
    ],
};

/// PolitiFact's promise meter.
pub static POLITIFACT: Scale = Scale {
    id: ScaleId::Politifact,
    name: "PolitiFact meter",
    version: 1,
    statuses: &[
        status("not_yet_rated", "Not yet rated", None),
        progress(status("in_the_works", "In the works", Some(2))),
        verdict(status("stalled", "Stalled", Some(1)), Verdict::Stalled),
        verdict(
            progress(status("compromise", "Compromise", Some(3))),
            Verdict::Partial,
        ),
        kept(status("promise_kept", "Promise kept", Some(4))),
        broken(status("promise_broken", "Promise broken", Some(0))),
    ],
};

impl Scale {
    pub fn status(&self, key: &str) -> Result<&'static Status, InvalidValue> {
        self.statuses.iter().find(|s| s.key == key).ok_or_else(|| {
            let known: Vec<&str> = self.statuses.iter().map(|s| s.key).collect();
            InvalidValue::said(
                crate::error::Said::new("reason-not-a-status")
                    .text("value", key)
                    .key("scale", self.id, format!("scale-{}", self.id))
                    .text("expected", known.join(", ")),
            )
        })
    }

    /// The status shown for a commitment with no assessment yet.
    pub fn unrated(&self) -> Option<&'static Status> {
        self.statuses.iter().find(|s| s.rank.is_none())
    }

    /// Whether going from `previous` to `next` is a step backwards.
    pub fn is_regression(&self, previous: &Status, next: &Status) -> bool {
        matches!((previous.rank, next.rank), (Some(p), Some(n)) if n < p)
    }
}

/// The scale and version an assessment was made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ScaleVersion {
    pub scale: ScaleId,
    pub version: u32,
}

impl fmt::Display for ScaleVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.scale, self.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scale_has_unique_status_keys() {
        for id in ScaleId::ALL {
            let scale = id.scale();
            let mut keys: Vec<_> = scale.statuses.iter().map(|s| s.key).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), scale.statuses.len(), "{id}");
        }
    }

    #[test]
    fn no_two_statuses_of_a_scale_give_the_same_kind_of_verdict() {
        for id in ScaleId::ALL {
            let scale = id.scale();
            let mut verdicts: Vec<Verdict> = scale.statuses.iter().map(|s| s.verdict).collect();
            verdicts.sort();
            verdicts.dedup();
            assert_eq!(verdicts.len(), scale.statuses.len(), "{id}");
        }
    }

    #[test]
    fn only_kept_and_broken_close_a_commitment() {
        let closing: Vec<&str> = DEFAULT
            .statuses
            .iter()
            .filter(|s| s.closes)
            .map(|s| s.key)
            .collect();
        assert_eq!(closing, ["fulfilled", "broken"]);
        assert!(POLITIFACT.status("promise_broken").unwrap().closes);
        assert!(!ODIHR.status("not_implemented").unwrap().closes);
    }

    #[test]
    fn fulfilled_after_in_progress_is_no_regression_but_the_reverse_is() {
        let s = &DEFAULT;
        let in_progress = s.status("in_progress").unwrap();
        let fulfilled = s.status("fulfilled").unwrap();
        assert!(!s.is_regression(in_progress, fulfilled));
        assert!(s.is_regression(fulfilled, in_progress));
    }

    #[test]
    fn not_yet_rated_never_counts_as_a_regression() {
        let s = &DEFAULT;
        let unrated = s.status("not_yet_rated").unwrap();
        let broken = s.status("broken").unwrap();
        assert!(!s.is_regression(unrated, broken));
        assert!(!s.is_regression(broken, unrated));
    }

    #[test]
    fn each_known_scale_orders_its_worst_below_its_best() {
        let pairs = [
            (ScaleId::Odihr, "not_implemented", "fully_implemented"),
            (ScaleId::Ogp, "not_started", "complete"),
            (ScaleId::Politifact, "promise_broken", "promise_kept"),
            (ScaleId::Default, "broken", "fulfilled"),
        ];
        for (id, worst, best) in pairs {
            let scale = id.scale();
            let (w, b) = (scale.status(worst).unwrap(), scale.status(best).unwrap());
            assert!(scale.is_regression(b, w), "{id}");
        }
    }

    #[test]
    fn unknown_statuses_are_rejected_naming_the_scale() {
        let err = DEFAULT.status("great").unwrap_err();
        assert!(err.reason.contains("default scale"), "{err}");
        assert_eq!(
            ScaleId::parse("stars").unwrap_err().reason,
            "'stars' is not a known scale (expected one of: default, odihr, ogp, politifact)"
        );
        for id in ScaleId::ALL {
            assert_eq!(ScaleId::parse(id.as_str()), Ok(id));
            assert_eq!(serde_json::to_value(id).unwrap(), id.as_str());
        }
    }
}
