//! `phatsadu-server` run as a child process of another program (the process tests, the
//! browser test, the load benchmark, a supervisor script): started on a port, waited for
//! until it listens, with the fingerprint it printed; stopped when dropped.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// What `phatsadu-server` prints before its fingerprint's groups.
pub const FINGERPRINT_LINE: &str = "certificate fingerprint (SHA-256): ";
/// What it prints once it listens.
pub const LISTENING_LINE: &str = "listening on";

/// A running `phatsadu-server` on 127.0.0.1.
pub struct ServerProcess {
    /// The process (kill it to test a crash: `kill` is SIGKILL on Unix).
    pub child: Child,
    /// `127.0.0.1:<port>`.
    pub address: String,
    /// Its certificate's fingerprint, 64 lowercase hex digits, as it printed it.
    pub fingerprint: String,
}

impl ServerProcess {
    /// Starts `binary` serving the register in `data` on 127.0.0.1:`port`, and returns
    /// once it listens. `Err` holds what it wrote to stderr when it refused to start.
    pub fn start(binary: &Path, data: &Path, port: u16) -> Result<Self, String> {
        let mut child = Command::new(binary)
            .args(["--data", &data.display().to_string()])
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("{}: {e}", binary.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let mut fingerprint = None;
        while let Some(Ok(line)) = lines.next() {
            if let Some(groups) = line.strip_prefix(FINGERPRINT_LINE) {
                fingerprint = Some(groups.replace(' ', "").to_lowercase());
            }
            if line.starts_with(LISTENING_LINE) {
                // What it prints later (stopping…) is read and dropped: a closed pipe
                // would make its next line fail.
                std::thread::spawn(move || lines.for_each(drop));
                if let Some(stderr) = child.stderr.take() {
                    std::thread::spawn(move || BufReader::new(stderr).lines().for_each(drop));
                }
                return Ok(Self {
                    child,
                    address: format!("127.0.0.1:{port}"),
                    fingerprint: fingerprint.unwrap_or_default(),
                });
            }
        }
        let output = child.wait_with_output().map_err(|e| e.to_string())?;
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }

    /// The process's id (for reading its memory and CPU time).
    pub fn id(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
