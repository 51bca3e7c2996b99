//! The office network under load: 30 simulated clients for 2 minutes against a
//! 100,000-asset register on a host process, over HTTPS on loopback.
//!
//! `cargo bench -p phatsadu-server --bench load` (about four minutes with the set-up).
//! `PHATSADU_LOAD_CLIENTS` and `PHATSADU_LOAD_SECONDS` change the load;
//! `PHATSADU_LOAD_PAUSE_MS` (default 100) is how long each client waits after an answer
//! before its next action. A person at a desk, or walking a room with a scanner, acts at
//! most every second or two, so 100 ms is still ten times an office's pace; with 0 the
//! clients ask as fast as they are answered and the figures measure the queue on this
//! machine's cores (the host's capacity), not the time a person waits. The clients are
//! of three kinds, in turn: a check committee member scanning codes and searching, an
//! officer keying in borrow requests and opening items, a division head approving them
//! and searching. Every write carries its own idempotency key. All of it, clients and
//! host, shares this machine's cores: the clients' own TLS and JSON work is in the figures.
//!
//! Printed: p50/p95/max per operation end to end, next to two floors — the bare HTTPS
//! round trip of the handshake (`/api/v1/hello`) and the core's own search in-process —
//! errors, the host's peak memory (VmHWM of its process), and the count after the run:
//! every request answered is in the register once, and approved once.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::panic
)]

#[path = "../../core/benches/support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use phatsadu_core::assets::{AssetQuery, AssetSort};
use phatsadu_core::checks::{MemberInput, MemberRole, RoundInput, RoundKind, RoundScope};
use phatsadu_core::import::{ImportPlan, ImportRequest, ImportSource, SheetPlan};
use phatsadu_core::org::StaffQuery;
use phatsadu_core::sample::{SampleOptions, sample_setup};
use phatsadu_core::{Actor, Register};
use phatsadu_server::child::ServerProcess;
use phatsadu_server::client::HostClient;
use serde_json::json;

const PASSWORD: &str = "Maekorn-load-2568";
const WORDS: [&str; 8] = [
    "เก้าอี้",
    "แอร์",
    "คอมพิวเตอร์",
    "โน้ตบุ๊ก",
    "ตู้เย็น",
    "Dell",
    "416",
    "สว่าน",
];

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The register: the sample organisation, its accounts with passwords of their own, the
/// 100,000 generated items and a periodic check of all of them, open.
fn prepare(path: &std::path::Path) -> (i64, i64) {
    let register = Register::open(path).unwrap();
    let admin = register
        .complete_setup(&sample_setup(PASSWORD, false))
        .unwrap()
        .actor();
    register
        .load_sample_data_with(&admin, SampleOptions { assets: false })
        .unwrap();
    let system = Actor::System("bench".into());
    let source = ImportSource::from_bytes("bench.xlsx", &support::workbook());
    let sheet = register
        .inspect_import(&system, &source)
        .unwrap()
        .sheets
        .remove(0);
    let plan = ImportPlan {
        sheets: vec![SheetPlan {
            name: sheet.name,
            header_row: sheet.header_row.unwrap(),
            mapping: sheet.mapping,
        }],
        create_missing: true,
        aliases: Vec::new(),
        new_categories: Vec::new(),
    };
    let report = register
        .import(
            &system,
            &ImportRequest {
                source,
                plan,
                only_valid_rows: false,
            },
        )
        .unwrap();
    assert_eq!(report.items as usize, support::ROWS);
    let person = |name: &str| {
        register
            .list_staff(
                &system,
                &StaffQuery {
                    text: Some(name.into()),
                    ..StaffQuery::default()
                },
            )
            .unwrap()[0]
            .id
    };
    let today = register.clock().today();
    let round = register
        .create_round(
            &system,
            &RoundInput {
                kind: RoundKind::Periodic,
                name: "ตรวจนับทั้งทะเบียน (ทดสอบภาระ)".into(),
                fiscal_year: None,
                as_of: today,
                starts_on: today,
                ends_on: today + chrono::Duration::days(30),
                scope: RoundScope::default(),
                members: vec![MemberInput {
                    person_id: person("ธนากร"),
                    role: MemberRole::Checker,
                }],
                order_no: String::new(),
                order_date: None,
                order_signer: String::new(),
                officer_id: None,
                notes: String::new(),
            },
        )
        .unwrap();
    register.open_round(&system, round.id).unwrap();
    (round.id.0, person("อรทัย").0)
}

/// Latencies by operation, and the errors met.
#[derive(Default)]
struct Tally {
    times: BTreeMap<&'static str, Vec<Duration>>,
    errors: Vec<String>,
    requested: Vec<i64>,
    approved: Vec<i64>,
}

fn key(client: usize, n: usize) -> String {
    format!("load-{client:03}-{n:09}-{:08x}", std::process::id())
}

/// How long a client waits after each answer (`PHATSADU_LOAD_PAUSE_MS`).
static PAUSE: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();

async fn timed<T>(
    tally: &Mutex<Tally>,
    name: &'static str,
    call: impl Future<Output = Result<T, phatsadu_server::client::ClientError>>,
) -> Option<T> {
    let t = Instant::now();
    let out = call.await;
    let elapsed = t.elapsed();
    let answer = {
        let mut tally = tally.lock().unwrap();
        match out {
            Ok(v) => {
                tally.times.entry(name).or_default().push(elapsed);
                Some(v)
            }
            Err(e) => {
                tally.errors.push(format!("{name}: {e}"));
                None
            }
        }
    };
    tokio::time::sleep(*PAUSE.get_or_init(|| Duration::ZERO)).await;
    answer
}

/// One simulated client until `until`.
#[allow(clippy::too_many_arguments)]
async fn client_loop(
    i: usize,
    address: String,
    fingerprint: String,
    until: Instant,
    round: i64,
    borrower: i64,
    assets: Arc<Vec<i64>>,
    codes: Arc<Vec<String>>,
    queue: Arc<Mutex<Vec<i64>>>,
    tally: Arc<Mutex<Tally>>,
) {
    let client = HostClient::pinned(&address, &fingerprint);
    let role = i % 3;
    // The approver is the deputy head of the agency (ปลัด), who may decide every request:
    // the items lent come from every division of the generated register.
    let user = ["committee1", "officer", "palad"][role];
    client
        .call(
            "login",
            &json!({ "username": user, "password": PASSWORD }),
            None,
        )
        .await
        .unwrap();
    let mut n = 0usize;
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    while Instant::now() < until {
        n += 1;
        let word = WORDS[(i + n) % WORDS.len()];
        let search = json!({ "text": word, "sort": "relevance", "descending": false, "offset": 0, "limit": 50 });
        match role {
            0 => {
                let code = &codes[(i * 7919 + n * 104_729) % codes.len()];
                let scan = json!({ "roundId": round, "code": code, "locationId": null, "condition": null });
                timed(&tally, "scan", client.call("scan", &scan, Some(&key(i, n)))).await;
                if n.is_multiple_of(3) {
                    timed(&tally, "search", client.call("list_assets", &search, None)).await;
                }
            }
            1 => {
                // Each officer client keys requests for its own slice of items, one each.
                let slot = (i / 3) + (n - 1) * 10;
                if let Some(&asset) = assets.get(slot) {
                    let request = json!({
                        "kind": "inside", "borrowerId": borrower, "agencyName": "", "agencyLetterNo": "",
                        "purpose": "ใช้ในการประชุม", "placeOfUse": "ห้องประชุมสภา",
                        "startsOn": today, "dueOn": today + chrono::Duration::days(3),
                        "longLoanReason": "", "notes": "", "assetIds": [asset], "paperNo": format!("ก.{i}/{n}"),
                        "submit": true, "undertaking": true,
                    });
                    if let Some(loan) = timed(
                        &tally,
                        "request",
                        client.call("create_loan", &request, Some(&key(i, n))),
                    )
                    .await
                    {
                        let id = loan["id"].as_i64().unwrap();
                        tally.lock().unwrap().requested.push(id);
                        queue.lock().unwrap().push(id);
                    }
                }
                let id = assets[(i * 31 + n * 17) % assets.len()];
                timed(
                    &tally,
                    "open asset",
                    client.call("asset_detail", &json!(id), None),
                )
                .await;
                timed(&tally, "search", client.call("list_assets", &search, None)).await;
            }
            _ => {
                let next = queue.lock().unwrap().pop();
                if let Some(loan) = next {
                    let decision = json!({ "loanId": loan, "approve": true, "reason": "" });
                    if timed(
                        &tally,
                        "approve",
                        client.call("decide_loan", &decision, Some(&key(i, n))),
                    )
                    .await
                    .is_some()
                    {
                        tally.lock().unwrap().approved.push(loan);
                    }
                }
                timed(&tally, "search", client.call("list_assets", &search, None)).await;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn peak_rss_mb(pid: u32) -> f64 {
    status_mb(pid, "VmHWM:")
}

fn rss_mb(pid: u32) -> f64 {
    status_mb(pid, "VmRSS:")
}

/// User and system CPU time of process `pid` so far, in seconds (clock ticks of 1/100 s).
fn host_cpu_seconds(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            // Fields after the command's closing parenthesis: utime and stime are 14 and 15.
            let rest = &s[s.rfind(')')? + 2..];
            let fields: Vec<&str> = rest.split_whitespace().collect();
            Some(fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?)
        })
        .map_or(f64::NAN, |ticks| ticks / 100.0)
}

fn status_mb(pid: u32, field: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let clients = env_number("PHATSADU_LOAD_CLIENTS", 30) as usize;
    let seconds = env_number("PHATSADU_LOAD_SECONDS", 120);
    let pause = env_number("PHATSADU_LOAD_PAUSE_MS", 100);
    PAUSE.set(Duration::from_millis(pause)).unwrap();
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().to_owned();
    let started = Instant::now();
    let (round, borrower) = prepare(&data.join("phatsadu.sqlite"));
    println!(
        "Phatsadu office-network load: {clients} clients for {seconds} s, each waiting {pause} ms after an answer, {} assets (set up in {:.1} s)",
        support::ROWS,
        started.elapsed().as_secs_f64()
    );

    // The host, as its own process.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let host = ServerProcess::start(
        std::path::Path::new(env!("CARGO_BIN_EXE_phatsadu-server")),
        &data,
        port,
    )
    .unwrap();
    let (address, fingerprint) = (host.address.clone(), host.fingerprint.clone());

    // Demo accounts choose their passwords; the items the officers lend and the codes
    // the committee scans are read once.
    let setup = HostClient::pinned(&address, &fingerprint);
    for (n, user) in ["committee1", "officer", "palad"].into_iter().enumerate() {
        setup
            .call(
                "login",
                &json!({ "username": user, "password": "demo1234" }),
                None,
            )
            .await
            .unwrap();
        setup
            .call(
                "change_password",
                &json!({ "currentPassword": "demo1234", "newPassword": PASSWORD }),
                Some(&key(999, n)),
            )
            .await
            .unwrap();
    }
    let mut assets = Vec::new();
    let mut codes = Vec::new();
    for offset in (0..5_000).step_by(500) {
        let page = setup
            .call(
                "list_assets",
                &serde_json::to_value(AssetQuery {
                    sort: AssetSort::Code,
                    offset,
                    limit: 500,
                    ..AssetQuery::default()
                })
                .unwrap(),
                None,
            )
            .await
            .unwrap();
        for row in page["rows"].as_array().unwrap() {
            assets.push(row["id"].as_i64().unwrap());
            codes.push(row["code"].as_str().unwrap().to_owned());
        }
    }

    // Floors: the bare HTTPS round trip, and the core's search in-process.
    let mut hello = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        setup.hello().await.unwrap();
        hello.push(t.elapsed());
    }
    let direct = Register::open(data.join("phatsadu.sqlite")).unwrap();
    let system = Actor::System("bench".into());
    let mut core_search = Vec::new();
    for n in 0..300 {
        let query = AssetQuery {
            text: Some(WORDS[n % WORDS.len()].into()),
            limit: 50,
            ..AssetQuery::default()
        };
        let t = Instant::now();
        direct.list_assets(&system, &query).unwrap();
        core_search.push(t.elapsed());
    }
    drop(direct);

    let until = Instant::now() + Duration::from_secs(seconds);
    let tally = Arc::new(Mutex::new(Tally::default()));
    let queue = Arc::new(Mutex::new(Vec::new()));
    let (assets, codes) = (Arc::new(assets), Arc::new(codes));
    let tasks: Vec<_> = (0..clients)
        .map(|i| {
            tokio::spawn(client_loop(
                i,
                address.clone(),
                fingerprint.clone(),
                until,
                round,
                borrower,
                assets.clone(),
                codes.clone(),
                queue.clone(),
                tally.clone(),
            ))
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let rss = peak_rss_mb(host.id());
    let rss_now = rss_mb(host.id());
    let (anon, file) = (
        status_mb(host.id(), "RssAnon:"),
        status_mb(host.id(), "RssFile:"),
    );
    let cpu = host_cpu_seconds(host.id());

    // Counted after: each answered request is there once, each answered approval once.
    let audit = setup_counts(&setup, &tally).await;
    drop(host);

    let mut tally = tally.lock().unwrap();
    println!("\noperation          count      p50        p95        max");
    let mut floors = [("floor: hello", hello), ("floor: core search", core_search)];
    for (name, samples) in floors.iter_mut() {
        let count = samples.len();
        println!(
            "{name:<18}{count:>6} {:>10} {:>10} {:>10}",
            ms(percentile(samples, 0.5)),
            ms(percentile(samples, 0.95)),
            ms(*samples.iter().max().unwrap())
        );
    }
    for (name, samples) in tally.times.iter_mut() {
        let count = samples.len();
        println!(
            "{name:<18}{count:>6} {:>10} {:>10} {:>10}",
            ms(percentile(samples, 0.5)),
            ms(percentile(samples, 0.95)),
            ms(*samples.iter().max().unwrap())
        );
    }
    let answered: usize = tally.times.values().map(Vec::len).sum();
    println!(
        "answered {answered} operations, {:.0} a second",
        answered as f64 / seconds as f64
    );
    println!("\nerrors: {}", tally.errors.len());
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for e in &tally.errors {
        *kinds.entry(e.chars().take(90).collect()).or_default() += 1;
    }
    for (kind, count) in kinds.iter().take(10) {
        println!("  {count:>5} × {kind}");
    }
    println!(
        "requests answered {}, approvals answered {}; {audit}",
        tally.requested.len(),
        tally.approved.len()
    );
    println!(
        "host RSS: peak {rss:.0} MB, at the end {rss_now:.0} MB ({anon:.0} MB heap, {file:.0} MB files) (target ≤ 300 MB)"
    );
    println!(
        "host CPU: {cpu:.1} s in {seconds} s of load ({:.0}% of one core; the clients share the same cores)",
        cpu / seconds as f64 * 100.0
    );
    println!(
        "targets: search p95 ≤ 30 ms, every write p95 ≤ 50 ms, zero errors, nothing lost or doubled"
    );
}

/// Reads the register back through the host: every answered request is a loan once,
/// every answered approval left its loan approved, and no loan was approved twice.
async fn setup_counts(client: &HostClient, tally: &Mutex<Tally>) -> String {
    client
        .call(
            "login",
            &json!({ "username": "admin", "password": PASSWORD }),
            None,
        )
        .await
        .unwrap();
    let (requested, approved) = {
        let t = tally.lock().unwrap();
        (t.requested.clone(), t.approved.clone())
    };
    let mut unique = requested.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        requested.len(),
        "a request answered twice as two loans"
    );
    let mut wrong = 0;
    for loan in &approved {
        let detail = client
            .call("loan_detail", &json!(loan), None)
            .await
            .unwrap();
        if detail["status"] != "approved" {
            wrong += 1;
        }
    }
    let mut approvals = 0;
    let mut offset = 0;
    loop {
        let page = client
            .call(
                "list_audit",
                &json!({ "entity": "loan", "text": null, "offset": offset, "limit": 500 }),
                None,
            )
            .await
            .unwrap();
        let entries = page["entries"].as_array().unwrap();
        approvals += entries
            .iter()
            .filter(|e| e["action"] == "loan.approve")
            .count();
        if entries.len() < 500 {
            break;
        }
        offset += 500;
    }
    format!(
        "loans requested {} (distinct), approved-and-still-approved {}/{}, approvals in the audit log {approvals} (must equal {})",
        unique.len(),
        approved.len() - wrong,
        approved.len(),
        approved.len()
    )
}
