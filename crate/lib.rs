//! memport's core: read what an assistant remembers, keep it as one profile, write it into
//! another assistant.
//!
//! Everything here except [`web`] is plain Rust with no browser types, tested natively with
//! `cargo test`. The data path is page -> [`read`] -> [`profile`] -> [`render`] -> [`fill`];
//! [`sites`] says what each assistant's pages look like, [`messages`] types what crosses
//! between the extension's contexts. See ARCHITECTURE.md.
//!
//! The files are shelved in folders along that path: `page/` holds what reads a page and the
//! other ways in, `profile/` what keeps and judges the profile, `targets/` what renders and
//! fills a target's boxes. The folders are only shelves: each file is still a module of the
//! crate's root (`crate::read`, `crate::profile`, …), so a move between shelves changes no path.

pub mod access;
#[cfg(feature = "bench")]
pub mod bench;
pub mod download;
pub mod export;
pub mod formats;
pub mod i18n;
pub mod jobs;
pub mod json;
pub mod messages;
pub mod notice;
pub mod popup;
pub mod sites;
pub mod tagged;
pub mod unicode;

// page/: reading what a page showed, and the other ways in.
#[path = "page/answer.rs"]
pub mod answer;
#[path = "page/capture.rs"]
pub mod capture;
#[path = "page/check.rs"]
pub mod check;
#[path = "page/picker.rs"]
pub mod picker;
#[path = "page/read.rs"]
pub mod read;
#[path = "page/selection.rs"]
pub mod selection;
#[path = "page/text_import.rs"]
pub mod text_import;

// profile/: keeping the profile, and what is judged of its items.
#[path = "profile/backup.rs"]
pub mod backup;
#[path = "profile/category.rs"]
pub mod category;
#[path = "profile/changes.rs"]
pub mod changes;
#[path = "profile/classify.rs"]
pub mod classify;
#[path = "profile/conflict.rs"]
pub mod conflict;
#[path = "profile/dedupe.rs"]
pub mod dedupe;
#[path = "profile/lines.rs"]
pub mod lines;
#[path = "profile/profile.rs"]
pub mod profile;
#[path = "profile/sensitive.rs"]
pub mod sensitive;
#[path = "profile/sentences.rs"]
pub mod sentences;
#[path = "profile/slot.rs"]
pub mod slot;
#[path = "profile/undo.rs"]
pub mod undo;

// targets/: rendering a target's import format and filling its boxes.
#[path = "targets/fill.rs"]
pub mod fill;
#[path = "targets/parts.rs"]
pub mod parts;
#[path = "targets/render.rs"]
pub mod render;

#[cfg(target_arch = "wasm32")]
pub mod web;
