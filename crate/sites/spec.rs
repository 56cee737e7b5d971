//! The shape of a site description: everything memport knows about one assistant's pages.
//!
//! Sites change their markup without notice, so nothing about a page is written into code:
//! each site is one TOML file beside this one (`claude.toml`, `gemini.toml`), read into these
//! types. `build.rs` includes this file too, to check every site file against
//! `manifest.json` before anything is built. Keep it free of anything but serde and
//! [`Category`].

use serde::{Deserialize, Serialize};

use crate::category::Category;

/// An assistant memport can read from or write to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assistant {
    Claude,
    #[serde(rename = "chatgpt")]
    ChatGpt,
    Gemini,
}

impl Assistant {
    /// Its name in storage and messages: "claude", "chatgpt", "gemini".
    pub fn key(self) -> &'static str {
        match self {
            Assistant::Claude => "claude",
            Assistant::ChatGpt => "chatgpt",
            Assistant::Gemini => "gemini",
        }
    }
}

/// One site file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSpec {
    pub assistant: Assistant,
    /// The name people know it by: "Claude".
    pub name: String,
    /// Exact origin pages must have before memport reads or fills them.
    pub origin: String,
    /// When these selectors and labels were last compared with the real site (YYYY-MM-DD),
    /// or "never" for what comes only from public reports.
    pub last_checked: String,
    pub capture: Option<CapturePage>,
    pub import: Option<ImportPage>,
    /// The chat composer, for sending memory as a message that asks the assistant to
    /// remember it: the second way in.
    #[serde(default)]
    pub chat: Option<ImportPage>,
    /// The chat pages, where "Capture the answer" reads the assistant's last reply (its
    /// answer to memport's export prompt) into "Import text".
    #[serde(default)]
    pub answer: Option<AnswerPage>,
}

/// A chat page and how to read the assistant's last reply on it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerPage {
    /// Chrome match patterns of the chat pages.
    pub url_patterns: Vec<String>,
    /// The assistant's replies (never the person's messages), tried in order: the first
    /// locator that finds any finds them all, and the last on the page is read.
    pub replies: Vec<Locator>,
    /// A code block inside a reply, tried in order: its text is taken exactly as written.
    pub code: Vec<Locator>,
    /// CSS selectors of what the page draws around a code block (its language label, its
    /// "Copy" button), nearest first; that is neither code nor the reply's own words. When
    /// none matches, the code element alone is the block.
    #[serde(default)]
    pub frames: Vec<String>,
    /// Signs on the page that a reply is still being written (a Stop button, a streaming
    /// flag).
    #[serde(default)]
    pub streaming: Vec<Locator>,
    /// Milliseconds to wait for a reply, and for one being written to finish.
    pub wait_ms: u32,
}

/// A page that shows the assistant's memory, where memport puts its "Save memory" button.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapturePage {
    /// Chrome match patterns of the page (query strings are ignored by Chrome's matching).
    pub url_patterns: Vec<String>,
    /// When set, the page is a memory page only while its URL fragment starts with one of
    /// these (settings shown as a dialog over any page: `#settings/Personalization`).
    /// Match patterns cannot see fragments, so this is checked by memport itself.
    #[serde(default)]
    pub fragments: Vec<String>,
    /// Where the button goes, tried in order.
    pub anchor: Vec<Locator>,
    pub position: Position,
    /// The control that shows the memory when it is not on screen yet.
    pub open: Vec<Locator>,
    /// The element holding the memory text, tried in order.
    pub content: Vec<Locator>,
    /// How to close what `open` opened.
    pub close: Vec<Locator>,
    /// Texts the content shows while it loads.
    pub loading_texts: Vec<String>,
    /// Milliseconds to wait for the content before giving up.
    pub wait_ms: u32,
    /// Lines of the page's own interface found inside the content (captions, titles).
    pub ignore_lines: Vec<String>,
    /// Beginnings of short interface lines that end in something that varies ("Updated
    /// yesterday", "Mis à jour il y a 3 jours"): a line of at most six words that starts with
    /// one of these is the page's.
    #[serde(default)]
    pub ignore_prefixes: Vec<String>,
    /// Texts the page shows instead of the memory when there is none: seeing one means
    /// "empty", not "not loaded yet".
    #[serde(default)]
    pub empty_texts: Vec<String>,
    /// Headings the memory is organised under, and the category of what stands below them.
    pub headings: Vec<HeadingRule>,
    /// The memory is a virtualized list: only rows in view exist, so it is read while
    /// scrolling it from top to bottom.
    #[serde(default)]
    pub scroll: bool,
    /// The memory is a flat list of entries, one per row (ChatGPT's saved memories, Gemini's
    /// Saved info), not a document of headings and paragraphs: when the page code finds one
    /// group of repeated rows in it, the lines outside that group (captions above the list,
    /// a switch's row, a notice, a count) are the page's own.
    #[serde(default)]
    pub list: bool,
    /// Form fields on the page that hold memory too (custom instructions), read before the
    /// memory is opened.
    #[serde(default)]
    pub fields: Vec<FieldSpec>,
    /// Further lists on the page, read after the memory (Claude's "Manage edits": the
    /// person's own corrections, kept apart from the synthesized memory).
    #[serde(default)]
    pub lists: Vec<ListSpec>,
    /// What the memory is called on the page, in each language ("Your memory", "Saved
    /// memories", "Saved info"): its heading or its dialog's name. Found by meaning when the
    /// locators miss: the part under such a heading is the memory.
    #[serde(default)]
    pub names: Vec<String>,
    /// The settings section the memory stands in ("Memory"): the place for the button when
    /// nothing else is there, and, when the memory's own name is not on the page, where it is
    /// looked for, waiting longer for it to settle (the section's switches and captions are
    /// there before the memory is).
    #[serde(default)]
    pub section_names: Vec<String>,
    /// The message id of what the person is told the memory is, in "9 from its memory"
    /// (`part_claude_memory`: the words are in `extension/_locales`).
    pub part: String,
    /// The message id of what the fields are, in "2 from your custom instructions".
    #[serde(default)]
    pub fields_part: Option<String>,
    /// Texts of a page that asks the person to log in: no button goes there.
    #[serde(default)]
    pub logged_out_texts: Vec<String>,
}

/// A further list of memory on a memory page.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListSpec {
    /// The heading its items stand under in the profile.
    pub heading: String,
    /// The message id of what the person is told it is, in "3 from your edits".
    pub part: String,
    /// The control that shows it.
    pub open: Vec<Locator>,
    /// The element holding it, tried in order.
    pub content: Vec<Locator>,
    /// How to close what `open` opened.
    pub close: Vec<Locator>,
}

/// A form field whose value is memory.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// The field's label on the page (English), kept as the items' heading.
    pub label: String,
    pub locators: Vec<Locator>,
    /// Where its lines go unless a line says otherwise (an instruction, a correction...).
    pub category: Category,
    /// Put before the value when the value alone says nothing ("Sam" -> "Preferred name: Sam").
    #[serde(default)]
    pub prefix: Option<String>,
}

/// A page that takes memory in, through one box or several.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportPage {
    /// The message id of what people call what memport fills: `title_import_box` (the
    /// default, "import box"), `title_custom_instructions`.
    #[serde(default = "import_box")]
    pub title: String,
    /// Where memport opens it.
    pub url: String,
    /// Match patterns of tabs that already show it (reused rather than opening another).
    pub url_patterns: Vec<String>,
    /// When set, a tab shows it only while its URL fragment starts with one of these.
    #[serde(default)]
    pub fragments: Vec<String>,
    /// Match patterns of pages that look like it but must never be filled (a custom GPT's or
    /// a project's chat): a tab showing one is left alone and the page opened afresh.
    #[serde(default)]
    pub never_in: Vec<String>,
    /// The form the target's importer asks for.
    pub format: ImportFormat,
    /// The control that shows the boxes when the page does not (a dialog's opening button).
    #[serde(default)]
    pub open: Vec<Locator>,
    /// The button the person presses after reviewing. memport names it and never presses it.
    pub submit_label: String,
    /// Milliseconds to wait for the boxes.
    pub wait_ms: u32,
    /// The boxes memport fills, in order.
    pub boxes: Vec<ImportBox>,
}

fn import_box() -> String {
    "title_import_box".to_string()
}

/// One box of an import page.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportBox {
    /// What the page calls the box, for messages: "Paste your info here...".
    pub label: String,
    /// How to find it, tried in order.
    pub target: Vec<Locator>,
    pub editor: EditorKind,
    /// The most characters it takes: what does not fit is listed to the person, never cut.
    #[serde(default)]
    pub max_chars: Option<u32>,
    /// The most UTF-8 bytes it takes (a limit reported in kilobytes). Bytes, since a text's
    /// UTF-8 length is never less than its length in characters or in UTF-16 units: whichever
    /// the site counts, a text within this many bytes is within its limit.
    #[serde(default)]
    pub max_bytes: Option<u32>,
    /// A profile over `max_bytes` goes in parts, one per send, split between whole entries
    /// (see `parts`): for an import that adds to the target's memory rather than replacing
    /// it. Without it, what does not fit is listed, as for `max_chars`.
    #[serde(default)]
    pub in_parts: bool,
    /// The most characters one entry may hold on the target (Gemini's Saved info): a longer
    /// entry goes in as several, split between sentences (see `sentences`), never inside one;
    /// one whose single sentence is over the limit is listed to the person.
    #[serde(default)]
    pub entry_max_chars: Option<u32>,
    /// The categories that go in this box; a box without any takes every category no other
    /// box names.
    #[serde(default)]
    pub categories: Vec<Category>,
}

/// The text forms memport writes for import boxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// Gemini's five labeled sections, ending "Imported from: memport".
    GeminiSections,
    /// Entries one per line under the category labels, as Anthropic's export prompt asks.
    CategoryLines,
    /// One entry per line, nothing else (fields with a character limit).
    PlainLines,
    /// A chat message asking the assistant to remember the entries, under category labels.
    ChatMessage,
}

/// Where the button goes relative to its anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Before,
    After,
    Append,
}

/// How the page's editor takes text so that its own input handling sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditorKind {
    /// A `<textarea>` (plain, React or Angular): native value setter, then `input`/`change`.
    Textarea,
    /// A contenteditable editor (ProseMirror, Quill, Lexical): `insertText` through the editor.
    ContentEditable,
}

/// One way of finding an element. A site lists several, steadiest last-resort last:
/// structure first, then ARIA roles and visible labels, then heuristics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case", deny_unknown_fields)]
pub enum Locator {
    /// A CSS selector.
    Css { css: String },
    /// An element with this ARIA role (explicit or implied by its tag) whose accessible name
    /// is one of `names` (any language); any name when `names` is empty.
    Role {
        role: String,
        #[serde(default)]
        names: Vec<String>,
    },
    /// The largest visible editable box, optionally inside the elements `within` selects.
    LargestEditable {
        #[serde(default)]
        within: Option<String>,
    },
    /// What the person pointed at in picker mode (a CSS selector the page code made). Never
    /// in a site file: memport puts it first at run time (see `picker`).
    Picked { css: String },
    /// By meaning: the writable box (a textarea, an input, any contenteditable editor, in an
    /// open shadow root too) whose label, placeholder or the text just above it reads like
    /// one of `names`, and not more like one of `avoid` (the page's other boxes). Never in a
    /// site file: memport adds it after a box's own locators ([`ImportPage::box_locators`]).
    Labelled {
        names: Vec<String>,
        #[serde(default)]
        avoid: Vec<String>,
    },
}

impl FieldSpec {
    /// Every label the site file gives this field: its own, and its role locators' names.
    pub fn names(&self) -> Vec<String> {
        names_of(&self.label, &self.locators)
    }
}

impl CapturePage {
    /// How to find field `index`: the site file's locators, then by meaning (its labels, and
    /// away from the other fields' labels).
    pub fn field_locators(&self, index: usize) -> Vec<Locator> {
        let names: Vec<Vec<String>> = self.fields.iter().map(FieldSpec::names).collect();
        self.fields
            .get(index)
            .map(|f| with_meaning(&f.locators, &names, index))
            .unwrap_or_default()
    }
}

/// `locators` with the search by meaning for the `index`th of several boxes or fields, whose
/// labels are `names`: its own labels, away from the others', put before any "largest
/// editable box" guess (which could be a search field or a composer).
fn with_meaning(locators: &[Locator], names: &[Vec<String>], index: usize) -> Vec<Locator> {
    let avoid = names
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .flat_map(|(_, n)| n.iter().cloned())
        .collect();
    let mut out = locators.to_vec();
    let at = out
        .iter()
        .position(|l| matches!(l, Locator::LargestEditable { .. }))
        .unwrap_or(out.len());
    out.insert(
        at,
        Locator::Labelled {
            names: names.get(index).cloned().unwrap_or_default(),
            avoid,
        },
    );
    out
}

/// `label` and the names of `locators`' role locators, each once.
fn names_of(label: &str, locators: &[Locator]) -> Vec<String> {
    let mut names = vec![label.to_string()];
    for locator in locators {
        if let Locator::Role { names: more, .. } = locator {
            for n in more {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
        }
    }
    names
}

impl ImportBox {
    /// Every label the site file gives this box: its own, and its role locators' names.
    pub fn names(&self) -> Vec<String> {
        names_of(&self.label, &self.target)
    }
}

impl ImportPage {
    /// How to find box `index`: the site file's locators, then by meaning ([`with_meaning`]).
    pub fn box_locators(&self, index: usize) -> Vec<Locator> {
        let names: Vec<Vec<String>> = self.boxes.iter().map(ImportBox::names).collect();
        self.boxes
            .get(index)
            .map(|b| with_meaning(&b.target, &names, index))
            .unwrap_or_default()
    }
}

/// A heading of the memory and the category of the lines under it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingRule {
    /// The heading as shown, in any of the languages the site speaks.
    pub texts: Vec<String>,
    pub category: Category,
}
