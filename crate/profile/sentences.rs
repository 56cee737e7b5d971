//! Where sentences end, so that a text too long for one of a target's entries can be split
//! between sentences and never inside one.
//!
//! A boundary is a run of sentence punctuation (`.`, `!`, `?`, `…`), with any closing quotes
//! or brackets after it, followed by white space and then something other than a lower-case
//! letter; or, in Chinese and Japanese text, a full-width stop (`。`, `！`, `？`), which needs
//! no space after it. A full stop is no boundary after a known abbreviation ("e.g.", "Dr."),
//! a single letter (an initial: "J. Smith") or a dotted word ("U.S."), nor inside a number
//! ("3.5"). When in doubt the text is not split: a sentence is never cut, and a missed
//! boundary only makes a piece longer.

/// Abbreviations that end in a full stop without ending a sentence, lower case, without
/// their final stop. Dotted ones ("e.g", "i.e", "z.B") are caught by their inner stop.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "mt", "vs", "cf", "approx", "ca",
    "dept", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mme", "mlle", "bzw", "usw", "vgl", "sra", "srta", "ud", "uds",
    "etw",
];

/// Abbreviations that stand before a number ("No. 5", "Fig. 3"), and only there: "She said
/// no. Then…" ends a sentence.
const BEFORE_NUMBERS: &[&str] = &["no", "nr", "fig", "vol", "p", "pp", "art"];

/// Punctuation that ends a sentence in Latin-script text (a space must follow).
fn ends(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Full-width punctuation that ends a sentence in Chinese and Japanese text (no space
/// follows).
fn ends_wide(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Quotes and brackets that close after a sentence's last punctuation.
fn closes(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '」' | '』' | '）' | '】' | '〉' | '》'
    )
}

/// Whether the word that ends at byte `end` of `text` (just before a single full stop) is an
/// abbreviation, an initial or a dotted word; `next` is the first character after the space.
fn abbreviated(text: &str, end: usize, next: Option<char>) -> bool {
    let word = text[..end]
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return false;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if word.contains('.') && letters > 0 {
        return true;
    }
    if letters == 1 && word.chars().count() == 1 {
        return true;
    }
    let word = word.to_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
        || (BEFORE_NUMBERS.contains(&word.as_str()) && next.is_some_and(|c| c.is_ascii_digit()))
}

/// The sentences of `text`, in order, each trimmed; together they hold every non-space
/// character of `text`.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let wide = ends_wide(c);
        if !wide && !ends(c) {
            continue;
        }
        // The whole run of punctuation and closing marks.
        let mut end = at + c.len_utf8();
        let mut run = 1;
        while let Some(&(i, n)) = chars.peek() {
            if ends(n) || ends_wide(n) {
                run += 1;
            } else if !closes(n) {
                break;
            }
            end = i + n.len_utf8();
            chars.next();
        }
        let rest = &text[end..];
        let boundary = if wide {
            true
        } else {
            let next = rest.trim_start();
            let spaced = next.len() < rest.len();
            let first = next.chars().next();
            let lower = first.is_some_and(char::is_lowercase);
            (spaced || next.is_empty())
                && !lower
                && !(c == '.' && run == 1 && abbreviated(text, at, first))
        };
        if boundary {
            let sentence = text[start..end].trim();
            if !sentence.is_empty() {
                out.push(sentence);
            }
            start = end;
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

/// `text` in pieces of whole sentences, each at most `max` characters, as few as packing
/// sentences in order allows; the text itself when it fits. `None` when one sentence alone is
/// longer than `max`: such a text cannot be split without cutting a sentence.
pub fn pack(text: &str, max: usize) -> Option<Vec<&str>> {
    let text = text.trim();
    if text.chars().count() <= max {
        return Some(vec![text]);
    }
    let spans = sentences(text);
    let mut out = Vec::new();
    // Byte offsets of the piece being built, in `text`.
    let mut piece: Option<(usize, usize)> = None;
    for s in spans {
        let from = s.as_ptr() as usize - text.as_ptr() as usize;
        let to = from + s.len();
        if s.chars().count() > max {
            return None;
        }
        piece = match piece {
            Some((a, _)) if text[a..to].chars().count() <= max => Some((a, to)),
            Some((a, b)) => {
                out.push(&text[a..b]);
                Some((from, to))
            }
            None => Some((from, to)),
        };
    }
    if let Some((a, b)) = piece {
        out.push(&text[a..b]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_at_full_stops_question_and_exclamation_marks() {
        assert_eq!(
            sentences("Lives in Porto. Works at a bank! Why? Because."),
            ["Lives in Porto.", "Works at a bank!", "Why?", "Because."]
        );
        assert_eq!(
            sentences("She said \"stop.\" Then left… Later (much later.) Home"),
            [
                "She said \"stop.\"",
                "Then left…",
                "Later (much later.)",
                "Home"
            ]
        );
        assert_eq!(sentences("Really?! Yes..."), ["Really?!", "Yes..."]);
        assert_eq!(sentences("  "), Vec::<&str>::new());
        assert_eq!(sentences("No stop at the end"), ["No stop at the end"]);
    }

    #[test]
    fn abbreviations_decimals_and_initials_do_not_end_a_sentence() {
        assert_eq!(
            sentences("Uses tools, e.g. Python and Rust. Runs i.e. daily."),
            ["Uses tools, e.g. Python and Rust.", "Runs i.e. daily."]
        );
        assert_eq!(
            sentences("Upgraded to Python 3.5 last year. Version 2.0.1 next."),
            ["Upgraded to Python 3.5 last year.", "Version 2.0.1 next."]
        );
        assert_eq!(
            sentences("Sees Dr. Silva weekly. Reads J. R. R. Tolkien. Moved to the U.S. In May."),
            [
                "Sees Dr. Silva weekly.",
                "Reads J. R. R. Tolkien.",
                "Moved to the U.S. In May."
            ]
        );
        // "No." before a number is an abbreviation; elsewhere it is a word.
        assert_eq!(
            sentences("Lives at No. 5 Rua Augusta. She said no. Then she left."),
            [
                "Lives at No. 5 Rua Augusta.",
                "She said no.",
                "Then she left."
            ]
        );
        // A lower-case word after a stop carries the same sentence on.
        assert_eq!(
            sentences("Costs approx. ten euros. ok."),
            ["Costs approx. ten euros. ok."]
        );
    }

    #[test]
    fn chinese_and_japanese_stops_need_no_space() {
        assert_eq!(
            sentences("東京に住んでいます。猫が好きです！本当？はい。"),
            ["東京に住んでいます。", "猫が好きです！", "本当？", "はい。"]
        );
        assert_eq!(
            sentences("「こんにちは。」と言った。Then English. Ünïcödé here."),
            [
                "「こんにちは。」",
                "と言った。",
                "Then English.",
                "Ünïcödé here."
            ]
        );
    }

    #[test]
    fn packs_whole_sentences_up_to_the_limit() {
        let text = "One two. Three four. Five six.";
        assert_eq!(pack(text, 100).unwrap(), [text]);
        assert_eq!(
            pack(text, 20).unwrap(),
            ["One two. Three four.", "Five six."]
        );
        assert_eq!(
            pack(text, 12).unwrap(),
            ["One two.", "Three four.", "Five six."]
        );
        // Characters, not bytes: each CJK sentence is 5 characters (15 bytes).
        let ja = "猫が好き。犬も好き。鳥は嫌い。";
        assert_eq!(
            pack(ja, 10).unwrap(),
            ["猫が好き。犬も好き。", "鳥は嫌い。"]
        );
        // A sentence longer than the limit cannot be split.
        assert_eq!(pack("Short. A much longer sentence here.", 12), None);
    }

    #[test]
    fn packing_loses_nothing_and_keeps_every_piece_within_the_limit() {
        // Generated cases from a fixed seed: every piece fits, and the pieces joined are the
        // text (but for the spaces between them).
        let words = [
            "Lives",
            "in",
            "Porto",
            "e.g.",
            "3.5",
            "Dr.",
            "東京。",
            "ok",
            "Yes!",
        ];
        let mut seed: u64 = 0x5eed_1234;
        for _ in 0..500 {
            let mut text = String::new();
            for _ in 0..(seed % 60 + 1) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let w = words[(seed >> 33) as usize % words.len()];
                text.push_str(w);
                text.push(if seed % 7 == 0 { '.' } else { ' ' });
                if seed % 5 == 0 {
                    text.push(' ');
                }
            }
            let max = 20 + (seed % 40) as usize;
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            match pack(&text, max) {
                Some(pieces) => {
                    assert!(
                        pieces.iter().all(|p| p.chars().count() <= max),
                        "{pieces:?}"
                    );
                    assert_eq!(squeeze(&pieces.concat()), squeeze(&text));
                }
                None => assert!(sentences(&text).iter().any(|s| s.chars().count() > max)),
            }
        }
    }
}
