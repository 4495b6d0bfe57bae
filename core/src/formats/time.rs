//! RFC 3339 date-times in UTC, to and from milliseconds since the Unix epoch, by the `time` crate.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::annotation::Millis;

/// 9999-12-31T23:59:59.999Z: four-digit years are all RFC 3339 allows.
const MAX_MILLIS: Millis = 253_402_300_799_999;
const NANOS_PER_MILLI: i128 = 1_000_000;

/// `2024-12-08T10:30:00Z`, with a fraction of a second (`…00.25Z`) only when there is one. Times
/// past the year 9999 are written as its last millisecond.
pub(crate) fn format(ms: Millis) -> String {
    let nanos = i128::from(ms.min(MAX_MILLIS)) * NANOS_PER_MILLI;
    OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .and_then(|time| time.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// Reads an RFC 3339 date-time (`2024-12-08T10:30:00Z`, `…00.250+01:00`), to the millisecond, or
/// `None` if it is not one or lies before 1970.
pub(crate) fn parse(s: &str) -> Option<Millis> {
    let time = OffsetDateTime::parse(s, &Rfc3339).ok()?;
    Millis::try_from(time.unix_timestamp_nanos().div_euclid(NANOS_PER_MILLI)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(format(0), "1970-01-01T00:00:00Z");
        assert_eq!(format(1_733_652_000_250), "2024-12-08T10:00:00.25Z");
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
