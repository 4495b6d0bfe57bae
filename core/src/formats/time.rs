//! ISO 8601 / RFC 3339 date-times in UTC, to and from milliseconds since the Unix epoch. Written
//! out here because the core needs only this much of a calendar (no time zone database).

use crate::annotation::Millis;

const MS_PER_DAY: i64 = 86_400_000;
/// 9999-12-31T23:59:59.999Z: four-digit years are all RFC 3339 allows.
const MAX_MILLIS: Millis = 253_402_300_799_999;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2024-12-08T10:30:00Z`, with milliseconds (`…00.250Z`) only when there are some. Times past
/// the year 9999 are written as its last millisecond.
pub(crate) fn format(ms: Millis) -> String {
    let ms = i64::try_from(ms.min(MAX_MILLIS)).unwrap_or_default();
    let (year, month, day) = civil_from_days(ms.div_euclid(MS_PER_DAY));
    let in_day = ms.rem_euclid(MS_PER_DAY);
    let (hour, minute) = (in_day / 3_600_000, in_day / 60_000 % 60);
    let (second, milli) = (in_day / 1000 % 60, in_day % 1000);
    let fraction = if milli == 0 {
        String::new()
    } else {
        format!(".{milli:03}")
    };
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}Z")
}

/// Reads an RFC 3339 date-time (`2024-12-08T10:30:00Z`, `…00.250+01:00`), or `None` if it is not
/// one or lies before 1970 or after 9999.
pub(crate) fn parse(s: &str) -> Option<Millis> {
    let mut cursor = Cursor(s.as_bytes());
    let year = cursor.number(4)?;
    cursor.accept(b"-")?;
    let month = cursor.number(2)?;
    cursor.accept(b"-")?;
    let day = cursor.number(2)?;
    cursor.accept(b"Tt ")?;
    let hour = cursor.number(2)?;
    cursor.accept(b":")?;
    let minute = cursor.number(2)?;
    cursor.accept(b":")?;
    // A leap second is counted as the last second of its minute.
    let second = cursor.number(2)?.min(59);
    let mut milli = 0;
    if cursor.accept(b".").is_some() {
        let digits = cursor.digits();
        if digits.is_empty() {
            return None;
        }
        for (place, digit) in [100, 10, 1].into_iter().zip(digits) {
            milli += place * i64::from(digit - b'0');
        }
    }
    let offset_minutes = match cursor.take()? {
        b'Z' | b'z' => 0,
        sign @ (b'+' | b'-') => {
            let hours = cursor.number(2)?;
            cursor.accept(b":")?;
            let minutes = cursor.number(2)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 60 + minutes;
            if sign == b'+' { offset } else { -offset }
        }
        _ => return None,
    };
    let valid = cursor.0.is_empty()
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour <= 23
        && minute <= 59;
    if !valid {
        return None;
    }
    let ms = days_from_civil(year, month, day) * MS_PER_DAY
        + ((hour * 60 + minute - offset_minutes) * 60 + second) * 1000
        + milli;
    Millis::try_from(ms).ok().filter(|&ms| ms <= MAX_MILLIS)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    days_from_civil(next_year, next_month, 1) - days_from_civil(year, month, 1)
}

struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn take(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    /// Consumes one byte if it is one of `allowed`.
    fn accept(&mut self, allowed: &[u8]) -> Option<()> {
        let (first, rest) = self.0.split_first()?;
        allowed.contains(first).then(|| self.0 = rest)
    }

    /// Exactly `width` decimal digits.
    fn number(&mut self, width: usize) -> Option<i64> {
        let (digits, rest) = self.0.split_at_checked(width)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.0 = rest;
        Some(digits.iter().fold(0, |n, &d| n * 10 + i64::from(d - b'0')))
    }

    /// A run of decimal digits, perhaps empty.
    fn digits(&mut self) -> &[u8] {
        let len = self.0.iter().take_while(|d| d.is_ascii_digit()).count();
        let (digits, rest) = self.0.split_at(len);
        self.0 = rest;
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(format(0), "1970-01-01T00:00:00Z");
        assert_eq!(format(1_733_652_000_250), "2024-12-08T10:00:00.250Z");
        assert_eq!(format(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(format(MAX_MILLIS), "9999-12-31T23:59:59.999Z");
        assert_eq!(format(u64::MAX), "9999-12-31T23:59:59.999Z");
        assert_eq!(parse("2024-12-08T10:00:00.250Z"), Some(1_733_652_000_250));
        assert_eq!(
            parse("2024-12-08T11:00:00.25+01:00"),
            Some(1_733_652_000_250)
        );
        assert_eq!(parse("2024-12-08t10:00:00.2509z"), Some(1_733_652_000_250));
        assert_eq!(parse("2000-02-29T00:00:00Z"), Some(951_782_400_000));
    }

    #[test]
    fn every_day_round_trips() {
        for day in (0..2_932_896).step_by(997) {
            let ms = day * 86_400_000 + 45_296_789;
            assert_eq!(parse(&format(ms)), Some(ms), "{}", format(ms));
        }
    }

    #[test]
    fn malformed_dates_are_refused() {
        for bad in [
            "",
            "2024-12-08",
            "2024-12-08T10:00:00",
            "2024-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-12-08T24:00:00Z",
            "2024-12-08T10:00:00.Z",
            "1969-12-31T23:59:59Z",
            "2024-12-08T10:00:00Zjunk",
            "2024-12-08T10:00:00+1:00",
            "２０２４-12-08T10:00:00Z",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
