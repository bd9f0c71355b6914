//! The words that describe the code, checked against it: every source
//! file has its line in ARCHITECTURE.md's module map (and the map names no
//! file that is gone), and the README's key table is the key bindings'
//! own list (`ui::keys::BINDINGS`, which the help overlay shows too).
//!
//! `DRAWDOWN_BLESS=1 cargo test … docs_match` rewrites the README's key
//! table from the bindings instead of failing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use drawdown::BINDINGS;

fn repo_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn rust_files_under(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let src = repo_file("src");
            out.insert(path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The code block under "## Module map".
fn module_map_block(architecture: &str) -> &str {
    let start = architecture
        .find("## Module map")
        .expect("ARCHITECTURE.md has a module map");
    let rest = &architecture[start..];
    let open = rest.find("```\n").unwrap() + 4;
    let close = open + rest[open..].find("```").unwrap();
    &rest[open..close]
}

/// The files the map names under `src/`, as paths relative to it. A line
/// whose first word ends in `/` opens a folder for the lines indented
/// under it (and for the words after it on its own line); every other word
/// ending in `.rs` on a line is a file of the folder it is in.
fn files_in_module_map(block: &str) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    // (indent, folder path relative to src/, ending in '/')
    let mut folders: Vec<(usize, String)> = Vec::new();
    let mut in_src = false;
    for line in block.lines() {
        let indent = line.len() - line.trim_start().len();
        let mut words = line.split_whitespace();
        let Some(first) = words.next() else { continue };
        if indent == 0 {
            in_src = first == "src/";
            folders.clear();
            continue;
        }
        if !in_src {
            continue;
        }
        folders.retain(|(at, _)| *at < indent);
        let parent = folders.last().map_or(String::new(), |(_, f)| f.clone());
        let folder = if first.ends_with('/') {
            let folder = format!("{parent}{first}");
            folders.push((indent, folder.clone()));
            folder
        } else {
            parent
        };
        for word in line.split_whitespace() {
            let word = word.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | ';' | '`'));
            let is_file = word.ends_with(".rs")
                && word
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '/' | '.'));
            if is_file {
                files.insert(format!("{folder}{word}"));
            }
        }
    }
    files
}

#[test]
fn every_source_file_has_its_line_in_the_module_map_and_the_map_names_no_missing_file() {
    let architecture = std::fs::read_to_string(repo_file("ARCHITECTURE.md")).unwrap();
    let mapped = files_in_module_map(module_map_block(&architecture));
    let mut sources = BTreeSet::new();
    rust_files_under(&repo_file("src"), &mut sources);
    let unmapped: Vec<_> = sources.difference(&mapped).collect();
    assert!(unmapped.is_empty(), "not in ARCHITECTURE.md's module map: {unmapped:?}");
    let missing: Vec<_> = mapped.difference(&sources).collect();
    assert!(missing.is_empty(), "in the module map but not in src/: {missing:?}");
}

#[test]
fn the_module_map_reader_follows_folders_and_several_files_on_a_line() {
    let block = "src/\n  main.rs   x\n  load/\n    scenario/   a.rs (y), b.rs,\n                c.rs (z)\n    file.rs  w\n  cli/\n    x.rs y.rs   one file per command\n    pptx/parts.rs  p\ntests/\n  it.rs\n";
    let files: Vec<String> = files_in_module_map(block).into_iter().collect();
    assert_eq!(
        files,
        [
            "cli/pptx/parts.rs",
            "cli/x.rs",
            "cli/y.rs",
            "load/file.rs",
            "load/scenario/a.rs",
            "load/scenario/b.rs",
            "load/scenario/c.rs",
            "main.rs"
        ]
    );
}

const KEYS_START: &str = "<!-- keys: made from src/ui/keys.rs BINDINGS; tests/it/docs_match.rs checks it -->\n";
const KEYS_END: &str = "<!-- /keys -->\n";

/// The README's key table as the bindings give it: one row per binding
/// that names its keys (aliases are listed with their main binding).
fn key_table() -> String {
    let mut table = String::from("| key | action |\n| --- | --- |\n");
    for binding in BINDINGS.iter().filter(|b| !b.keys.is_empty()) {
        let keys = binding.keys.replace('|', "\\|");
        let action = binding.action.replace('|', "\\|");
        table.push_str(&format!("| `{keys}` | {action} |\n"));
    }
    table
}

#[test]
fn the_readme_key_table_is_the_key_bindings_list() {
    let path = repo_file("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(KEYS_START).expect("README.md marks its key table") + KEYS_START.len();
    let end = start + readme[start..].find(KEYS_END).expect("README.md ends its key table");
    let expected = key_table();
    if readme[start..end] != expected && std::env::var_os("DRAWDOWN_BLESS").is_some() {
        let blessed = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, blessed).unwrap();
        return;
    }
    assert_eq!(
        readme[start..end],
        expected,
        "README.md's key table differs from ui::keys::BINDINGS (DRAWDOWN_BLESS=1 rewrites it)"
    );
}

#[test]
fn the_key_table_lists_every_named_binding_once() {
    let table = key_table();
    let named = BINDINGS.iter().filter(|b| !b.keys.is_empty()).count();
    assert_eq!(table.lines().count(), named + 2);
    assert!(table.contains("| `Space` | play / pause |"), "{table}");
}
