//! Keeps the manifests and the site table in agreement, then bundles the site table.
//!
//! There is one `manifest.json`; Firefox's is that one with `manifest.firefox.json` laid over
//! it as a JSON merge patch (RFC 7386: an object merges, `null` removes a key, anything else
//! replaces), the same merge `./dev build` makes. The build fails, naming the browser, the
//! site and the pattern, when a site file does not parse (unknown keys included) or when it
//! and either manifest disagree (see
//! `crate/sites/coverage.rs`: a memory page without a host permission or content script, an
//! import page without a host permission, a host no site needs, a page off its origin).
//!
//! Then it writes every site as Rust code to `OUT_DIR/sites.rs`, which the crate includes: the
//! table is built by plain code, so neither TOML nor a reader of the site types (serde's code
//! for a dozen types: 17 KB of the core WebAssembly, gzipped) is in the extension. And it
//! writes the memory pages alone to `OUT_DIR/watch.json` (per site: its URL patterns as
//! regular expressions, `sites::pattern::regex_source`, and its fragments), which `./dev build`
//! puts into the page watcher (`extension/page/watch.js`): the one table stays in the site
//! files.

#[path = "crate/profile/category.rs"]
#[allow(dead_code)]
mod category;
#[allow(dead_code)]
#[path = "crate/sites"]
mod sites {
    pub mod coverage;
    pub mod pattern;
    pub mod spec;
}

use std::path::Path;
use std::{env, fs};

use serde_json::Value;

use sites::coverage::{merge_patch, problems, Manifest};
use sites::spec::SiteSpec;

fn main() {
    println!("cargo:rerun-if-changed=manifest.json");
    println!("cargo:rerun-if-changed=manifest.firefox.json");
    println!("cargo:rerun-if-changed=crate/sites");
    if let Err(problems) = run() {
        for p in &problems {
            println!("cargo:warning={p}");
        }
        eprintln!(
            "\nthe manifests and crate/sites/*.toml disagree:\n  - {}\n",
            problems.join("\n  - ")
        );
        std::process::exit(1);
    }
}

fn run() -> Result<(), Vec<String>> {
    let chromium = read_json("manifest.json")?;
    let mut firefox = chromium.clone();
    merge_patch(&mut firefox, read_json("manifest.firefox.json")?);
    let sites = read_sites(Path::new("crate/sites"))?;
    let mut found = Vec::new();
    for (browser, manifest) in [("Chromium", chromium), ("Firefox", firefox)] {
        let manifest: Manifest = serde_json::from_value(manifest)
            .map_err(|e| vec![format!("{browser}'s manifest does not parse: {e}")])?;
        found.extend(
            problems(&manifest, &sites)
                .into_iter()
                .map(|p| format!("{browser}: {p}")),
        );
    }
    if !found.is_empty() {
        return Err(found);
    }
    let out = Path::new(&env::var("OUT_DIR").map_err(|e| vec![e.to_string()])?).join("sites.rs");
    fs::write(&out, rust::sites(&sites)).map_err(|e| vec![format!("{}: {e}", out.display())])?;
    let watch = serde_json::to_string(&memory_pages(&sites)?).map_err(|e| vec![e.to_string()])?;
    let out = out.with_file_name("watch.json");
    fs::write(&out, watch).map_err(|e| vec![format!("{}: {e}", out.display())])?;
    Ok(())
}

/// One memory page for the watcher: its URL patterns as regular expressions, its fragments.
type Watched = (Vec<String>, Vec<String>);

/// The watcher's table: `[[[regex, ...], [fragment, ...]], ...]`, one entry per memory page.
fn memory_pages(sites: &[SiteSpec]) -> Result<Vec<Watched>, Vec<String>> {
    let mut table = Vec::new();
    for (site, page) in sites.iter().filter_map(|s| Some((s, s.capture.as_ref()?))) {
        let mut regexes = Vec::new();
        for p in &page.url_patterns {
            regexes.push(sites::pattern::regex_source(p).ok_or_else(|| {
                vec![format!(
                    "{}: memory page {p} is no match pattern",
                    site.name
                )]
            })?);
        }
        table.push((regexes, page.fragments.clone()));
    }
    Ok(table)
}

fn read_json(path: &str) -> Result<Value, Vec<String>> {
    let text = fs::read_to_string(path).map_err(|e| vec![format!("{path}: {e}")])?;
    serde_json::from_str(&text).map_err(|e| vec![format!("{path} does not parse: {e}")])
}

fn read_sites(dir: &Path) -> Result<Vec<SiteSpec>, Vec<String>> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .map_err(|e| vec![format!("{}: {e}", dir.display())])?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut sites = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        let parsed = fs::read_to_string(&file)
            .map_err(|e| e.to_string())
            .and_then(|t| toml::from_str::<SiteSpec>(&t).map_err(|e| e.to_string()));
        match parsed {
            Ok(site) => sites.push(site),
            Err(e) => problems.push(format!("{}: {e}", file.display())),
        }
    }
    if problems.is_empty() {
        Ok(sites)
    } else {
        Err(problems)
    }
}

/// The site table as Rust: `fn table() -> Vec<SiteSpec>`, each value written as the expression
/// that builds it. A field added to a site type and not here fails the crate's build.
mod rust {
    use crate::category::Category;
    use crate::sites::spec::*;

    pub fn sites(sites: &[SiteSpec]) -> String {
        format!(
            "// Written by build.rs from crate/sites/*.toml.\n\
             fn table() -> Vec<SiteSpec> {{\n    vec![{}]\n}}\n",
            sites.iter().map(Code::code).collect::<Vec<_>>().join(",\n")
        )
    }

    trait Code {
        fn code(&self) -> String;
    }

    impl Code for String {
        fn code(&self) -> String {
            // Debug writes a string as a Rust literal, escapes included.
            format!("s({self:?})")
        }
    }

    impl Code for bool {
        fn code(&self) -> String {
            self.to_string()
        }
    }

    impl Code for u32 {
        fn code(&self) -> String {
            format!("{self}u32")
        }
    }

    impl<T: Code> Code for Option<T> {
        fn code(&self) -> String {
            match self {
                Some(v) => format!("Some({})", v.code()),
                None => "None".to_string(),
            }
        }
    }

    impl<T: Code> Code for Vec<T> {
        fn code(&self) -> String {
            let items: Vec<String> = self.iter().map(Code::code).collect();
            format!("vec![{}]", items.join(", "))
        }
    }

    /// A list of strings is one slice of literals, turned into owned strings by one call.
    fn strings(list: &[String]) -> String {
        format!("v(&{list:?})")
    }

    macro_rules! enums {
        ($($ty:ident),*) => {$(
            impl Code for $ty {
                fn code(&self) -> String {
                    format!("{}::{self:?}", stringify!($ty))
                }
            }
        )*};
    }
    enums!(Assistant, Position, EditorKind, ImportFormat, Category);

    /// `$ty { field: value, ... }`; `[field]` is a list of strings.
    macro_rules! structs {
        ($($ty:ident { $($field:ident),* ; $($list:ident),* })*) => {$(
            impl Code for $ty {
                fn code(&self) -> String {
                    let mut out = format!("{} {{", stringify!($ty));
                    $(out.push_str(&format!(" {}: {},", stringify!($field), self.$field.code()));)*
                    $(out.push_str(&format!(" {}: {},", stringify!($list), strings(&self.$list)));)*
                    out.push_str(" }");
                    out
                }
            }
        )*};
    }
    structs! {
        SiteSpec { assistant, name, origin, last_checked, capture, import, chat, answer; }
        AnswerPage { replies, code, streaming, wait_ms; url_patterns, frames }
        CapturePage {
            anchor, position, open, content, close, wait_ms, headings, scroll, list, fields,
            lists, part, fields_part;
            url_patterns, fragments, loading_texts, ignore_lines, ignore_prefixes, empty_texts,
            names, section_names, logged_out_texts
        }
        ListSpec { heading, part, open, content, close; }
        FieldSpec { label, locators, category, prefix; }
        ImportPage {
            title, url, format, open, submit_label, wait_ms, boxes;
            url_patterns, fragments, never_in
        }
        ImportBox {
            label, target, editor, max_chars, max_bytes, in_parts, entry_max_chars, categories;
        }
        HeadingRule { category; texts }
    }

    impl Code for Locator {
        fn code(&self) -> String {
            match self {
                Locator::Css { css } => format!("Locator::Css {{ css: {} }}", css.code()),
                Locator::Role { role, names } => format!(
                    "Locator::Role {{ role: {}, names: {} }}",
                    role.code(),
                    strings(names)
                ),
                Locator::LargestEditable { within } => {
                    format!("Locator::LargestEditable {{ within: {} }}", within.code())
                }
                Locator::Picked { css } => format!("Locator::Picked {{ css: {} }}", css.code()),
                Locator::Labelled { names, avoid } => format!(
                    "Locator::Labelled {{ names: {}, avoid: {} }}",
                    strings(names),
                    strings(avoid)
                ),
            }
        }
    }
}
