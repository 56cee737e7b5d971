//! Line-level text helpers every reader and writer of memory text shares: the form two
//! texts share when they say the same thing, list markers, dated lines, labels.
//!
//! A leaf: it imports nothing from the crate, so the modules that decide item ids
//! (`dedupe`), read pasted text (`text_import`) and write it (`render`, `formats`) can all
//! use it without importing each other.

/// The form two texts share when they say the same thing: case, spacing, bullets and final
/// punctuation do not count.
pub fn normalize(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let joined = words.join(" ");
    let trimmed = joined.trim_start_matches(['-', '*', '•', '·', '–', ' ']);
    trimmed
        .trim_end_matches(['.', '!', ';', ',', ':', '。', ' '])
        .to_string()
}

/// The text after a list marker (`- `, `* `, `• `, `1. `, `2) `), or `None`.
pub fn after_marker(line: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ ", "• ", "· ", "– ", "— "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest);
        }
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=4).contains(&digits) {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(rest);
        }
    }
    None
}

/// `[date] - text` or `2024-03-05 - text`: the date (as written) and the text.
pub fn dated(text: &str) -> Option<(&str, &str)> {
    let dash = |rest: &str| -> Option<usize> {
        let trimmed = rest.trim_start();
        let lead = rest.len() - trimmed.len();
        ["- ", "– ", "— ", ": "]
            .iter()
            .find(|d| trimmed.starts_with(**d))
            .map(|d| lead + d.len())
    };
    if let Some(inner) = text.strip_prefix('[') {
        let close = inner.find(']')?;
        let (date, rest) = (&inner[..close], &inner[close + 1..]);
        let skip = dash(rest)?;
        return Some((date.trim(), rest[skip..].trim_start()));
    }
    let b = text.as_bytes();
    let iso = b.len() > 10
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if iso {
        let skip = dash(&text[10..])?;
        return Some((&text[..10], text[10 + skip..].trim_start()));
    }
    None
}

/// `line` as an entry in memport's own text files (downloads and targets' import texts): a memory that itself starts like a
/// date (`[2024-03-05] - …`) gets an empty date in front, so reading it back keeps it whole.
pub fn escape_entry(line: &str) -> String {
    if dated(line).is_some() {
        format!("[] - {line}")
    } else {
        line.to_string()
    }
}

/// Whether a bare line reads as a label ("Instructions:", "**Work context**").
pub fn is_label(line: &str) -> bool {
    let t = line.trim();
    let bold = (t.starts_with("**") && t.ends_with("**") && t.len() > 4)
        || (t.starts_with("__") && t.ends_with("__") && t.len() > 4);
    let colon = t.ends_with(':') && t.len() > 1;
    (bold || colon) && t.chars().count() <= 60 && t.split_whitespace().count() <= 7
}
