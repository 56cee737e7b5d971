//! The files memport writes for the person to download: its own Markdown and JSON.
//!
//! One word for each meaning of "export" in memport: a *data export* is an assistant's
//! archive that memport reads (`export`), the *export prompt* is what the person pastes into
//! an assistant, and a *download* is memport's own file of the profile (this module, and
//! `render::markdown` for "Copy as Markdown"). Here, not in `profile`, because marking what
//! is sensitive reads the items (`sensitive`), which itself builds on `profile`.

use serde::Serialize;

use crate::changes::CaptureLog;
use crate::profile::{ItemId, MemoryItem, Profile};
use crate::sensitive;

/// The profile as a file for the person ("Download JSON", `memport import --json`): the
/// stored form, indented, each item that holds a secret (see [`sensitive`]) marked with what
/// was found (`"sensitive": ["an IBAN (DE…3000)"]`). "Import text" restores it exactly; the
/// mark is not read back, it is found again from the text.
pub fn profile_json(profile: &Profile) -> String {
    #[derive(Serialize)]
    struct Marked<'a> {
        #[serde(flatten)]
        item: &'a MemoryItem,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        sensitive: Vec<String>,
    }
    #[derive(Serialize)]
    struct File<'a> {
        schema: u32,
        items: Vec<Marked<'a>>,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        settled: &'a [Vec<ItemId>],
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        captures: &'a [CaptureLog],
    }
    // Every field named: a field added to the profile must be added here too.
    let Profile {
        schema,
        items,
        settled,
        captures,
    } = profile;
    let file = File {
        schema: *schema,
        items: items
            .iter()
            .map(|item| Marked {
                item,
                sensitive: sensitive::marks(item),
            })
            .collect(),
        settled,
        captures,
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}
