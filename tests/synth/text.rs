//! Ordinary text: words, titles, questions and answers that pad an export between its
//! planted memories.

use crate::*;

pub(crate) const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "that",
    "it",
    "with",
    "for",
    "on",
    "is",
    "as",
    "this",
    "you",
    "can",
    "be",
    "by",
    "from",
    "your",
    "or",
    "data",
    "function",
    "value",
    "system",
    "model",
    "query",
    "server",
    "request",
    "build",
    "test",
    "garden",
    "recipe",
    "budget",
    "travel",
    "schedule",
    "design",
    "layout",
    "memory",
    "thread",
    "buffer",
    "stream",
    "parse",
    "return",
    "error",
    "option",
    "result",
    "vector",
    "string",
    "number",
    "table",
    "index",
    "cache",
    "deploy",
    "cluster",
    "network",
    "latency",
    "throughput",
    "invoice",
    "contract",
    "letter",
    "essay",
    "chapter",
    "poem",
    "story",
    "history",
    "river",
    "mountain",
    "city",
    "market",
    "kitchen",
    "bread",
    "coffee",
    "tea",
    "train",
    "flight",
    "hotel",
    "museum",
    "weather",
    "running",
    "training",
    "plan",
    "week",
    "morning",
    "evening",
    "simple",
    "quick",
    "careful",
    "clear",
    "better",
    "faster",
    "smaller",
    "larger",
    "useful",
    "common",
    "rare",
    "important",
    "example",
    "approach",
    "step",
    "detail",
    "summary",
    "version",
    "update",
    "change",
    "check",
    "choose",
    "compare",
    "explain",
    "consider",
    "keep",
    "use",
    "make",
    "write",
    "read",
    "find",
    "show",
    "give",
    "take",
    "move",
    "start",
    "stop",
    "open",
    "close",
    "first",
    "second",
    "next",
    "last",
    "each",
    "every",
    "some",
    "many",
    "few",
    "more",
    "most",
    "also",
    "then",
    "because",
    "while",
    "when",
    "where",
    "which",
    "about",
    "over",
    "under",
    "between",
    "without",
    "within",
    "across",
];

pub(crate) const UNICODE_BITS: &[&str] = &[
    "café",
    "naïve",
    "São Paulo",
    "Zürich",
    "crème brûlée",
    "北京",
    "東京の天気",
    "日本語",
    "😀",
    "🚀",
    "👍🏽",
    "🇵🇹",
    "שלום",
    "مرحبا بالعالم",
    "Ω≈ç√∫",
    "Ελληνικά",
    "Привет",
    "한국어",
    "naïveté",
    "“quoted”",
    "—",
    "…",
    "½ cup",
];

pub(crate) const TITLES: &[&str] = &[
    "Sourdough starter tips",
    "Fixing a Rust lifetime error",
    "Trip to Kyoto itinerary",
    "SQL query optimization",
    "Birthday message ideas",
    "Explain Kubernetes pods",
    "Resume bullet points",
    "Marathon training plan",
    "Python list comprehension",
    "Balcony tomato problems",
    "Translate to Portuguese",
    "Email to landlord",
    "Regex for dates",
    "Budget spreadsheet formulas",
    "History of Lisbon trams",
    "Kids' science experiment",
    "Café menu ideas ☕",
    "数据分析问题",
    "Rédaction d'une lettre",
    "Poem about autumn 🍂",
    "Docker compose networking",
    "Git rebase vs merge",
    "Meal prep for the week",
    "Negotiating a raise",
    "Understanding mortgages",
    "Bug in async code",
    "Name ideas for a cat",
    "Summarize this article",
    "Interview practice",
    "Physics homework help",
];

pub(crate) const CODE: &[(&str, &str)] = &[
    (
        "rust",
        "fn main() {\n    let v: Vec<u32> = (1..=10).collect();\n    println!(\"sum = {}\", v.iter().sum::<u32>());\n}\n",
    ),
    (
        "python",
        "import json\n\nwith open(\"data.json\") as f:\n    rows = json.load(f)\nprint(\"\\n\".join(r[\"name\"] for r in rows))\n",
    ),
    (
        "javascript",
        "const re = /\\d{4}-\\d{2}-\\d{2}/g;\nconsole.log(\"2024-05-01 and 2024-06-02\".match(re));\n",
    ),
    (
        "sql",
        "SELECT city, COUNT(*) AS n\nFROM users\nWHERE created_at > '2024-01-01'\nGROUP BY city\nORDER BY n DESC;\n",
    ),
    (
        "bash",
        "for f in *.log; do\n  grep -c \"ERROR\" \"$f\" | xargs echo \"$f:\"\ndone\n",
    ),
];

/// One of a list of words.
pub(crate) fn one(rng: &mut Rng, list: &[&'static str]) -> &'static str {
    list[rng.below(list.len())]
}

pub(crate) fn sentence(rng: &mut Rng, s: &mut String) {
    let n = rng.range(6, 18);
    for i in 0..n {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            if rng.chance(3) {
                s.push_str(one(rng, UNICODE_BITS));
                s.push(' ');
            }
            s.push_str(w);
        }
    }
    s.push_str([".", ".", ".", "?", "!"][rng.below(5)]);
}

pub(crate) fn paragraph(rng: &mut Rng, s: &mut String) {
    for i in 0..rng.range(2, 5) {
        if i > 0 {
            s.push(' ');
        }
        sentence(rng, s);
    }
}

pub(crate) fn question(rng: &mut Rng) -> String {
    let starts = [
        "How do I",
        "Can you explain",
        "What is the best way to",
        "Why does",
        "Help me",
        "Could you rewrite",
        "Give me an example of how to",
    ];
    let mut s = rng.pick(&starts).to_string();
    for _ in 0..rng.range(4, 12) {
        s.push(' ');
        s.push_str(one(rng, WORDS));
    }
    s.push('?');
    if rng.chance(20) {
        s.push_str("\n\n");
        paragraph(rng, &mut s);
    }
    s
}

pub(crate) fn answer(rng: &mut Rng, long: bool) -> String {
    let mut s = String::new();
    let paras = if long {
        rng.range(120, 300)
    } else {
        rng.range(1, 5)
    };
    for i in 0..paras {
        if i > 0 {
            s.push_str("\n\n");
        }
        if rng.chance(8) {
            s.push_str("## ");
            sentence(rng, &mut s);
            s.push_str("\n\n");
        }
        paragraph(rng, &mut s);
        if rng.chance(10) {
            for _ in 0..rng.range(2, 4) {
                s.push_str("\n- ");
                sentence(rng, &mut s);
            }
        }
    }
    if rng.chance(20) {
        let (lang, code) = rng.pick(CODE);
        s.push_str("\n\n```");
        s.push_str(lang);
        s.push('\n');
        s.push_str(code);
        s.push_str("```");
    }
    s
}
