//! The extra module's one entry point: the rarer work the core hands over as a job (see
//! `crate::jobs`), JSON in and JSON out.
//!
//! `extension/extra.js` instantiates this module the first time the service worker or the
//! popup needs it, and calls [`run`].

use wasm_bindgen::prelude::*;

use crate::i18n::t;
use crate::jobs::{self, Done, Job};

/// Does the job `job` (a [`Job`]'s JSON) and answers with a [`Done`]'s JSON.
#[wasm_bindgen]
pub fn run(job: &str) -> String {
    let done = match crate::json::from_str::<Job>(job) {
        Ok(job) => jobs::run(job, super::now()),
        Err(e) => Done::Refused {
            message: t("message_not_understood", &[&e]),
        },
    };
    serde_json::to_string(&done).unwrap_or_default()
}
