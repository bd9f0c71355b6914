//! The module structure as ARCHITECTURE.md states it, checked from the
//! sources: no import circle inside the folders that are meant to read
//! bottom-up (every folder of a layer: `render`, `load`, `export`, `ui`,
//! `app`), and `render` free of the window (`app`, `ui`).
//!
//! The check reads `src/**/*.rs` as text: comments, strings and
//! `#[cfg(test)]` items are blanked, then every `use` tree and every
//! `crate::…`, `super::…` and `self::…` path (and a child module's
//! `child::…`) is resolved to the module it names, through the
//! re-exports of a folder's `mod.rs`. In a folder, each file is one node
//! (a subfolder counts with its parent file). The folder's own module (its
//! `mod.rs`, or the parent file of a subfolder) is no node: it declares
//! and re-exports its files, and they may use what it defines, as
//! egui_plot's items use their `items/mod.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The folders (module paths under `src/`) whose files must not import
/// each other in a circle, each checked with every folder inside it.
const ACYCLIC_FOLDERS: &[&str] = &["render", "load", "export", "ui", "app"];

/// A module's path from the crate root, e.g. `["render", "scene"]`.
type ModPath = Vec<String>;

/// What one source file refers to.
struct ModuleSource {
    path: ModPath,
    /// Every path it names, as written (`super::style::MapStyle`).
    references: Vec<Vec<String>>,
    /// Its `pub use` re-exports: the name given → the path it names.
    re_exports: BTreeMap<String, Vec<String>>,
}

/// `source` with comments, string and character literals blanked (to
/// spaces) and `#[cfg(test)]` items removed.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && !is_ident(chars.get(i.wrapping_sub(1))) {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) == Some(&'"') {
                j += 1;
                loop {
                    if j >= chars.len() {
                        break;
                    }
                    if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                out.push_str("\"\"");
                i = j;
            } else {
                out.push(c);
                i += 1;
            }
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{1b}'), not a lifetime.
            let close = if next == Some('\\') {
                (i + 3..chars.len().min(i + 12)).find(|&j| chars[j] == '\'')
            } else {
                (chars.get(i + 2) == Some(&'\'')).then_some(i + 2)
            };
            match close {
                Some(j) => {
                    out.push_str("' '");
                    i = j + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    without_test_items(&out)
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// `code` without the items marked `#[cfg(test)]`: up to the end of the
/// item's braces, or its `;`.
fn without_test_items(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = match (after.find('{'), after.find(';')) {
            (Some(open), semi) if semi.is_none_or(|s| open < s) => {
                let mut depth = 0;
                let mut end = after.len();
                for (k, c) in after.char_indices().skip_while(|(k, _)| *k < open) {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (_, Some(semi)) => semi + 1,
            (_, None) => after.len(),
        };
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The paths a `use` tree names: `a::{b, c::{d as e, *}}` gives `a::b`,
/// `a::c::d`, `a::c`; with each path, the name it is given (`e` for
/// `d as e`), if it is not a glob.
fn use_tree_paths(tree: &str) -> Vec<(Vec<String>, Option<String>)> {
    // `d as e` → `d@e`, then no spaces at all.
    let tree: String = tree
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" as ", "@")
        .replace(' ', "");
    let mut out = Vec::new();
    expand(&tree, &[], &mut out);
    out
}

fn expand(tree: &str, prefix: &[String], out: &mut Vec<(Vec<String>, Option<String>)>) {
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim_end_matches("::");
        let mut base = prefix.to_vec();
        base.extend(head.split("::").filter(|s| !s.is_empty()).map(str::to_owned));
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut depth = 0;
        let mut start = 0;
        for (k, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&inner[start..k], &base, out);
                    start = k + 1;
                }
                _ => {}
            }
        }
        expand(&inner[start..], &base, out);
        return;
    }
    if tree.is_empty() {
        return;
    }
    let (path, alias) = match tree.split_once('@') {
        Some((path, alias)) => (path, Some(alias.to_owned())),
        None => (tree, None),
    };
    let mut full = prefix.to_vec();
    for segment in path.split("::") {
        match segment {
            "self" if !full.is_empty() => {}
            "*" => {
                out.push((full, None));
                return;
            }
            s => full.push(s.to_owned()),
        }
    }
    let name = alias.or_else(|| full.last().cloned());
    out.push((full, name));
}

/// The `use` statements of `code`: (public, tree).
fn use_statements(code: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(found) = code[from..].find("use ") {
        let at = from + found;
        from = at + 4;
        let before = code[..at].trim_end();
        let starts_statement = at == 0
            || !is_ident(code[..at].chars().last().as_ref())
                && (before.is_empty()
                    || before.ends_with([';', '{', '}', ']'])
                    || before.ends_with("pub")
                    || before.ends_with(')'));
        if !starts_statement || bytes.get(at.wrapping_sub(1)).is_some_and(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let Some(end) = code[at..].find(';') else { break };
        let public = before.ends_with("pub") || before.ends_with(')') && before.contains("pub(");
        out.push((public, code[at + 4..at + end].to_owned()));
        from = at + end;
    }
    out
}

/// The `crate::…`, `super::…`, `self::…` and `child::…` paths in `code`
/// outside `use` statements (`children`: the modules the file declares).
fn inline_paths(code: &str, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_ident(Some(&chars[i])) && !is_ident(i.checked_sub(1).and_then(|p| chars.get(p))) {
            let mut segments = Vec::new();
            let mut j = i;
            loop {
                let start = j;
                while j < chars.len() && is_ident(Some(&chars[j])) {
                    j += 1;
                }
                segments.push(chars[start..j].iter().collect::<String>());
                if chars.get(j) == Some(&':') && chars.get(j + 1) == Some(&':') && is_ident(chars.get(j + 2)) {
                    j += 2;
                } else {
                    break;
                }
            }
            let first = segments[0].as_str();
            let preceded_by_path = i >= 2 && chars[i - 1] == ':' && chars[i - 2] == ':';
            if segments.len() > 1
                && !preceded_by_path
                && (matches!(first, "crate" | "super" | "self") || children.contains(first))
            {
                out.push(segments);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The module `path` names from the module `at`, and the rest of `path`
/// after it: the deepest module of `modules` along it.
fn resolve<'p>(at: &[String], path: &'p [String], modules: &BTreeSet<ModPath>) -> Option<(ModPath, &'p [String])> {
    let (mut module, mut rest): (ModPath, &[String]) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (at.to_vec(), &path[1..]),
        Some("super") => {
            let mut module = at.to_vec();
            let mut rest = path;
            while rest.first().map(String::as_str) == Some("super") {
                module.pop()?;
                rest = &rest[1..];
            }
            (module, rest)
        }
        Some(child) => {
            let mut module = at.to_vec();
            module.push(child.to_owned());
            if !modules.contains(&module) {
                return None;
            }
            (module, &path[1..])
        }
        None => return None,
    };
    while let Some(next) = rest.first() {
        let mut deeper = module.clone();
        deeper.push(next.clone());
        if !modules.contains(&deeper) {
            break;
        }
        module = deeper;
        rest = &rest[1..];
    }
    Some((module, rest))
}

/// The module file `file` (relative to `src/`) holds.
fn module_path(file: &Path) -> ModPath {
    let mut parts: Vec<String> = file
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// Reads one source file.
fn module_source(path: ModPath, source: &str) -> ModuleSource {
    let code = code_only(source);
    let children: BTreeSet<String> = code
        .split(';')
        .filter_map(|stmt| {
            let words: Vec<&str> = stmt.split_whitespace().collect();
            match words.as_slice() {
                [.., "mod", name] => Some((*name).to_owned()),
                _ => None,
            }
        })
        .collect();
    let mut references = Vec::new();
    let mut re_exports = BTreeMap::new();
    for (public, tree) in use_statements(&code) {
        for (full, name) in use_tree_paths(&tree) {
            if public && let Some(name) = name {
                re_exports.insert(name, full.clone());
            }
            references.push(full);
        }
    }
    references.extend(inline_paths(&code, &children));
    ModuleSource {
        path,
        references,
        re_exports,
    }
}

/// Every module under `src/`.
fn crate_sources() -> Vec<ModuleSource> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && path.file_name().is_some_and(|n| n != "main.rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .iter()
        .map(|file| {
            let source = std::fs::read_to_string(file).unwrap();
            module_source(module_path(file.strip_prefix(&root).unwrap()), &source)
        })
        .collect()
}

/// Each module's references, resolved to modules (through the re-exports
/// of the module a path stops at, one step).
fn module_references(sources: &[ModuleSource]) -> BTreeMap<ModPath, BTreeSet<ModPath>> {
    let modules: BTreeSet<ModPath> = sources.iter().map(|s| s.path.clone()).collect();
    let by_path: BTreeMap<&ModPath, &ModuleSource> = sources.iter().map(|s| (&s.path, s)).collect();
    let mut out = BTreeMap::new();
    for source in sources {
        let mut targets = BTreeSet::new();
        for reference in &source.references {
            let Some((module, rest)) = resolve(&source.path, reference, &modules) else {
                continue;
            };
            // `super::MapScene` through the folder's `pub use scene::MapScene`.
            let re_exported = rest.first().and_then(|name| {
                let holder = by_path.get(&module)?;
                let path = holder.re_exports.get(name)?;
                resolve(&module, path, &modules).map(|(m, _)| m)
            });
            targets.insert(re_exported.unwrap_or(module));
        }
        out.insert(source.path.clone(), targets);
    }
    out
}

/// The graph of the files directly in `folder`: each node a module in it
/// (with its own subfolder), an edge where one refers to another.
fn folder_graph(
    folder: &[String],
    references: &BTreeMap<ModPath, BTreeSet<ModPath>>,
) -> BTreeMap<String, BTreeSet<String>> {
    let node = |module: &ModPath| -> Option<String> {
        (module.len() > folder.len() && module.starts_with(folder)).then(|| module[folder.len()].clone())
    };
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, targets) in references {
        let Some(from) = node(module) else { continue };
        let edges = graph.entry(from.clone()).or_default();
        for to in targets.iter().filter_map(node) {
            if to != from {
                edges.insert(to);
            }
        }
    }
    graph
}

/// A circle in `graph`, as its nodes from one back to itself; `None` if
/// there is none.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        OnPath,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_owned(), Mark::OnPath);
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next) {
                Some(Mark::OnPath) => {
                    let start = path.iter().position(|n| n == next).unwrap_or(0);
                    let mut cycle = path[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Some(Mark::Done) => {}
                None => {
                    if let Some(cycle) = visit(next, graph, marks, path) {
                        return Some(cycle);
                    }
                }
            }
        }
        path.pop();
        marks.insert(node.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if !marks.contains_key(node)
            && let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

/// Every folder at or under `folder` that holds modules of its own.
fn folders_under(folder: &[String], modules: &BTreeSet<ModPath>) -> Vec<ModPath> {
    let mut out: BTreeSet<ModPath> = BTreeSet::new();
    out.insert(folder.to_vec());
    for module in modules
        .iter()
        .filter(|m| m.len() > folder.len() + 1 && m.starts_with(folder))
    {
        out.insert(module[..module.len() - 1].to_vec());
    }
    out.into_iter().collect()
}

fn graph_of(edges: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in edges {
        graph.entry((*from).to_owned()).or_default().insert((*to).to_owned());
        graph.entry((*to).to_owned()).or_default();
    }
    graph
}

#[test]
fn the_cycle_finder_names_a_circle_and_finds_none_in_a_chain_or_a_diamond() {
    let chain = graph_of(&[("paint", "labels"), ("labels", "marks"), ("marks", "scene")]);
    assert_eq!(find_cycle(&chain), None);
    let diamond = graph_of(&[
        ("paint", "labels"),
        ("paint", "marks"),
        ("labels", "scene"),
        ("marks", "scene"),
    ]);
    assert_eq!(find_cycle(&diamond), None);
    let circle = graph_of(&[
        ("paint", "labels"),
        ("labels", "marks"),
        ("marks", "labels"),
        ("marks", "scene"),
    ]);
    assert_eq!(find_cycle(&circle).unwrap(), ["labels", "marks", "labels"]);
    let long = graph_of(&[("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]);
    assert_eq!(find_cycle(&long).unwrap(), ["a", "b", "c", "d", "a"]);
}

#[test]
fn references_come_from_use_trees_paths_and_re_exports_but_not_comments_strings_or_tests() {
    let files = [
        (
            "render/mod.rs",
            "pub mod labels;\npub mod scene;\npub mod paint;\npub use scene::{MapScene, MapLayout as Layout};\n",
        ),
        (
            "render/labels.rs",
            "use super::{MapScene, paint as p};\n// super::scene::x in a comment\nfn f() { let s = \"super::paint::y\"; }\n",
        ),
        (
            "render/scene.rs",
            "pub struct MapScene;\nfn g<'a>(c: &'a char) -> bool { *c == '\\'' }\n#[cfg(test)]\nmod tests {\n    fn g() -> char { '}' }\n    use super::super::paint::*;\n}\n",
        ),
        ("render/paint.rs", "fn h() { crate::render::labels::place(); }\n"),
    ];
    let sources: Vec<ModuleSource> = files
        .iter()
        .map(|(file, text)| module_source(module_path(Path::new(file)), text))
        .collect();
    let graph = folder_graph(&["render".to_owned()], &module_references(&sources));
    let edges = |from: &str| {
        graph
            .get(from)
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .collect::<Vec<_>>()
    };
    assert_eq!(edges("labels"), ["paint", "scene"], "the re-export leads to scene");
    assert!(edges("scene").is_empty(), "the test module is left out whole");
    assert_eq!(edges("paint"), ["labels"]);
    assert_eq!(find_cycle(&graph).unwrap(), ["labels", "paint", "labels"]);
}

#[test]
fn a_circle_through_a_folders_re_export_is_found_in_ui_and_app() {
    // The shapes of the circles once in `ui` (a command naming the form of
    // a dialog that returns commands; a notice widget importing the
    // command enum through `ui/mod.rs`) and in `app` (effects running a
    // flow's dialog, the flow returning effects through `app/mod.rs`).
    let files = [
        ("ui/mod.rs", "pub mod command;\npub mod export_dialog;\npub mod notice;\npub use command::Command;\n"),
        (
            "ui/command.rs",
            "use crate::ui::export_dialog::ExportForm;\nuse crate::ui::notice::Notice;\n",
        ),
        ("ui/export_dialog.rs", "use crate::ui::command::ExportCommand;\npub struct ExportForm;\n"),
        ("ui/notice.rs", "use crate::ui::Command;\npub struct Notice;\n"),
        ("app/mod.rs", "mod effect;\nmod export_flow;\npub use effect::{Effect, Outcome};\n"),
        ("app/effect.rs", "fn run() { super::export_flow::pick_export_target(); }\n"),
        ("app/export_flow.rs", "use super::{Effect, Outcome};\n"),
    ];
    let sources: Vec<ModuleSource> = files
        .iter()
        .map(|(file, text)| module_source(module_path(Path::new(file)), text))
        .collect();
    let references = module_references(&sources);
    let ui = folder_graph(&["ui".to_owned()], &references);
    let cycle = find_cycle(&ui).expect("the circle in ui");
    assert_eq!(cycle.first(), cycle.last());
    assert!(cycle.contains(&"command".to_owned()), "{cycle:?}");
    let app = folder_graph(&["app".to_owned()], &references);
    assert_eq!(
        find_cycle(&app).unwrap(),
        ["effect", "export_flow", "effect"],
        "through the re-export in app/mod.rs"
    );
    for folder in ["ui", "app"] {
        assert!(ACYCLIC_FOLDERS.contains(&folder), "{folder} is checked");
    }
}

#[test]
fn render_load_export_ui_and_app_read_bottom_up_with_no_import_circle() {
    let sources = crate_sources();
    let modules: BTreeSet<ModPath> = sources.iter().map(|s| s.path.clone()).collect();
    let references = module_references(&sources);
    for top in ACYCLIC_FOLDERS {
        let top = vec![(*top).to_owned()];
        let folders = folders_under(&top, &modules);
        assert!(!folders.is_empty());
        for folder in folders {
            let graph = folder_graph(&folder, &references);
            // The top folder is read (a broken reader finds no files); a
            // subfolder of one file (export/pptx) has no circle to find.
            assert!(folder != top || graph.len() > 1, "{folder:?} has files: {graph:?}");
            if let Some(cycle) = find_cycle(&graph) {
                panic!("an import circle in src/{}: {}", folder.join("/"), cycle.join(" → "));
            }
        }
    }
}

#[test]
fn render_uses_nothing_of_the_window() {
    let sources = crate_sources();
    for (module, targets) in module_references(&sources) {
        if module.first().map(String::as_str) != Some("render") {
            continue;
        }
        for target in targets {
            let top = target.first().map(String::as_str);
            assert!(
                !matches!(top, Some("app" | "ui")),
                "{} uses {}",
                module.join("::"),
                target.join("::")
            );
        }
    }
}

/// The layers as ARCHITECTURE.md's diagram lists them, top first: the
/// first word of each line of the code block under "## Layers", and
/// those under its "below everything" rule apart.
fn documented_layers() -> (Vec<String>, Vec<String>) {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    let start = text.find("## Layers").unwrap();
    let open = start + text[start..].find("```\n").unwrap() + 4;
    let close = open + text[open..].find("```").unwrap();
    let (mut layers, mut below) = (Vec::new(), Vec::new());
    let mut past_rule = false;
    for line in text[open..close].lines() {
        let Some(word) = line.split_whitespace().next() else {
            continue;
        };
        if word.starts_with("---") {
            past_rule = true;
        } else if past_rule {
            below.push(word.to_owned());
        } else {
            layers.push(word.to_owned());
        }
    }
    (layers, below)
}

#[test]
fn each_layer_uses_only_the_layers_the_diagram_puts_below_it() {
    let (layers, below) = documented_layers();
    assert!(layers.len() >= 8 && below.len() >= 3, "{layers:?} {below:?}");
    let rank = |name: &str| layers.iter().position(|l| l == name);
    let sources = crate_sources();
    let tops: BTreeSet<String> = sources.iter().filter_map(|s| s.path.first().cloned()).collect();
    for top in &tops {
        assert!(
            rank(top).is_some() || below.contains(top),
            "src/{top} is not in ARCHITECTURE.md's layer diagram"
        );
    }
    for (module, targets) in module_references(&sources) {
        let Some(from) = module.first() else { continue };
        for target in targets {
            let Some(to) = target.first() else { continue };
            if to == from {
                continue;
            }
            let allowed = match (rank(from), rank(to)) {
                // A layer uses those under it, and everything below the rule.
                (Some(a), Some(b)) => b > a,
                (_, None) => {
                    below.contains(to)
                        && (rank(from).is_some()
                            || (from == "logging" && to == "atomic_write")
                            || to == "escape")
                }
                (None, Some(_)) => false,
            };
            assert!(
                allowed,
                "{} uses {}, which ARCHITECTURE.md's diagram does not put below it",
                module.join("::"),
                target.join("::")
            );
        }
    }
}

#[test]
fn every_module_is_private_and_the_surface_is_the_pub_use_list_in_lib_rs() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let code = code_only(&lib);
    let modules: Vec<&str> = code
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("mod ") || line.contains(" mod "))
        .collect();
    assert!(modules.len() > 10, "lib.rs declares the crate's modules: {modules:?}");
    for line in &modules {
        assert!(line.starts_with("mod "), "a module of the crate is public: {line}");
    }
    assert!(
        code.lines().any(|line| line.trim_start().starts_with("pub use ")),
        "lib.rs re-exports the surface"
    );
}
