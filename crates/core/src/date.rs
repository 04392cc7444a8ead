//! Dates with precision: "2008-07-15" (day), "2008-07" (month), "2008-Q3"
//! (quarter), "2008" (year).
//!
//! Sources rarely give a day. A [`PreciseDate`] keeps the period the source
//! named; [`PreciseDate::earliest`] and [`PreciseDate::latest`] give its first
//! and last day. Deadlines use the last day ("by the end of 2008" is
//! 2008-12-31); "what was known by a date" also uses the last day, so that an
//! event dated "2008-07" is not shown as known on 2008-07-01.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{InvalidValue, Said};

/// How precisely a date is known.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Precision {
    Day,
    Month,
    Quarter,
    Year,
}

impl Precision {
    pub const ALL: [Precision; 4] = [
        Precision::Day,
        Precision::Month,
        Precision::Quarter,
        Precision::Year,
    ];

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Result<Self, InvalidValue> {
        value.parse().map_err(|_| {
            InvalidValue::said(Said::new("reason-date-precision").text("value", value))
        })
    }
}

/// A calendar period named by a source: a day, a month, a quarter or a year.
///
/// Stored as the first day of the period plus its precision, so that every
/// period has exactly one representation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PreciseDate {
    start: NaiveDate,
    precision: Precision,
}

impl PreciseDate {
    pub fn day(date: NaiveDate) -> Self {
        Self {
            start: date,
            precision: Precision::Day,
        }
    }

    /// Builds a date from its stored form, checking that `start` is the first
    /// day of a period of the given precision.
    pub fn from_parts(start: NaiveDate, precision: Precision) -> Result<Self, InvalidValue> {
        let aligned = match precision {
            Precision::Day => true,
            Precision::Month => start.day() == 1,
            Precision::Quarter => start.day() == 1 && (start.month() - 1).is_multiple_of(3),
            Precision::Year => start.day() == 1 && start.month() == 1,
        };
        if aligned {
            Ok(Self { start, precision })
        } else {
            Err(InvalidValue::new(format!(
                "{start} is not the first day of a {}",
                precision.as_str()
            )))
        }
    }

    /// Parses "YYYY", "YYYY-MM", "YYYY-Qn" or "YYYY-MM-DD".
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        let text = text.trim();
        let invalid = |why: &'static str| {
            InvalidValue::said(
                Said::new("reason-date")
                    .text("value", text)
                    .said("why", Said::new(why)),
            )
        };
        let parts: Vec<&str> = text.split('-').collect();
        let year = parse_year(parts.first().copied().unwrap_or_default())
            .ok_or_else(|| invalid("reason-date-bad-year"))?;
        match parts.as_slice() {
            [_] => Ok(Self {
                start: ymd(year, 1, 1).ok_or_else(|| invalid("reason-date-bad-year"))?,
                precision: Precision::Year,
            }),
            [_, q] if q.starts_with('Q') || q.starts_with('q') => {
                let n: u32 = q[1..]
                    .parse()
                    .map_err(|_| invalid("reason-date-bad-quarter"))?;
                if !(1..=4).contains(&n) || q.len() != 2 {
                    return Err(invalid("reason-date-quarter-range"));
                }
                Ok(Self {
                    start: ymd(year, (n - 1) * 3 + 1, 1)
                        .ok_or_else(|| invalid("reason-date-bad-quarter"))?,
                    precision: Precision::Quarter,
                })
            }
            [_, m] => {
                let month = parse_two_digits(m).ok_or_else(|| invalid("reason-date-bad-month"))?;
                Ok(Self {
                    start: ymd(year, month, 1)
                        .ok_or_else(|| invalid("reason-date-no-such-month"))?,
                    precision: Precision::Month,
                })
            }
            [_, m, d] => {
                let month = parse_two_digits(m).ok_or_else(|| invalid("reason-date-bad-month"))?;
                let day = parse_two_digits(d).ok_or_else(|| invalid("reason-date-bad-day"))?;
                Ok(Self {
                    start: ymd(year, month, day)
                        .ok_or_else(|| invalid("reason-date-no-such-day"))?,
                    precision: Precision::Day,
                })
            }
            _ => Err(invalid("reason-date-too-many-parts")),
        }
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The first day of the period.
    pub fn earliest(&self) -> NaiveDate {
        self.start
    }

    /// The last day of the period.
    pub fn latest(&self) -> NaiveDate {
        let (y, m) = (self.start.year(), self.start.month());
        let end = match self.precision {
            Precision::Day => return self.start,
            Precision::Month => first_of_next_month(y, m),
            Precision::Quarter => first_of_next_month(y, m + 2),
            Precision::Year => ymd(y + 1, 1, 1),
        };
        end.and_then(|d| d.pred_opt()).unwrap_or(self.start)
    }
}

fn parse_year(text: &str) -> Option<i32> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn parse_two_digits(text: &str) -> Option<u32> {
    if text.len() != 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn first_of_next_month(year: i32, month: u32) -> Option<NaiveDate> {
    if month >= 12 {
        ymd(year + 1, month - 11, 1)
    } else {
        ymd(year, month + 1, 1)
    }
}

impl fmt::Display for PreciseDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.start;
        match self.precision {
            Precision::Day => write!(f, "{}", d.format("%Y-%m-%d")),
            Precision::Month => write!(f, "{}", d.format("%Y-%m")),
            Precision::Quarter => write!(f, "{}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
            Precision::Year => write!(f, "{}", d.year()),
        }
    }
}

impl FromStr for PreciseDate {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for PreciseDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PreciseDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// In the API description: a string in one of the four forms.
impl utoipa::PartialSchema for PreciseDate {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(
                "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?|-Q[1-4])?$",
            ))
            .description(Some(
                "A date with its precision: a day (2008-07-15), a month (2008-07), a quarter (2008-Q3) or a year (2008).",
            ))
            .examples(["2008-12-31", "2008-07", "2008-Q3", "2008"])
            .into()
    }
}

impl utoipa::ToSchema for PreciseDate {}

/// Parses a plain ISO day ("2008-05-31"), the form every `--as-of` takes.
pub fn parse_day(text: &str) -> Result<NaiveDate, InvalidValue> {
    let date = PreciseDate::parse(text)?;
    if date.precision() != Precision::Day {
        return Err(InvalidValue::said(
            Said::new("reason-day").text("value", text),
        ));
    }
    Ok(date.earliest())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    #[test]
    fn precision_names_are_the_stored_ones() {
        for p in Precision::ALL {
            assert_eq!(Precision::parse(p.as_str()), Ok(p));
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
        assert_eq!(Precision::Quarter.as_str(), "quarter");
        assert_eq!(
            Precision::parse("week").unwrap_err().reason,
            "'week' is not a date precision (expected day, month, quarter or year)"
        );
    }

    #[test]
    fn each_precision_round_trips_through_its_text() {
        for text in ["2008-07-15", "2008-07", "2008-Q3", "2008"] {
            assert_eq!(PreciseDate::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn a_year_runs_from_first_to_last_day() {
        let year = PreciseDate::parse("2008").unwrap();
        assert_eq!(year.earliest(), d("2008-01-01"));
        assert_eq!(year.latest(), d("2008-12-31"));
    }

    #[test]
    fn a_month_ends_on_its_last_day_including_leap_february() {
        assert_eq!(
            PreciseDate::parse("2008-02").unwrap().latest(),
            d("2008-02-29")
        );
        assert_eq!(
            PreciseDate::parse("2009-02").unwrap().latest(),
            d("2009-02-28")
        );
        assert_eq!(
            PreciseDate::parse("2008-12").unwrap().latest(),
            d("2008-12-31")
        );
    }

    #[test]
    fn a_quarter_ends_on_the_last_day_of_its_third_month() {
        assert_eq!(
            PreciseDate::parse("2008-Q4").unwrap().latest(),
            d("2008-12-31")
        );
        assert_eq!(
            PreciseDate::parse("2008-Q1").unwrap().latest(),
            d("2008-03-31")
        );
    }

    #[test]
    fn impossible_calendar_days_are_rejected_with_the_reason() {
        let err = PreciseDate::parse("2008-02-30").unwrap_err();
        assert!(err.to_string().contains("no such day"), "{err}");
        for bad in [
            "2008-13",
            "2008-Q5",
            "08-01-01",
            "2008-1-1",
            "",
            "2008-01-01-01",
            "abcd",
            "2008-02-3x",
        ] {
            assert!(PreciseDate::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn stored_parts_must_start_their_period() {
        assert!(PreciseDate::from_parts(d("2008-03-01"), Precision::Year).is_err());
        assert!(PreciseDate::from_parts(d("2008-04-01"), Precision::Quarter).is_ok());
        assert!(PreciseDate::from_parts(d("2008-05-01"), Precision::Quarter).is_err());
    }

    #[test]
    fn as_of_dates_must_be_days() {
        assert!(parse_day("2008-05").is_err());
        assert_eq!(parse_day("2008-05-31").unwrap(), d("2008-05-31"));
    }
}
