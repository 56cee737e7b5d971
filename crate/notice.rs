//! What the person is told after anything they asked for: a message, and whether it went as
//! they wanted. Every context shows it the same way (the popup, the options page, the page's
//! own banner), and every part of the core that answers the person (sending, importing,
//! editing, undoing) returns one, so it sits in no one of them.

use serde::{Deserialize, Serialize};

/// A message for the person, and whether things went as they wanted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub ok: bool,
    pub message: String,
}
