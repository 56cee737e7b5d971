//! How many secrets memport flags, and how many look-alikes it flags by mistake.
//!
//! `tests/fixtures/sensitive-labeled.tsv` holds memory lines labeled by hand (its header says
//! how): secrets of every kind memport looks for, and look-alikes (commit hashes, UUIDs,
//! order and phone numbers, dates, versions, placeholders, "sk-" inside words). The test fails
//! when fewer than 98% of the secrets are flagged or more than 2% of the look-alikes are, and
//! prints both figures and every miss (`./dev test` shows them).

use memport::sensitive::scan;

const FIXTURE: &str = include_str!("fixtures/sensitive-labeled.tsv");
const MIN_LINES: usize = 200;
const MIN_RECALL: f64 = 0.98;
const MAX_FALSE_FLAGS: f64 = 0.02;

/// The fixture's (line number, label, text) rows; panics on a malformed row, naming the line.
fn rows() -> Vec<(usize, &'static str, &'static str)> {
    FIXTURE
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| {
            let (label, text) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("fixture line {n} has no tab: {l:?}"));
            assert!(
                label.starts_with("secret:") || label == "lookalike" || label == "plain",
                "fixture line {n} has an unknown label {label:?}"
            );
            (n, label, text.trim())
        })
        .collect()
}

#[test]
fn flags_98_percent_of_secrets_and_at_most_2_percent_of_look_alikes() {
    let rows = rows();
    assert!(
        rows.len() >= MIN_LINES,
        "{} lines, fewer than {MIN_LINES}",
        rows.len()
    );
    let (mut secrets, mut caught, mut lookalikes, mut false_flags) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for (n, label, text) in &rows {
        let found = scan(text);
        if label.starts_with("secret:") {
            secrets += 1;
            if found.is_empty() {
                misses.push(format!("  line {n} missed ({label}): {text}"));
            } else {
                caught += 1;
            }
        } else if !found.is_empty() {
            let what: Vec<String> = found.into_iter().map(|f| f.what).collect();
            misses.push(format!(
                "  line {n} flagged ({label}: {}): {text}",
                what.join(", ")
            ));
            if *label == "lookalike" {
                false_flags += 1;
            }
        }
        if *label == "lookalike" {
            lookalikes += 1;
        }
    }
    let plain_flagged = misses.iter().filter(|m| m.contains("(plain")).count();
    let recall = caught as f64 / secrets as f64;
    let false_rate = false_flags as f64 / lookalikes as f64;
    println!(
        "sensitive items: {:.1}% of secrets flagged ({caught} of {secrets}), {:.1}% of \
         look-alikes flagged ({false_flags} of {lookalikes}), {plain_flagged} plain lines flagged",
        recall * 100.0,
        false_rate * 100.0,
    );
    for m in &misses {
        println!("{m}");
    }
    assert!(
        secrets >= 60 && lookalikes >= 100,
        "{secrets} secrets, {lookalikes} look-alikes"
    );
    assert!(
        recall >= MIN_RECALL,
        "only {:.1}% of secrets flagged",
        recall * 100.0
    );
    assert!(
        false_rate <= MAX_FALSE_FLAGS,
        "{:.1}% of look-alikes flagged",
        false_rate * 100.0
    );
    assert_eq!(plain_flagged, 0, "plain lines flagged");
}
