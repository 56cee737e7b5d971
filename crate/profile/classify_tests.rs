//! The tests of `classify`, in a file of their own so `classify.rs` reads as the code it is.

use super::*;
use proptest::strategy::Strategy;
use Category::*;

fn cat(line: &str, under: Option<Category>) -> Category {
    classify(line, under).category
}

#[test]
fn heading_decides_plain_lines() {
    assert_eq!(
        cat(
            "Lives in Lisbon with her partner Jonas.",
            Some(PersonalInformation)
        ),
        PersonalInformation
    );
    assert_eq!(
        cat(
            "Migrating the billing pipeline to Flink before the Q1 freeze.",
            Some(ProjectsAndGoals)
        ),
        ProjectsAndGoals
    );
    assert_eq!(cat("Moved from Berlin in 2024.", None), OtherContext);
}

#[test]
fn instructions_and_corrections_win_over_headings() {
    assert_eq!(
        cat(
            "Prefers concise answers with the code first and no emoji.",
            Some(PersonalInformation)
        ),
        ResponseInstructions
    );
    assert_eq!(
        cat(
            "Asked Claude to stop suggesting pandas; she uses Polars instead.",
            Some(ProjectsAndGoals)
        ),
        BehavioralCorrections
    );
    assert_eq!(
        cat(
            "Writes Python and Rust daily and uses Neovim.",
            Some(ProjectsAndGoals)
        ),
        TechnicalPreferences
    );
    assert_eq!(
        cat(
            "Uses metric units and 24-hour time.",
            Some(PersonalInformation)
        ),
        ResponseInstructions
    );
}

#[test]
fn lines_without_a_heading_are_guessed() {
    assert_eq!(
        cat("I'm vegetarian and allergic to cashews.", None),
        PersonalInformation
    );
    assert_eq!(
        cat(
            "My daughter Ines is starting primary school in September 2027.",
            None
        ),
        PersonalInformation
    );
    assert_eq!(
        cat("I'm training for the Lisbon marathon in October.", None),
        ProjectsAndGoals
    );
    assert_eq!(
        cat(
            "I work as a product designer at a fintech startup in Porto.",
            None
        ),
        PersonalInformation
    );
    assert_eq!(
        cat("Always answer in British English.", None),
        ResponseInstructions
    );
    assert_eq!(
        cat(
            "Don't suggest Medium articles; link official documentation instead.",
            None
        ),
        BehavioralCorrections
    );
    assert_eq!(
        cat("Prefers Figma and Linear; uses a MacBook Air.", None),
        TechnicalPreferences
    );
    assert_eq!(cat("The sky was grey.", None), OtherContext);
    // A heading still decides over a guess.
    assert_eq!(
        cat("My partner is Jonas.", Some(OtherContext)),
        OtherContext
    );
}

#[test]
fn the_persons_own_edits_are_filed_too() {
    assert_eq!(
        cat("Don't bring up my previous job at Northwind Traders.", None),
        BehavioralCorrections
    );
    assert_eq!(
        cat("Call me Maya, not Ms. Costa.", None),
        PersonalInformation
    );
    assert_eq!(
        cat("I switched from Neovim to Helix in November 2026.", None),
        TechnicalPreferences
    );
    assert_eq!(
        cat("Stop suggesting weekend work plans.", None),
        BehavioralCorrections
    );
}

#[test]
fn explain_names_the_rule_and_what_matched() {
    assert_eq!(
        classify("Prefers concise answers.", None).explain(),
        "Response instructions: it says how answers should be — \
         matched \"prefers\", \"concise\", \"answers\"."
    );
    assert_eq!(
        classify("Lives in Lisbon.", Some(PersonalInformation)).explain(),
        "Personal information: the heading it stood under."
    );
    assert_eq!(
        classify("The sky was grey.", None).explain(),
        "Other context: no rule matched."
    );
    // A pattern is shown with the words it found, names as written.
    let v = classify("Stop suggesting pandas, I use Polars.", None);
    assert_eq!(v.category, BehavioralCorrections);
    assert_eq!(v.matched, ["stop suggesting"]);
    let v = classify("Does her taxes with TurboTax.", None);
    assert_eq!(v.category, TechnicalPreferences);
    assert_eq!(v.matched, ["TurboTax"]);
    assert_eq!(
        v.explain(),
        "Technical preferences: it names a tool, language or device — matched \"TurboTax\"."
    );
    // Said in the person's language; what matched is quoted as the line has it.
    crate::i18n::set_lang(crate::i18n::Lang::Fr);
    assert_eq!(
        classify("The sky was grey.", None).explain(),
        "Autre contexte : aucune règle ne correspondait."
    );
}

#[test]
fn other_languages_are_read_too() {
    assert_eq!(
        cat("Prefiere respuestas cortas y directas.", None),
        ResponseInstructions
    );
    assert_eq!(cat("Habite à Lyon.", None), PersonalInformation);
    assert_eq!(
        cat("Ich arbeite als Lehrerin in Freiburg.", None),
        PersonalInformation
    );
    assert_eq!(
        cat("Está preparando las oposiciones.", None),
        ProjectsAndGoals
    );
    assert_eq!(cat("Arrête de me tutoyer.", None), BehavioralCorrections);
    // Japanese runs words together: its words match inside the line.
    assert_eq!(cat("東京在住のエンジニアです。", None), PersonalInformation);
    assert_eq!(cat("敬語はやめてください。", None), BehavioralCorrections);
    assert_eq!(
        cat("エディタはVS Codeを使っています。", None),
        TechnicalPreferences
    );
}

#[test]
fn patterns_carry_what_word_lists_cannot() {
    // A later sentence can push back.
    assert_eq!(
        cat(
            "You suggested a peanut satay though I'm allergic. Don't do that again.",
            None
        ),
        BehavioralCorrections
    );
    // Something under way, whoever it involves.
    assert_eq!(
        cat("Is translating her father's letters from Yiddish.", None),
        ProjectsAndGoals
    );
    assert_eq!(
        cat("Working as a nurse in Leeds.", None),
        PersonalInformation
    );
    // A product the list does not know, after a verb of use.
    assert_eq!(
        cat("Uses Garmin Connect to track runs.", None),
        TechnicalPreferences
    );
    // An instruction after a leading condition.
    assert_eq!(
        cat("When I ask for a recipe, list the grams first.", None),
        ResponseInstructions
    );
    // Updated facts are facts, not corrections.
    assert_eq!(
        cat("No longer vegetarian; eats fish now.", None),
        PersonalInformation
    );
    assert_eq!(cat("No allergies.", None), PersonalInformation);
    assert_ne!(cat("Non-smoker.", None), BehavioralCorrections);
    assert_eq!(cat("Will submit it by 2027.", None), ProjectsAndGoals);
    // Found by tests/read_properties.rs: what follows "by " may be any text.
    assert_eq!(cat("by wééadutc éémé", None), OtherContext);
    // A tool choice stays technical even when it is about answers.
    assert_eq!(
        cat(
            "Give spreadsheet formulas for Google Sheets, not Excel.",
            None
        ),
        TechnicalPreferences
    );
}

#[test]
fn the_index_finds_what_a_search_of_the_line_finds() {
    let lists: [&Phrases; 22] = [
        &CORRECTION_OPENINGS,
        &ADDRESSING,
        &CORRECTION_PHRASES,
        &REQUEST_VERBS,
        &REQUESTED_STOP,
        &ASSISTANTS,
        &PUSHBACK,
        &ANSWER_MARKS,
        &ANSWER_WORDS,
        &SHAPE_WORDS,
        &WISH_WORDS,
        &IMPERATIVES,
        &ADDRESSED_WISHES,
        &TOOLS,
        &TECH_NOUNS,
        &USE_VERBS,
        &CHOICE_WORDS,
        &UNDER_WAY,
        &INTERESTS_AND_PAST,
        &PERSONAL,
        &IDENTITY_OPENINGS,
        &FIRST_PERSON,
    ];
    let fixture = include_str!("../../tests/fixtures/classify-labeled.tsv");
    let lines = fixture
        .lines()
        .filter_map(|l| l.split_once('\t').map(|(_, text)| text))
        .chain([
            "Don’t use c++ or C# — “tl;dr”, not essays.",
            "東京でVS Codeを使っています",
        ]);
    for text in lines {
        let line = Line::new(text);
        for list in lists {
            let searched: Vec<&str> = list
                .list()
                .iter()
                .copied()
                .filter(|p| has(&line.lower, p))
                .collect();
            assert_eq!(line.found(list), searched, "{text}");
        }
    }
}

#[test]
fn words_that_are_only_sometimes_instructions_leave_a_heading_alone() {
    let kept = [
        ("Start-up founder in Berlin.", PersonalInformation),
        ("End-of-life care nurse in Bristol.", PersonalInformation),
        (
            "Answers phones at a veterinary clinic.",
            PersonalInformation,
        ),
        (
            "Her tone with patients is calm and direct.",
            PersonalInformation,
        ),
        ("Quit smoking in 2019.", PersonalInformation),
        (
            "Nicht vegetarisch, isst aber wenig Fleisch.",
            PersonalInformation,
        ),
        ("No kids; two cats.", PersonalInformation),
        ("Reviewing responses to a staff survey.", ProjectsAndGoals),
        ("Keeps bees in Devon.", OtherContext),
    ];
    for (line, heading) in kept {
        assert_eq!(cat(line, Some(heading)), heading, "{line}");
    }
    // And without a heading they are not taken for instructions either.
    assert_eq!(cat("Keeps bees in Devon.", None), OtherContext);
    assert_eq!(cat("No allergies.", None), PersonalInformation);
    assert_eq!(
        cat("Quit apologising so much.", None),
        BehavioralCorrections
    );
}

proptest::proptest! {
    // Any text, with pieces that wake the patterns (slicing after "by ", sentence
    // starts, camel case, Japanese, letters whose lowercase is longer), is classified
    // without panicking, and a rule that decided says what it matched.
    #[test]
    fn any_text_is_classified_and_explained(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(vec![
                    "by ", "Stop ", "stop", "no ", ", not ", "Is ", "ing ", "Uses ",
                    "Prefers ", "answers", "When I ask, ", "は", "ないで", "é", "TurboTax",
                    ". Don't ", "’", "İ", "Está ", "ndo ", "Python", "in ", "user",
                ])
                .prop_map(String::from),
                "\\PC{0,6}",
            ],
            0..12,
        ),
        under in proptest::option::of(proptest::sample::select(Category::ALL.to_vec())),
    ) {
        let v = classify(&parts.concat(), under);
        proptest::prop_assert!(v.explain().starts_with(v.category.label()));
        let decided_by_a_rule =
            v.reason != "why_rule_heading" && v.reason != "why_rule_none";
        proptest::prop_assert_eq!(decided_by_a_rule, !v.matched.is_empty());
    }
}

#[test]
fn words_match_whole() {
    // "instruct" is not "stop"; "javascript" is not "java" at a boundary it shares.
    assert_eq!(
        cat("Runs a bus stopover café.", Some(PersonalInformation)),
        PersonalInformation
    );
    assert!(has("uses javascript", "javascript"));
    assert!(!has("uses javascript", "java"));
    assert!(has("c++ is fine", "c++"));
}

#[test]
fn phrases_written_as_one_string_are_the_list_they_stand_for() {
    let written = phrases!["I prefer", ", not", "東京"];
    assert_eq!(written.list(), ["I prefer", ", not", "東京"]);
    assert!(phrases![].list().is_empty());
}
