//! "Capture the answer": an assistant's reply to memport's export prompt, read from its chat
//! page into "Import text".
//!
//! When an assistant's memory page cannot be read, the person pastes memport's export prompt
//! ("Copy the export prompt") into a chat with it. On that chat page the worker hands the page
//! code an [`AnswerPlan`], made from the site's `[answer]` table; the page code finds the
//! last reply and reports it as [`Piece`]s in document order: paragraphs, list items and
//! headings as the text they show, each code block as its code, exactly. Rust judges what
//! came back ([`judge`]) and writes the text for the import box: the code blocks that hold
//! the memory fenced, the rest of the reply around them as it stood, so the importer lists
//! that chatter as left out. Nothing is added here: the person sees the preview and presses
//! Add, as for any import.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n;
use crate::sites::{self, Assistant, Locator};
use crate::text_import::{self, Format};

/// What the page code needs to read the last reply on a chat page.
#[derive(Clone, Debug, Serialize)]
pub struct AnswerPlan {
    pub site: Assistant,
    pub site_name: String,
    /// The page code reads nothing on another origin.
    pub origin: String,
    pub replies: Vec<Locator>,
    pub code: Vec<Locator>,
    pub frames: Vec<String>,
    pub streaming: Vec<Locator>,
    pub wait_ms: u32,
}

/// One piece of a reply, in document order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    /// The element it came from: "p", "li", "h3"…; "code" for a code block.
    pub tag: String,
    /// What it shows; a code block's text exactly as written, line breaks and all.
    pub text: String,
    /// A code block (its language label and Copy button are not in `text`).
    #[serde(default)]
    pub code: bool,
}

/// What the page code reports back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Internally tagged by "outcome", without serde's buffering: see `tagged`.
#[serde(remote = "Self", rename_all = "snake_case")]
pub enum AnswerRead {
    /// The last of `replies` replies, found by `found_by`.
    Read {
        url: String,
        found_by: String,
        replies: u32,
        /// The page still showed a reply being written when memport stopped waiting.
        #[serde(default)]
        streaming: bool,
        pieces: Vec<Piece>,
    },
    /// No reply on the page; `detail` names the ways that were tried.
    NoReply { url: String, detail: String },
    /// The tab is no longer on the site (it moved, or is a frame).
    WrongPage { url: String },
}
crate::tagged::internally_tagged!(AnswerRead, "outcome");

/// The answer, for the import box.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub site: Assistant,
    /// The chat page it was read off: what "Import text" adds from it is that page's.
    pub url: String,
    /// The text to put into "Import text" and preview.
    pub text: String,
    /// What was read, and what the person does next.
    pub message: String,
}

/// Why no answer was read. Nothing is changed in any of these cases.
#[derive(Debug, PartialEq, Eq)]
pub enum AnswerError {
    /// The tab is not a chat page of an assistant memport knows (`site` when it is on one of
    /// their sites; `url` empty when memport may not see the tab's address).
    NotChatPage { url: String, site: Option<String> },
    /// The tab left the chat before it was read.
    WrongPage { site: String, url: String },
    /// There is no reply on the page.
    NoReply { site: String, detail: String },
    /// The reply is still being written.
    Streaming { site: String },
    /// The last reply holds no text.
    Empty { site: String },
    /// The page code could not run or answered nonsense.
    PageCode { site: String, detail: String },
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            AnswerError::NotChatPage {
                url,
                site: Some(site),
            } => i18n::t("answer_not_chat_site", &[site, url]),
            AnswerError::NotChatPage { url, site: None } => {
                // memport may see the address of every assistant's page: a tab whose address
                // it may not see is no assistant's.
                let here = if url.is_empty() {
                    i18n::t("answer_not_chat_tab", &[])
                } else {
                    i18n::t("answer_not_chat_tab_url", &[url])
                };
                i18n::t("answer_not_chat", &[&here, &chat_sites()])
            }
            AnswerError::WrongPage { site, url } => i18n::t("answer_wrong_page", &[site, url]),
            AnswerError::NoReply { site, detail } => i18n::t("answer_no_reply", &[site, detail]),
            AnswerError::Streaming { site } => i18n::t("answer_streaming", &[site]),
            AnswerError::Empty { site } => i18n::t("answer_empty", &[site]),
            AnswerError::PageCode { site, detail } => i18n::t("answer_page_code", &[site, detail]),
        })
    }
}

impl std::error::Error for AnswerError {}

/// "Claude, ChatGPT or Gemini": the assistants whose chats memport reads.
fn chat_sites() -> String {
    let names: Vec<String> = sites::all()
        .iter()
        .filter(|s| s.answer.is_some())
        .map(|s| s.name.clone())
        .collect();
    if names.is_empty() {
        return i18n::t("answer_your_assistant", &[]);
    }
    i18n::prose_list(&names, "list_or")
}

/// The plan for reading the last reply on `url`, or why `url` is no chat page.
pub fn plan_for(url: &str) -> Result<AnswerPlan, AnswerError> {
    let Some((site, page)) = sites::answer_page_at(url) else {
        return Err(AnswerError::NotChatPage {
            url: url.to_string(),
            site: sites::at_origin(url).map(|s| s.name.clone()),
        });
    };
    Ok(AnswerPlan {
        site: site.assistant,
        site_name: site.name.clone(),
        origin: site.origin.clone(),
        replies: page.replies.clone(),
        code: page.code.clone(),
        frames: page.frames.clone(),
        streaming: page.streaming.clone(),
        wait_ms: page.wait_ms,
    })
}

/// An open tab, as the browser lists it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenTab {
    pub id: i32,
    /// Empty where memport may not see the address.
    #[serde(default)]
    pub url: String,
    pub window_id: i32,
    /// The tab in front in its window.
    #[serde(default)]
    pub active: bool,
    /// Its window is the one the person used last.
    #[serde(default)]
    pub focused: bool,
    /// One of memport's own pages (the popup opened in a tab).
    #[serde(default)]
    pub own: bool,
    /// When the person last looked at it (milliseconds since the epoch).
    #[serde(default)]
    pub last_accessed: f64,
}

/// The tab whose answer is read: the one in front (the page under the toolbar popup); when
/// that is memport's own page (the popup opened in a tab), the one the person looked at last
/// before it.
pub fn choose_tab(tabs: &[OpenTab]) -> Option<&OpenTab> {
    let front = tabs
        .iter()
        .find(|t| t.active && t.focused)
        .or_else(|| tabs.iter().find(|t| t.active));
    match front {
        Some(tab) if !tab.own => Some(tab),
        _ => tabs
            .iter()
            .filter(|t| !t.own)
            .max_by(|a, b| a.last_accessed.total_cmp(&b.last_accessed)),
    }
}

/// The answer in what the page code read, or why there is none.
pub fn judge(plan: &AnswerPlan, read: AnswerRead) -> Result<Answer, AnswerError> {
    let site = plan.site_name.clone();
    let (pieces, url) = match read {
        AnswerRead::WrongPage { url } => return Err(AnswerError::WrongPage { site, url }),
        AnswerRead::NoReply { detail, .. } => return Err(AnswerError::NoReply { site, detail }),
        AnswerRead::Read {
            streaming: true, ..
        } => return Err(AnswerError::Streaming { site }),
        AnswerRead::Read { pieces, url, .. } => (pieces, url),
    };
    let composed = compose(&pieces).ok_or(AnswerError::Empty { site })?;
    Ok(Answer {
        site: plan.site,
        url,
        message: composed.message(&plan.site_name),
        text: composed.text,
    })
}

/// The text for the import box, and what went into it.
#[derive(Debug, PartialEq, Eq)]
struct Composed {
    text: String,
    /// Code blocks in the reply.
    blocks: usize,
    /// Code blocks taken as the memory (fenced in `text`).
    chosen: usize,
    /// The reply had words outside the chosen blocks (listed as left out by the importer).
    rest: bool,
    /// A chosen block held code fences of its own, so it went in as written, alone.
    own_fences: bool,
}

impl Composed {
    fn message(&self, site: &str) -> String {
        if self.blocks == 0 {
            return i18n::t("answer_read_no_block", &[&site]);
        }
        if self.own_fences {
            return i18n::t("answer_read_own_fences", &[&site]);
        }
        let others = self.blocks.saturating_sub(self.chosen);
        let count = i18n::number(self.chosen);
        let taken = if others > 0 {
            i18n::tn("answer_taken_memory", self.chosen, &[&count])
        } else {
            i18n::tn("answer_taken", self.chosen, &[&count])
        };
        let left = match (others, self.rest) {
            (0, false) => String::new(),
            (0, true) => i18n::tn("answer_left_around", self.chosen, &[]),
            (n, true) => i18n::tn("answer_left_others_rest", n, &[&i18n::number(n)]),
            (n, false) => i18n::tn("answer_left_others", n, &[&i18n::number(n)]),
        };
        i18n::t("answer_read", &[&site, &taken, &left])
    }
}

/// A code block's text without the line breaks around it.
fn code_text(piece: &Piece) -> &str {
    piece.text.trim_matches(['\n', '\r'])
}

/// Whether a code block reads as an export answer: `[date] - entry` lines, or Gemini's
/// sections with their Evidence.
fn looks_like_memory(code: &str) -> bool {
    let parsed = text_import::parse(code);
    matches!(parsed.format, Format::DatedLines | Format::GeminiSections)
        && !parsed.entries.is_empty()
}

/// A line the importer reads as a code fence.
fn is_fence(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("```") || t.starts_with("~~~")
}

/// A piece of prose as the Markdown it was rendered from: headings keep their level, list
/// items their bullet, so the importer sees the reply's structure.
fn prose(piece: &Piece) -> String {
    let text = piece.text.trim();
    let level = match piece.tag.as_str() {
        "h1" => 1,
        "h2" => 2,
        "h3" => 3,
        "h4" => 4,
        "h5" => 5,
        "h6" => 6,
        "li" => return format!("- {text}"),
        _ => return text.to_string(),
    };
    format!("{} {text}", "#".repeat(level))
}

/// The reply as text for the import box. Which code blocks hold the memory: those that read as
/// an export answer (dated lines, Gemini's sections); when none does, every block. They are
/// fenced; everything else stays outside the fences, where the importer lists it as left out.
/// `None` when the reply holds no text at all.
fn compose(pieces: &[Piece]) -> Option<Composed> {
    let pieces: Vec<&Piece> = pieces
        .iter()
        .filter(|p| !code_text(p).trim().is_empty())
        .collect();
    if pieces.is_empty() {
        return None;
    }
    let blocks = pieces.iter().filter(|p| p.code).count();
    let memory: Vec<bool> = pieces
        .iter()
        .map(|p| p.code && looks_like_memory(code_text(p)))
        .collect();
    let any_memory = memory.contains(&true);
    let chosen: Vec<bool> = pieces
        .iter()
        .zip(&memory)
        .map(|(p, m)| p.code && (*m || !any_memory))
        .collect();
    let n_chosen = chosen.iter().filter(|c| **c).count();
    let own_fences = pieces
        .iter()
        .zip(&chosen)
        .any(|(p, c)| *c && code_text(p).lines().any(is_fence));
    if own_fences {
        // Fencing it again would cut it in two: the block goes in as written, and the
        // importer reads its own fences.
        let text = pieces
            .iter()
            .zip(&chosen)
            .filter(|(_, c)| **c)
            .map(|(p, _)| code_text(p))
            .collect::<Vec<_>>()
            .join("\n\n");
        return Some(Composed {
            text,
            blocks,
            chosen: n_chosen,
            rest: pieces.len() > n_chosen,
            own_fences,
        });
    }
    let mut text = String::new();
    let mut last_li = false;
    for (piece, chosen) in pieces.iter().zip(&chosen) {
        let li = !piece.code && piece.tag == "li";
        if !text.is_empty() {
            text.push_str(if li && last_li { "\n" } else { "\n\n" });
        }
        last_li = li;
        match (piece.code, chosen) {
            (true, true) => {
                text.push_str("```\n");
                text.push_str(code_text(piece));
                text.push_str("\n```");
            }
            (true, false) => text.push_str(code_text(piece)),
            (false, _) => text.push_str(&prose(piece)),
        }
    }
    Some(Composed {
        text,
        blocks,
        chosen: n_chosen,
        rest: pieces.len() > n_chosen,
        own_fences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text_import::{entries, Format};

    fn text(tag: &str, text: &str) -> Piece {
        Piece {
            tag: tag.into(),
            text: text.into(),
            code: false,
        }
    }

    fn code(text: &str) -> Piece {
        Piece {
            tag: "code".into(),
            text: text.into(),
            code: true,
        }
    }

    fn read(pieces: Vec<Piece>) -> AnswerRead {
        AnswerRead::Read {
            url: "https://claude.ai/chat/1".into(),
            found_by: "css .font-claude-message".into(),
            replies: 2,
            streaming: false,
            pieces,
        }
    }

    fn claude() -> AnswerPlan {
        plan_for("https://claude.ai/chat/0b1c").unwrap()
    }

    const BLOCK: &str = "Response instructions:\n\
        [2025-01-12] - Always answer in British English.\n\
        \n\
        Personal information:\n\
        [unknown] - Lives in Porto with her partner Rui.\n";

    #[test]
    fn chat_pages_have_a_plan_from_the_site_file() {
        for (url, site) in [
            ("https://claude.ai/chat/0b1c-22", Assistant::Claude),
            ("https://claude.ai/new", Assistant::Claude),
            ("https://chatgpt.com/", Assistant::ChatGpt),
            ("https://chatgpt.com/c/68a1f0c2-0001", Assistant::ChatGpt),
            ("https://gemini.google.com/app", Assistant::Gemini),
            ("https://gemini.google.com/app/5f2e9a", Assistant::Gemini),
            (
                "https://gemini.google.com/u/1/app/5f2e9a",
                Assistant::Gemini,
            ),
        ] {
            let plan = plan_for(url).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(plan.site, site, "{url}");
            assert!(url.starts_with(&plan.origin));
            assert!(!plan.replies.is_empty() && !plan.code.is_empty(), "{url}");
            assert!(plan.wait_ms > 0);
        }
    }

    #[test]
    fn other_pages_say_where_to_go() {
        let e = plan_for("https://claude.ai/settings/capabilities").unwrap_err();
        assert_eq!(
            e,
            AnswerError::NotChatPage {
                url: "https://claude.ai/settings/capabilities".into(),
                site: Some("Claude".into())
            }
        );
        assert!(e.to_string().starts_with("This Claude page is not a chat"));
        let e = plan_for("https://notes.example.org/").unwrap_err();
        let m = e.to_string();
        assert!(
            m.starts_with("This tab (https://notes.example.org/) is not a chat"),
            "{m}"
        );
        assert!(
            m.contains("open your chat with Claude, ChatGPT or Gemini"),
            "{m}"
        );
        assert!(m.ends_with("Nothing was changed."), "{m}");
        let e = plan_for("").unwrap_err();
        assert!(e
            .to_string()
            .starts_with("This tab is not a chat with an assistant memport knows. Capture"));
        assert!(plan_for("https://gemini.google.com/saved-info").is_err());
        assert!(plan_for("https://gemini.google.com/import").is_err());
    }

    #[test]
    fn the_code_block_is_fenced_and_the_chatter_around_it_left_out() {
        let answer = judge(
            &claude(),
            read(vec![
                text("p", "Here is everything I have stored about you:"),
                code(&format!("{BLOCK}\n")),
                text("p", "Let me know if anything is missing!"),
            ]),
        )
        .unwrap();
        assert_eq!(answer.site, Assistant::Claude);
        assert_eq!(
            answer.text,
            format!(
                "Here is everything I have stored about you:\n\n```\n{}\n```\n\nLet me know if \
                 anything is missing!",
                BLOCK.trim_end()
            )
        );
        assert_eq!(
            answer.message,
            "memport read Claude's last reply: its code block is in the box below; the lines \
             around it are listed as left out. Check the preview, then press Add."
        );
        // What the importer makes of it: the block's entries, the chatter left out.
        let parsed = entries(&answer.text).unwrap();
        assert_eq!(parsed.format, Format::DatedLines);
        assert_eq!(parsed.entries.len(), 2);
        assert_eq!(
            parsed.ignored,
            [
                "Here is everything I have stored about you:",
                "Let me know if anything is missing!"
            ]
        );
    }

    #[test]
    fn a_block_alone_is_taken_as_it_is() {
        let answer = judge(&claude(), read(vec![code(BLOCK)])).unwrap();
        assert_eq!(answer.text, format!("```\n{}\n```", BLOCK.trim_end()));
        assert!(answer
            .message
            .contains("its code block is in the box below. Check"));
    }

    #[test]
    fn of_several_blocks_those_with_memory_lines_are_taken() {
        let example = "fn main() {\n    println!(\"hi\");\n}";
        let second = "Technical preferences:\n[2024-02-02] - Writes Rust daily.";
        let answer = judge(
            &claude(),
            read(vec![
                text("p", "Your memory, in two parts:"),
                code(BLOCK),
                text("p", "An example you asked for earlier:"),
                code(example),
                code(second),
            ]),
        )
        .unwrap();
        let parsed = entries(&answer.text).unwrap();
        let got: Vec<&str> = parsed.entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(
            got,
            [
                "Always answer in British English.",
                "Lives in Porto with her partner Rui.",
                "Writes Rust daily."
            ]
        );
        assert!(parsed.ignored.contains(&"fn main() {".to_string()));
        assert!(parsed
            .ignored
            .contains(&"An example you asked for earlier:".to_string()));
        assert_eq!(
            answer.message,
            "memport read Claude's last reply: its 2 code blocks of memory lines are in the box \
             below; 1 other code block and the lines around them are listed as left out. Check \
             the preview, then press Add."
        );
        // In French, with the counts agreeing.
        i18n::set_lang(i18n::Lang::Fr);
        let said = judge(
            &claude(),
            read(vec![text("p", "Voici :"), code(BLOCK), code(example)]),
        )
        .map(|a| a.message);
        i18n::set_lang(i18n::Lang::En);
        assert_eq!(
            said.unwrap(),
            "memport a lu la dernière réponse de Claude : son bloc de code de lignes de mémoire \
             est dans le champ ci-dessous ; 1 autre bloc de code et les lignes qui les entourent \
             sont listés comme laissés de côté. Vérifiez l'aperçu, puis appuyez sur Ajouter."
        );
    }

    #[test]
    fn blocks_without_dates_are_all_taken() {
        let answer = judge(
            &claude(),
            read(vec![code("- Lives in Porto."), code("- Has a cat.")]),
        )
        .unwrap();
        assert_eq!(
            answer.text,
            "```\n- Lives in Porto.\n```\n\n```\n- Has a cat.\n```"
        );
        assert_eq!(entries(&answer.text).unwrap().entries.len(), 2);
        assert!(answer
            .message
            .contains("its 2 code blocks are in the box below. Check"));
    }

    #[test]
    fn a_reply_without_a_code_block_is_taken_whole_with_its_structure() {
        let answer = judge(
            &claude(),
            read(vec![
                text("h3", "Personal information"),
                text("li", "[2024-11-03] - Lives in Porto."),
                text("li", "[unknown] - Has a cat."),
                text("p", "Response instructions:"),
                text("li", "Answer in British English."),
            ]),
        )
        .unwrap();
        assert_eq!(
            answer.text,
            "### Personal information\n\n- [2024-11-03] - Lives in Porto.\n- [unknown] - Has a \
             cat.\n\nResponse instructions:\n\n- Answer in British English."
        );
        let parsed = entries(&answer.text).unwrap();
        assert_eq!(parsed.entries.len(), 3);
        assert_eq!(parsed.entries[0].saved.as_deref(), Some("2024-11-03"));
        assert!(answer
            .message
            .contains("It has no code block, so all of its text"));
    }

    #[test]
    fn a_block_with_its_own_fences_goes_in_as_written() {
        let inner = "```\n[2024-01-01] - Lives in Porto.\n```";
        let answer = judge(
            &claude(),
            read(vec![text("p", "Here you go:"), code(inner)]),
        )
        .unwrap();
        assert_eq!(answer.text, inner);
        assert_eq!(entries(&answer.text).unwrap().entries.len(), 1);
        assert!(answer.message.contains("code fences of its own"));
    }

    #[test]
    fn nothing_to_read_says_what_to_do() {
        let plan = claude();
        let e = judge(
            &plan,
            AnswerRead::NoReply {
                url: "https://claude.ai/new".into(),
                detail: "tried css .font-claude-message".into(),
            },
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "memport found no reply from Claude on this page. Paste the export prompt into the \
             chat, wait for Claude's answer, then press Capture the answer again. If the answer \
             is on screen, Claude's page may have changed: copy the answer and paste it here \
             instead. (tried css .font-claude-message)"
        );
        let streaming = AnswerRead::Read {
            url: "u".into(),
            found_by: "css".into(),
            replies: 1,
            streaming: true,
            pieces: vec![code(BLOCK)],
        };
        assert_eq!(
            judge(&plan, streaming).unwrap_err(),
            AnswerError::Streaming {
                site: "Claude".into()
            }
        );
        let e = judge(&plan, read(vec![text("p", "  "), code("\n\n")])).unwrap_err();
        assert_eq!(
            e,
            AnswerError::Empty {
                site: "Claude".into()
            }
        );
        let e = judge(
            &plan,
            AnswerRead::WrongPage {
                url: "https://claude.ai/settings".into(),
            },
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("The tab left Claude's chat"));
    }

    #[test]
    fn the_page_codes_report_parses() {
        let got: AnswerRead = serde_json::from_value(serde_json::json!({
            "outcome": "read", "url": "https://chatgpt.com/c/1", "found_by": "css x",
            "replies": 2, "streaming": false,
            "pieces": [{"tag": "p", "text": "Sure!"}, {"tag": "code", "text": "[x] - y", "code": true}]
        }))
        .unwrap();
        let AnswerRead::Read { pieces, .. } = got else {
            panic!("not read")
        };
        assert_eq!(pieces, [text("p", "Sure!"), code("[x] - y")]);
        assert!(
            serde_json::from_value::<AnswerRead>(serde_json::json!({"outcome": "nope"})).is_err()
        );
    }

    #[test]
    fn the_tab_in_front_unless_it_is_memports_own() {
        let tab = |id, active, focused, own, last| OpenTab {
            id,
            url: format!("https://example.org/{id}"),
            window_id: 1,
            active,
            focused,
            own,
            last_accessed: last,
        };
        let tabs = [
            tab(1, false, true, false, 10.0),
            tab(2, true, true, false, 20.0),
            tab(3, true, false, false, 30.0),
        ];
        assert_eq!(choose_tab(&tabs).map(|t| t.id), Some(2));
        // The popup opened in a tab is in front: the tab the person used before it.
        let tabs = [
            tab(1, false, true, false, 10.0),
            tab(2, false, true, false, 20.0),
            tab(9, true, true, true, 30.0),
        ];
        assert_eq!(choose_tab(&tabs).map(|t| t.id), Some(2));
        assert_eq!(choose_tab(&[tab(9, true, true, true, 1.0)]), None);
        assert_eq!(choose_tab(&[]), None);
    }
}
