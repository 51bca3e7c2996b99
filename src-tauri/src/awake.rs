//! Keeping the host PC awake while other devices use its register.
//!
//! A PC that suspends in the middle of the committee's count cuts every tablet off. While
//! at least one device is connected, the host holds a sleep inhibitor: on Linux the
//! login manager's (`systemd-inhibit … sleep infinity`, released by ending that process);
//! elsewhere nothing yet (Windows needs `SetThreadExecutionState`, which this program's
//! `unsafe`-free rule keeps out until a safe wrapper is chosen). A check every few seconds
//! is plenty: a PC does not suspend within seconds of someone using it.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the connection count is looked at.
const EVERY: Duration = Duration::from_secs(5);

/// The inhibitor this platform offers, as a command that holds it until killed.
pub fn platform_inhibitor() -> Option<Vec<String>> {
    if cfg!(target_os = "linux") && which("systemd-inhibit") {
        Some(
            [
                "systemd-inhibit",
                "--what=sleep:idle",
                "--who=Phatsadu",
                "--why=อุปกรณ์อื่นในสำนักงานกำลังใช้ทะเบียนพัสดุ",
                "--mode=block",
                "sleep",
                "infinity",
            ]
            .map(String::from)
            .to_vec(),
        )
    } else {
        None
    }
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Holds the inhibitor while `connected()` says devices are connected, until stopped.
pub struct KeepAwake {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl KeepAwake {
    /// Watches `connected` every `every` and runs `inhibitor` while it is above zero.
    pub fn watch(
        inhibitor: Vec<String>,
        every: Duration,
        connected: impl Fn() -> usize + Send + 'static,
    ) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::Builder::new()
            .name("keep-awake".into())
            .spawn(move || {
                let mut held: Option<Child> = None;
                while !stopping.load(Ordering::Relaxed) {
                    let busy = connected() > 0;
                    match (&mut held, busy) {
                        (None, true) => held = spawn(&inhibitor),
                        (Some(_), false) => release(&mut held),
                        // An inhibitor that ended by itself is started again when needed.
                        (Some(child), true) => {
                            if child.try_wait().ok().flatten().is_some() {
                                held = spawn(&inhibitor);
                            }
                        }
                        (None, false) => {}
                    }
                    std::thread::sleep(every);
                }
                release(&mut held);
            })
            .ok();
        Self { stop, thread }
    }

    /// With this platform's inhibitor, checking every few seconds; `None` where there is
    /// none.
    pub fn for_platform(connected: impl Fn() -> usize + Send + 'static) -> Option<Self> {
        platform_inhibitor().map(|command| Self::watch(command, EVERY, connected))
    }
}

impl Drop for KeepAwake {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn spawn(command: &[String]) -> Option<Child> {
    let (program, args) = command.split_first()?;
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()
}

fn release(held: &mut Option<Child>) {
    if let Some(mut child) = held.take() {
        let _ = child.kill();
        let _ = child.wait();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::atomic::AtomicUsize;

    use super::*;

    /// Whether a process running `sleep <marker>` exists.
    fn running(marker: &str) -> bool {
        Command::new("pgrep")
            .args(["-f", &format!("sleep {marker}")])
            .output()
            .is_ok_and(|out| out.status.success())
    }

    #[test]
    fn the_inhibitor_is_held_exactly_while_devices_are_connected() {
        let marker = format!(
            "{}.{}",
            4000 + std::process::id() % 1000,
            std::process::id()
        );
        let connections = Arc::new(AtomicUsize::new(0));
        let seen = connections.clone();
        let watcher = KeepAwake::watch(
            vec!["sleep".into(), marker.clone()],
            Duration::from_millis(20),
            move || seen.load(Ordering::Relaxed),
        );
        let settle = || std::thread::sleep(Duration::from_millis(300));
        settle();
        assert!(!running(&marker), "nobody connected: no inhibitor");
        connections.store(2, Ordering::Relaxed);
        settle();
        assert!(running(&marker), "devices connected: the inhibitor is held");
        connections.store(0, Ordering::Relaxed);
        settle();
        assert!(!running(&marker), "all gone: released");
        connections.store(1, Ordering::Relaxed);
        settle();
        assert!(running(&marker));
        drop(watcher);
        assert!(!running(&marker), "stopping the host releases it");
    }
}
