//! Whether `manifest.json` and the site table agree.
//!
//! The manifest decides where the browser lets memport run; the site files decide where
//! memport thinks it is. If they drift, a button silently never appears or the extension asks
//! for access it has no use for. `build.rs` includes this file and fails the build with these
//! problems; the crate's tests check the rules themselves.
//!
//! Both browsers' manifests are checked: Firefox's is `manifest.json` with
//! `manifest.firefox.json` laid over it by [`merge_patch`], as `./dev build` writes it.

use serde::Deserialize;
use serde_json::Value;

use super::pattern;
use super::spec::SiteSpec;

/// The parts of `manifest.json` that grant access to pages.
#[derive(Debug, Default, Deserialize)]
pub struct Manifest {
    #[serde(default)]
    pub host_permissions: Vec<String>,
    #[serde(default)]
    pub content_scripts: Vec<ContentScript>,
}

#[derive(Debug, Deserialize)]
pub struct ContentScript {
    pub matches: Vec<String>,
    /// The files loaded into every matching page as it loads.
    #[serde(default)]
    pub js: Vec<String>,
}

/// What pages load as they open: the watcher alone. The page code (`page/agent.js`) comes
/// through `chrome.scripting` when a capture, fill, check, picker or answer capture starts.
pub const WATCHER: &str = "page/watch.js";

/// Every disagreement, each naming the site and the pattern; empty when they agree.
pub fn problems(manifest: &Manifest, sites: &[SiteSpec]) -> Vec<String> {
    let mut problems = Vec::new();
    let hosts: Vec<&str> = manifest
        .host_permissions
        .iter()
        .map(String::as_str)
        .collect();
    let scripts: Vec<&str> = manifest
        .content_scripts
        .iter()
        .flat_map(|c| c.matches.iter().map(String::as_str))
        .collect();
    let covered = |list: &[&str], p: &str| list.iter().any(|g| pattern::covers(g, p));
    // Every pattern some site needs, to find what the manifest asks for in vain.
    let mut needed_hosts: Vec<&str> = Vec::new();
    let mut needed_scripts: Vec<&str> = Vec::new();

    for site in sites {
        let name = &site.name;
        if let Some(page) = &site.capture {
            for p in &page.url_patterns {
                if !covered(&hosts, p) {
                    problems.push(format!(
                        "{name}: memory page {p} is not covered by manifest host_permissions"
                    ));
                }
                if !covered(&scripts, p) {
                    problems.push(format!(
                        "{name}: memory page {p} is not covered by any content_scripts matches"
                    ));
                }
                needed_hosts.push(p);
                needed_scripts.push(p);
            }
        }
        for page in site.import.iter().chain(&site.chat) {
            for p in page.url_patterns.iter().chain([&page.url]) {
                if !covered(&hosts, p) {
                    problems.push(format!(
                        "{name}: import page {p} is not covered by manifest host_permissions"
                    ));
                }
                needed_hosts.push(p);
            }
            if !page
                .url_patterns
                .iter()
                .any(|p| pattern::matches(p, &page.url))
            {
                problems.push(format!(
                    "{name}: import url {} matches none of its own url_patterns",
                    page.url
                ));
            }
        }
        // Chat pages: the worker runs the page code there to read the last reply.
        for p in site.answer.iter().flat_map(|a| &a.url_patterns) {
            if !covered(&hosts, p) {
                problems.push(format!(
                    "{name}: chat page {p} is not covered by manifest host_permissions"
                ));
            }
            needed_hosts.push(p);
        }
        let own = format!("{}/", site.origin);
        let patterns = site.capture.iter().flat_map(|c| &c.url_patterns);
        let patterns = patterns.chain(site.import.iter().flat_map(|i| &i.url_patterns));
        let patterns = patterns.chain(site.answer.iter().flat_map(|a| &a.url_patterns));
        for p in patterns.filter(|p| !p.starts_with(&own)) {
            problems.push(format!("{name}: {p} is outside its origin {}", site.origin));
        }
    }
    for c in &manifest.content_scripts {
        for js in c.js.iter().filter(|js| js.as_str() != WATCHER) {
            problems.push(format!(
                "manifest loads {js} into every page of {} as it loads: only {WATCHER} goes \
                 there; the worker injects the rest when it is used",
                c.matches.join(", ")
            ));
        }
    }
    for h in &hosts {
        if !needed_hosts.iter().any(|p| pattern::covers(h, p)) {
            problems.push(format!(
                "manifest host_permissions asks for {h}, which no site in crate/sites needs"
            ));
        }
    }
    for m in &scripts {
        if !needed_scripts.iter().any(|p| pattern::covers(m, p)) {
            problems.push(format!(
                "manifest runs a content script on {m}, which is no site's memory page"
            ));
        }
    }
    problems
}

/// RFC 7386's JSON merge patch: `patch`'s objects merge into `target`'s, its nulls remove
/// keys, and any other value (arrays included) replaces what was there. `./dev build` makes
/// Firefox's manifest with the same rules.
pub fn merge_patch(target: &mut Value, patch: Value) {
    let Value::Object(patch) = patch else {
        *target = patch;
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    if let Value::Object(target) = target {
        for (key, value) in patch {
            if value.is_null() {
                target.remove(&key);
            } else {
                merge_patch(target.entry(key).or_insert(Value::Null), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sites;

    fn manifest(hosts: &[&str], scripts: &[&str]) -> Manifest {
        Manifest {
            host_permissions: hosts.iter().map(|s| s.to_string()).collect(),
            content_scripts: vec![ContentScript {
                matches: scripts.iter().map(|s| s.to_string()).collect(),
                js: vec![WATCHER.to_string()],
            }],
        }
    }

    #[test]
    fn the_real_manifest_agrees_with_the_sites() {
        let real: Manifest =
            serde_json::from_str(include_str!("../../manifest.json")).expect("manifest parses");
        assert_eq!(problems(&real, sites::all()), Vec::<String>::new());
    }

    #[test]
    fn the_firefox_manifest_agrees_with_the_sites() {
        let mut firefox: Value = serde_json::from_str(include_str!("../../manifest.json")).unwrap();
        merge_patch(
            &mut firefox,
            serde_json::from_str(include_str!("../../manifest.firefox.json")).unwrap(),
        );
        assert_eq!(firefox["background"]["scripts"][0], "worker.js");
        assert!(firefox["background"].get("service_worker").is_none());
        let firefox: Manifest = serde_json::from_value(firefox).expect("manifest parses");
        assert_eq!(problems(&firefox, sites::all()), Vec::<String>::new());
    }

    #[test]
    fn a_merge_patch_merges_objects_removes_nulls_and_replaces_the_rest() {
        let mut doc = serde_json::json!({"a": {"b": 1, "c": 2}, "d": [1, 2], "e": "x"});
        merge_patch(
            &mut doc,
            serde_json::json!({"a": {"b": null, "f": 3}, "d": [3], "e": {"g": 1}}),
        );
        assert_eq!(
            doc,
            serde_json::json!({"a": {"c": 2, "f": 3}, "d": [3], "e": {"g": 1}})
        );
    }

    #[test]
    fn a_missing_host_names_the_site_and_page() {
        let m = manifest(&["https://claude.ai/*"], &["https://claude.ai/*"]);
        let found = problems(&m, sites::all());
        assert!(found
            .iter()
            .any(|p| p.starts_with("Gemini: import page https://gemini.google.com/import")));
    }

    #[test]
    fn pages_load_only_the_watcher() {
        let mut m = manifest(
            &[
                "https://claude.ai/*",
                "https://chatgpt.com/*",
                "https://gemini.google.com/*",
            ],
            &[
                "https://claude.ai/*",
                "https://chatgpt.com/*",
                "https://gemini.google.com/*",
            ],
        );
        assert_eq!(problems(&m, sites::all()), Vec::<String>::new());
        m.content_scripts[0].js.push("page/agent.js".into());
        let found = problems(&m, sites::all());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .starts_with("manifest loads page/agent.js into every page of https://claude.ai/*"));
    }

    #[test]
    fn a_memory_page_needs_a_content_script() {
        let m = manifest(
            &["https://claude.ai/*", "https://gemini.google.com/*"],
            &["https://claude.ai/new"],
        );
        let found = problems(&m, sites::all());
        assert!(found.contains(
            &"Claude: memory page https://claude.ai/settings/capabilities* is not covered by any \
              content_scripts matches"
                .to_string()
        ));
        assert!(found
            .iter()
            .any(|p| p.contains("content script on https://claude.ai/new")));
    }

    #[test]
    fn a_chat_page_needs_a_host_permission() {
        let m = manifest(
            &[
                "https://claude.ai/settings/*",
                "https://gemini.google.com/*",
                "https://chatgpt.com/*",
            ],
            &["https://claude.ai/settings/*"],
        );
        let found = problems(&m, sites::all());
        assert!(found.contains(
            &"Claude: chat page https://claude.ai/chat/* is not covered by manifest \
              host_permissions"
                .to_string()
        ));
    }

    #[test]
    fn hosts_no_site_needs_are_refused() {
        let mut m: Manifest =
            serde_json::from_str(include_str!("../../manifest.json")).expect("manifest parses");
        m.host_permissions.push("<all_urls>".into());
        let found = problems(&m, sites::all());
        assert_eq!(
            found,
            vec![
                "manifest host_permissions asks for <all_urls>, which no site in crate/sites needs"
            ]
        );
    }
}
