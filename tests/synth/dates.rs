//! Dates as the exports write them: UTC days, RFC 3339, epoch floats, DOS fields, all
//! computed here so no clock or time zone enters a file.

use std::fmt::Write as _;

/// 2025-06-01T00:00:00Z: the newest moment of every export.
pub(crate) const T_END: f64 = 1_748_736_000.0;
/// The span the conversations cover.
pub(crate) const SPAN: f64 = 800.0 * 86_400.0;

pub(crate) fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The UTC day of epoch seconds `t`.
pub fn day(t: f64) -> String {
    let (y, m, d) = civil((t.floor() as i64).div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// RFC 3339 with `frac` digits of seconds (0, 3 or 6).
pub(crate) fn rfc3339(t: f64, frac: usize) -> String {
    let secs = t.floor() as i64;
    let (y, mo, d) = civil(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    let mut out = format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}",
        s / 3600,
        s / 60 % 60,
        s % 60
    );
    let micros = ((t - secs as f64) * 1e6).round().clamp(0.0, 999_999.0) as u64;
    match frac {
        3 => {
            let _ = write!(out, ".{:03}", micros / 1000);
        }
        6 => {
            let _ = write!(out, ".{micros:06}");
        }
        _ => {}
    }
    out.push('Z');
    out
}

/// The DOS date and time fields of `t`.
pub(crate) fn dos_time(t: f64) -> (u16, u16) {
    let secs = t.floor() as i64;
    let (y, m, d) = civil(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    let time = (((s / 3600) << 11) | ((s / 60 % 60) << 5) | ((s % 60) / 2)) as u16;
    let date = (((y - 1980).max(0) << 9) | ((m as i64) << 5) | d as i64) as u16;
    (time, date)
}

/// A float epoch time as the exports write it: seconds with microseconds.
pub(crate) fn epoch(t: f64) -> String {
    let v = (t * 1e6).round() / 1e6;
    let s = format!("{v}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}
