//! What a memory says of the person for a *slot*: something a person has one of at a time
//! (a home, a language to answer in, a name and a name to be called by, a unit system and
//! temperature scale, a clock), read from the text alone.
//!
//! Read by `conflict` (memories that cannot both be true), `changes` (a memory that gives
//! another value for one thing between two captures) and the data-export reader
//! (`contradicted_by`). It knows nothing of profiles, so each of them can use it.
//!
//! A false disagreement asks the person to delete a true memory, while a missed one costs
//! nothing they did not have before, so a value is read only where the sentence says it of
//! the person, now, always:
//!
//! - **Whose.** A value is read in a clause whose subject is the person: nothing ("Lives in
//!   Lisbon"), a pronoun ("I", "she", "the user"), adverbs and auxiliaries ("currently is").
//!   Anything else before the verb is someone or something else ("Her parents live in",
//!   "Colleague Mark is based in", "My dog's name is", "a startup based in"). A value after a
//!   possessive ("her kids' 12-hour clock", "my team's working language") is theirs.
//! - **When.** A clause in the past ("used to", "was", "previously", "lived in … until"), a
//!   plan ("will", "wants to live"), a denial ("don't call me", "never") and a sentence that
//!   only holds under a condition ("answer in Spanish when I write in Spanish") give no
//!   value; "even when" does not make one conditional. A move gives where it ended ("moved
//!   from Berlin to Lisbon": Lisbon).
//! - **What.** Quoted words are someone else's ("Call me Ishmael", a film title). A name is
//!   one of two kinds, which do not disagree with each other: the name ("My name is Thomas")
//!   and what to call them ("Call me Tom"). A home is a named place ("a small flat" is not).
//!   Units and clocks are read where they qualify units, a system, a time format or a clock
//!   ("metric units", "24-hour time"), never as a band, a college or a 12-hour shift.
//!
//! Values are compared by their words, and one contained in the other is the same value
//! ("New York" and "New York City", "English" and "British English"). Languages are named in
//! the five languages memport speaks and compared by their English names ("español" is
//! "spanish"). `tests/conflict_accuracy.rs` measures it on hand-labeled pairs.

use serde::Serialize;

/// Something a person has one of at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    /// Where they live.
    Home,
    /// The language answers should be in.
    AnswerLanguage,
    /// What they want to be called.
    Name,
    /// Metric or imperial.
    Units,
    /// 12- or 24-hour time.
    Clock,
}

/// One value a text gives for a slot: its kind within the slot ("name" or "call" for
/// [`Slot::Name`], "system" or "temperature" for [`Slot::Units`], else the slot's own) and
/// the value, lowercased words ("new york"). Only values of one kind can disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    pub kind: &'static str,
    pub value: String,
}

impl Value {
    fn new(kind: &'static str, value: &str) -> Value {
        Value {
            kind,
            value: value.to_string(),
        }
    }

    /// Whether two values say different things of the same kind.
    pub fn disagrees(&self, other: &Value) -> bool {
        self.kind == other.kind && !same(&self.value, &other.value)
    }
}

/// Whether two values name the same thing: equal, or the words of one a run of the other's
/// ("new york" in "new york city").
fn same(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.windows(short.len().max(1))
        .any(|w| w == short.as_slice())
}

impl Slot {
    pub const ALL: [Slot; 5] = [
        Slot::Home,
        Slot::AnswerLanguage,
        Slot::Name,
        Slot::Units,
        Slot::Clock,
    ];

    /// The id of what the popup calls it ("Where you live"); the words are in
    /// `extension/_locales`.
    pub fn message_id(self) -> &'static str {
        match self {
            Slot::Home => "slot_home",
            Slot::AnswerLanguage => "slot_answer_language",
            Slot::Name => "slot_name",
            Slot::Units => "slot_units",
            Slot::Clock => "slot_clock",
        }
    }

    /// The values `text` gives for this slot, at most one of each kind.
    pub fn values(self, text: &str) -> Vec<Value> {
        self.values_in(&Said::of(text))
    }

    /// The values a text already cut into sentences gives for this slot: reading every slot
    /// of many texts (the popup's disagreements, on every memory) cuts each text once.
    pub fn values_in(self, said: &Said) -> Vec<Value> {
        let mut out: Vec<Value> = Vec::new();
        for sentence in &said.0 {
            if sentence.conditional {
                continue;
            }
            for (n, clause) in sentence.clauses.iter().enumerate() {
                // "Jonas, her partner, lives in Porto": after someone else named between
                // commas, the verbs are theirs.
                let someone_else = sentence.clauses[..n]
                    .iter()
                    .any(|c| c.len() <= 4 && owned(c));
                if someone_else
                    || clause.iter().any(|w| NEGATIONS.contains(&w.as_str()))
                    || past(clause)
                {
                    continue;
                }
                let found = match self {
                    Slot::Home => home(clause),
                    Slot::Name => name(clause),
                    Slot::AnswerLanguage => answer_language(clause),
                    Slot::Units => units(clause),
                    Slot::Clock => clock(clause),
                };
                for v in found {
                    if !v.value.is_empty() && !out.iter().any(|o| o.kind == v.kind) {
                        out.push(v);
                    }
                }
            }
        }
        out
    }

    /// Whether two texts give different values of one kind for this slot.
    pub fn disagree(self, a: &str, b: &str) -> bool {
        let b = self.values(b);
        self.values(a)
            .iter()
            .any(|va| b.iter().any(|vb| va.disagrees(vb)))
    }
}

/// A text cut into sentences and clauses of lowercased words, its quoted words left out:
/// what every slot reads ([`Slot::values_in`]).
pub struct Said(Vec<Sentence>);

impl Said {
    pub fn of(text: &str) -> Said {
        Said(sentences(text))
    }
}

/// A sentence as clauses of lowercased words, and whether it holds only under a condition.
struct Sentence {
    clauses: Vec<Vec<String>>,
    conditional: bool,
}

/// Words that end a sentence with a full stop but are not its end ("Dr. Okafor").
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "prof", "st", "jr", "sr", "mt",
];

/// Words that start a new clause inside a sentence.
const CLAUSE_WORDS: &[&str] = &[
    "but", "then", "although", "though", "whereas", "while", "except", "mais", "pero", "aber",
    "sauf", "excepto", "außer",
];

/// Words that make what the sentence says hold only sometimes.
const CONDITIONS: &[&str] = &[
    "if", "when", "whenever", "unless", "si", "quand", "lorsque", "cuando", "wenn", "falls",
];

/// Words that make a condition a concession ("even when I write in German").
const CONCESSIONS: &[&str] = &["even", "même", "aunque", "selbst", "auch", "incluso"];

/// The text without quoted words, cut into sentences and clauses of lowercased words.
fn sentences(text: &str) -> Vec<Sentence> {
    let text = unquoted(&crate::unicode::nfkc(text).replace('’', "'")).to_lowercase();
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let ends = match c {
            '!' | '?' | ';' | '\n' => true,
            '.' => {
                let before: String = current
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric())
                    .collect();
                let next = chars.get(i + 1);
                !(ABBREVIATIONS
                    .iter()
                    .any(|a| before.chars().rev().eq(a.chars()))
                    || before.chars().count() == 1
                    || next.is_some_and(|n| n.is_alphanumeric()))
            }
            _ => false,
        };
        if ends {
            out.push(sentence(&current));
            current.clear();
        } else {
            current.push(c);
        }
    }
    out.push(sentence(&current));
    out.retain(|s| !s.clauses.is_empty());
    out
}

fn sentence(text: &str) -> Sentence {
    let mut clauses: Vec<Vec<String>> = Vec::new();
    let mut conditional = false;
    for part in text.split([',', '(', ')', '[', ']']) {
        let mut clause: Vec<String> = Vec::new();
        for raw in part.split_whitespace() {
            let word = raw
                .trim_matches(|c: char| !(c.is_alphanumeric() || c == '°' || c == '/'))
                .to_string();
            if word.is_empty() {
                continue;
            }
            // "si" is "if" in French and Spanish, and "SI units" too.
            if CONDITIONS.contains(&word.as_str())
                && !(word == "si" && raw_next_is_unit(part, raw))
                && !clause
                    .last()
                    .is_some_and(|w: &String| CONCESSIONS.contains(&w.as_str()))
            {
                conditional = true;
            }
            if CLAUSE_WORDS.contains(&word.as_str()) && !clause.is_empty() {
                clauses.push(std::mem::take(&mut clause));
            }
            clause.push(word);
        }
        if !clause.is_empty() {
            clauses.push(clause);
        }
    }
    Sentence {
        clauses,
        conditional,
    }
}

/// Whether the word after `raw` in `part` is a unit noun ("SI units").
fn raw_next_is_unit(part: &str, raw: &str) -> bool {
    let mut words = part
        .split_whitespace()
        .skip_while(|w| !std::ptr::eq(*w, raw));
    words.next();
    words
        .next()
        .is_some_and(|n| UNIT_NOUNS.contains(&n.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// `text` with every quotation replaced by a space: double quotes of every kind, and single
/// quotes that open after a space (not an apostrophe: "user's", "m'appelle").
fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut closing: Option<char> = None;
    let mut prev: Option<char> = None;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match closing {
            Some(close) => {
                let next_ok = chars.get(i + 1).is_none_or(|n| !n.is_alphanumeric());
                if c == close && (close != '\'' || next_ok) {
                    closing = None;
                    out.push(' ');
                }
            }
            None => {
                let opens = match c {
                    '"' => Some('"'),
                    '“' => Some('”'),
                    '«' => Some('»'),
                    '„' => Some('“'),
                    '\'' if prev.is_none_or(|p| !p.is_alphanumeric()) => Some('\''),
                    _ => None,
                };
                // A quote that never closes is not a quote.
                match opens {
                    Some(close) if chars[i + 1..].contains(&close) => closing = Some(close),
                    _ => out.push(c),
                }
            }
        }
        prev = Some(c);
    }
    out
}

/// Words that deny what the clause says.
const NEGATIONS: &[&str] = &[
    "not", "never", "don't", "dont", "doesn't", "isn't", "no", "nicht", "nie", "kein", "jamais",
    "pas", "nunca", "ne",
];

/// Words that put a clause in the past.
const PAST: &[&str] = &[
    "used",
    "was",
    "were",
    "had",
    "spent",
    "previously",
    "formerly",
    "once",
    "früher",
    "ehemals",
    "autrefois",
    "anciennement",
    "antes",
    "antiguamente",
    "grew",
    "born",
    "lived",
    "wohnte",
    "lebte",
    "habitait",
    "vivait",
    "vivía",
    "vivió",
    "morava",
];

/// Whether the clause is about the past ("Used to live in Berlin", "Lived in Paris until
/// 2018"); "has lived" is the present.
fn past(clause: &[String]) -> bool {
    clause.iter().enumerate().any(|(i, w)| {
        PAST.contains(&w.as_str())
            && !(w == "lived" && i > 0 && matches!(clause[i - 1].as_str(), "has" | "have"))
    }) || contains(clause, &["no", "longer"]).is_some()
}

/// Where the words `phrase` start in `clause`.
fn contains(clause: &[String], phrase: &[&str]) -> Option<usize> {
    (0..clause.len()).find(|&i| {
        clause.len() - i >= phrase.len() && phrase.iter().zip(&clause[i..]).all(|(p, w)| p == w)
    })
}

/// Words that may stand before a verb when the clause is about the person: pronouns,
/// adverbs, auxiliaries.
const SELF: &[&str] = &[
    "i",
    "i'm",
    "im",
    "me",
    "my",
    "she",
    "he",
    "they",
    "we",
    "her",
    "his",
    "their",
    "our",
    "user",
    "user's",
    "the",
    "person",
    "person's",
    "is",
    "am",
    "are",
    "has",
    "have",
    "does",
    "do",
    "been",
    "currently",
    "now",
    "still",
    "also",
    "actually",
    "really",
    "usually",
    "generally",
    "mostly",
    "recently",
    "permanently",
    "already",
    "full",
    "first",
    "given",
    "je",
    "j'",
    "ich",
    "yo",
    "il",
    "elle",
    "er",
    "sie",
    "actuellement",
    "actualmente",
    "derzeit",
    "jetzt",
    "maintenant",
    "ahora",
    "aktuell",
    "mon",
    "mi",
    "mein",
];

/// Words that may also stand before how the person wants to be called ("Prefers to be
/// called", "Wants the assistant to call me").
const SELF_WISHES: &[&str] = &[
    "prefers",
    "prefer",
    "likes",
    "like",
    "wants",
    "want",
    "would",
    "to",
    "be",
    "asks",
    "asked",
    "rather",
    "should",
    "please",
    "always",
    "you",
    "assistant",
    "claude",
    "chatgpt",
    "gemini",
    "that",
    "bitte",
    "siempre",
    "toujours",
    "immer",
    "por",
    "favor",
];

/// Whether `prefix`, the words before a verb, leave the person as its subject.
fn about_the_person(prefix: &[String], wishes: bool) -> bool {
    prefix
        .iter()
        .all(|w| SELF.contains(&w.as_str()) || (wishes && SELF_WISHES.contains(&w.as_str())))
}

/// Possessives: a value after one is someone's or something's ("her kids", "my team's").
const POSSESSIVES: &[&str] = &[
    "my", "her", "his", "their", "our", "its", "your", "mon", "ma", "mes", "son", "sa", "ses",
    "leur", "leurs", "mi", "mis", "su", "sus", "mein", "meine", "sein", "seine", "ihr", "ihre",
    "unser", "unsere",
];

/// Whether `prefix` hands what follows to someone or something else.
fn owned(prefix: &[String]) -> bool {
    prefix
        .iter()
        .any(|w| POSSESSIVES.contains(&w.as_str()) || w.ends_with("'s") || w.ends_with("s'"))
}

/// Words that end a value: a clause word, a preposition, a time.
const VALUE_ENDS: &[&str] = &[
    "a",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "several",
    "few",
    "many",
    "some",
    "years",
    "months",
    "weeks",
    "days",
    "ago",
    "with",
    "and",
    "since",
    "for",
    "near",
    "where",
    "who",
    "while",
    "because",
    "in",
    "at",
    "as",
    "on",
    "from",
    "during",
    "until",
    "till",
    "last",
    "next",
    "this",
    "now",
    "currently",
    "today",
    "after",
    "before",
    "when",
    "by",
    "to",
    "avec",
    "depuis",
    "con",
    "desde",
    "com",
    "mit",
    "seit",
    "und",
    "et",
    "y",
    "e",
    "pendant",
    "durante",
    "bis",
    "hasta",
    "rather",
    "instead",
    "not",
    "never",
    "please",
    "only",
    "always",
];

/// The value at the start of `rest`: up to a word that ends it or a number, at most three
/// words.
fn value_at(rest: &[String]) -> String {
    rest.iter()
        .take_while(|w| {
            !VALUE_ENDS.contains(&w.as_str()) && !w.starts_with(|c: char| c.is_ascii_digit())
        })
        .take(3)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words that make what follows no named place: "a small flat", "her parents' house".
const NOT_A_PLACE: &[&str] = &[
    "a", "an", "un", "une", "ein", "eine", "einem", "einer", "una", "um", "uma", "my", "her",
    "his", "their", "our", "mon", "ma", "mi", "su", "mein", "meiner", "seiner", "ihrer",
];

/// How a clause says where the person lives: the verb, and the preposition before the
/// place when words may stand between them ("lives with her partner in", "moved from Berlin
/// to").
const HOME: &[(&[&str], Option<&str>)] = &[
    (&["lives", "in"], None),
    (&["live", "in"], None),
    (&["living", "in"], None),
    (&["based", "in"], None),
    (&["resides", "in"], None),
    (&["reside", "in"], None),
    (&["lived", "in"], None),
    (&["home", "is", "in"], None),
    (&["moved", "to"], None),
    (&["relocated", "to"], None),
    (&["lives", "with"], Some("in")),
    (&["live", "with"], Some("in")),
    (&["lives", "and", "works"], Some("in")),
    (&["live", "and", "work"], Some("in")),
    (&["moved", "from"], Some("to")),
    (&["relocated", "from"], Some("to")),
    (&["current", "city"], None),
    (&["home", "city"], None),
    (&["habite", "à"], None),
    (&["habite", "a"], None),
    (&["habite", "en"], None),
    (&["vit", "à"], None),
    (&["vis", "à"], None),
    (&["vit", "avec"], Some("à")),
    (&["vive", "en"], None),
    (&["vivo", "en"], None),
    (&["vive", "con"], Some("en")),
    (&["vive", "em"], None),
    (&["mora", "em"], None),
    (&["moro", "em"], None),
    (&["mora", "en"], None),
    (&["wohnt", "in"], None),
    (&["wohne", "in"], None),
    (&["lebt", "in"], None),
    (&["lebe", "in"], None),
];

/// Where the person lives, when the clause says it of them, now.
fn home(clause: &[String]) -> Vec<Value> {
    // A plan is not a home ("wants to live in Japan"); it shows as words before the verb
    // that are not about the person, as "will" and "wants" are not.
    let Some((at, verb, bridge)) = HOME
        .iter()
        .filter_map(|(verb, bridge)| contains(clause, verb).map(|at| (at, *verb, *bridge)))
        .min_by_key(|(at, _, _)| *at)
    else {
        return Vec::new();
    };
    if !about_the_person(&clause[..at], false) {
        return Vec::new();
    }
    let mut rest = &clause[at + verb.len()..];
    if let Some(bridge) = bridge {
        let Some(to) = rest.iter().position(|w| w == bridge) else {
            return Vec::new();
        };
        rest = &rest[to + 1..];
    }
    if rest
        .first()
        .is_none_or(|w| NOT_A_PLACE.contains(&w.as_str()))
    {
        return Vec::new();
    }
    vec![Value::new("home", &value_at(rest))]
}

/// How a clause names the person: (words, kind). "name" is their name, "call" what they
/// want to be called; a person may have one of each ("My name is Thomas", "Call me Tom").
const NAME: &[(&[&str], &str)] = &[
    (&["preferred", "name", "is"], "call"),
    (&["preferred", "name"], "call"),
    (&["nickname", "is"], "call"),
    (&["call", "me"], "call"),
    (&["be", "called"], "call"),
    (&["is", "called"], "call"),
    (&["goes", "by"], "call"),
    (&["go", "by"], "call"),
    (&["address", "me", "as"], "call"),
    (&["addressed", "as"], "call"),
    (&["appelle-moi"], "call"),
    (&["appelez-moi"], "call"),
    (&["llámame"], "call"),
    (&["llamame"], "call"),
    (&["nenn", "mich"], "call"),
    (&["nennt", "mich"], "call"),
    (&["name", "is"], "name"),
    (&["is", "named"], "name"),
    (&["name"], "name"),
    (&["je", "m'appelle"], "name"),
    (&["me", "llamo"], "name"),
    (&["mi", "nombre", "es"], "name"),
    (&["ich", "heiße"], "name"),
    (&["ich", "heisse"], "name"),
    (&["name", "ist"], "name"),
];

/// Titles before a name: the name is the word after.
const TITLES: &[&str] = &[
    "dr",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "prof",
    "professor",
    "sir",
    "madam",
    "doctor",
];

/// Words that are no name.
const NO_NAME: &[&str] = &[
    "a", "an", "the", "to", "by", "me", "is", "as", "it", "that", "this", "of", "for",
];

/// How the person is named or wants to be called, when the clause says it of them.
fn name(clause: &[String]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for (words, kind) in NAME {
        if out.iter().any(|v| v.kind == *kind) {
            continue;
        }
        let Some(at) = contains(clause, words) else {
            continue;
        };
        // A bare "Name" is a field: it starts the clause ("Name: Oliver Grant").
        if words.len() == 1 && words[0] == "name" && at != 0 {
            continue;
        }
        if !about_the_person(&clause[..at], true) {
            continue;
        }
        let first = clause[at + words.len()..]
            .iter()
            .map(|w| w.trim_end_matches('.'))
            .find(|w| !TITLES.contains(w));
        if let Some(first) =
            first.filter(|w| !NO_NAME.contains(w) && w.starts_with(char::is_alphabetic))
        {
            out.push(Value::new(kind, first));
        }
    }
    out
}

/// Language names, in the five languages memport speaks, by their English name. A longer
/// name comes before a shorter one it contains ("british english", "english").
const LANGUAGES: &[(&str, &str)] = &[
    ("british english", "british english"),
    ("american english", "american english"),
    ("english", "english"),
    ("anglais", "english"),
    ("inglés", "english"),
    ("ingles", "english"),
    ("englisch", "english"),
    ("french", "french"),
    ("français", "french"),
    ("francais", "french"),
    ("francés", "french"),
    ("französisch", "french"),
    ("spanish", "spanish"),
    ("español", "spanish"),
    ("espagnol", "spanish"),
    ("spanisch", "spanish"),
    ("german", "german"),
    ("deutsch", "german"),
    ("allemand", "german"),
    ("alemán", "german"),
    ("japanese", "japanese"),
    ("japonais", "japanese"),
    ("japonés", "japanese"),
    ("japanisch", "japanese"),
    ("portuguese", "portuguese"),
    ("português", "portuguese"),
    ("portugais", "portuguese"),
    ("portugués", "portuguese"),
    ("italian", "italian"),
    ("italien", "italian"),
    ("italiano", "italian"),
    ("italienisch", "italian"),
    ("dutch", "dutch"),
    ("néerlandais", "dutch"),
    ("niederländisch", "dutch"),
    ("chinese", "chinese"),
    ("korean", "korean"),
    ("russian", "russian"),
    ("arabic", "arabic"),
    ("hindi", "hindi"),
    ("polish", "polish"),
    ("swedish", "swedish"),
    ("turkish", "turkish"),
    ("greek", "greek"),
];

/// Words that say the clause is about the answers the person gets.
const ANSWER_WORDS: &[&str] = &[
    "answer",
    "answers",
    "respond",
    "responds",
    "réponds-moi",
    "répondez-moi",
    "antworte-mir",
    "responses",
    "response",
    "reply",
    "replies",
    "conversations",
    "chats",
    "réponds",
    "répondre",
    "répondez",
    "réponses",
    "responde",
    "responder",
    "respuestas",
    "antworte",
    "antworten",
    "antwort",
];

/// Words after "write to me", "speak to me": the person is the one answered.
const TO_ME: &[&[&str]] = &[
    &["write", "to", "me"],
    &["speak", "to", "me"],
    &["talk", "to", "me"],
];

/// The one language the clause asks answers in ("British English" before "English").
fn answer_language(clause: &[String]) -> Vec<Value> {
    let at = clause
        .iter()
        .position(|w| ANSWER_WORDS.contains(&w.as_str()))
        .or_else(|| TO_ME.iter().filter_map(|p| contains(clause, p)).min());
    let Some(at) = at else {
        return Vec::new();
    };
    // Answers to, with or for someone or something else ("reply to customers", "the
    // answer to a clue", "conversations with a tutor", "responses for the client deck") are
    // not the person's, nor is a partner's or a team's language.
    let after = clause.get(at + 1).map(String::as_str);
    if matches!(after, Some("to" | "with" | "for"))
        && clause.get(at + 2).is_some_and(|w| {
            !matches!(
                w.as_str(),
                "me" | "you" | "all" | "every" | "everything" | "any"
            )
        })
    {
        return Vec::new();
    }
    if owned(&clause[..at]) || topic(&clause[..at]) {
        return Vec::new();
    }
    let joined = format!(" {} ", clause.join(" "));
    let mut rest = joined.clone();
    let mut named: Vec<&str> = Vec::new();
    for (word, language) in LANGUAGES {
        let padded = format!(" {word} ");
        if rest.contains(&padded) {
            if !named.contains(language) {
                named.push(language);
            }
            rest = rest.replace(&padded, "  ");
        }
    }
    match named.as_slice() {
        [one] => vec![Value::new("language", one)],
        _ => Vec::new(),
    }
}

/// Nouns a unit system qualifies ("metric units", "système métrique").
const UNIT_NOUNS: &[&str] = &[
    "units",
    "unit",
    "system",
    "measurements",
    "measurement",
    "measures",
    "unités",
    "système",
    "mesures",
    "unidades",
    "sistema",
    "medidas",
    "einheiten",
    "maßeinheiten",
    "maße",
];

/// Words for a unit system, and which it is.
const SYSTEMS: &[(&str, &str)] = &[
    ("metric", "metric"),
    ("métrique", "metric"),
    ("métrico", "metric"),
    ("métrica", "metric"),
    ("metrisch", "metric"),
    ("metrische", "metric"),
    ("metrischen", "metric"),
    ("metrisches", "metric"),
    ("si", "metric"),
    ("imperial", "imperial"),
    ("impérial", "imperial"),
    ("impériales", "imperial"),
    ("impériaux", "imperial"),
    ("imperiales", "imperial"),
    ("imperialen", "imperial"),
    ("imperiale", "imperial"),
    ("customary", "imperial"),
];

/// Words that may follow a unit system standing alone ("in metric, please").
fn ends_phrase(next: Option<&String>) -> bool {
    next.is_none_or(|w| VALUE_ENDS.contains(&w.as_str()) || w == "please")
}

/// Whether the word at `i` qualifies one of `nouns`: the noun follows ("metric units") or,
/// as French and Spanish put it, comes just before ("système métrique"); or it stands alone
/// after "in" ("measurements in metric").
fn qualifies(clause: &[String], i: usize, nouns: &[&str]) -> bool {
    let next = clause.get(i + 1);
    let before = i.checked_sub(1).map(|b| clause[b].as_str());
    let after_de = i
        .checked_sub(2)
        .filter(|_| matches!(before, Some("de" | "du")))
        .map(|b| clause[b].as_str());
    next.is_some_and(|w| nouns.contains(&w.as_str()))
        || before.is_some_and(|w| nouns.contains(&w))
        || after_de.is_some_and(|w| nouns.contains(&w))
        || (matches!(before, Some("in" | "en")) && ends_phrase(next))
}

/// Words that make what follows a subject of study, teaching or writing, not what the
/// person uses ("teaches the metric system", "a talk about 24-hour time").
const TOPIC: &[&str] = &[
    "teaches",
    "teach",
    "teaching",
    "studies",
    "study",
    "studying",
    "learning",
    "learns",
    "explains",
    "explaining",
    "about",
    "researching",
    "researches",
    "lecture",
    "lectures",
    "practises",
    "practices",
    "practising",
    "practicing",
];

fn topic(prefix: &[String]) -> bool {
    prefix.iter().any(|w| TOPIC.contains(&w.as_str()))
}

/// Whether the clause, up to word `i`, is the person's and in use: no possessive before it
/// ("her kids' clock") and no subject of study ("teaches the metric system").
fn persons(clause: &[String], i: usize) -> bool {
    !owned(&clause[..i]) && !topic(&clause[..i])
}

/// The unit system and the temperature scale the clause asks for.
fn units(clause: &[String]) -> Vec<Value> {
    let mut systems: Vec<&str> = Vec::new();
    for (i, w) in clause.iter().enumerate() {
        let Some((_, system)) = SYSTEMS.iter().find(|(word, _)| word == w) else {
            continue;
        };
        let named = match w.as_str() {
            // "SI" and "customary" only as "SI units", "US customary units".
            "si" => clause.get(i + 1).is_some_and(|n| n == "units"),
            "customary" => i > 0 && clause[i - 1] == "us",
            _ => qualifies(clause, i, UNIT_NOUNS),
        };
        if named && persons(clause, i) && !systems.contains(system) {
            systems.push(system);
        }
    }
    let mut out = Vec::new();
    if let [one] = systems.as_slice() {
        out.push(Value::new("system", one));
    }
    let scales: Vec<&str> = clause
        .iter()
        .enumerate()
        .filter(|(i, _)| persons(clause, *i))
        .filter_map(|(_, w)| match w.as_str() {
            "celsius" | "°c" => Some("celsius"),
            "fahrenheit" | "°f" => Some("fahrenheit"),
            _ => None,
        })
        .collect();
    if let Some(first) = scales.first() {
        if scales.iter().all(|s| s == first) {
            out.push(Value::new("temperature", first));
        }
    }
    out
}

/// Nouns a clock qualifies ("24-hour time", "format 24 heures").
const CLOCK_NOUNS: &[&str] = &[
    "time",
    "times",
    "clock",
    "format",
    "notation",
    "formato",
    "horloge",
    "reloj",
    "uhr",
    "zeit",
    "uhrzeit",
    "zeitformat",
];

/// Words for a clock, and which it is: one word, or a number and the word after it.
fn clock_at(clause: &[String], i: usize) -> Option<(&'static str, usize)> {
    let w = clause[i].as_str();
    let next = clause.get(i + 1).map(String::as_str);
    let hours = |n: &str| match n {
        "24" => Some("24-hour"),
        "12" => Some("12-hour"),
        _ => None,
    };
    // "24-hour", "24h", "24-stunden-format": the number, then the rest of the word.
    if let Some((number, unit)) = w.split_once('-').or_else(|| {
        w.strip_suffix('h')
            .map(|n| (n, "hour"))
            .or_else(|| w.strip_suffix("hr").map(|n| (n, "hour")))
    }) {
        let (unit, compound) = unit
            .split_once('-')
            .map_or((unit, None), |(u, c)| (u, Some(c)));
        if matches!(unit, "hour" | "hr" | "stunden" | "heures" | "horas") {
            if let Some(clock) = hours(number) {
                // "24-stunden-format" carries its noun.
                return Some((clock, if compound.is_some() { usize::MAX } else { 1 }));
            }
        }
    }
    if let (Some(clock), Some("hour" | "hr" | "heures" | "horas" | "stunden")) = (hours(w), next) {
        return Some((clock, 2));
    }
    None
}

/// The clock the clause asks for.
fn clock(clause: &[String]) -> Vec<Value> {
    let mut found: Vec<&str> = Vec::new();
    for i in 0..clause.len() {
        if !persons(clause, i) {
            continue;
        }
        let w = clause[i].as_str();
        let clock = if w == "am/pm" {
            Some("12-hour")
        } else if w == "military" && clause.get(i + 1).is_some_and(|n| n == "time") {
            Some("24-hour")
        } else if let Some((clock, len)) = clock_at(clause, i) {
            let noun_follows = len == usize::MAX
                || (clause
                    .get(i + len)
                    .is_some_and(|n| CLOCK_NOUNS.contains(&n.as_str()))
                    // "a 12-hour time difference": the noun is "difference".
                    && clause
                        .get(i + len + 1)
                        .is_none_or(|n| !n.starts_with(char::is_alphabetic) || VALUE_ENDS.contains(&n.as_str()) || n == "please" || CLOCK_NOUNS.contains(&n.as_str())));
            // "format 24 heures", "formato de 24 horas".
            let noun_before = [1, 2].iter().any(|&back| {
                i.checked_sub(back).is_some_and(|b| {
                    CLOCK_NOUNS.contains(&clause[b].as_str())
                        && (back == 1 || matches!(clause[i - 1].as_str(), "de" | "du"))
                })
            });
            (noun_follows || noun_before).then_some(clock)
        } else if matches!(w, "like" | "as")
            && i > 0
            && CLOCK_NOUNS.contains(&clause[i - 1].as_str())
        {
            // "Format times like 14:30": an example after the hour 12 is a 24-hour clock.
            clause
                .get(i + 1)
                .and_then(|t| t.split_once(':'))
                .and_then(|(h, _)| h.parse::<u32>().ok())
                .filter(|h| (13..24).contains(h) || *h == 0)
                .map(|_| "24-hour")
        } else {
            None
        };
        if let Some(clock) = clock {
            if !found.contains(&clock) {
                found.push(clock);
            }
        }
    }
    match found.as_slice() {
        [one] => vec![Value::new("clock", one)],
        _ => Vec::new(),
    }
}
