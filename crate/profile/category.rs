//! The six categories every memory item falls into.
//!
//! They follow the topics Anthropic's memory-export prompt asks for, so that what one
//! assistant remembers lands under a heading another one recognises. The order here is the
//! order people see them in, everywhere. This file depends on serde alone because
//! `build.rs` includes it to check the site files.

use serde::{Deserialize, Serialize};

/// Where a memory item belongs. Serialized by its label, so stored profiles and site files
/// read like the popup does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    #[serde(rename = "Response instructions")]
    ResponseInstructions,
    #[serde(rename = "Personal information")]
    PersonalInformation,
    #[serde(rename = "Projects and goals")]
    ProjectsAndGoals,
    #[serde(rename = "Technical preferences")]
    TechnicalPreferences,
    #[serde(rename = "Behavioral corrections")]
    BehavioralCorrections,
    #[serde(rename = "Other context")]
    OtherContext,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 6] = [
        Category::ResponseInstructions,
        Category::PersonalInformation,
        Category::ProjectsAndGoals,
        Category::TechnicalPreferences,
        Category::BehavioralCorrections,
        Category::OtherContext,
    ];

    /// The heading people see.
    pub fn label(self) -> &'static str {
        match self {
            Category::ResponseInstructions => "Response instructions",
            Category::PersonalInformation => "Personal information",
            Category::ProjectsAndGoals => "Projects and goals",
            Category::TechnicalPreferences => "Technical preferences",
            Category::BehavioralCorrections => "Behavioral corrections",
            Category::OtherContext => "Other context",
        }
    }
}
