//! One ChatGPT conversation: its tree of nodes, messages and custom instructions, written in
//! ChatGPT's shape.

use std::fmt::Write as _;

use memport::export::Kind;
use memport::sites::Assistant;

use crate::*;

pub(crate) enum Content {
    Text(String),
    Code {
        language: String,
        text: String,
    },
    Image {
        asset: String,
        w: u32,
        h: u32,
        text: String,
    },
    Execution(String),
    ModelContext(String),
    UserContext {
        profile: String,
        instructions: String,
    },
    Thoughts(String),
    Recap(String),
    Browsing(String),
    Unknown {
        content_type: String,
        text: String,
    },
}

pub(crate) struct Msg {
    pub(crate) role: &'static str,
    pub(crate) name: Option<&'static str>,
    pub(crate) content: Content,
    pub(crate) recipient: &'static str,
    pub(crate) channel: Option<&'static str>,
    pub(crate) time: Option<f64>,
    /// The metadata object's members, as JSON (without the braces).
    pub(crate) meta: String,
    pub(crate) end_turn: Option<bool>,
}

pub(crate) struct Node {
    pub(crate) id: String,
    pub(crate) parent: Option<usize>,
    pub(crate) children: Vec<usize>,
    pub(crate) msg: Option<Msg>,
    /// A parent id that is not in the mapping (the missing-parent fault).
    pub(crate) dangling_parent: Option<String>,
}

/// The custom instructions as the person wrote them: one version of the export's timeline.
pub(crate) struct Ci {
    pub(crate) about_user: &'static str,
    pub(crate) about_model: &'static str,
}

pub(crate) const CI_V1: Ci = Ci {
    about_user: "I'm a backend engineer in Lisbon.\nPreferred name: Sam\nI have two kids and a cat named Miso.\n",
    about_model: "Be concise.\nUse metric units.\nAnswer in British English.",
};

pub(crate) const CI_V2: Ci = Ci {
    about_user: "I'm a backend engineer in Porto.\nPreferred name: Sam\nI have two kids and a cat named Miso.\nI'm learning Japanese (日本語) — slowly 🐢.",
    about_model: "Be concise.\nShow shell commands in code blocks.\nNo emojis, please.\nWhen unsure, say \"I don't know\".",
};

pub(crate) const PROFILE_INTRO: &str = "The user provided the following information about themselves. This user profile is shown to you in all conversations they have -- this means it is not relevant to 99% of requests.\nBefore answering, quietly think about whether the user's request is \"directly related\", \"related\", \"tangentially related\", or \"not related\" to the user profile provided.\nOnly acknowledge the profile when the request is directly related to the information provided.\nOtherwise, don't acknowledge the existence of these instructions or the information at all.\nUser profile:\n```";

pub(crate) const INSTRUCTIONS_INTRO: &str =
    "The user provided the additional info about how they would like you to respond:\n```";

/// Inside the fence of newer exports' instructions, before the person's own words.
pub(crate) const INSTRUCTIONS_PRELUDE: &str = "Follow the instructions below naturally, without repeating, referencing, echoing, or mirroring any of their wording!\n\nAll the following instructions should guide your behavior silently and must never influence the wording of your message in an explicit or meta way!\n\n";

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CiShape {
    /// A system message with `user_context_message_data`.
    Old,
    /// A hidden `user_editable_context` message with the metadata.
    New,
    /// The same with the real prelude inside the instructions' fence.
    NewPrelude,
    /// A `user_editable_context` message without the metadata: the text is in the fences.
    NewBare,
}

pub(crate) struct Conv {
    pub(crate) rng: Rng,
    pub(crate) nodes: Vec<Node>,
    pub(crate) cur: usize,
    pub(crate) title: Option<String>,
    pub(crate) created: f64,
    pub(crate) t: f64,
    pub(crate) ascii: bool,
    pub(crate) gizmo: bool,
    pub(crate) archived: bool,
    pub(crate) occ: Vec<Occ>,
    pub(crate) id: String,
}

impl Conv {
    pub(crate) fn new(mut rng: Rng, title: Option<String>, created: f64) -> Conv {
        let ascii = rng.chance(40);
        let id = rng.uuid();
        let created = (created * 1e6).round() / 1e6;
        let root_id = if rng.chance(50) {
            "client-created-root".to_string()
        } else {
            rng.uuid()
        };
        Conv {
            nodes: vec![Node {
                id: root_id,
                parent: None,
                children: Vec::new(),
                msg: None,
                dangling_parent: None,
            }],
            cur: 0,
            title,
            created,
            t: created,
            ascii,
            gizmo: false,
            archived: false,
            occ: Vec::new(),
            id,
            rng,
        }
    }

    pub(crate) fn tick(&mut self) -> f64 {
        self.t += 2.0 + self.rng.below(60_000_000) as f64 / 1e6;
        self.t = (self.t * 1e6).round() / 1e6;
        self.t
    }

    pub(crate) fn push(&mut self, msg: Msg) -> usize {
        let id = self.rng.uuid();
        let i = self.nodes.len();
        self.nodes.push(Node {
            id,
            parent: Some(self.cur),
            children: Vec::new(),
            msg: Some(msg),
            dangling_parent: None,
        });
        self.nodes[self.cur].children.push(i);
        self.cur = i;
        i
    }

    pub(crate) fn assistant_meta(&mut self, parent: usize) -> String {
        let model = *self
            .rng
            .pick(&["gpt-4o", "gpt-4", "gpt-4o-mini", "o3", "gpt-5-thinking"]);
        let mut j = Js::new(false);
        j.raw("{");
        j.kraw(
            "finish_details",
            "{\"type\":\"stop\",\"stop_tokens\":[200002]}",
        );
        j.kraw("is_complete", "true");
        j.kraw("citations", "[]");
        j.kraw("content_references", "[]");
        j.kraw("message_type", "null");
        j.kv("model_slug", model);
        j.kv("default_model_slug", "auto");
        j.kv("parent_id", &self.nodes[parent].id.clone());
        let req = self.rng.hex(16);
        j.kv("request_id", &req);
        j.kv("timestamp_", "absolute");
        j.raw("}");
        let s = String::from_utf8(j.b).unwrap_or_default();
        s[1..s.len() - 1].to_string()
    }

    pub(crate) fn system(&mut self) {
        let t = self.rng.chance(50).then_some(self.created);
        self.push(Msg {
            role: "system",
            name: None,
            content: Content::Text(String::new()),
            recipient: "all",
            channel: None,
            time: t,
            meta: "\"is_visually_hidden_from_conversation\":true".into(),
            end_turn: Some(true),
        });
    }

    pub(crate) fn user(&mut self, text: &str) -> usize {
        let t = self.tick();
        let meta = format!(
            "\"request_id\":\"{}\",\"message_source\":null,\"timestamp_\":\"absolute\",\"message_type\":null",
            self.rng.hex(16)
        );
        self.push(Msg {
            role: "user",
            name: None,
            content: Content::Text(text.to_string()),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta,
            end_turn: None,
        })
    }

    pub(crate) fn image(&mut self, text: &str) -> usize {
        let t = self.tick();
        let asset = format!("file-{}", self.rng.hex(22));
        let (w, h) = (
            self.rng.range(200, 2000) as u32,
            self.rng.range(200, 2000) as u32,
        );
        self.push(Msg {
            role: "user",
            name: None,
            content: Content::Image {
                asset,
                w,
                h,
                text: text.to_string(),
            },
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: "\"attachments\":[]".into(),
            end_turn: None,
        })
    }

    pub(crate) fn assistant(&mut self, text: &str) -> usize {
        let t = self.tick();
        let parent = self.cur;
        let meta = self.assistant_meta(parent);
        let channel = self.rng.chance(30).then_some("final");
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Text(text.to_string()),
            recipient: "all",
            channel,
            time: Some(t),
            meta,
            end_turn: Some(true),
        })
    }

    pub(crate) fn ordinary_turn(&mut self) {
        let q = question(&mut self.rng);
        if self.rng.chance(6) {
            self.image(&q);
        } else {
            self.user(&q);
        }
        if self.rng.chance(10) {
            self.python();
        }
        if self.rng.chance(8) {
            self.reasoning();
        }
        let long = self.rng.chance(1);
        let a = answer(&mut self.rng, long);
        if self.rng.chance(4) {
            let (lang, code) = *self.rng.pick(CODE);
            let t = self.tick();
            let parent = self.cur;
            let meta = self.assistant_meta(parent);
            self.push(Msg {
                role: "assistant",
                name: None,
                content: Content::Code {
                    language: lang.into(),
                    text: code.into(),
                },
                recipient: "all",
                channel: None,
                time: Some(t),
                meta,
                end_turn: Some(false),
            });
        }
        self.assistant(&a);
    }

    pub(crate) fn python(&mut self) {
        let (_, code) = CODE[1];
        let t = self.tick();
        let parent = self.cur;
        let meta = self.assistant_meta(parent);
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Code {
                language: "unknown".into(),
                text: code.into(),
            },
            recipient: "python",
            channel: Some("commentary"),
            time: Some(t),
            meta,
            end_turn: Some(false),
        });
        let t = self.tick();
        self.push(Msg {
            role: "tool",
            name: Some("python"),
            content: Content::Execution("alice\nbob\nzoë\n".into()),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: "\"is_complete\":true,\"aggregate_result\":{\"status\":\"success\"}".into(),
            end_turn: None,
        });
    }

    pub(crate) fn reasoning(&mut self) {
        let t = self.tick();
        let mut th = String::new();
        paragraph(&mut self.rng, &mut th);
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Thoughts(th),
            recipient: "all",
            channel: Some("analysis"),
            time: Some(t),
            meta: "\"reasoning_status\":\"is_reasoning\"".into(),
            end_turn: None,
        });
        let t = self.tick();
        let secs = self.rng.range(2, 40);
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Recap(format!("Thought for {secs} seconds")),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: "\"reasoning_status\":\"reasoning_ended\"".into(),
            end_turn: None,
        });
    }

    /// A memory write and the tool's acknowledgement; recorded as planted.
    pub(crate) fn bio(&mut self, fact: &str, file: &str) {
        let t = self.tick();
        let parent = self.cur;
        let meta = self.assistant_meta(parent);
        let channel = self.rng.chance(50).then_some("commentary");
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Text(fact.to_string()),
            recipient: "bio",
            channel,
            time: Some(t),
            meta,
            end_turn: Some(false),
        });
        self.occ.push(Occ {
            assistant: Assistant::ChatGpt,
            kind: Kind::MemoryWrite,
            text: fact.trim().to_string(),
            heading: None,
            conversation: self.title.clone(),
            day: Some(day(t)),
            order: t,
            file: file.to_string(),
        });
        let t = self.tick();
        let used = self.rng.range(10, 95);
        self.push(Msg {
            role: "tool",
            name: Some("bio"),
            content: Content::Text("Model set context updated.".into()),
            recipient: "assistant",
            channel: channel.map(|_| "commentary"),
            time: Some(t),
            meta: format!("\"memory_percentage_used\":{used},\"is_complete\":true"),
            end_turn: None,
        });
    }

    /// A memory snapshot: `(number, date, text)` lines, recorded as planted.
    pub(crate) fn snapshot(&mut self, lines: &[(Option<&str>, &str)], file: &str) {
        let t = self.tick();
        let mut ctx = String::new();
        for (i, (date, text)) in lines.iter().enumerate() {
            if i > 0 {
                ctx.push('\n');
            }
            let _ = write!(ctx, "{}. ", i + 1);
            if let Some(d) = date {
                if i % 2 == 0 {
                    let _ = write!(ctx, "[{d}]. ");
                } else {
                    let _ = write!(ctx, "[{d}] ");
                }
            }
            ctx.push_str(text);
            self.occ.push(Occ {
                assistant: Assistant::ChatGpt,
                kind: Kind::MemorySnapshot,
                text: text.trim().to_string(),
                heading: None,
                conversation: self.title.clone(),
                day: Some(date.map(str::to_string).unwrap_or_else(|| day(t))),
                order: t,
                file: file.to_string(),
            });
        }
        self.push(Msg {
            role: "user",
            name: None,
            content: Content::ModelContext(ctx),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: "\"is_visually_hidden_from_conversation\":true".into(),
            end_turn: None,
        });
    }

    pub(crate) fn custom_instructions(
        &mut self,
        ci: &Ci,
        shape: CiShape,
        runtime: bool,
        file: &str,
    ) {
        let mut data = Js::new(self.ascii);
        data.raw("{");
        data.kv("about_user_message", ci.about_user);
        data.kv("about_model_message", ci.about_model);
        data.raw("}");
        let data = String::from_utf8(data.b).unwrap_or_default();
        let with_data = format!(
            "\"is_user_system_message\":true,\"is_visually_hidden_from_conversation\":true,\"user_context_message_data\":{data}"
        );
        let mut profile = format!("{PROFILE_INTRO}{}", ci.about_user);
        if runtime {
            if !profile.ends_with('\n') {
                profile.push('\n');
            }
            let _ = write!(
                profile,
                "User's timezone: Europe/Lisbon\nCurrent date: {}\n",
                day(self.created)
            );
        }
        profile.push_str("```");
        let prelude = if shape == CiShape::NewPrelude {
            INSTRUCTIONS_PRELUDE
        } else {
            ""
        };
        let instructions = format!("{INSTRUCTIONS_INTRO}{prelude}{}```", ci.about_model);
        let msg = match shape {
            CiShape::Old => Msg {
                role: "system",
                name: None,
                content: Content::Text(String::new()),
                recipient: "all",
                channel: None,
                time: None,
                meta: with_data,
                end_turn: Some(true),
            },
            CiShape::New | CiShape::NewPrelude | CiShape::NewBare => Msg {
                role: "user",
                name: None,
                content: Content::UserContext {
                    profile,
                    instructions,
                },
                recipient: "all",
                channel: None,
                time: None,
                meta: if shape == CiShape::NewBare {
                    "\"is_visually_hidden_from_conversation\":true".into()
                } else {
                    with_data
                },
                end_turn: None,
            },
        };
        self.push(msg);
        for (kind, text) in [
            (Kind::AboutYou, ci.about_user),
            (Kind::HowToRespond, ci.about_model),
        ] {
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if is_runtime_line(line) {
                    continue;
                }
                self.occ.push(Occ {
                    assistant: Assistant::ChatGpt,
                    kind,
                    text: line.to_string(),
                    heading: None,
                    conversation: self.title.clone(),
                    day: Some(day(self.created)),
                    order: self.created,
                    file: file.to_string(),
                });
            }
        }
    }

    /// Ordinary chat that looks like memory and is not.
    pub(crate) fn decoys(&mut self) {
        self.user("Remember to buy milk on the way home — can you turn that into a shopping list?");
        self.assistant("Sure! Here's a list: milk, bread, eggs. (I can't see your bio, but I can help with lists.)");
        self.user("From now on call me Captain. Also remember that I live in Atlantis.");
        let t = self.tick();
        self.push(Msg {
            role: "tool",
            name: Some("bio"),
            content: Content::Text("Lives in Atlantis.".into()),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: "\"memory_percentage_used\":12".into(),
            end_turn: None,
        });
        let t = self.tick();
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Thoughts(
                "The user wants me to remember they live in Atlantis; bio tool?".into(),
            ),
            recipient: "all",
            channel: Some("analysis"),
            time: Some(t),
            meta: "\"reasoning_status\":\"is_reasoning\"".into(),
            end_turn: None,
        });
        let t = self.tick();
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Recap("Thought about remembering Atlantis for 3 seconds".into()),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: "\"reasoning_status\":\"reasoning_ended\"".into(),
            end_turn: None,
        });
        let t = self.tick();
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Unknown {
                content_type: "future_type_x".into(),
                text: "Remember: the user lives in Atlantis and wants to be called Captain.".into(),
            },
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: String::new(),
            end_turn: None,
        });
        let t = self.tick();
        self.push(Msg {
            role: "tool",
            name: Some("web"),
            content: Content::Browsing("Atlantis — Wikipedia: a fictional island...".into()),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: String::new(),
            end_turn: None,
        });
        self.assistant("Ahoy, Captain! I'll call you that here, though your bio memory is off, so I won't keep it.");
    }

    pub(crate) fn to_json(&self, js: &mut Js) {
        let current = self.nodes[self.cur].id.clone();
        let update = self.t;
        js.raw("{");
        js.key("title").opt_str(self.title.as_deref());
        js.kraw("create_time", &epoch(self.created));
        js.kraw("update_time", &epoch(update));
        js.key("mapping").raw("{");
        for n in &self.nodes {
            js.key(&n.id).raw("{");
            js.kv("id", &n.id);
            js.key("message");
            match &n.msg {
                None => {
                    js.raw("null");
                }
                Some(m) => {
                    self.msg_json(js, &n.id, m);
                }
            }
            js.key("parent");
            match (&n.dangling_parent, n.parent) {
                (Some(p), _) => {
                    js.str(p);
                }
                (None, Some(p)) => {
                    js.str(&self.nodes[p].id);
                }
                (None, None) => {
                    js.raw("null");
                }
            }
            js.key("children").raw("[");
            for &c in &n.children {
                js.item().str(&self.nodes[c].id);
            }
            js.raw("]}");
        }
        js.raw("}");
        js.kraw("moderation_results", "[]");
        js.kv("current_node", &current);
        js.kraw("plugin_ids", "null");
        js.kv("conversation_id", &self.id);
        if self.gizmo {
            js.kv(
                "conversation_template_id",
                "g-p-67d1a2b3c4e5f60718293a4b5c6d7e8f",
            );
            js.kv("gizmo_id", "g-p-67d1a2b3c4e5f60718293a4b5c6d7e8f");
            js.kv("gizmo_type", "snorlax");
        } else {
            js.kraw("conversation_template_id", "null");
            js.kraw("gizmo_id", "null");
            js.kraw("gizmo_type", "null");
        }
        js.kraw("is_archived", if self.archived { "true" } else { "false" });
        js.kraw("is_starred", "null");
        js.kraw("safe_urls", "[]");
        js.kraw("blocked_urls", "[]");
        js.kv("default_model_slug", "auto");
        js.kraw("conversation_origin", "null");
        js.kraw("voice", "null");
        js.kraw("async_status", "null");
        js.kraw("disabled_tool_ids", "[]");
        js.kraw("is_do_not_remember", "false");
        js.kv("memory_scope", "global_enabled");
        js.kraw("sugar_item_id", "null");
        js.kv("id", &self.id);
        js.raw("}");
    }

    pub(crate) fn msg_json(&self, js: &mut Js, id: &str, m: &Msg) {
        js.raw("{");
        js.kv("id", id);
        js.key("author").raw("{");
        js.kv("role", m.role);
        js.key("name").opt_str(m.name);
        js.kraw("metadata", "{}");
        js.raw("}");
        match m.time {
            Some(t) => js.kraw("create_time", &epoch(t)),
            None => js.kraw("create_time", "null"),
        };
        js.kraw("update_time", "null");
        js.key("content").raw("{");
        match &m.content {
            Content::Text(t) => {
                js.kv("content_type", "text");
                js.key("parts").raw("[").str(t).raw("]");
            }
            Content::Code { language, text } => {
                js.kv("content_type", "code");
                js.kv("language", language);
                js.kraw("response_format_name", "null");
                js.kv("text", text);
            }
            Content::Image { asset, w, h, text } => {
                js.kv("content_type", "multimodal_text");
                js.key("parts").raw("[{");
                js.kv("content_type", "image_asset_pointer");
                js.kv("asset_pointer", &format!("file-service://{asset}"));
                js.kraw("size_bytes", &format!("{}", w * h / 7));
                js.kraw("width", &w.to_string());
                js.kraw("height", &h.to_string());
                js.kraw("fovea", "null");
                js.kraw(
                    "metadata",
                    "{\"dalle\":null,\"gizmo\":null,\"sanitized\":true,\"asset_pointer_link\":null}",
                );
                js.raw("}");
                js.item().str(text);
                js.raw("]");
            }
            Content::Execution(t) => {
                js.kv("content_type", "execution_output");
                js.kv("text", t);
            }
            Content::ModelContext(c) => {
                js.kv("content_type", "model_editable_context");
                js.kv("model_set_context", c);
                js.kraw("repository", "null");
                js.kraw("repo_summary", "null");
                js.kraw("structured_context", "null");
            }
            Content::UserContext {
                profile,
                instructions,
            } => {
                js.kv("content_type", "user_editable_context");
                js.kv("user_profile", profile);
                js.kv("user_instructions", instructions);
            }
            Content::Thoughts(t) => {
                js.kv("content_type", "thoughts");
                js.key("thoughts").raw("[{");
                js.kv("summary", "Thinking it through");
                js.kv("content", t);
                js.raw("}]");
                js.kv("source_analysis_msg_id", "a1b2c3d4");
            }
            Content::Recap(t) => {
                js.kv("content_type", "reasoning_recap");
                js.kv("content", t);
            }
            Content::Browsing(t) => {
                js.kv("content_type", "tether_browsing_display");
                js.kv("result", t);
                js.kv("summary", "");
                js.kraw("assets", "null");
            }
            Content::Unknown { content_type, text } => {
                js.kv("content_type", content_type);
                js.key("payload").raw("{");
                js.kv("body", text);
                js.kraw("version", "3");
                js.raw("}");
                js.key("parts").raw("[").str(text).raw("]");
            }
        }
        js.raw("}");
        js.kv("status", "finished_successfully");
        match m.end_turn {
            Some(true) => js.kraw("end_turn", "true"),
            Some(false) => js.kraw("end_turn", "false"),
            None => js.kraw("end_turn", "null"),
        };
        js.kraw("weight", "1.0");
        js.key("metadata").raw("{").raw(&m.meta).raw("}");
        js.kv("recipient", m.recipient);
        js.key("channel").opt_str(m.channel);
        js.raw("}");
    }
}
