//! Architecture rules that matter, checked over the source text of `src/`:
//! the core (everything outside `src/web/`, `src/bin/` and
//! `src/compute/` and `src/worker.rs`, the workers' module and the messages) never names
//! wasm-bindgen, web-sys or js-sys; and the module import graphs of
//! `src/app` and `src/web` (edges from `use crate::…` and other `crate::…`
//! paths, `super::…` resolved) have no cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The module path of a file under `src/` (`app/design/model.rs` →
/// `app::design::model`; `mod.rs` and `lib.rs` name their folder).
fn module_of(file: &Path) -> String {
    let rel = file.strip_prefix(src()).expect("a file under src/");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts.join("::")
}

/// The text of `file` without comments (line comments, doc comments).
fn code(file: &Path) -> String {
    let text = std::fs::read_to_string(file).expect("a readable source file");
    text.lines()
        .map(|line| match line.find("//") {
            Some(k) => &line[..k],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Paths named in `code` (`crate::a::b::C`, `super::x`), the part after
/// `crate::` resolved from `module`, as `::`-joined segments.
fn named_paths(module: &str, code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let start_ok = k == 0 || !(chars[k - 1].is_alphanumeric() || chars[k - 1] == '_');
        let rest: String = chars[k..chars.len().min(k + 7)].iter().collect();
        let (base, skip): (Vec<String>, usize) = if start_ok && rest.starts_with("crate::") {
            (Vec::new(), 7)
        } else if start_ok && rest.starts_with("super::") {
            let mut parts: Vec<String> = module.split("::").map(str::to_string).collect();
            parts.pop();
            (parts, 7)
        } else {
            k += 1;
            continue;
        };
        let mut j = k + skip;
        let mut path = base;
        let mut segment = String::new();
        while j < chars.len() {
            let c = chars[j];
            if c.is_alphanumeric() || c == '_' {
                segment.push(c);
                j += 1;
            } else if c == ':' && chars.get(j + 1) == Some(&':') {
                if segment == "super" {
                    path.pop();
                } else if !segment.is_empty() {
                    path.push(std::mem::take(&mut segment));
                }
                segment.clear();
                j += 2;
            } else if c == '{' {
                // `use crate::a::{b, c::d}`: each item of the group (one level).
                let close = chars[j..]
                    .iter()
                    .position(|&c| c == '}')
                    .map_or(chars.len(), |p| j + p);
                let inner: String = chars[j + 1..close].iter().collect();
                for item in inner.split(',') {
                    let mut p = path.clone();
                    p.extend(
                        item.trim()
                            .split("::")
                            .filter(|s| !s.is_empty() && *s != "self")
                            .map(|s| s.split_whitespace().next().unwrap_or("").to_string()),
                    );
                    out.push(p.join("::"));
                }
                path.clear();
                j = close;
                break;
            } else {
                break;
            }
        }
        if !segment.is_empty() {
            path.push(segment);
        }
        if !path.is_empty() {
            out.push(path.join("::"));
        }
        k = j.max(k + 1);
    }
    out
}

/// The import graph among the modules under `prefix` (`app`, `web`): an
/// edge from each module to the longest module prefix of each path it names.
fn graph(prefix: &str) -> BTreeMap<String, BTreeSet<String>> {
    let files: Vec<PathBuf> = rust_files(&src().join(prefix));
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = module_of(file);
        // Unit tests may reach anything: only the module's own code counts.
        if from
            .split("::")
            .any(|s| s == "tests" || s.ends_with("_tests"))
        {
            continue;
        }
        let code = code(file);
        let code = code.split("#[cfg(test)]").next().unwrap_or("");
        let mut paths = named_paths(&from, code);
        // Children named by a relative path (`render::write(…)` in `web`).
        let own = format!("{from}::");
        for child in modules.iter().filter_map(|m| m.strip_prefix(&own)) {
            if !child.contains("::") && starts_a_path(code, child) {
                paths.push(format!("{own}{child}"));
            }
        }
        for path in paths {
            let mut parts: Vec<&str> = path.split("::").collect();
            while !parts.is_empty() && !modules.contains(&parts.join("::")) {
                parts.pop();
            }
            let to = parts.join("::");
            if !to.is_empty() && to != from {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    edges
}

/// True when `code` holds `name::` as the start of a path (not after
/// another `::` or inside a longer name).
fn starts_a_path(code: &str, name: &str) -> bool {
    let pattern = format!("{name}::");
    code.match_indices(&pattern).any(|(k, _)| {
        let before = code[..k].chars().next_back();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
    })
}

/// A cycle of `graph`, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let at = stack.iter().position(|n| n == next).unwrap_or(0);
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(next, graph, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if !state.contains_key(node.as_str()) {
            if let Some(c) = visit(node, graph, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn the_core_never_names_the_browser_bindings() {
    for file in rust_files(&src()) {
        let module = module_of(&file);
        if module.starts_with("web")
            || module.starts_with("bin")
            || module.starts_with("compute")
            || module == "worker"
        {
            continue;
        }
        let code = code(&file);
        for name in ["wasm_bindgen", "web_sys", "js_sys", "serde_wasm_bindgen"] {
            assert!(
                !code.contains(name),
                "{} names {name}: only src/web/, src/compute/ and src/worker.rs may use the browser bindings",
                file.display()
            );
        }
    }
}

#[test]
fn app_and_web_import_graphs_have_no_cycle() {
    for prefix in ["app", "web"] {
        let g = graph(prefix);
        assert!(!g.is_empty(), "no imports found under src/{prefix}");
        if let Some(cycle) = find_cycle(&g) {
            panic!("src/{prefix} has an import cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_cycle_finder_finds_cycles_and_paths_resolve() {
    let g: BTreeMap<String, BTreeSet<String>> =
        [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"])]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
            .collect();
    assert_eq!(find_cycle(&g).map(|c| c.len()), Some(4));
    let mut acyclic = g.clone();
    acyclic.get_mut("c").unwrap().clear();
    assert_eq!(find_cycle(&acyclic), None);
    let paths = named_paths(
        "app::design::view",
        "use crate::app::{format::number, view::View};\nlet x = super::model::build(s);",
    );
    assert_eq!(
        paths,
        [
            "app::format::number",
            "app::view::View",
            "app::design::model::build"
        ]
    );
}
