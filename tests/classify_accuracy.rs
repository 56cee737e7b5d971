//! How often the classifier files a memory where a person would, on lines with no heading.
//!
//! `tests/fixtures/classify-labeled.tsv` holds realistic memory lines labeled by hand (its
//! header says how). Every line is classified with `under = None`, as a pasted answer or a
//! saved-info list is, and the test fails below 90% overall. It prints the accuracy per
//! category, a confusion table and every miss with its explanation; to see them when it
//! passes: `cargo test --test classify_accuracy -- --nocapture`.

use memport::category::Category;
use memport::classify::classify;

const FIXTURE: &str = include_str!("fixtures/classify-labeled.tsv");
const MIN_LINES: usize = 300;
const MIN_ACCURACY: f64 = 0.90;

/// The fixture's (line number, label, memory) rows; panics on a malformed row or a label
/// that is not one of the six, naming the line.
fn rows() -> Vec<(usize, Category, &'static str)> {
    FIXTURE
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| {
            let (label, text) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("fixture line {n} has no tab: {l:?}"));
            let category = Category::ALL
                .into_iter()
                .find(|c| c.label() == label)
                .unwrap_or_else(|| panic!("fixture line {n} has an unknown label {label:?}"));
            let text = text.trim();
            assert!(!text.is_empty(), "fixture line {n} has no memory text");
            (n, category, text)
        })
        .collect()
}

fn index(c: Category) -> usize {
    Category::ALL.iter().position(|&x| x == c).unwrap()
}

/// A short column name for the confusion table.
fn short(c: Category) -> &'static str {
    match c {
        Category::ResponseInstructions => "resp",
        Category::PersonalInformation => "pers",
        Category::ProjectsAndGoals => "proj",
        Category::TechnicalPreferences => "tech",
        Category::BehavioralCorrections => "corr",
        Category::OtherContext => "other",
    }
}

#[test]
fn classifier_files_at_least_90_percent_of_labeled_lines_where_a_person_would() {
    let rows = rows();
    assert!(
        rows.len() >= MIN_LINES,
        "the fixture has {} lines, fewer than {MIN_LINES}",
        rows.len()
    );

    // confusion[expected][got]
    let mut confusion = [[0usize; 6]; 6];
    let mut misses = Vec::new();
    for &(n, expected, text) in &rows {
        let verdict = classify(text, None);
        confusion[index(expected)][index(verdict.category)] += 1;
        if verdict.category != expected {
            misses.push((n, expected, text, verdict.explain()));
        }
    }

    let correct: usize = (0..6).map(|i| confusion[i][i]).sum();
    let accuracy = correct as f64 / rows.len() as f64;
    println!(
        "overall: {correct}/{} = {:.1}%",
        rows.len(),
        accuracy * 100.0
    );
    for c in Category::ALL {
        let i = index(c);
        let total: usize = confusion[i].iter().sum();
        println!(
            "  {:<24} {:>3}/{:<3} = {:5.1}%",
            c.label(),
            confusion[i][i],
            total,
            confusion[i][i] as f64 * 100.0 / total.max(1) as f64
        );
    }
    println!("\nconfusion (rows: label, columns: classified as):");
    print!("{:>8}", "");
    for c in Category::ALL {
        print!("{:>7}", short(c));
    }
    println!();
    for c in Category::ALL {
        print!("{:>8}", short(c));
        for n in confusion[index(c)] {
            print!("{n:>7}");
        }
        println!();
    }
    println!("\nmisclassified ({}):", misses.len());
    for (n, expected, text, why) in &misses {
        println!("  line {n}: [{}] {text}\n      -> {why}", expected.label());
    }

    assert!(
        accuracy >= MIN_ACCURACY,
        "accuracy {:.1}% is below {:.0}%",
        accuracy * 100.0,
        MIN_ACCURACY * 100.0
    );
}
