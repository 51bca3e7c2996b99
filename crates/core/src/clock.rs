//! Where "now" comes from.
//!
//! Nothing in Phatsadu reads the system time except [`SystemClock`]. Every rule that
//! depends on the date (lockouts, overdue loans, fiscal-year ends) asks a [`Clock`], so
//! tests can pin the date with [`FixedClock`] and move it forward by hand.

use std::sync::Mutex;

use chrono::{
    DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, Offset, SecondsFormat, TimeZone, Utc,
};

/// Thailand's civil time: UTC+7 all year (no daylight saving).
pub fn thai_offset() -> FixedOffset {
    // 7 hours east of UTC is always a valid offset.
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| Utc.fix())
}

/// An instant as the register stores it: UTC, RFC 3339, milliseconds, e.g.
/// `2026-11-25T02:03:04.120Z`. One format everywhere keeps text comparison in order.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current instant in UTC.
    fn now(&self) -> DateTime<Utc>;

    /// The current date and time on the office wall clock (Thai time).
    fn now_local(&self) -> NaiveDateTime {
        self.now().with_timezone(&thai_offset()).naive_local()
    }

    /// Today's date in Thailand. Date rules (due dates, fiscal years) use this.
    fn today(&self) -> NaiveDate {
        self.now_local().date()
    }
}

/// The real clock of the computer.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that shows a fixed time until a test moves it.
#[derive(Debug)]
pub struct FixedClock {
    now: Mutex<DateTime<Utc>>,
}

impl FixedClock {
    /// A clock stopped at `now`.
    pub fn new(now: DateTime<Utc>) -> Self {
        Self {
            now: Mutex::new(now),
        }
    }

    /// A clock stopped at the given Thai wall-clock time.
    pub fn at_local(local: NaiveDateTime) -> Self {
        let utc = local - Duration::hours(7);
        Self::new(Utc.from_utc_datetime(&utc))
    }

    /// A clock stopped at 09:00 Thai time on `date`, a typical office moment.
    pub fn on_date(date: NaiveDate) -> Self {
        Self::at_local(date.and_hms_opt(9, 0, 0).unwrap_or_default())
    }

    /// Moves the clock forward (or backward, with a negative duration).
    pub fn advance(&self, by: Duration) {
        let mut now = self
            .now
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *now += by;
    }

    /// Sets the clock to a new instant.
    pub fn set(&self, to: DateTime<Utc>) {
        let mut now = self
            .now
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *now = to;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self
            .now
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_date_rolls_over_at_midnight_bangkok_not_utc() {
        // 17:30 UTC on 30 Sep is 00:30 on 1 Oct in Thailand: a new fiscal year there.
        let clock = FixedClock::new(Utc.with_ymd_and_hms(2024, 9, 30, 17, 30, 0).unwrap());
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2024, 10, 1).unwrap());
        clock.advance(Duration::hours(-1));
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2024, 9, 30).unwrap());
    }

    #[test]
    fn on_date_is_nine_in_the_morning_local() {
        let date = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap();
        let clock = FixedClock::on_date(date);
        assert_eq!(clock.today(), date);
        assert_eq!(clock.now_local().format("%H:%M").to_string(), "09:00");
        assert_eq!(clock.now().format("%H:%M").to_string(), "02:00");
    }
}

/// The computer's clock moved to another day, keeping the time of day running: an
/// end-to-end test uses it to open the app "ten days later" and see a loan overdue.
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock {
    offset: Duration,
}

impl ShiftedClock {
    /// A clock on which today (in Thailand) is `date`.
    pub fn to_date(date: NaiveDate) -> Self {
        Self {
            offset: Duration::days((date - SystemClock.today()).num_days()),
        }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }
}
