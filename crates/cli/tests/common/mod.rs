//! Running the command line as a real process against a temporary data directory.
#![allow(dead_code, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// Runs `phatsadu-cli --data-dir DIR ARGS…`, with no data folder from the environment.
pub fn cli(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_phatsadu-cli"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("PHATSADU_DATA_DIR")
        .output()
        .expect("the CLI runs")
}

/// Its standard output read as JSON (the test fails, showing the output, when it is not).
pub fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// Fails the test, showing what the command said, unless it succeeded.
pub fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
