//! The crate's modules import each other without a cycle.
//!
//! A module here is a top-level one: `crate/profile/profile.rs` is `profile` (the folders
//! `page/`, `profile/` and `targets/` are shelves of top-level modules), everything under
//! `crate/export/` is `export`. Module A imports B when A's code names `crate::B` (in a `use`,
//! also inside `use crate::{B, …}`, or as a path). A module's tests (`#[cfg(test)] mod …`, and
//! the files such a module is kept in, `<module>_tests.rs` beside it) and comments do not
//! count: a test may build on anything. The graph must have no cycle, so each
//! module can be read, tested and changed knowing only what it imports (issue 15: `dedupe`,
//! the rule that decides item ids, imported from `text_import` and `profile`, which imported
//! it back through others).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The folders of `crate/` that are only shelves along the data path: each file on them is a
/// top-level module of its own, declared in `lib.rs` with `#[path]`.
const SHELVES: [&str; 3] = ["page", "profile", "targets"];

/// The module a file under `crate/` belongs to; `None` for the crate root. A file on a shelf
/// is its own module (`crate/profile/dedupe.rs` is `dedupe`); any other folder is one module
/// (`crate/export/zip.rs` is `export`).
fn module_of(rel: &Path) -> Option<String> {
    let mut parts = rel.components().map(|c| c.as_os_str().to_str());
    let first = parts.next()??;
    let file = if SHELVES.contains(&first) {
        parts.next()??
    } else {
        first
    };
    let name = file.strip_suffix(".rs").unwrap_or(file);
    (name != "lib").then(|| name.to_string())
}

/// The code of a file without comments and without its `#[cfg(test)]` modules (which rustfmt
/// ends with a `}` alone at the start of a line).
fn product_code(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim_start() == "#[cfg(test)]" {
            let next = lines.peek().map(|l| l.trim_start()).unwrap_or("");
            let is_mod = next.starts_with("mod ") || next.starts_with("pub(crate) mod ");
            if is_mod && !next.ends_with(';') {
                for l in lines.by_ref() {
                    if l == "}" {
                        break;
                    }
                }
                continue;
            }
        }
        let code = line.find("//").map_or(line, |at| &line[..at]);
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// The top-level modules `code` names through `crate::`.
fn imports(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::{c, d}, e}`: the names at the group's top level.
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        found.insert(ident(&group[start..i]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(ident(&group[start..i]));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(ident(rest));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

fn graph() -> Graph {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("crate");
    let mut graph = Graph::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("crate/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !name.ends_with(".rs") || name.ends_with("_tests.rs") {
                continue;
            }
            let rel = path.strip_prefix(&root).expect("under crate/");
            let Some(module) = module_of(rel) else {
                continue;
            };
            let text = fs::read_to_string(&path).expect("a Rust file is text");
            let mut names = imports(&product_code(&text));
            names.remove(&module);
            graph.entry(module).or_default().extend(names);
        }
    }
    // Names that are not modules (`crate::MAX`, macros) are not edges.
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for targets in graph.values_mut() {
        targets.retain(|t| modules.contains(t));
    }
    graph
}

/// A cycle in `graph`, as the modules along it, or `None`.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        graph: &Graph,
        node: &str,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_string(), Mark::Open);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = path.iter().position(|m| m == next).unwrap_or(0);
                    let mut found = path[from..].to_vec();
                    found.push(next.clone());
                    return Some(found);
                }
                Mark::New => {
                    if let Some(found) = visit(graph, next, marks, path) {
                        return Some(found);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if marks.get(node).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(found) = visit(graph, node, &mut marks, &mut Vec::new()) {
                return Some(found);
            }
        }
    }
    None
}

#[test]
fn the_modules_import_each_other_without_a_cycle() {
    let graph = graph();
    // The checker sees the imports it must: not a graph that passes because it is empty.
    for (from, to) in [
        ("dedupe", "lines"),
        ("profile", "dedupe"),
        ("conflict", "profile"),
        ("text_import", "formats"),
        ("web", "profile"),
        ("export", "slot"),
        // Files on the shelves (`page/`, `profile/`, `targets/`) are modules of their own.
        ("fill", "parts"),
        ("read", "classify"),
        ("render", "lines"),
    ] {
        assert!(
            graph.get(from).is_some_and(|t| t.contains(to)),
            "{from} imports {to}, but the checker did not see it: {:?}",
            graph.get(from)
        );
    }
    assert_eq!(
        graph.get("lines").map(BTreeSet::len),
        Some(0),
        "lines is a leaf"
    );
    if let Some(found) = cycle(&graph) {
        panic!(
            "modules import each other in a circle: {}",
            found.join(" -> ")
        );
    }
}

#[test]
fn the_checker_finds_a_cycle_and_reads_grouped_imports() {
    let code = product_code(
        "use crate::{a, b::{C, D}, c::E};\n// use crate::d;\nfn f() { crate::e::g() }\n\
         #[cfg(test)]\nmod tests {\n    use crate::f;\n}\n",
    );
    let found: Vec<String> = imports(&code).into_iter().collect();
    assert_eq!(found, ["a", "b", "c", "e"]);
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph
            .entry(from.to_string())
            .or_default()
            .insert(to.to_string());
    }
    assert_eq!(
        cycle(&graph).map(|c| c.join(" -> ")).as_deref(),
        Some("a -> b -> c -> a")
    );
    graph.get_mut("c").map(|t| t.remove("a"));
    assert_eq!(cycle(&graph), None);
}
