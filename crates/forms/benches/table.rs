//! The printing engine's speed target: a 5,000-row, 8-column Thai table (about 25 rows a
//! page, wrapped names, a QR code per row) laid out and written as PDF in ≤ 1 s in release
//! mode. Run with `cargo bench -p phatsadu-forms --bench table`; prints the best and
//! median of 5 runs, the pages and the bytes, and the same rows as bare unwrapped text
//! lines (no table, no QR) as the floor. Layout must not be quadratic in rows: the
//! 1,000-row time is printed beside the 5,000-row one.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use phatsadu_core::calendar::Digits;
use phatsadu_forms::pdf::{
    Align, Cell, Column, Flow, Metadata, Orientation, Row, Style, Table, to_pdf,
};

const NAMES: [&str; 6] = [
    "เครื่องคอมพิวเตอร์โน้ตบุ๊ก สำหรับงานประมวลผล ยี่ห้อเดลล์ รุ่นแลติจูด 3440",
    "เก้าอี้สำนักงานแบบมีพนักพิง",
    "ตู้เหล็กเก็บเอกสารแบบ 2 บานประตู",
    "เครื่องปรับอากาศแบบแยกส่วน ขนาด 18,000 บีทียู ชนิดติดผนัง",
    "โต๊ะทำงานเหล็ก ขนาด 5 ฟุต",
    "กรวยจราจร",
];
const PLACES: [&str; 4] = [
    "ห้องสำนักปลัด",
    "ห้องกองคลัง ชั้น 2",
    "ศูนย์พัฒนาเด็กเล็กบ้านแม่กรณ์",
    "โรงจอดรถ",
];

fn table(rows: usize) -> Table {
    let mut t = Table::new(vec![
        Column::new("ลำดับ", 0.8).aligned(Align::Center),
        Column::new("รหัสครุภัณฑ์", 2.0),
        Column::new("QR", 1.1),
        Column::new("รายการ", 4.2),
        Column::new("สถานที่ตั้ง", 2.4),
        Column::new("วันที่ได้มา", 1.6),
        Column::new("ราคา (บาท)", 1.6).aligned(Align::Right),
        Column::new("สถานะ", 1.4),
    ]);
    t.size = 11.0;
    t.qr_size = 20.0;
    for i in 0..rows {
        let code = format!("416-68-{:04}", i % 10_000);
        t.rows.push(Row::new(vec![
            Cell::text((i + 1).to_string()),
            Cell::text(code.clone()),
            Cell::Qr(code),
            // Half the names are one of a kind (a serial number), as in a real register
            // where identical chairs sit beside one-off machines.
            Cell::text(if i % 2 == 0 {
                format!(
                    "{} หมายเลขเครื่อง SN{:06}",
                    NAMES[i % NAMES.len()],
                    i * 7919 % 1_000_000
                )
            } else {
                NAMES[i % NAMES.len()].to_owned()
            }),
            Cell::text(PLACES[i % PLACES.len()]),
            Cell::text(format!("{} มี.ค. 25{}", 1 + i % 28, 50 + i % 19)),
            Cell::text("25,000.00"),
            Cell::text("ใช้งานได้"),
        ]));
    }
    t
}

fn tabled(rows: usize) -> (Duration, usize, usize) {
    let t = table(rows);
    let start = Instant::now();
    let mut flow =
        Flow::new(Orientation::Portrait, Digits::Arabic).with_margins_mm([12.0, 10.0, 14.0, 10.0]);
    flow.table(&t).unwrap();
    let pages = flow.finish("ทะเบียนครุภัณฑ์ องค์การบริหารส่วนตำบลแม่กรณ์");
    let n = pages.len();
    let laid = start.elapsed();
    let bytes = to_pdf(&pages, &Metadata::default()).unwrap();
    if std::env::var_os("BENCH_SPLIT").is_some() {
        println!(
            "  layout {:.1} ms, pdf {:.1} ms",
            ms(laid),
            ms(start.elapsed() - laid)
        );
    }
    (start.elapsed(), n, bytes.len())
}

fn bare_lines(rows: usize) -> Duration {
    let start = Instant::now();
    let mut flow = Flow::new(Orientation::Landscape, Digits::Arabic);
    for i in 0..rows {
        flow.paragraph(
            &format!("{} 416-68-{:04} {}", i + 1, i, NAMES[i % NAMES.len()]),
            Style::BODY.sized(12.0),
        );
    }
    let pages = flow.finish("");
    to_pdf(&pages, &Metadata::default()).unwrap();
    start.elapsed()
}

fn stats(mut runs: Vec<Duration>) -> (Duration, Duration) {
    runs.sort();
    (runs[0], runs[runs.len() / 2])
}

fn main() {
    tabled(200); // warm fonts, dictionary and code paths
    let mut five = Vec::new();
    let mut shape = (0, 0);
    for _ in 0..5 {
        let (t, pages, bytes) = tabled(5_000);
        five.push(t);
        shape = (pages, bytes);
    }
    let one: Vec<Duration> = (0..5).map(|_| tabled(1_000).0).collect();
    let floor: Vec<Duration> = (0..5).map(|_| bare_lines(5_000)).collect();
    let (best, median) = stats(five);
    let (best1, median1) = stats(one);
    let (fbest, fmedian) = stats(floor);
    println!("5,000-row 8-column Thai table with a QR code per row (target ≤ 1 s)");
    println!(
        "  best {:>7.1} ms  median {:>7.1} ms  {} pages ({:.1} rows a page)  {} bytes",
        ms(best),
        ms(median),
        shape.0,
        5_000.0 / shape.0 as f64,
        shape.1
    );
    println!("1,000 rows (×5 should give the 5,000-row time if layout is linear)");
    println!(
        "  best {:>7.1} ms  median {:>7.1} ms",
        ms(best1),
        ms(median1)
    );
    println!("floor: 5,000 bare text lines, no table, no QR");
    println!(
        "  best {:>7.1} ms  median {:>7.1} ms",
        ms(fbest),
        ms(fmedian)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
