//! The words memport says, in the person's language.
//!
//! Every sentence a person reads is a message id with arguments, looked up in one catalog per
//! language. The catalogs are the extension's own `extension/_locales/<lang>/messages.json`
//! (Chrome's format, which the browser also reads for the manifest and the pages), so that the
//! worker, the popup and the CLI say the same thing in the same words. Natively all are
//! embedded (the CLI, and the tests that read them). The core WebAssembly (service worker,
//! popup) embeds none: the browser, which reads `_locales/` for the manifest and the pages,
//! says its words (`chrome.i18n.getMessage`, [`read_from_browser`]). The export worker has no
//! `chrome.i18n`: its module embeds English and reads the person's language from `_locales/`
//! when it starts ([`provide`]).
//!
//! Plurals: a message whose wording depends on a count has one entry per form,
//! `<id>_one` and `<id>_other`, picked by the language's rule ([`Lang::plural`]). Numbers are
//! written with the language's digit grouping ([`number`]).
//!
//! The language is per thread ([`set_lang`]): the extension's WebAssembly runs on one thread
//! and sets it from the browser's UI language; each native test runs on its own thread and
//! starts in English.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

use serde::Deserialize;

/// A language memport speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
    De,
    Es,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Fr, Lang::De, Lang::Es, Lang::Ja];

    /// The catalog's folder name, and the language's BCP 47 tag.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::Ja => "ja",
        }
    }

    /// The language of a tag such as `fr-CA`, `de_DE.UTF-8` or `ja`; English for any other.
    pub fn from_tag(tag: &str) -> Lang {
        let primary: String = tag
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == primary)
            .unwrap_or(Lang::En)
    }

    /// Which form a count takes: `one` or `other` (CLDR's rules for these languages).
    pub fn plural(self, n: u64) -> Plural {
        match self {
            Lang::Ja => Plural::Other,
            Lang::Fr if n <= 1 => Plural::One,
            Lang::En | Lang::De | Lang::Es if n == 1 => Plural::One,
            _ => Plural::Other,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

impl Plural {
    fn suffix(self) -> &'static str {
        match self {
            Plural::One => "_one",
            Plural::Other => "_other",
        }
    }
}

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language messages are written in on this thread from now on.
pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// The language messages are written in on this thread.
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// One entry of a `messages.json`, as Chrome defines it.
#[derive(Deserialize)]
pub struct Entry {
    pub message: String,
    #[serde(default)]
    pub placeholders: HashMap<String, Placeholder>,
}

#[derive(Deserialize)]
pub struct Placeholder {
    pub content: String,
}

/// A catalog: message id (lower case, as Chrome matches them) to its text with `$1`..`$9`.
type Catalog = HashMap<String, String>;

/// The catalogs built in. Natively all five (the tests, the `memport` tool). The export
/// module carries only English, which every other language falls back to: the extension ships
/// every catalog in `_locales/` anyway, so the person's own is read from there at start
/// ([`provide`], from `crate::web`). The core and extra modules carry none (see [`BROWSER`]).
#[cfg(not(target_arch = "wasm32"))]
const SOURCES: &[(Lang, &str)] = &[
    (
        Lang::En,
        include_str!("../extension/_locales/en/messages.json"),
    ),
    (
        Lang::Fr,
        include_str!("../extension/_locales/fr/messages.json"),
    ),
    (
        Lang::De,
        include_str!("../extension/_locales/de/messages.json"),
    ),
    (
        Lang::Es,
        include_str!("../extension/_locales/es/messages.json"),
    ),
    (
        Lang::Ja,
        include_str!("../extension/_locales/ja/messages.json"),
    ),
];
#[cfg(all(
    target_arch = "wasm32",
    any(feature = "web-core", feature = "web-extra"),
    not(feature = "bench")
))]
const SOURCES: &[(Lang, &str)] = &[];
// The export module; and the core built for `./dev bench`, which runs outside the extension.
#[cfg(all(
    target_arch = "wasm32",
    any(
        not(any(feature = "web-core", feature = "web-extra")),
        feature = "bench"
    )
))]
const SOURCES: &[(Lang, &str)] = &[(
    Lang::En,
    include_str!("../extension/_locales/en/messages.json"),
)];

/// The raw entries of `lang`'s catalog, for the checks that every language has every message.
pub fn entries(lang: Lang) -> Result<HashMap<String, Entry>, String> {
    let (_, text) = SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .ok_or_else(|| format!("no catalog for {}", lang.code()))?;
    parse(lang, text)
}

fn parse(lang: Lang, text: &str) -> Result<HashMap<String, Entry>, String> {
    serde_json::from_str(text).map_err(|e| format!("_locales/{}/messages.json: {e}", lang.code()))
}

/// The parsed catalogs, by [`Lang::ALL`]'s order: each filled the first time it is needed (a
/// popup in French reads French and, for a message French lacks, English, never the other
/// three), or by [`provide`].
static CATALOGS: [OnceLock<Catalog>; 5] = [const { OnceLock::new() }; 5];

fn slot(lang: Lang) -> &'static OnceLock<Catalog> {
    &CATALOGS[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]
}

fn catalog_of(entries: HashMap<String, Entry>) -> Catalog {
    entries
        .into_iter()
        .map(|(id, e)| (id.to_ascii_lowercase(), positional(&e)))
        .collect()
}

/// `lang`'s catalog: built in, or provided; none for a language that is neither (yet).
fn catalog(lang: Lang) -> Option<&'static Catalog> {
    let slot = slot(lang);
    if let Some(catalog) = slot.get() {
        return Some(catalog);
    }
    let (_, text) = SOURCES.iter().find(|(l, _)| *l == lang)?;
    // A catalog that does not parse fails the tests; here it only means English.
    Some(slot.get_or_init(|| catalog_of(parse(lang, text).unwrap_or_default())))
}

/// Whether `lang`'s catalog is at hand, built in or provided.
pub fn has_catalog(lang: Lang) -> bool {
    slot(lang).get().is_some() || SOURCES.iter().any(|(l, _)| *l == lang)
}

/// Takes `text`, a `messages.json` of `lang` (the extension's own `_locales/<lang>/`), as
/// that language's catalog. One already there is kept.
pub fn provide(lang: Lang, text: &str) -> Result<(), String> {
    let entries = parse(lang, text)?;
    let _ = slot(lang).set(catalog_of(entries));
    Ok(())
}

/// The entry's text with its named placeholders (`$site$`) replaced by their content (`$1`).
fn positional(entry: &Entry) -> String {
    let mut out = String::with_capacity(entry.message.len());
    let mut rest = entry.message.as_str();
    while let Some(start) = rest.find('$') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('$') {
            Some(end)
                if end > 0
                    && after[..end]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                let name = after[..end].to_ascii_lowercase();
                match entry
                    .placeholders
                    .iter()
                    .find(|(k, _)| k.to_ascii_lowercase() == name)
                {
                    Some((_, p)) => out.push_str(&p.content),
                    None => out.push_str(&rest[start..start + end + 2]),
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `$1`..`$9` in `text` replaced by `args`; `$$` is a dollar sign.
fn fill(text: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(text.len() + 16 * args.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('$') => {
                chars.next();
                out.push('$');
            }
            Some(d @ '1'..='9') => {
                chars.next();
                let i = d as usize - '1' as usize;
                if let Some(arg) = args.get(i) {
                    out.push_str(&arg.to_string());
                }
            }
            _ => out.push('$'),
        }
    }
    out
}

/// The browser's own lookup in the extension's `_locales` (`chrome.i18n.getMessage`: the
/// catalog of the language it chose, English for what that one lacks): message `id` with its
/// placeholders as `$1`..`$9`, empty for an id no catalog has. Set by `crate::web` as the core
/// module starts, so the core carries no catalog of its own. Unset natively and in the export
/// worker, which has no `chrome.i18n`: those read the catalogs above.
static BROWSER: OnceLock<fn(&str) -> String> = OnceLock::new();

thread_local! {
    /// What the browser said for each id asked, once: a popup of thousands of memories says a
    /// few messages per memory, and each question crosses into the browser.
    static SAID: std::cell::RefCell<HashMap<String, Option<String>>> = Default::default();
}

/// Has every message from now on said by `get` (see [`BROWSER`]).
pub fn read_from_browser(get: fn(&str) -> String) {
    let _ = BROWSER.set(get);
}

/// Message `id` with `args` as the browser says it, when it reads the catalogs: `None` for an
/// id it has not.
fn from_browser(get: fn(&str) -> String, id: &str, args: &[&dyn Display]) -> Option<String> {
    let known = SAID.with(|said| said.borrow().get(id).cloned());
    let template = known.unwrap_or_else(|| {
        let said = Some(get(id)).filter(|t| !t.is_empty());
        SAID.with(|s| s.borrow_mut().insert(id.to_string(), said.clone()));
        said
    })?;
    Some(fill(&template, args))
}

fn lookup(lang: Lang, id: &str) -> Option<&'static str> {
    catalog(lang)?
        .get(&id.to_ascii_lowercase())
        .map(String::as_str)
}

/// Message `id` in the thread's language (English when that catalog lacks it), with `args`.
/// An id no catalog has is said as itself, so that a mistake shows rather than hides.
pub fn t(id: &str, args: &[&dyn Display]) -> String {
    if let Some(&get) = BROWSER.get() {
        return from_browser(get, id, args).unwrap_or_else(|| id.to_string());
    }
    t_in(lang(), id, args)
}

/// [`t`] in a given language, from the catalogs built in or provided (not the browser's,
/// which speaks only its own language).
pub fn t_in(lang: Lang, id: &str, args: &[&dyn Display]) -> String {
    match lookup(lang, id).or_else(|| lookup(Lang::En, id)) {
        Some(text) => fill(text, args),
        None => id.to_string(),
    }
}

/// Message `id` in the form the count `n` takes (`<id>_one` or `<id>_other`), with `args`.
pub fn tn(id: &str, n: usize, args: &[&dyn Display]) -> String {
    let lang = lang();
    let form = format!("{id}{}", lang.plural(n as u64).suffix());
    let other = format!("{id}_other");
    if let Some(&get) = BROWSER.get() {
        return from_browser(get, &form, args)
            .or_else(|| from_browser(get, &other, args))
            .unwrap_or_else(|| id.to_string());
    }
    match lookup(lang, &form)
        .or_else(|| lookup(lang, &other))
        .or_else(|| {
            lookup(
                Lang::En,
                &format!("{id}{}", Lang::En.plural(n as u64).suffix()),
            )
        }) {
        Some(text) => fill(text, args),
        None => id.to_string(),
    }
}

/// "1 memory", "12 memories", in the thread's language.
pub fn memories(n: usize) -> String {
    tn("count_memories", n, &[&number(n)])
}

/// `date` as the thread's language writes a day ("Nov 24, 2026", "24 nov. 2026",
/// "2026年11月24日"): its catalog's month names and order.
pub fn date(date: time::Date) -> String {
    let months = t("months_short", &[]);
    let month = months
        .split('|')
        .nth(usize::from(u8::from(date.month())) - 1)
        .map_or_else(|| u8::from(date.month()).to_string(), str::to_string);
    t("date_format", &[&date.day(), &month, &date.year()])
}

/// `items` as prose in the thread's language: "Claude, ChatGPT and Gemini", with the last
/// pair joined by the message `joiner` (`list_and`, `list_or`) and the rest by commas.
pub fn prose_list(items: &[String], joiner: &str) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            let comma = if lang() == Lang::Ja { "、" } else { ", " };
            t(joiner, &[&rest.join(comma), last])
        }
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// A category's label in the thread's language. The profile file keeps the category's stable
/// id ([`Category::label`], in English); only what the person reads is translated.
pub fn category(category: crate::category::Category) -> String {
    use crate::category::Category;
    let id = match category {
        Category::ResponseInstructions => "category_response_instructions",
        Category::PersonalInformation => "category_personal_information",
        Category::ProjectsAndGoals => "category_projects_and_goals",
        Category::TechnicalPreferences => "category_technical_preferences",
        Category::BehavioralCorrections => "category_behavioral_corrections",
        Category::OtherContext => "category_other_context",
    };
    t(id, &[])
}

/// `n` with the thread's language's digit grouping: 12,345 / 12 345 / 12.345.
pub fn number(n: usize) -> String {
    number_in(lang(), n)
}

/// `x` with one decimal, in the thread's language's decimal mark: 0.4 / 0,4.
pub fn decimal(x: f64) -> String {
    let written = format!("{x:.1}");
    match lang() {
        Lang::En | Lang::Ja => written,
        Lang::Fr | Lang::De | Lang::Es => written.replace('.', ","),
    }
}

/// [`number`] in a given language.
pub fn number_in(lang: Lang, n: usize) -> String {
    let digits = n.to_string();
    // Spanish groups only from five digits on (RAE); French with a narrow no-break space.
    let (sep, from) = match lang {
        Lang::En | Lang::Ja => (",", 4),
        Lang::De => (".", 4),
        Lang::Es => (".", 5),
        Lang::Fr => ("\u{202f}", 4),
    };
    if digits.len() < from {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The placeholders a message uses, as `$1`.. after naming is resolved.
    fn positions(text: &str) -> BTreeSet<char> {
        let mut out = BTreeSet::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '$' {
                match chars.peek().copied() {
                    Some('$') => {
                        chars.next();
                    }
                    Some(d @ '1'..='9') => {
                        out.insert(d);
                        chars.next();
                    }
                    _ => {}
                }
            }
        }
        out
    }

    #[test]
    fn a_provided_catalog_must_parse_and_never_replaces_one_in_use() {
        assert!(provide(Lang::De, "{").is_err());
        // German is built in natively: said once, it is the catalog from then on.
        set_lang(Lang::De);
        let said = t("page_cancel", &[]);
        assert!(has_catalog(Lang::De));
        provide(Lang::De, r#"{"page_cancel": {"message": "X"}}"#).unwrap();
        assert_eq!(t("page_cancel", &[]), said);
        assert_ne!(said, "X");
    }

    #[test]
    fn dates_follow_the_language() {
        let day = time::macros::date!(2026 - 11 - 24);
        let said: Vec<String> = Lang::ALL
            .iter()
            .map(|&lang| {
                set_lang(lang);
                date(day)
            })
            .collect();
        assert_eq!(
            said,
            [
                "Nov 24, 2026",
                "24 nov. 2026",
                "24. Nov. 2026",
                "24 nov 2026",
                "2026年11月24日"
            ]
        );
    }

    #[test]
    fn every_language_has_every_message_with_the_same_placeholders() {
        let en = entries(Lang::En).unwrap();
        let mut problems = Vec::new();
        for lang in Lang::ALL {
            let theirs = entries(lang).unwrap();
            for (id, entry) in &en {
                let (base, plural) = match id.strip_suffix("_one") {
                    Some(base) => (base, true),
                    None => (id.as_str(), false),
                };
                // Japanese has one form: `_other` alone is complete.
                if plural && lang == Lang::Ja {
                    if !theirs.contains_key(&format!("{base}_other")) {
                        problems.push(format!("{}: {base}_other missing", lang.code()));
                    }
                    continue;
                }
                let Some(their) = theirs.get(id) else {
                    problems.push(format!("{}: {id} missing", lang.code()));
                    continue;
                };
                let (mut want, got) =
                    (positions(&positional(entry)), positions(&positional(their)));
                // A singular takes the plural's arguments, and may leave the count out ("Saved
                // 1 memory" in English, "$1 souvenir" in French, where 0 is singular too).
                if plural {
                    if let Some(other) = en.get(&format!("{base}_other")) {
                        want = positions(&positional(other));
                    }
                }
                if got != want && !(plural && got.is_subset(&want)) {
                    problems.push(format!(
                        "{}: {id} uses {got:?}, English uses {want:?}",
                        lang.code()
                    ));
                }
                if their.message.trim().is_empty() {
                    problems.push(format!("{}: {id} is empty", lang.code()));
                }
            }
            for id in theirs.keys() {
                let base = id.strip_suffix("_one").unwrap_or(id);
                if !en.contains_key(id) && !en.contains_key(&format!("{base}_other")) {
                    problems.push(format!("{}: {id} is not in English", lang.code()));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn named_placeholders_and_dollars() {
        let entry: Entry = serde_json::from_str(
            r#"{"message": "Saved $COUNT$ from $site$ for $$5", "placeholders": {"count": {"content": "$1"}, "site": {"content": "$2"}}}"#,
        )
        .unwrap();
        assert_eq!(positional(&entry), "Saved $1 from $2 for $$5");
        assert_eq!(
            fill(&positional(&entry), &[&3, &"Claude"]),
            "Saved 3 from Claude for $5"
        );
    }

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!(Lang::Fr.plural(0), Plural::One);
        assert_eq!(Lang::En.plural(0), Plural::Other);
        assert_eq!(Lang::De.plural(1), Plural::One);
        assert_eq!(Lang::Ja.plural(1), Plural::Other);
    }

    #[test]
    fn numbers_follow_each_language() {
        assert_eq!(number_in(Lang::En, 1234567), "1,234,567");
        assert_eq!(number_in(Lang::De, 1234), "1.234");
        assert_eq!(number_in(Lang::Es, 1234), "1234");
        assert_eq!(number_in(Lang::Es, 12345), "12.345");
        assert_eq!(number_in(Lang::Fr, 20000), "20\u{202f}000");
        assert_eq!(number_in(Lang::Ja, 999), "999");
    }

    #[test]
    fn tags_name_languages() {
        assert_eq!(Lang::from_tag("fr-CA"), Lang::Fr);
        assert_eq!(Lang::from_tag("de_DE.UTF-8"), Lang::De);
        assert_eq!(Lang::from_tag("ja"), Lang::Ja);
        assert_eq!(Lang::from_tag("pt-BR"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn each_thread_starts_in_english_and_keeps_its_own() {
        set_lang(Lang::Fr);
        assert_eq!(lang(), Lang::Fr);
        std::thread::spawn(|| assert_eq!(lang(), Lang::En))
            .join()
            .unwrap();
    }
}
