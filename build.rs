//! Keeps `manifest.json` and the site table in agreement, then bundles the site table.
//!
//! The build fails, naming the site and the pattern, when a site file does not parse
//! (unknown keys included) or when it and the manifest disagree (see
//! `crate/sites/coverage.rs`: a memory page without a host permission or content script, an
//! import page without a host permission, a host no site needs, a page off its origin).
//!
//! Then it writes every site as one JSON document to `OUT_DIR/sites.json`, which the crate
//! embeds: TOML (commented, easy to maintain) stays out of the WebAssembly.

#[path = "crate/category.rs"]
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

use sites::coverage::{problems, Manifest};
use sites::spec::SiteSpec;

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
    let found = problems(&manifest, &sites);
    if !found.is_empty() {
        return Err(found);
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
