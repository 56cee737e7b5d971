//! Keeps `manifest.json` and the site table in agreement, then bundles the site table.
//!
//! The manifest decides where the browser lets memport run; the site files decide where
//! memport thinks it is. If they drift, a button silently never appears or the extension asks
//! for access it has no use for. So the build fails, naming the site and the pattern, when:
//! - a site's memory page is not covered by both a host permission and a content-script match,
//! - a site's import page is not covered by a host permission,
//! - the manifest asks for a host or runs a content script that no site needs,
//! - a site file does not parse (unknown keys included) or points off its own origin.
//!
//! Then it writes every site as one JSON document to `OUT_DIR/sites.json`, which the crate
//! embeds: TOML (commented, easy to maintain) stays out of the WebAssembly.

#[path = "crate/category.rs"]
#[allow(dead_code)]
mod category;
#[path = "crate/sites/pattern.rs"]
#[allow(dead_code)]
mod pattern;
#[path = "crate/sites/spec.rs"]
#[allow(dead_code)]
mod spec;

use std::path::Path;
use std::{env, fs};

use serde::Deserialize;
use spec::SiteSpec;

#[derive(Deserialize)]
struct Manifest {
    #[serde(default)]
    host_permissions: Vec<String>,
    #[serde(default)]
    content_scripts: Vec<ContentScript>,
}

#[derive(Deserialize)]
struct ContentScript {
    matches: Vec<String>,
}

fn main() {
    println!("cargo:rerun-if-changed=manifest.json");
    println!("cargo:rerun-if-changed=crate/sites");
    if let Err(problems) = run() {
        for p in &problems {
            println!("cargo:warning={p}");
        }
        eprintln!(
            "\nmanifest.json and crate/sites/*.toml disagree:\n  - {}\n",
            problems.join("\n  - ")
        );
        std::process::exit(1);
    }
}

fn run() -> Result<(), Vec<String>> {
    let manifest_text =
        fs::read_to_string("manifest.json").map_err(|e| vec![format!("manifest.json: {e}")])?;
    let manifest: Manifest = serde_json::from_str(&manifest_text)
        .map_err(|e| vec![format!("manifest.json does not parse: {e}")])?;
    let sites = read_sites(Path::new("crate/sites"))?;
    let problems = check(&manifest, &sites);
    if !problems.is_empty() {
        return Err(problems);
    }
    let json = serde_json::to_string(&sites).map_err(|e| vec![e.to_string()])?;
    let out = Path::new(&env::var("OUT_DIR").map_err(|e| vec![e.to_string()])?).join("sites.json");
    fs::write(&out, json).map_err(|e| vec![format!("{}: {e}", out.display())])?;
    Ok(())
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

fn check(manifest: &Manifest, sites: &[SiteSpec]) -> Vec<String> {
    let mut problems = Vec::new();
    let hosts = &manifest.host_permissions;
    let scripts: Vec<&String> = manifest
        .content_scripts
        .iter()
        .flat_map(|c| &c.matches)
        .collect();
    let covered = |list: &[&String], p: &str| list.iter().any(|g| pattern::covers(g, p));
    let host_list: Vec<&String> = hosts.iter().collect();

    // Every pattern some site needs, to find what the manifest asks for in vain.
    let mut needed_hosts: Vec<&str> = Vec::new();
    let mut needed_scripts: Vec<&str> = Vec::new();

    for site in sites {
        let name = &site.name;
        if let Some(page) = &site.capture {
            for p in &page.url_patterns {
                if !covered(&host_list, p) {
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
        if let Some(page) = &site.import {
            for p in page.url_patterns.iter().chain([&page.url]) {
                if !covered(&host_list, p) {
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
        let own = format!("{}/", site.origin);
        let patterns = site.capture.iter().flat_map(|c| &c.url_patterns);
        let patterns = patterns.chain(site.import.iter().flat_map(|i| &i.url_patterns));
        for p in patterns.filter(|p| !p.starts_with(&own)) {
            problems.push(format!("{name}: {p} is outside its origin {}", site.origin));
        }
    }
    for h in hosts {
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
