//! Keeping the host PC awake while other devices use its register.
//!
//! A PC that suspends in the middle of the committee's count cuts every tablet off. While
//! at least one device is connected, the host holds a sleep inhibitor: on Linux the
//! login manager's (`systemd-inhibit … sleep infinity`, released by ending that process);
//! on Windows a hidden PowerShell that asks `SetThreadExecutionState` for "system
//! required" on its own thread and then waits (Windows drops the request when that
//! process ends, so this program needs no `unsafe` of its own); on macOS `caffeinate`.
//! A check every few seconds is plenty: a PC does not suspend within seconds of someone
//! using it.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the connection count is looked at.
const EVERY: Duration = Duration::from_secs(5);

/// PowerShell holding "system required" (`ES_CONTINUOUS | ES_SYSTEM_REQUIRED`, written
/// in decimal: PowerShell reads `0x80000001` as a negative number) until it is ended.
const WINDOWS_HOLD: &str = concat!(
    "$k = Add-Type -Name Power -Namespace Phatsadu -PassThru -MemberDefinition ",
    "'[DllImport(\"kernel32.dll\")] public static extern uint SetThreadExecutionState(uint f);'; ",
    "[void]$k::SetThreadExecutionState([uint32]2147483649); ",
    "while ($true) { Start-Sleep -Seconds 3600 }"
);

/// The inhibitor this platform offers, as a command that holds it until killed.
pub fn platform_inhibitor() -> Option<Vec<String>> {
    if cfg!(windows) {
        return Some(windows_inhibitor());
    }
    if cfg!(target_os = "macos") && which("caffeinate") {
        return Some(["caffeinate", "-i", "-s"].map(String::from).to_vec());
    }
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

/// The PowerShell command for Windows. The script goes as `-EncodedCommand` (Base64 of
/// UTF-16LE, as PowerShell expects) so that no quoting between the two programs can
/// change it.
fn windows_inhibitor() -> Vec<String> {
    use base64::Engine as _;
    let utf16: Vec<u8> = WINDOWS_HOLD
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let encoded = base64::engine::general_purpose::STANDARD.encode(utf16);
    [
        "powershell.exe",
        "-NoProfile",
        "-NonInteractive",
        "-WindowStyle",
        "Hidden",
        "-EncodedCommand",
        &encoded,
    ]
    .map(String::from)
    .to_vec()
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
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(windows)]
    {
        // CREATE_NO_WINDOW: no console flashes up beside the app.
        use std::os::windows::process::CommandExt;
        command.creation_flags(0x0800_0000);
    }
    command.spawn().ok()
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
    fn the_windows_script_reaches_powershell_as_written() {
        use base64::Engine as _;
        let command = windows_inhibitor();
        assert_eq!(command[command.len() - 2], "-EncodedCommand");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(command.last().unwrap())
            .unwrap();
        let units: Vec<u16> = bytes
            .chunks(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        let script = String::from_utf16(&units).unwrap();
        assert_eq!(script, WINDOWS_HOLD);
        assert!(script.contains("SetThreadExecutionState([uint32]2147483649)"));
        assert_eq!(
            2_147_483_649_u32, 0x8000_0001,
            "ES_CONTINUOUS | ES_SYSTEM_REQUIRED"
        );
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
