//! memport's core: read what an assistant remembers, keep it as one profile, write it into
//! another assistant.
//!
//! Everything here except [`web`] is plain Rust with no browser types, tested natively with
//! `cargo test`. The data path is page -> [`read`] -> [`profile`] -> [`render`] -> [`fill`];
//! [`sites`] says what each assistant's pages look like, [`messages`] types what crosses
//! between the extension's contexts. See ARCHITECTURE.md.

pub mod access;
pub mod answer;
pub mod backup;
#[cfg(feature = "bench")]
pub mod bench;
pub mod capture;
pub mod category;
pub mod changes;
pub mod check;
pub mod classify;
pub mod conflict;
pub mod dedupe;
pub mod download;
pub mod export;
pub mod fill;
pub mod formats;
pub mod i18n;
pub mod lines;
pub mod messages;
pub mod notice;
pub mod parts;
pub mod picker;
pub mod popup;
pub mod profile;
pub mod read;
pub mod render;
pub mod selection;
pub mod sensitive;
pub mod sentences;
pub mod sites;
pub mod slot;
pub mod text_import;
pub mod undo;

#[cfg(target_arch = "wasm32")]
pub mod web;
