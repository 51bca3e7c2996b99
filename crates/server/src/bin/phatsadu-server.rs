//! `phatsadu-server`: the office host without a window, for an always-on PC.
//!
//! Serves the register in a data folder (the same folder the desktop app uses, or one
//! given with `--data`) over HTTPS on the LAN until stopped with Ctrl+C or SIGTERM (a
//! systemd or Windows service stop). See the README for running it as a service.

use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use phatsadu_core::{DataDir, Register};
use phatsadu_server::{
    DEFAULT_PORT, HostIdentity, ServerError, child, discovery, lan_addresses, serve,
};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Serves a Phatsadu register to the office network over HTTPS.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// The data folder holding the register (default: this user's Phatsadu folder).
    #[arg(long)]
    data: Option<std::path::PathBuf>,
    /// The port to listen on.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    port: u16,
    /// The address to listen on (0.0.0.0: every network of this PC).
    #[arg(long, default_value = "0.0.0.0")]
    bind: IpAddr,
    /// Do not announce the host on the LAN by mDNS (devices then type its address).
    #[arg(long)]
    no_announce: bool,
}

fn thai(error: &ServerError) -> &'static str {
    match error {
        ServerError::NoAdministrator => {
            "ยังไม่มีผู้ดูแลระบบที่ตั้งรหัสผ่านของตนเอง: เปลี่ยนรหัสผ่านของผู้ดูแลระบบก่อนเปิดให้เครื่องอื่นเชื่อมต่อ"
        }
        ServerError::Tls(_) => "สร้างหรืออ่านใบรับรองความปลอดภัย (TLS) ไม่ได้ จึงไม่เปิดให้เชื่อมต่อ",
        ServerError::Bind { .. } => "เปิดพอร์ตนี้ไม่ได้ (มีโปรแกรมอื่นใช้อยู่หรือไม่มีสิทธิ์)",
        ServerError::Io { .. } => "อ่านหรือเขียนไฟล์ของเครื่องแม่ข่ายไม่ได้",
        ServerError::Register(_) => "เปิดทะเบียนไม่ได้",
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let data = match DataDir::resolve(args.data.clone()) {
        Ok(data) => data,
        Err(e) => {
            eprintln!("phatsadu-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    match run(&args, &data).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("phatsadu-server: {}\n  ({e})", thai(&e));
            ExitCode::FAILURE
        }
    }
}

async fn run(args: &Args, data: &DataDir) -> Result<(), ServerError> {
    // Held while serving, so the desktop app or a restore cannot open the file alongside.
    let _lock = data.lock()?;
    phatsadu_api::logging::start(data.root(), "office-host");
    let register = Arc::new(Register::open(data.register_file())?);
    // The daily copy while the host runs (it may run for weeks without a restart).
    phatsadu_core::backup::start_daily_backups(&register);
    let addresses = lan_addresses();
    let mut names: Vec<String> = addresses.iter().map(ToString::to_string).collect();
    if let Ok(host) = whoami::fallible::hostname() {
        names.push(host.clone());
        names.push(format!("{host}.local"));
    }
    let identity = HostIdentity::load_or_create(data.root(), &names)?;
    let mut running = serve(register, &identity, SocketAddr::new(args.bind, args.port)).await?;
    let announced = !args.no_announce && running.announce();
    println!("Phatsadu host: {}", data.register_file().display());
    for ip in &addresses {
        println!("  https://{}:{}", ip, running.address.port());
    }
    println!(
        "{}{}",
        child::FINGERPRINT_LINE,
        identity.fingerprint_groups()
    );
    if announced {
        println!("announced on the LAN (mDNS) as {}", discovery::SERVICE_TYPE);
    }
    println!(
        "{} {}; stop with Ctrl+C",
        child::LISTENING_LINE,
        running.address
    );
    shutdown_signal().await;
    println!("stopping…");
    running.stop().await;
    Ok(())
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut term) = signal(SignalKind::terminate()) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
