//! Which category a line of memory belongs to, by rules a person can follow.
//!
//! The heading a line stood under is the first guide (the site file maps headings to
//! categories). A few lines say something the next assistant most needs to obey, and those
//! go where they belong whatever their heading: a line that pushes back on the assistant, one
//! that says how answers should be, one that names the tools the person uses. Lines with no
//! heading to go by (a saved-info list, a pasted answer, a selection) are guessed by further
//! rules, and what none of them claims is kept as other context.
//!
//! Why rules and not a model: the popup shows, on hover, which words and patterns decided
//! ([`Verdict::explain`]), so a person can see why an item landed where it did and move it
//! if the rule was wrong. Every rule is a few lists of words or a small pattern, tried in a
//! fixed order ([`classify`]); the first that matches decides. Words match whole (`"stop"` is
//! not `"stopover"`), except in scripts written without spaces (Japanese, Chinese), where
//! they match anywhere.
//!
//! The lists hold the ways people and assistants actually phrase memory ("Prefers…", "Is a
//! nurse in…", "Asked not to…", instructions addressed to the assistant), in English and, for
//! the commonest phrasings, in French, Spanish, German, Portuguese, Italian, Dutch and
//! Japanese. Patterns carry what no list can: a line that opens with an instruction ("Use…",
//! "When I ask for a recipe, list…"), one that opens with something under way ("Is
//! translating…", "Está preparando…"), a product name after "uses" or written in camel case
//! ("TurboTax"). `tests/classify_accuracy.rs` measures the rules on a hand-labeled set of
//! realistic lines.

use crate::i18n;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::category::Category;

/// A category, the rule that chose it, and the words and patterns that made the rule match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub category: Category,
    /// The rule, as the message id of a few words for people (`why_rule_answers`: "it says
    /// how answers should be").
    pub reason: &'static str,
    /// What made that rule match, in the order it looked: words and phrases as the line has
    /// them (lowercased, "prefers", "stop suggesting"), names as written ("TurboTax"), and
    /// patterns with "…" for the words between ("wants … to", "is …, not …", "translating …").
    /// Empty when the heading decided or nothing matched.
    pub matched: Vec<String>,
}

impl Verdict {
    /// One short sentence for people: the category, why, and what matched, e.g.
    /// `Response instructions: it says how answers should be — matched "prefers", "answers".`
    /// In the thread's language; what matched is quoted as the line has it.
    pub fn explain(&self) -> String {
        let category = i18n::category(self.category);
        let why = i18n::t(self.reason, &[]);
        if self.matched.is_empty() {
            return i18n::t("why_explained", &[&category, &why]);
        }
        let quoted: Vec<String> = self.matched.iter().map(|m| format!("\"{m}\"")).collect();
        i18n::t(
            "why_explained_matched",
            &[&category, &why, &quoted.join(", ")],
        )
    }
}

/// A rule: when `find` returns what matched (never empty), the line goes to `category`.
struct Rule {
    category: Category,
    reason: &'static str,
    find: fn(&Line) -> Option<Vec<String>>,
}

/// Rules that decide whatever heading the line stood under, in the order they are tried.
/// A correction first: it often names a tool or the shape of answers too ("Stop suggesting
/// pandas"), and what matters is that it pushes back. Then a choice of one tool over
/// another, even about answers ("formulas for Google Sheets, not Excel"). Then how answers
/// should be, then tools the person uses.
const OVERRIDING: &[Rule] = &[
    Rule {
        category: Category::BehavioralCorrections,
        reason: "why_rule_pushes_back",
        find: correction,
    },
    Rule {
        category: Category::TechnicalPreferences,
        reason: "why_rule_picks_tool",
        find: tool_choice,
    },
    Rule {
        category: Category::ResponseInstructions,
        reason: "why_rule_answers",
        find: response_instruction,
    },
    Rule {
        category: Category::TechnicalPreferences,
        reason: "why_rule_uses_tool",
        find: tool_in_use,
    },
];

/// Guesses for lines no heading placed, in the order they are tried. Something under way
/// comes first, because a plan often mentions family or tools ("Planning a family trip",
/// "Is writing a Rust CLI"). An interest or a past event comes before facts about the
/// person, because pastimes are often shared ("Likes to cook for the whole family"). A bare
/// tool name comes after facts about the person ("Works as a Python developer" is about who
/// they are), and the weakest signs of a fact about the person ("Is a…", "I'm…") last.
const GUESSES: &[Rule] = &[
    Rule {
        category: Category::ProjectsAndGoals,
        reason: "why_rule_under_way",
        find: project,
    },
    Rule {
        category: Category::OtherContext,
        reason: "why_rule_interest",
        find: interest_or_past,
    },
    Rule {
        category: Category::PersonalInformation,
        reason: "why_rule_who",
        find: personal,
    },
    Rule {
        category: Category::TechnicalPreferences,
        reason: "why_rule_names_tool",
        find: tool_named,
    },
    Rule {
        category: Category::PersonalInformation,
        reason: "why_rule_what",
        find: identity,
    },
];

/// The category of `line`, which stood under a heading of category `under` (if any).
pub fn classify(line: &str, under: Option<Category>) -> Verdict {
    let line = Line::new(line);
    let decide = |rule: &Rule| {
        (rule.find)(&line).map(|found| {
            // Each thing once, where it was first found ("Answer…" opens the line and is a
            // word about answers).
            let mut matched: Vec<String> = Vec::with_capacity(found.len());
            for f in found {
                if !matched.contains(&f) {
                    matched.push(f);
                }
            }
            Verdict {
                category: rule.category,
                reason: rule.reason,
                matched,
            }
        })
    };
    if let Some(verdict) = OVERRIDING.iter().find_map(decide) {
        return verdict;
    }
    if let Some(category) = under {
        return Verdict {
            category,
            reason: "why_rule_heading",
            matched: Vec::new(),
        };
    }
    GUESSES.iter().find_map(decide).unwrap_or(Verdict {
        category: Category::OtherContext,
        reason: "why_rule_none",
        matched: Vec::new(),
    })
}

// ---------------------------------------------------------------------------------------
// The line as the rules see it.

/// A line as written and lowercased (curly apostrophes made straight), and where an
/// instruction to the assistant would start: the beginning past "please", and the words
/// after a leading "When I ask…," or "For translations," clause.
struct Line<'a> {
    text: &'a str,
    lower: String,
    /// Where each word of `lower` starts, and the word: runs of letters and digits of scripts
    /// written with spaces, where a phrase of a list can begin.
    word_starts: Vec<(usize, usize)>,
    /// Where the line starts, past punctuation and "please".
    start: usize,
    /// Where the words after a leading "when/if/for …," clause start, if there is one.
    after_clause: Option<usize>,
}

/// Words of politeness before an instruction.
#[rustfmt::skip]
const PLEASE: &[&str] = &[
    "please", "pls", "bitte", "por favor", "s'il te plaît", "s'il vous plaît", "per favore",
    "alsjeblieft", "graag",
];

/// Words that open a condition before an instruction ("When I ask for a recipe, list…").
#[rustfmt::skip]
const CLAUSE_OPENERS: &[&str] = &[
    "when", "whenever", "if", "for", "cuando", "si", "quand", "lorsque", "pour", "wenn", "bei",
    "für", "quando", "se", "para", "als", "voor",
];

impl<'a> Line<'a> {
    fn new(text: &'a str) -> Line<'a> {
        let lower = text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
        let past_please = |mut i: usize| {
            i = skip_non_words(&lower, i);
            while let Some(p) = PLEASE.iter().find(|p| starts_with_phrase(&lower[i..], p)) {
                i = skip_non_words(&lower, i + p.len());
            }
            i
        };
        let start = past_please(0);
        let after_clause = CLAUSE_OPENERS
            .iter()
            .any(|w| starts_with_phrase(&lower[start..], w))
            .then(|| lower[start..].find(',').map(|i| past_please(start + i + 1)))
            .flatten();
        let word_starts = word_spans(&lower);
        Line {
            text,
            lower,
            word_starts,
            start,
            after_clause,
        }
    }

    fn has(&self, phrase: &str) -> bool {
        has(&self.lower, phrase)
    }

    /// The phrases of `list` the line holds, in list order. Only the phrases that begin
    /// with one of the line's words are tried (see `Phrases`), so a line is read once per
    /// word rather than once per phrase.
    fn found(&self, list: &Phrases) -> Vec<&'static str> {
        let index = list.index();
        let mut hits: Vec<usize> = Vec::new();
        for &(from, to) in &self.word_starts {
            let Some(candidates) = index.by_first_word.get(&self.lower[from..to]) else {
                continue;
            };
            for &i in candidates {
                if starts_with_phrase(&self.lower[from..], list.list()[i]) {
                    hits.push(i);
                }
            }
        }
        if !self.lower.is_ascii() || index.anywhere_ascii {
            hits.extend(index.anywhere.iter().filter(|&&i| self.has(list.list()[i])));
        }
        hits.sort_unstable();
        hits.dedup();
        hits.into_iter().map(|i| list.list()[i]).collect()
    }

    /// The phrase of `list` the line opens with (past "please"), if any.
    fn opens_with(&self, list: &Phrases) -> Option<&'static str> {
        let rest = &self.lower[self.start..];
        list.list()
            .iter()
            .copied()
            .find(|p| starts_with_phrase(rest, p))
    }

    /// The verb of `list` that opens the line or the words after a leading clause, as a
    /// word of its own: "Start with the answer", not "Start-up founder".
    fn instruction_opens_with(&self, list: &Phrases) -> Option<&'static str> {
        let verb_at = |rest: &str| {
            list.list().iter().copied().find(|p| {
                rest.starts_with(p)
                    && rest[p.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| c.is_whitespace() || c == ',')
            })
        };
        verb_at(&self.lower[self.start..]).or_else(|| verb_at(&self.lower[self.after_clause?..]))
    }

    /// The text of every sentence after the first, past "please".
    fn later_sentences(&self) -> impl Iterator<Item = &str> {
        self.lower
            .match_indices(['.', '!', '?', ';'])
            .map(|(i, _)| i + 1)
            .filter(|&i| i < self.lower.len())
            .map(|i| {
                let mut i = skip_non_words(&self.lower, i);
                while let Some(p) = PLEASE
                    .iter()
                    .find(|p| starts_with_phrase(&self.lower[i..], p))
                {
                    i = skip_non_words(&self.lower, i + p.len());
                }
                &self.lower[i..]
            })
    }

    /// The line's lowercased words, split at anything that is not a letter, digit or
    /// apostrophe.
    fn words(&self) -> Vec<&str> {
        split_words(&self.lower)
    }

    /// The line's words as written.
    fn written_words(&self) -> Vec<&'a str> {
        split_words(self.text)
    }
}

/// The byte spans of the words in `s`: runs of `is_word_char`.
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut from = None;
    for (i, c) in s.char_indices() {
        match (is_word_char(c), from) {
            (true, None) => from = Some(i),
            (false, Some(f)) => {
                spans.push((f, i));
                from = None;
            }
            _ => {}
        }
    }
    if let Some(f) = from {
        spans.push((f, s.len()));
    }
    spans
}

/// The first word of a phrase, as `word_spans` would cut it ("don't" → "don").
fn first_word(phrase: &str) -> &str {
    let end = phrase
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(phrase.len(), |(i, _)| i);
    &phrase[..end]
}

/// A list of phrases, and an index of it made on first use: which phrases begin with a
/// given word. The lists hold over a thousand phrases and a line a dozen words, so looking
/// up the line's words is much quicker than searching the line for every phrase. Phrases
/// that do not begin with a word (Japanese, ", not") are searched for as before.
///
/// The phrases are written as one string, each ended by a line break ([`phrases!`]), not as
/// a slice of strings: a slice keeps a pointer and a length for each of them in the
/// WebAssembly's data, which weighed more than the words themselves compress to.
struct Phrases {
    joined: &'static str,
    index: OnceLock<PhraseIndex>,
}

/// A [`Phrases`] list, written as the slice it stands for: `phrases!["a", "b"]`.
macro_rules! phrases {
    ($($phrase:literal),* $(,)?) => {
        Phrases::new(concat!($($phrase, "\n"),*))
    };
}

struct PhraseIndex {
    /// The phrases, in their order.
    list: Vec<&'static str>,
    by_first_word: HashMap<&'static str, Vec<usize>>,
    /// Phrases to search for anywhere, and whether any of them is plain ASCII (else a line
    /// in ASCII cannot hold them).
    anywhere: Vec<usize>,
    anywhere_ascii: bool,
}

impl Phrases {
    const fn new(joined: &'static str) -> Phrases {
        Phrases {
            joined,
            index: OnceLock::new(),
        }
    }

    /// The phrases, in their order.
    fn list(&self) -> &[&'static str] {
        &self.index().list
    }

    fn index(&self) -> &PhraseIndex {
        self.index.get_or_init(|| {
            let list: Vec<&'static str> = self.joined.split_terminator('\n').collect();
            let mut by_first_word: HashMap<&'static str, Vec<usize>> = HashMap::new();
            let mut anywhere = Vec::new();
            for (i, phrase) in list.iter().enumerate() {
                match first_word(phrase) {
                    "" => anywhere.push(i),
                    word => by_first_word.entry(word).or_default().push(i),
                }
            }
            let anywhere_ascii = anywhere.iter().any(|&i| list[i].is_ascii());
            PhraseIndex {
                list,
                by_first_word,
                anywhere,
                anywhere_ascii,
            }
        })
    }
}

fn split_words(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Letters and digits of scripts written with spaces between words. Japanese and Chinese
/// run words together, so their characters never make a boundary fail.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        && !matches!(c,
            '\u{3040}'..='\u{30ff}'      // hiragana, katakana
            | '\u{3400}'..='\u{4dbf}'    // CJK extension A
            | '\u{4e00}'..='\u{9fff}'    // CJK unified ideographs
            | '\u{ff66}'..='\u{ff9f}') // half-width katakana
}

fn skip_non_words(s: &str, from: usize) -> usize {
    s[from..]
        .find(|c: char| c.is_alphanumeric())
        .map_or(s.len(), |i| from + i)
}

/// Whether `rest` begins with `phrase` as whole words.
fn starts_with_phrase(rest: &str, phrase: &str) -> bool {
    rest.starts_with(phrase) && ends_at_boundary(&rest[phrase.len()..], phrase)
}

fn ends_at_boundary(after: &str, phrase: &str) -> bool {
    phrase.ends_with(' ')
        || !phrase.chars().next_back().is_some_and(is_word_char)
        || after.chars().next().is_none_or(|c| !is_word_char(c))
}

/// Whether `phrase` occurs in `lower` (already lowercase) as whole words: not inside a
/// longer word at either end. A phrase ending in a space, or in punctuation, is taken as it
/// stands at its end.
fn has(lower: &str, phrase: &str) -> bool {
    let starts_word = phrase.chars().next().is_some_and(is_word_char);
    lower.match_indices(phrase).any(|(i, _)| {
        let before_ok = !starts_word
            || lower[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word_char(c));
        before_ok && ends_at_boundary(&lower[i + phrase.len()..], phrase)
    })
}

/// What matched, as owned text, or `None` when nothing did.
fn matched(words: Vec<&str>) -> Option<Vec<String>> {
    (!words.is_empty()).then(|| words.into_iter().map(String::from).collect())
}

// ---------------------------------------------------------------------------------------
// Behavioral corrections: the person pushing back on the assistant.

/// Openings of a line that tells the assistant to stop, or not to do something.
#[rustfmt::skip]
static CORRECTION_OPENINGS: Phrases = phrases![
    "stop", "quit", "don't", "dont", "do not", "no more", "never again", "enough with", "no ",
    // Spanish
    "deja de", "dejá de", "no vuelvas", "no me llames", "no me digas", "no me hables",
    "no me sugieras", "no me recomiendes", "no uses", "no menciones", "no asumas", "no sugieras",
    "no recomiendes", "nunca más",
    // French: "arrête de", "ne me … (plus|pas)"
    "arrête", "arrêtez", "arrete", "cesse", "ne me", "ne m'", "n'utilise plus",
    // German ("keine … mehr" below)
    "hör auf", "hör bitte auf", "hört auf", "hoer auf", "hören sie auf", "nicht ", "keine ",
    "kein ",
    // Portuguese
    "pare de", "para de", "não me", "nao me", "nunca mais",
    // Italian
    "smettila", "smetti", "non ", "basta",
    // Dutch
    "stop met", "hou op", "niet ",
];

/// Words that make a line opening with a bare negation ("No", "Nicht", "Non") an instruction
/// to the assistant rather than a fact ("No allergies", "Nicht vegetarisch"): a word for the
/// person speaking or the one spoken to, "please", "unless", "again".
#[rustfmt::skip]
static ADDRESSING: Phrases = phrases![
    "please", "unless", "ever", "again", "me", "i", "you", "your", "du", "dich", "dir", "mich",
    "mir", "mehr", "ti", "mi", "tu", "je", "jij", "mij", "bitte", "por favor", "per favore",
];

/// The openings that count at the start of a later sentence too. Not the short words of
/// other languages ("no", "nicht"), which open plain sentences as well.
const LATER_OPENINGS: &[&str] = &["stop", "quit", "don't", "dont", "do not", "no more"];

/// Phrases anywhere in a line that record a correction or a mistake.
#[rustfmt::skip]
static CORRECTION_PHRASES: Phrases = phrases![
    "don't assume", "do not assume", "stop assuming", "please stop", "please don't", "asked not to",
    "asked you not", "i asked you", "i told you", "i already said", "already told", "as i said",
    "you changed", "you keep", "you kept", "you forgot", "you assumed", "you got", "you suggested",
    "you said", "you told", "you called", "you used", "you gave", "you recommended", "corrected",
    "correction", "wrong", "wrongly", "mistakenly", "mixed up", "mixing up", "pointed out",
    "reminded", "no need", "doesn't want to be", "does not want to be", "lectured", "moralising",
    "moralizing", "déjà dit", "pas besoin", "ya te dije", "te lo dije", "no hace falta",
    "schon gesagt", "nicht nötig", "já disse", "não precisa", "nao precisa", "non serve",
    // Japanese: "…ないで(ください)" (don't), "やめて" (stop)
    "ないで", "やめて",
];

/// Verbs after which "stop …ing" or "kept …ing" tells of a habit the person pushed back on.
const HABIT_VERBS: &[&str] = &["stop", "quit", "kept", "keeps"];

/// Someone asked or told the assistant not to do something ("Asked to stop mentioning…").
static REQUEST_VERBS: Phrases = phrases!["asked", "told", "requested"];
static REQUESTED_STOP: Phrases = phrases!["not to", "to stop"];

/// The assistant, named: with a word of reporting or complaint, the person answered it back
/// ("When Claude suggested cloud backups, user said…").
#[rustfmt::skip]
static ASSISTANTS: Phrases = phrases![
    "claude", "chatgpt", "gemini", "copilot", "the assistant", "the ai", "the model", "the bot",
];
#[rustfmt::skip]
static PUSHBACK: Phrases = phrases![
    "said", "noted", "pointed", "told", "complained", "objected", "clarified", "frustrated",
    "annoyed", "unhappy", "again", "repeatedly",
];

fn correction(line: &Line) -> Option<Vec<String>> {
    let mut found: Vec<String> = Vec::new();
    if let Some(open) = line.opens_with(&CORRECTION_OPENINGS) {
        let rest = &line.lower[line.start + open.len()..];
        let counts = match open {
            // "No lists unless I ask", "No disclaimers, please", "Keine Emojis mehr" push
            // back; "No allergies", "No longer vegetarian", "Nicht vegetarisch" are facts.
            "no " | "nicht " | "non " | "niet " | "keine " | "kein " => {
                !starts_with_phrase(rest, "longer")
                    && (!line.found(&ADDRESSING).is_empty()
                        || !line.found(&ANSWER_MARKS).is_empty()
                        || !line.found(&ANSWER_WORDS).is_empty()
                        || !line.found(&SHAPE_WORDS).is_empty())
            }
            // "Quit apologising"; but "Quit smoking in 2019" is a fact with its date.
            "quit" => !has_a_date(line),
            _ => true,
        };
        if counts {
            add(&mut found, open.trim_end());
        }
    }
    // "…even though I'm allergic. Don't do that again."
    for rest in line.later_sentences() {
        if let Some(open) = LATER_OPENINGS.iter().find(|p| starts_with_phrase(rest, p)) {
            add(&mut found, open);
        }
    }
    for phrase in line.found(&CORRECTION_PHRASES) {
        add(&mut found, phrase);
    }
    for pair in line.words().windows(2) {
        if HABIT_VERBS.contains(&pair[0])
            && pair[1].len() > 4
            && pair[1].ends_with("ing")
            && !(pair[0] == "quit" && has_a_date(line))
        {
            // "stop suggesting" says more than the "stop" it opened with.
            found.retain(|f| f != pair[0]);
            add(&mut found, &format!("{} {}", pair[0], pair[1]));
        }
    }
    let asked = line.found(&REQUEST_VERBS);
    let stop = line.found(&REQUESTED_STOP);
    if !asked.is_empty() && !stop.is_empty() {
        for phrase in asked.into_iter().chain(stop) {
            add(&mut found, phrase);
        }
    }
    let assistant = line.found(&ASSISTANTS);
    let pushback = line.found(&PUSHBACK);
    if !assistant.is_empty() && !pushback.is_empty() {
        for phrase in assistant.into_iter().chain(pushback) {
            add(&mut found, phrase);
        }
    }
    if states_a_fact_against_a_wrong_one(line) {
        add(&mut found, "is …, not …");
    }
    (!found.is_empty()).then_some(found)
}

/// A year or "ago": what the line tells is past ("Quit smoking in 2019").
fn has_a_date(line: &Line) -> bool {
    let year = |w: &&str| {
        w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.chars().all(|c| c.is_ascii_digit())
    };
    line.has("ago") || line.words().iter().any(year)
}

/// Adds `s` to what matched unless it is there already.
fn add(found: &mut Vec<String>, s: &str) {
    if !found.iter().any(|f| f == s) {
        found.push(s.to_string());
    }
}

/// "Her daughter's name is Maëlle, not Maelle": a fact set against a wrong version of it.
/// Without the "is" ("Show prices in euros, not dollars", "Call me Maya, not Ms. Costa") it
/// is a preference, not a correction.
fn states_a_fact_against_a_wrong_one(line: &Line) -> bool {
    line.lower.find(", not ").is_some_and(|i| {
        let before = &line.lower[..i];
        ["is", "are", "was", "it's"].iter().any(|w| has(before, w))
    })
}

// ---------------------------------------------------------------------------------------
// Response instructions: how answers should be.

/// Marks of how answers should look that say so on their own: nobody writes "bullet points"
/// or "emoji" in a memory except about answers. So too the ways of addressing someone
/// ("usted", "duzen") and the imperatives "answer!" of other languages ("Responde…").
#[rustfmt::skip]
static ANSWER_MARKS: Phrases = phrases![
    "emoji", "emojis", "bullet points", "bullet-point", "bullets", "concise", "verbose", "wordy",
    "jargon", "plain language", "plain english", "plain text", "citations", "step-by-step",
    "step by step", "tl;dr", "british english", "american english", "british spelling",
    "american spelling",
    // Spanish, French, German, Portuguese, Italian
    "responde", "responda", "contesta", "usted", "de tú", "tutéame", "réponds", "répondez",
    "tutoie", "vouvoie", "tutoyer", "vouvoyer", "tutoyant", "vouvoyant", "antworte", "duze",
    "duzen", "siezen", "rispondi",
    // Japanese: answer, reply, explanation, bullet points, concise, honorific and polite speech
    "回答", "返答", "返信", "答え", "答えて", "説明", "箇条書き", "簡潔", "敬語", "丁寧語",
];

/// Words for the assistant's answers. With a wish or an instruction they say how answers
/// should be ("Prefers short answers"); alone they may not ("Answers phones at a clinic",
/// "Her tone with patients is calm").
#[rustfmt::skip]
static ANSWER_WORDS: Phrases = phrases![
    "answer", "answers", "response", "responses", "respond", "reply", "replies", "explanation",
    "explanations", "tone", "formatting", "respuesta", "respuestas", "explicación", "explicaciones",
    "réponse", "réponses", "répondre", "explication", "explications", "antwort", "antworten",
    "erklärung", "erklärungen", "resposta", "respostas", "explicação", "explicações", "risposta",
    "risposte", "rispondere", "antwoord", "antwoorden",
];

/// Words about the shape of answers that need a wish beside them ("Prefers tables…"):
/// alone they could be about anything ("Sets the tables at the restaurant").
#[rustfmt::skip]
static SHAPE_WORDS: Phrases = phrases![
    "explain", "explained", "examples", "example", "sources", "source", "units", "metric",
    "imperial", "measurements", "celsius", "fahrenheit", "dates", "date format", "spelling",
    "format", "formatted", "humour", "humor", "detail", "detailed", "summary", "summaries", "table",
    "tables", "headings", "headers", "sections", "paragraphs", "sentences", "words", "vocabulary",
    "checklist", "clarifying question", "questions", "pros and cons", "recommendations",
    "recommendation", "feedback", "snippets", "hints", "translations", "exclamation marks",
    "numbered", "lists", "options", "language", "english", "bold", "italics", "takeaway",
    "key points", "recap", "reading level", "level of detail", "ejemplos", "exemples", "beispiel",
    "beispiele", "exemplos", "esempi", "voorbeelden",
];

/// Wishes and rules: "prefers", "wants", "always", "never".
#[rustfmt::skip]
static WISH_WORDS: Phrases = phrases![
    "prefers", "uses", "use", "prefer", "preferred", "wants", "want", "would like", "likes", "like",
    "enjoys", "asks for", "asked for", "expects", "needs", "always", "never", "should", "must",
    "keep", "avoid", "include", "please", "bitte", "por favor", "s'il te plaît", "per favore",
    "gosta", "prefiere", "quiere", "siempre", "préfère", "veut", "toujours", "bevorzugt", "möchte",
    "immer", "mag", "prefere", "quer", "sempre", "preferisce", "vuole", "altijd", "wil", "ほしい",
    "欲しい", "ください",
];

/// Verbs that open an instruction to the assistant ("Use headings…", "Give me the pros and
/// cons…"). A third-person memory says "Uses", "Keeps"; an instruction says "Use", "Keep".
#[rustfmt::skip]
static IMPERATIVES: Phrases = phrases![
    "use", "give", "write", "show", "keep", "include", "explain", "respond", "reply", "answer",
    "talk", "speak", "always", "never", "be", "add", "list", "start", "end", "format", "summarise",
    "summarize", "cite", "avoid", "make", "ask", "tell", "assume", "treat", "focus", "mention",
    "put", "translate", "address me", "offer", "provide", "correct", "check", "double-check",
    "refer", "skip", "stick", "go",
    // Spanish, French, German, Portuguese, Italian, Dutch
    "usa", "utiliza", "escribe", "explica", "dame", "háblame", "sé", "utilise", "écris", "explique",
    "donne", "donne-moi", "sois", "parle", "schreib", "schreibe", "nutze", "verwende", "erkläre",
    "erklär", "gib", "sei", "sprich", "escreva", "seja", "fale", "scrivi", "scrivimi", "spiega",
    "spiegami", "rispondimi", "dammi", "sii", "gebruik", "schrijf", "geef", "leg",
];

/// "Wants Claude to…", "Quiero que…": a wish addressed to the assistant.
#[rustfmt::skip]
static ADDRESSED_WISHES: Phrases = phrases![
    "asks that", "asked that", "would rather", "quiero que", "je veux que tu", "j'aimerais que tu",
    "ich möchte, dass du", "ich will, dass du", "quero que você", "quero que voce", "voglio che tu",
    // Japanese "…てください" (please do …)
    "てください",
];
#[rustfmt::skip]
const WISH_VERBS: &[&str] = &["wants", "want", "like", "expects", "asks", "prefers", "needs"];
#[rustfmt::skip]
const ASSISTANT_OR_YOU: &[&str] = &[
    "claude", "chatgpt", "gemini", "copilot", "you", "the assistant", "the ai", "the model",
];

fn response_instruction(line: &Line) -> Option<Vec<String>> {
    let marks = line.found(&ANSWER_MARKS);
    let answers = line.found(&ANSWER_WORDS);
    let shape = line.found(&SHAPE_WORDS);
    let wishes = line.found(&WISH_WORDS);
    // A line that names a tool is about the tool ("Use Python for the examples", "Keeps
    // tables in Excel"), unless it also names answers ("Format answers in Markdown").
    let about_tools = marks.is_empty() && answers.is_empty() && !tool_terms(line).is_empty();
    let imperative = line
        .instruction_opens_with(&IMPERATIVES)
        .filter(|_| !about_tools);
    let mut addressed = line.found(&ADDRESSED_WISHES);
    addressed.extend(wish_addressed_to_assistant(line));
    let asked = !wishes.is_empty() || imperative.is_some() || !addressed.is_empty();
    let decided = !marks.is_empty()
        || (!answers.is_empty() && asked)
        || (!shape.is_empty() && !wishes.is_empty() && !about_tools)
        || imperative.is_some()
        || !addressed.is_empty();
    if !decided {
        return None;
    }
    let mut found: Vec<&str> = imperative.into_iter().collect();
    found.extend(addressed);
    found.extend(wishes.into_iter().filter(|w| Some(*w) != imperative));
    found.extend(marks);
    found.extend(answers);
    found.extend(shape);
    matched(found)
}

/// "Wants Claude to write…", "Would like you to ask…": a wish verb, the assistant, "to".
/// Names the pattern, e.g. "wants … to".
fn wish_addressed_to_assistant(line: &Line) -> Option<&'static str> {
    let words = line.words();
    words.iter().enumerate().find_map(|(i, w)| {
        let verb = WISH_VERBS.iter().find(|v| *v == w)?;
        let rest = words[i + 1..].join(" ");
        ASSISTANT_OR_YOU
            .iter()
            .any(|a| {
                rest.strip_prefix(a)
                    .is_some_and(|r| r.starts_with(" to ") || r == " to")
            })
            .then_some(match *verb {
                "wants" | "want" => "wants … to",
                "like" => "would like … to",
                "expects" => "expects … to",
                "asks" => "asks … to",
                "prefers" => "prefers … to",
                _ => "needs … to",
            })
    })
}

// ---------------------------------------------------------------------------------------
// Technical preferences: tools, languages, software and devices.

/// Tools, languages, software and devices, across trades. No list is complete: product
/// names also come from the patterns in `product_names`.
#[rustfmt::skip]
static TOOLS: Phrases = phrases![
    // Programming languages and runtimes
    "python", "rust", "typescript", "javascript", "java", "kotlin", "swiftui", "golang", "in go",
    "c++", "c#", "ruby", "php", "haskell", "scala", "elixir", "lua", "perl", "sql", "bash", "zsh",
    "fish shell", "powershell", "node", "node.js", "deno", "tidyverse", "rstudio", "matlab",
    "stata", "spss",
    // Frameworks and libraries
    "react", "vue.js", "vuejs", "vue 3", "nuxt", "next.js", "svelte", "angular", "django", "flask",
    "fastapi", "ruby on rails", "spring boot", "bootstrap", "tailwind", "unreal", "polars",
    "pandas", "numpy", "scikit-learn", "pytorch", "tensorflow", "pytest", "unittest", "jest",
    // Data and infrastructure
    "postgres", "postgresql", "mysql", "sqlite", "mongodb", "redis", "bigquery", "snowflake",
    "kafka", "flink", "apache spark", "pyspark", "dbt", "airflow", "docker", "docker compose",
    "kubernetes", "terraform", "aws", "gcp", "azure", "git", "github", "github actions", "gitlab",
    "jenkins", "npm", "pnpm", "yarn", "home assistant", "proxmox", "nextcloud",
    // Editors and environments
    "neovim", "vim", "emacs", "org-mode", "vs code", "vscode", "intellij", "jetbrains", "pycharm",
    "goland", "xcode", "jupyter", "tmux", "helix", "dark mode", "tabs over spaces",
    "spaces over tabs",
    // Operating systems and devices
    "linux", "macos", "windows", "ubuntu", "fedora", "debian", "arch linux", "i3", "android", "ios",
    "macbook", "imac", "mac", "mac studio", "mac mini", "iphone", "ipad", "pixel", "thinkpad",
    "chromebook", "kindle", "raspberry pi", "ender 3", "3d printer", "prusa", "samsung", "huawei",
    "xiaomi", "oneplus", "dell", "lenovo", "steam deck", "playstation", "xbox", "nintendo switch",
    "garmin", "fitbit", "apple watch",
    // Office, notes, planning
    "excel", "google sheets", "google docs", "google drive", "google classroom", "word documents",
    "microsoft word", "ms word", "office 365", "microsoft 365", "libreoffice", "powerpoint",
    "onenote", "apple notes", "notion", "obsidian", "evernote", "todoist", "trello", "asana",
    "jira", "confluence", "slack", "figma", "canva", "zotero", "mendeley", "latex", "overleaf",
    "markdown", "moodle", "anki", "grammarly", "scrivener", "firefox", "chrome", "sap",
    "salesforce", "shopify", "wordpress", "squarespace", "js",
    // Creative, music, making
    "lightroom", "photoshop", "adobe illustrator", "indesign", "premiere pro", "davinci resolve",
    "final cut", "capcut", "procreate", "blender", "sketchup", "autocad", "revit", "solidworks",
    "fusion 360", "ableton", "logic pro", "pro tools", "fl studio", "garageband", "musescore",
    "sibelius", "focusrite",
    // Accounts, law, medicine
    "quickbooks", "xero", "freshbooks", "turbotax", "datev", "clio", "cerner",
];

/// Words for software and hardware in general: with a verb of use or a choice they make a
/// line about tools ("Prefers paper notebooks over apps").
#[rustfmt::skip]
static TECH_NOUNS: Phrases = phrases![
    "app", "apps", "software", "database", "spreadsheet", "spreadsheets", "laptop", "desktop",
    "browser", "plugin", "plugins", "keybindings", "keyboard shortcuts", "terminal", "command line",
    "self-hosted", "self-hosts", "self-hosting", "operating system", "text editor", "code editor",
    "framework", "frameworks",
];

/// Verbs of using or preferring a tool.
#[rustfmt::skip]
static USE_VERBS: Phrases = phrases![
    "uses", "use", "using", "prefers", "prefer", "likes", "favours", "favors", "switched", "writes",
    "codes", "programs", "runs", "deploys", "edits", "works in", "works with", "daily driver",
    "editor", "ide", "stack", "sticks to", "relies on", "utilise", "utilisent", "nutzt", "nutze",
    "verwendet", "verwende", "programmiert", "arbeitet mit", "usa", "uso", "utiliza", "prefiere",
    "préfère", "prefere", "bevorzugt", "gebruikt", "使って", "使用",
];

/// Verbs after which a capitalised word is a product ("Uses Scrivener", "Prefers Bootstrap").
#[rustfmt::skip]
const NAMING_VERBS: &[&str] = &[
    "uses", "use", "using", "prefers", "prefer", "runs", "codes", "writes", "programs", "switched",
    "relies", "utilise", "utiliza", "usa", "nutzt", "verwendet", "gebruikt",
];

/// Little words between a verb and a name ("Uses the Apple Notes app").
const ARTICLES: &[&str] = &[
    "a", "an", "the", "to", "in", "on", "le", "la", "el", "o", "den", "die",
];

/// Words that set one thing against another.
#[rustfmt::skip]
static CHOICE_WORDS: Phrases = phrases![
    "over", "rather than", "instead of", ", not", "vs", "versus", "switched from", "switched to",
    "plutôt que", "au lieu de", "statt", "anstatt", "en lugar de", "en vez de", "em vez de",
    "invece di", "in plaats van", "より",
];

/// The tools the word list names in the line.
fn tool_terms(line: &Line) -> Vec<&'static str> {
    line.found(&TOOLS)
}

/// Product names the list does not hold: a word in camel case ("TurboTax", "iPhone"), or
/// capitalised words after a verb of use ("Uses Garmin Connect"). The assistants' own names
/// are not tools here: they stand in lines about anything.
fn product_names(line: &Line) -> Vec<String> {
    let words = line.written_words();
    let is_assistant = |w: &str| is_one_of(w, ASSISTANTS.list()) || w == "I";
    let mut names = camel_case_names(line);
    for (i, w) in words.iter().enumerate() {
        if !is_one_of(w, NAMING_VERBS) {
            continue;
        }
        let mut j = i + 1;
        while j < words.len() && ARTICLES.contains(&words[j]) {
            j += 1;
        }
        let name: Vec<&str> = words[j..]
            .iter()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase) && !is_assistant(w))
            .copied()
            .collect();
        let name = name.join(" ");
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Whether the word as written is one of `list` (lowercase ASCII words), in any case.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// "TurboTax", "LibreOffice", "iPhone": a capital inside a word, after a small letter. Not
/// "McDonald" (a capital as the third letter is a name's).
fn is_camel_case(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    (1..chars.len()).any(|i| {
        chars[i].is_uppercase()
            && chars[i - 1].is_lowercase()
            && (i >= 3 || (i == 1 && chars[0].is_lowercase()))
    })
}

/// The tools a line names: the list's terms, then names as written, each once: "TurboTax"
/// rather than "turbotax", and "github" alone rather than also "GitHub Pages".
fn with_names(terms: Vec<&'static str>, names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = terms.into_iter().map(String::from).collect();
    for name in names {
        let lower = name.to_lowercase();
        if let Some(term) = out.iter_mut().find(|t| **t == lower) {
            *term = name;
        } else if !out.iter().any(|t| has(&lower, &t.to_lowercase())) {
            out.push(name);
        }
    }
    out
}

/// Words in camel case that are not an assistant's name.
fn camel_case_names(line: &Line) -> Vec<String> {
    line.written_words()
        .into_iter()
        .filter(|w| is_camel_case(w) && !is_one_of(w, ASSISTANTS.list()))
        .map(String::from)
        .collect()
}

fn tool_choice(line: &Line) -> Option<Vec<String>> {
    let choice = line.found(&CHOICE_WORDS);
    if choice.is_empty() {
        return None;
    }
    let mut tools = with_names(tool_terms(line), product_names(line));
    tools.extend(line.found(&TECH_NOUNS).into_iter().map(String::from));
    if tools.is_empty() {
        return None;
    }
    tools.extend(choice.into_iter().map(String::from));
    Some(tools)
}

fn tool_in_use(line: &Line) -> Option<Vec<String>> {
    let terms = tool_terms(line);
    // "An Excel user", "Android user".
    if let Some(tool) = terms.iter().find(|t| line.has(&format!("{t} user"))) {
        return Some(vec![format!("{tool} user")]);
    }
    let verbs = line.found(&USE_VERBS);
    let mut tools = with_names(terms, product_names(line));
    tools.extend(line.found(&TECH_NOUNS).into_iter().map(String::from));
    if verbs.is_empty() || tools.is_empty() {
        return None;
    }
    let mut found: Vec<String> = verbs.into_iter().map(String::from).collect();
    found.extend(tools);
    Some(found)
}

fn tool_named(line: &Line) -> Option<Vec<String>> {
    let mut names = camel_case_names(line);
    names.extend(name_worked_in(line));
    let found = with_names(tool_terms(line), names);
    (!found.is_empty()).then_some(found)
}

/// Verbs of working on media and data, after which "in/with/on X" names the software:
/// "Edits podcasts in Audacity", "Charts in Epic". Weak (X may be a place), so only a guess,
/// and not after verbs whose objects are as often things as files ("Keeps bees in Devon").
#[rustfmt::skip]
const HANDLING_VERBS: &[&str] = &[
    "edits", "codes", "develops", "designs", "records", "produces", "mixes", "composes",
    "photographs", "sketches", "charts", "syncs", "tracks",
];
const TOOL_PREPOSITIONS: &[&str] = &["in", "with", "on", "through", "via", "using"];

fn name_worked_in(line: &Line) -> Option<String> {
    let words = line.written_words();
    let verb = words.iter().position(|w| is_one_of(w, HANDLING_VERBS))?;
    let window = &words[verb + 1..words.len().min(verb + 6)];
    let at = window.iter().position(|w| TOOL_PREPOSITIONS.contains(w))?;
    let name = window[at + 1..]
        .iter()
        .find(|w| !ARTICLES.contains(w))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter(|w| !is_one_of(w, ASSISTANTS.list()))?;
    Some(format!("{} {name}", window[at]))
}

// ---------------------------------------------------------------------------------------
// Projects and goals: something under way or aimed for.

#[rustfmt::skip]
static UNDER_WAY: Phrases = phrases![
    "working on", "working toward", "working towards", "training for", "preparing", "prepping",
    "studying for", "planning", "plans to", "plan to", "launching", "is building", "building a",
    "building an", "building her", "building his", "building their", "building my", "is writing",
    "writing a", "writing an", "writing her", "writing his", "writing their", "writing my",
    "drafting", "developing", "redesigning", "renovating", "restoring", "converting", "migrating",
    "setting up", "organising", "organizing", "recording", "composing", "putting together",
    "applying to", "applying for", "job hunting", "job-hunting", "job interview",
    "looking for a job", "saving for", "saving up", "paying off", "raising money", "fundraising",
    "trying to", "aims to", "aiming", "hopes to", "hoping", "wants to", "would like to",
    "intends to", "about to", "to qualify", "learning", "studying", "planting", "expanding", "goal",
    "goals", "objective", "deadline", "project", "thesis", "dissertation", "exam",
    "halfway through", "course in", "evening course", "online course", "conversion course",
    "finish", "finishing", "submit", "end of the month", "end of the year", "next week",
    "next month", "next year", "this year",
    // Spanish
    "preparando", "quiere", "quiero", "objetivo", "proyecto", "planea", "trabajando en",
    "aprendiendo", "estudiando", "busca", "buscando",
    // French
    "prépare", "préparer", "objectif", "projet", "travaille sur", "apprend", "veut",
    // German
    "gerade", "baut", "möchte", "bis ende", "bis zum", "jahresende", "arbeite an", "arbeitet an",
    "ziel", "projekt", "lerne", "lernt", "bachelorarbeit", "masterarbeit", "doktorarbeit",
    "plane ein", "plane eine", "plane einen", "plant ein", "plant eine", "plant einen", "plant een",
    // Portuguese
    "quer", "pretende", "projeto", "estudando", "trabalhando em",
    // Italian, Dutch
    "obiettivo", "progetto", "tesi", "doel", "van plan",
    // Japanese: goal, plan, preparing, studying, want to
    "目標", "予定", "計画", "準備", "勉強", "したい", "たい", "までに",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "the end of", "next", "spring", "summer", "autumn", "fall",
    "winter",
];

/// Words before the verb of a line that opens with something under way: "Is translating…",
/// "She's currently writing…".
#[rustfmt::skip]
const ONGOING_LEAD: &[&str] = &[
    "user", "the", "he", "she", "they", "he's", "she's", "they're", "i", "i'm", "am", "is", "are",
    "currently", "now", "still", "also", "will",
];

/// "-ing" words that open a fact about the person rather than something under way.
const NOT_ONGOING: &[&str] = &["living", "being", "having", "feeling", "during"];

/// Romance progressive: "está preparando", "sta scrivendo", "estou estudando".
#[rustfmt::skip]
const PROGRESSIVE_AUX: &[&str] = &[
    "está", "estoy", "estamos", "estou", "sta", "sto", "stiamo", "stanno",
];

fn project(line: &Line) -> Option<Vec<String>> {
    let mut found: Vec<String> = line
        .found(&UNDER_WAY)
        .into_iter()
        .map(String::from)
        .collect();
    if let Some((verb, opening)) = opens_with_something_under_way(line) {
        // Not "preparing …" beside "preparing".
        if !found.iter().any(|f| f.split(' ').next() == Some(verb)) {
            found.insert(0, opening);
        }
    }
    if has_deadline(line) {
        found.push("by …".to_string());
    }
    (!found.is_empty()).then_some(found)
}

/// The opening of a line about something under way or ahead: "Is translating…", "Working
/// through…", "Will start…", "Está preparando…". Not "Working as a nurse" or "Living in…".
fn opens_with_something_under_way<'l>(line: &'l Line) -> Option<(&'l str, String)> {
    let words = split_words(&line.lower[line.start..]);
    let lead = words
        .iter()
        .take_while(|w| ONGOING_LEAD.contains(w))
        .count();
    let verb = *words.get(lead)?;
    if words.first() == Some(&"will") && lead == 1 {
        return Some((verb, format!("will {verb}")));
    }
    if PROGRESSIVE_AUX.contains(&words[0]) {
        if let Some(v) = words.get(1).filter(|v| v.ends_with("ndo")) {
            return Some((v, format!("{} {v}", words[0])));
        }
    }
    let next = words.get(lead + 1).copied().unwrap_or("");
    let job = verb == "working" && ["as", "at", "for", "in"].contains(&next);
    (verb.len() > 4 && verb.ends_with("ing") && !NOT_ONGOING.contains(&verb) && !job)
        .then(|| (verb, format!("{verb} …")))
}

/// "by June", "by 2027", "by the end of the year": a date something is due.
fn has_deadline(line: &Line) -> bool {
    line.lower.match_indices("by ").any(|(i, _)| {
        let rest = &line.lower[i + 3..];
        has(&line.lower[..i + 2], "by")
            && (MONTHS.iter().any(|m| starts_with_phrase(rest, m))
                || rest
                    .as_bytes()
                    .get(..4)
                    .is_some_and(|year| year.iter().all(u8::is_ascii_digit)))
    })
}

// ---------------------------------------------------------------------------------------
// Other context: interests, habits and past events. These guard the guesses after them:
// "Likes to cook for the whole family" is about cooking, not about the family.

#[rustfmt::skip]
static INTERESTS_AND_PAST: Phrases = phrases![
    "fan of", "big fan", "supporter", "follows", "supports", "enjoys", "loves", "likes",
    "favourite", "favorite", "interested in", "curious about", "thinking about", "hobby", "hobbies",
    "plays", "watches", "collects", "volunteers", "knits", "spends", "usually", "often", "visited",
    "went to", "travelled", "traveled", "travels", "concert", "listening to", "mentioned",
    "has asked", "was asking", "asked about", "previously", "used to", "once", "worked", "served",
    "competed", "opinions", "believes", "thinks", "considered",
    // Spanish, French, German, Portuguese, Italian, Dutch
    "le gusta", "le encanta", "aime", "adore", "bénévolat", "bénévole", "sammelt", "spielt", "mag",
    "gern", "gosta", "torce", "adora", "houdt van",
    // Japanese: hobby, likes, often, long ago, before, "…ました" (did)
    "趣味", "好き", "よく", "昔", "以前", "ました",
];

fn interest_or_past(line: &Line) -> Option<Vec<String>> {
    matched(line.found(&INTERESTS_AND_PAST))
}

// ---------------------------------------------------------------------------------------
// Personal information: who the person is.

#[rustfmt::skip]
static PERSONAL: Phrases = phrases![
    // Name and identity
    "call me", "my name", "name is", "mi nombre", "me llamo", "je m'appelle", "ich heiße",
    "mein name", "meu nome", "mi chiamo", "años", "ans", "jahre alt", "anos", "goes by",
    "preferred name", "pronouns", "identifies as", "non-binary", "transgender", "gay", "lesbian",
    "bisexual", "queer", "nationality", "birthday", "born", "years old", "year-old",
    "native language", "mother tongue", "first language", "address:", "home address", "smoker",
    "non-smoker",
    // Home
    "lives in", "lives on", "lives with", "lives near", "lives alone", "live in", "i live",
    "living in", "based in", "moved to", "grew up", "originally from", "owns a", "owns an",
    "runs a", "runs an", "runs her own", "runs his own", "runs their own", "run my own",
    // Family and pets
    "married", "widowed", "divorced", "engaged", "wife", "husband", "partner", "spouse",
    "girlfriend", "boyfriend", "daughter", "son", "kids", "children", "child", "twins", "toddler",
    "baby", "grandchildren", "mother", "father", "mum", "mom", "dad", "parent", "brother", "sister",
    "grandmother", "grandfather", "carer", "caregiver", "family", "dog", "dogs", "cat", "cats",
    "pets", "named",
    // Health, diet, faith
    "allergic", "allergy", "allergies", "intolerant", "vegetarian", "vegan", "kosher", "halal",
    "gluten", "celiac", "coeliac", "diabetes", "diabetic", "disease", "epilepsy", "asthma",
    "migraines", "chronic", "disabled", "disability", "disorder", "bipolar", "depression",
    "anxiety", "ptsd", "injury", "psychiatrist", "partially sighted", "visually impaired",
    "pregnant", "diagnosed", "adhd", "autism", "autistic", "dyslexia", "dyslexic", "colour-blind",
    "color-blind", "hearing aids", "hard of hearing", "deaf", "blind", "wheelchair", "alcohol",
    "sober", "ramadan", "muslim", "christian", "catholic", "jewish", "hindu", "buddhist", "judaism",
    "islam", "shabbat", "sabbath",
    // Work and study
    "work as", "works as", "working as", "works at", "works for", "works in", "works remotely",
    "works nights", "occupation", "job is", "employer", "self-employed", "freelance", "retired",
    "retiree", "teaches", "studies", "student", "phd", "degree", "graduated", "speaks", "i speak",
    "native speaker", "bilingual",
    // Trades
    "nurse", "doctor", "physician", "gp", "surgeon", "dentist", "pharmacist", "midwife",
    "paramedic", "physiotherapist", "therapist", "vet", "teacher", "professor", "lecturer",
    "lawyer", "solicitor", "barrister", "attorney", "paralegal", "judge", "engineer", "developer",
    "programmer", "designer", "architect", "accountant", "farmer", "chef", "cook", "baker",
    "carpenter", "electrician", "plumber", "mechanic", "driver", "hairdresser", "photographer",
    "journalist", "writer", "musician", "violinist", "pianist", "guitarist", "singer", "artist",
    "priest", "pastor", "firefighter", "police officer", "soldier", "researcher", "scientist",
    "manager", "consultant", "founder", "care assistant", "social worker", "homemaker",
    "stay-at-home",
    // French
    "habite", "vit à", "vit avec", "je suis", "travaille comme", "infirmière", "infirmier",
    "médecin", "enseignant", "enseignante", "avocat", "avocate", "mari", "femme", "enfants", "fils",
    "fille", "compagne", "compagnon", "retraité", "retraitée",
    // Spanish
    "vivo en", "vive en", "soy", "trabajo como", "trabaja como", "enfermera", "enfermero",
    "abogada", "abogado", "maestra", "maestro", "profesora", "médica", "médico", "fisioterapeuta",
    "enfermeiro", "vive sola", "vive solo", "vive con", "gato", "gatos", "perro", "perros",
    "esposo", "esposa", "hijos", "hija", "hijo", "jubilado", "jubilada",
    // German
    "wohne", "wohnt", "arbeite als", "arbeitet als", "ich bin", "lehrerin", "lehrer", "ärztin",
    "arzt", "krankenpfleger", "krankenschwester", "rentner", "rentnerin", "verheiratet", "kinder",
    "tochter", "sohn",
    // Portuguese
    "moro em", "mora em", "trabalho como", "trabalha como", "sou", "contadora", "contador",
    "enfermeira", "advogada", "advogado", "professora", "marido", "filhos", "filha", "filho",
    "aposentado", "aposentada",
    // Italian
    "sono un", "sono una", "abito a", "vivo a", "lavoro come", "lavora come", "medico",
    "infermiera", "insegnante", "moglie", "figli",
    // Dutch
    "ik woon", "woont in", "ik ben", "werk als", "werkt als", "vriend", "vriendin",
    // Japanese: living in, professions (…師, engineer), working at, child, husband, wife, age
    "在住", "住んで", "看護師", "美容師", "医師", "薬剤師", "教師", "エンジニア", "で働いて", "として働いて", "子ども", "子供", "夫", "妻",
    "歳",
];

fn personal(line: &Line) -> Option<Vec<String>> {
    let mut found: Vec<String> = line
        .found(&PERSONAL)
        .into_iter()
        .map(String::from)
        .collect();
    if let Some(age) = stated_age(line) {
        found.push(age);
    }
    (!found.is_empty()).then_some(found)
}

/// "Is 67", "I'm 34", "aged 41": an age.
fn stated_age(line: &Line) -> Option<String> {
    line.words().windows(2).find_map(|pair| {
        (matches!(pair[0], "is" | "i'm" | "aged" | "age" | "am")
            && (2..=3).contains(&pair[1].len())
            && pair[1].chars().all(|c| c.is_ascii_digit()))
        .then(|| format!("{} {}", pair[0], pair[1]))
    })
}

/// Openings that say what the person is ("Is a dentist…", "Es fisioterapeuta…"), and the
/// first person: weak signs, tried last.
#[rustfmt::skip]
static IDENTITY_OPENINGS: Phrases = phrases![
    "is a", "is an", "user is a", "user is an", "the user is", "i'm a", "i'm an", "i am a",
    "i am an", "es", "est", "ist", "é", "sono", "soy", "sou", "je suis", "ich bin", "ik ben",
];
static FIRST_PERSON: Phrases = phrases!["i'm", "i am", "my", "i have", "i own", "私は"];

fn identity(line: &Line) -> Option<Vec<String>> {
    let mut found: Vec<&str> = line.opens_with(&IDENTITY_OPENINGS).into_iter().collect();
    found.extend(line.found(&FIRST_PERSON));
    matched(found)
}

#[cfg(test)]
#[path = "classify_tests.rs"]
mod tests;
