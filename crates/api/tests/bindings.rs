//! The TypeScript bindings in ui/src/lib/bindings must match the Rust types.
//! `PHATSADU_UPDATE_BINDINGS=1 cargo test -p phatsadu-api --test bindings` rewrites them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use phatsadu_api::OPERATIONS;
use phatsadu_api::bindings;

fn bindings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings")
}

/// Every `.ts` file under `dir`, relative to it.
fn committed(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).into_iter().flatten() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "ts") {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn every_operation_has_a_binding_and_no_binding_lacks_an_operation() {
    let declared: BTreeSet<&str> = OPERATIONS.iter().map(|op| op.name).collect();
    let bound: BTreeSet<&str> = phatsadu_api::binding_specs()
        .iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(declared, bound);
    assert_eq!(
        OPERATIONS.len(),
        declared.len(),
        "no operation is listed twice"
    );
}

#[test]
fn committed_bindings_are_up_to_date() {
    let dir = bindings_dir();
    let fresh = bindings::render().unwrap();
    if std::env::var_os("PHATSADU_UPDATE_BINDINGS").is_some() {
        for old in committed(&dir) {
            fs::remove_file(dir.join(old)).unwrap();
        }
        for (name, text) in &fresh {
            let path = dir.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (name, text) in &fresh {
        match fs::read_to_string(dir.join(name)) {
            Ok(committed) if &committed == text => {}
            Ok(_) => stale.push(format!("{} differs", name.display())),
            Err(_) => stale.push(format!("{} is missing", name.display())),
        }
    }
    for name in committed(&dir) {
        if !fresh.contains_key(&name) {
            stale.push(format!("{} is no longer generated", name.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "the UI bindings are stale ({}); run PHATSADU_UPDATE_BINDINGS=1 cargo test -p phatsadu-api --test bindings",
        stale.join(", ")
    );
}

#[test]
fn generated_commands_use_the_ui_call_wrapper_and_camel_case_names() {
    let fresh = bindings::render().unwrap();
    let commands = &fresh[Path::new("commands.ts")];
    assert!(commands.contains("import { call } from \"../api\";"));
    assert!(commands.contains("  listDivisions: () => call<Array<Division>>(\"list_divisions\"),"));
    assert!(
        commands
            .contains("  login: (input: LoginInput) => call<SessionInfo>(\"login\", { input }),")
    );
    assert!(fresh.contains_key(Path::new("ApiError.ts")));
    let status = &fresh[Path::new("AppStatus.ts")];
    assert!(
        status.contains("today: string"),
        "dates are ISO strings: {status}"
    );
    let id = &fresh[Path::new("DivisionId.ts")];
    assert!(id.contains("number"), "ids are numbers, not bigint: {id}");
}
