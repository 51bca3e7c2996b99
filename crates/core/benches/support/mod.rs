//! A register as an office keeps it in Excel, generated: 100,000 items of 14 kinds in six
//! places of four divisions, with codes by type and year, for the benchmarks to import.
//! (Shared by `register.rs` here and `crates/forms/benches/checks.rs`, through `#[path]`.)
#![allow(dead_code, clippy::unwrap_used)]

use rust_xlsxwriter::Workbook;

/// Items in the generated register.
pub const ROWS: usize = 100_000;

/// Type code, name, brand and price of the kinds of item.
pub const ITEMS: [(&str, &str, &str, i64); 14] = [
    ("401", "เก้าอี้สำนักงาน", "Lucky", 2_500),
    ("401", "โต๊ะทำงานเหล็ก", "Sure", 4_500),
    ("401", "ตู้เหล็กเก็บเอกสาร 4 ลิ้นชัก", "Lucky", 5_900),
    ("401", "เครื่องปรับอากาศแบบแยกส่วน", "Daikin", 32_000),
    ("401", "พัดลมติดผนัง", "Hatari", 1_200),
    ("416", "เครื่องคอมพิวเตอร์สำหรับงานประมวลผล", "Dell", 24_000),
    ("416", "เครื่องคอมพิวเตอร์โน้ตบุ๊ก", "Acer", 19_000),
    ("416", "เครื่องพิมพ์เลเซอร์", "HP", 7_900),
    ("416", "เครื่องพิมพ์อิงค์เจ็ท", "Epson", 4_290),
    ("404", "กล้องถ่ายภาพดิจิทัล", "Canon", 22_000),
    ("402", "รถจักรยานยนต์", "Honda", 48_000),
    ("407", "สว่านไฟฟ้า", "Bosch", 3_900),
    ("409", "เครื่องวัดความดันโลหิต", "Omron", 2_900),
    ("410", "ตู้เย็น", "Sharp", 8_900),
];

/// Where they stand (the i-th item in the i-th place, in turn).
pub const LOCATIONS: [&str; 6] = [
    "ห้องปลัด อบต.",
    "ห้องพัสดุ",
    "ห้องกองช่าง ชั้น 2",
    "ห้องเรียน 1",
    "ห้องกองคลัง ชั้น 1",
    "ห้องประชุมสภา",
];
/// Who keeps them.
pub const PEOPLE: [&str; 5] = [
    "นางสาวพิมพ์ชนก แก้วมูล",
    "นายสุรชัย คำแก้ว",
    "นายณัฐพล เรือนคำ",
    "นางวิไลวรรณ สิทธิมงคล",
    "นายไพโรจน์ จินะราช",
];
/// Whose they are (the sample organisation's divisions).
pub const DIVISIONS: [&str; 6] = [
    "กองคลัง",
    "สำนักปลัด",
    "กองช่าง",
    "ศูนย์พัฒนาเด็กเล็กบ้านแม่กรณ์",
    "กองคลัง",
    "สำนักปลัด",
];

/// A register-shaped workbook: 100,000 items, one row each, with codes by type and year.
pub fn workbook() -> Vec<u8> {
    workbook_of(ROWS)
}

/// The same workbook with `rows` items.
pub fn workbook_of(rows: usize) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("ทะเบียน").unwrap();
    for (c, h) in [
        "รหัสครุภัณฑ์",
        "รายการ",
        "ยี่ห้อ",
        "หมายเลขเครื่อง",
        "ประเภท",
        "วันที่ได้มา",
        "ราคาต่อหน่วย",
        "ส่วนราชการ",
        "สถานที่ตั้ง",
        "ผู้รับผิดชอบ",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let mut seq = std::collections::HashMap::new();
    for i in 0..rows {
        let (type_code, name, brand, price) = ITEMS[i % ITEMS.len()];
        let year = 58 + (i / 7) % 11; // FY2558–2568
        let n = seq.entry((type_code, year)).or_insert(0);
        *n += 1;
        let r = i as u32 + 1;
        sheet
            .write_string(r, 0, format!("{type_code}-{year}-{n:04}"))
            .unwrap();
        sheet.write_string(r, 1, name).unwrap();
        sheet.write_string(r, 2, brand).unwrap();
        sheet.write_string(r, 3, format!("SN{i:07}")).unwrap();
        sheet.write_string(r, 4, type_code).unwrap();
        sheet
            .write_string(r, 5, format!("{}/{}/25{year}", 1 + i % 28, 1 + i % 12))
            .unwrap();
        sheet
            .write_number(r, 6, (price + (i % 50) as i64 * 10) as f64)
            .unwrap();
        sheet
            .write_string(r, 7, DIVISIONS[i % DIVISIONS.len()])
            .unwrap();
        sheet
            .write_string(r, 8, LOCATIONS[i % LOCATIONS.len()])
            .unwrap();
        sheet.write_string(r, 9, PEOPLE[i % PEOPLE.len()]).unwrap();
    }
    book.save_to_buffer().unwrap()
}
