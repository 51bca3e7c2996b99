//! Writes the messy spreadsheets the import tests and the end-to-end test read, into
//! `assets/sample/import/`. They imitate registers offices really keep: title rows,
//! merged cells, category sub-headings, subtotals, blank rows, B.E. dates as text and as
//! date cells, Thai digits, prices with commas and "บาท", stray invisible spaces, header
//! names that vary, one sheet per division, and old Windows-874 CSV.
//!
//! `register-by-division.xlsx` is a register kept by hand over years: a sheet per division
//! named the office's way (its short name, the first words of its name, a name two
//! centres share), a title row "ส่วนราชการ …", ranges of codes on one line, states written
//! in the remarks, custodians not in the staff directory, and a sheet exported by an older
//! program with no category or division column.
//!
//! Their codes run from 0501 up: the sample register (`sample-data`) numbers each type and
//! year from 0001 and holds a few dozen at most, so every file imports into it without a
//! clash and shows only the problems it was written to show.
//!
//! Run: `cargo run -p phatsadu-core --example make_import_fixtures`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    missing_docs
)]

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

fn date_cell(sheet: &mut Worksheet, row: u32, col: u16, y: u16, m: u8, d: u8, format: &Format) {
    let date = ExcelDateTime::from_ymd(y, m, d).unwrap();
    sheet
        .write_datetime_with_format(row, col, &date, format)
        .unwrap();
}

fn main() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/sample/import");
    std::fs::create_dir_all(&out).unwrap();
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_align(FormatAlign::Center);
    let date = Format::new().set_num_format("d/m/yyyy");

    // Sheet 1: a division's register as printed, with every kind of mess.
    let s = book.add_worksheet().set_name("สำนักปลัด").unwrap();
    s.merge_range(0, 0, 0, 11, "ทะเบียนครุภัณฑ์ องค์การบริหารส่วนตำบลแม่กรณ์", &title)
        .unwrap();
    s.merge_range(1, 0, 1, 11, "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", &title)
        .unwrap();
    let headers = [
        "ลำดับ",
        "หมายเลขครุภัณฑ์",
        "รายการ",
        "ยี่ห้อ/รุ่น",
        "หมายเลขเครื่อง",
        "หน่วยนับ",
        "วัน เดือน ปี",
        "ราคา (บาท)",
        "สถานที่ตั้ง",
        "ผู้รับผิดชอบ",
        "สภาพ",
        "หมายเหตุ",
    ];
    for (c, h) in headers.iter().enumerate() {
        s.write_string(3, c as u16, *h).unwrap();
    }
    s.merge_range(4, 0, 4, 11, "ครุภัณฑ์สำนักงาน", &Format::new().set_bold())
        .unwrap();
    // 6: a clean row with a date cell and a number
    s.write_number(5, 0, 1).unwrap();
    s.write_string(5, 1, "401-67-0501").unwrap();
    s.write_string(5, 2, "โต๊ะทำงานเหล็ก").unwrap();
    s.write_string(5, 3, "Lucky/LK-120").unwrap();
    s.write_string(5, 5, "ตัว").unwrap();
    date_cell(s, 5, 6, 2024, 3, 15, &date);
    s.write_number(5, 7, 4500).unwrap();
    s.write_string(5, 8, "ห้องปลัด อบต.").unwrap();
    s.write_string(5, 9, "นายสุรชัย คำแก้ว").unwrap();
    s.write_string(5, 10, "ใช้งานได้").unwrap();
    // 7: Thai digits, text date, price with "บาท", NBSP and a zero-width space
    s.write_number(6, 0, 2).unwrap();
    s.write_string(6, 1, "๔๐๑-๖๗-๐๕๐๒").unwrap();
    s.write_string(6, 2, "เก้าอี้\u{200B}สำนักงาน\u{00A0}").unwrap();
    s.write_string(6, 5, "ตัว").unwrap();
    s.write_string(6, 6, "15 มี.ค. 2567").unwrap();
    s.write_string(6, 7, "2,500 บาท").unwrap();
    s.write_string(6, 8, "ห้องปลัด อบต.").unwrap();
    s.write_string(6, 10, "ปกติ").unwrap();
    // 8: two-digit B.E. year, Thai-digit price, stray spaces in the code
    s.write_number(7, 0, 3).unwrap();
    s.write_string(7, 1, " 401-67-0503\u{00A0}").unwrap();
    s.write_string(7, 2, "ตู้เหล็กเก็บเอกสาร 4 ลิ้นชัก").unwrap();
    s.write_string(7, 5, "หลัง").unwrap();
    s.write_string(7, 6, "1/4/67").unwrap();
    s.write_string(7, 7, "๕,๙๐๐.๐๐").unwrap();
    s.write_string(7, 8, "ห้องสำนักปลัด ชั้น 1").unwrap();
    // 9: subtotal, 10: blank
    s.write_string(8, 2, "รวม ครุภัณฑ์สำนักงาน").unwrap();
    s.write_number(8, 7, 12900).unwrap();
    s.merge_range(10, 0, 10, 11, "ครุภัณฑ์คอมพิวเตอร์", &Format::new().set_bold())
        .unwrap();
    // 12: a B.E. year typed into an A.D. date cell (2567 stored as year 2567)
    s.write_number(11, 0, 4).unwrap();
    s.write_string(11, 1, "416-67-0501").unwrap();
    s.write_string(11, 2, "เครื่องคอมพิวเตอร์โน้ตบุ๊ก").unwrap();
    s.write_string(11, 3, "Acer/Aspire 5").unwrap();
    s.write_string(11, 4, "NXA1B2C3").unwrap();
    s.write_string(11, 5, "เครื่อง").unwrap();
    date_cell(s, 11, 6, 2567, 6, 10, &date);
    s.write_number(11, 7, 22000).unwrap();
    s.write_string(11, 8, "ห้องปลัด อบต.").unwrap();
    // 13: a date that does not exist
    s.write_number(12, 0, 5).unwrap();
    s.write_string(12, 1, "416-67-0502").unwrap();
    s.write_string(12, 2, "เครื่องพิมพ์เลเซอร์").unwrap();
    s.write_string(12, 6, "31/02/2567").unwrap();
    s.write_number(12, 7, 7900).unwrap();
    // 14: the same code twice in the file
    s.write_number(13, 0, 6).unwrap();
    s.write_string(13, 1, "416-67-0501").unwrap();
    s.write_string(13, 2, "จอภาพ LED 24 นิ้ว").unwrap();
    s.write_string(13, 6, "10/06/2567").unwrap();
    s.write_number(13, 7, 3900).unwrap();
    // 15: a negative price
    s.write_number(14, 0, 7).unwrap();
    s.write_string(14, 2, "เมาส์ไร้สาย").unwrap();
    s.write_string(14, 6, "1 ต.ค. 67").unwrap();
    s.write_string(14, 7, "-350").unwrap();
    // 16: bought in the future
    s.write_number(15, 0, 8).unwrap();
    s.write_string(15, 2, "แป้นพิมพ์").unwrap();
    s.write_string(15, 6, "10 ธ.ค. 2570").unwrap();
    s.write_number(15, 7, 450).unwrap();
    // 17: no code: numbered on import
    s.write_number(16, 0, 9).unwrap();
    s.write_string(16, 2, "เครื่องสำรองไฟฟ้า").unwrap();
    s.write_string(16, 5, "เครื่อง").unwrap();
    s.write_string(16, 6, "5 กรกฎาคม 2567").unwrap();
    s.write_number(16, 7, 3200).unwrap();
    s.write_string(17, 2, "รวมทั้งสิ้น").unwrap();
    s.write_number(17, 7, 41450).unwrap();

    // Sheet 2: another division, other header names, a quantity and an unknown category.
    let s = book.add_worksheet().set_name("กองช่าง").unwrap();
    let headers = [
        "รหัสครุภัณฑ์",
        "ชื่อครุภัณฑ์",
        "ยี่ห้อ",
        "รุ่น",
        "ประเภท",
        "วันที่ได้มา",
        "ราคาต่อหน่วย",
        "จำนวน",
        "สถานที่",
    ];
    for (c, h) in headers.iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "407-66-0501").unwrap();
    s.write_string(1, 1, "สว่านไฟฟ้า").unwrap();
    s.write_string(1, 2, "Bosch").unwrap();
    s.write_string(1, 3, "GSB 550").unwrap();
    s.write_string(1, 4, "ครุภัณฑ์ก่อสร้าง").unwrap();
    date_cell(s, 1, 5, 2023, 8, 1, &date);
    s.write_number(1, 6, 3500).unwrap();
    s.write_number(1, 7, 1).unwrap();
    s.write_string(1, 8, "โรงเก็บเครื่องมือช่าง").unwrap();
    s.write_string(2, 1, "กรวยจราจร").unwrap();
    s.write_string(2, 4, "407").unwrap();
    s.write_string(2, 5, "20/09/2566").unwrap();
    s.write_number(2, 6, 250).unwrap();
    s.write_number(2, 7, 10).unwrap();
    s.write_string(3, 0, "420-66-0501").unwrap();
    s.write_string(3, 1, "เครื่องตัดหญ้าแบบสะพาย").unwrap();
    s.write_string(3, 4, "ครุภัณฑ์งานสวน").unwrap();
    s.write_string(3, 5, "3/3/2566").unwrap();
    s.write_string(3, 6, "9,500").unwrap();
    s.write_number(3, 7, 1).unwrap();

    // Sheet 3: notes, not a register.
    let s = book.add_worksheet().set_name("หมายเหตุ").unwrap();
    s.write_string(0, 0, "จัดทำโดยงานพัสดุ กองคลัง").unwrap();

    book.save(out.join("register-messy.xlsx")).unwrap();
    offices_workbook(&out);

    // Legacy CSV from an old Thai program: Windows-874, comma separated.
    let csv = "ทะเบียนครุภัณฑ์ (ส่งออกจากโปรแกรมเดิม)\n\
               เลขทะเบียน,รายการ,ประเภท,วันที่,ราคา,ส่วนราชการ\n\
               416-65-0501,เครื่องคอมพิวเตอร์ตั้งโต๊ะ,ครุภัณฑ์คอมพิวเตอร์,01/12/2564,\"17,000\",กองคลัง\n\
               416-65-0502,เครื่องพิมพ์อิงค์เจ็ท,ครุภัณฑ์คอมพิวเตอร์,๑๕/๐๑/๒๕๖๕,\"4,290.00\",กองคลัง\n\
               ,,,,,\n\
               401-65-0501,ตู้เก็บแฟ้ม,ครุภัณฑ์สำนักงาน,1 ก.พ. 65,\"3,800 บาท\",กองคลัง\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_874.encode(csv);
    std::fs::write(out.join("register-windows874.csv"), &bytes).unwrap();

    // UTF-8 with a byte-order mark and semicolons (Excel in some locales).
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(
        "รหัส;ชื่อ;ประเภท;วันที่ได้มา;ราคาต่อหน่วย\n\
         409-66-0501;เครื่องวัดความดันโลหิต;ครุภัณฑ์วิทยาศาสตร์และการแพทย์;12 มิถุนายน 2566;2 900\n"
            .as_bytes(),
    );
    std::fs::write(out.join("register-utf8-semicolon.csv"), &bytes).unwrap();
    println!("wrote fixtures to {}", out.display());
}

/// Writes `text` (a string, or a whole number when it parses as one) into each cell of a row.
fn row(sheet: &mut Worksheet, index: u32, cells: &[&str]) {
    for (c, text) in cells.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        match text.parse::<f64>() {
            Ok(n) => sheet.write_number(index, c as u16, n).unwrap(),
            Err(_) => sheet.write_string(index, c as u16, *text).unwrap(),
        };
    }
}

fn offices_workbook(out: &Path) {
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_align(FormatAlign::Center);

    // A division's sheet named by the first words of its name, with a title row naming it.
    let s = book.add_worksheet().set_name("กองการศึกษา").unwrap();
    s.merge_range(0, 0, 0, 9, "ทะเบียนครุภัณฑ์ องค์การบริหารส่วนตำบลแม่กรณ์", &title)
        .unwrap();
    s.merge_range(1, 0, 1, 9, "ส่วนราชการ กองการศึกษา ศาสนาและวัฒนธรรม", &title)
        .unwrap();
    row(
        s,
        3,
        &[
            "ลำดับ",
            "หมายเลขครุภัณฑ์",
            "รายการ",
            "จำนวน",
            "หน่วยนับ",
            "วันที่ได้มา",
            "ราคาต่อหน่วย",
            "สถานที่ตั้ง",
            "ผู้รับผิดชอบ",
            "หมายเหตุ",
        ],
    );
    s.merge_range(4, 0, 4, 9, "ครุภัณฑ์สำนักงาน", &Format::new().set_bold())
        .unwrap();
    // 6: five chairs on one line; a room the division does not have yet; a custodian
    // the staff directory does not have
    row(
        s,
        5,
        &[
            "1",
            "401-65-0512 ถึง 0516",
            "เก้าอี้พลาสติก",
            "5",
            "ตัว",
            "15/3/2565",
            "450",
            "ห้องประชุม",
            "นางสาวสุดา ใจงาม",
            "",
        ],
    );
    // 7: a range of four codes (Thai digits, an en dash) with the quantity five
    row(
        s,
        6,
        &[
            "2",
            "๔๐๑-๖๕-๐๕๑๗ – ๐๕๒๐",
            "โต๊ะพับอเนกประสงค์",
            "5",
            "ตัว",
            "15/3/2565",
            "1,200",
            "ห้องประชุม",
            "",
            "",
        ],
    );
    // 8: damaged, said in the remarks
    row(
        s,
        7,
        &[
            "3",
            "401-66-0501",
            "ตู้เหล็ก 2 บาน",
            "1",
            "ตู้",
            "1/2/2566",
            "5500",
            "ห้องกองการศึกษา ชั้น 2",
            "นางสาวปวีณา บุญมา",
            "ชำรุด",
        ],
    );
    s.merge_range(8, 0, 8, 9, "ครุภัณฑ์คอมพิวเตอร์", &Format::new().set_bold())
        .unwrap();
    // 10: disposed of years ago, said in the remarks
    row(
        s,
        9,
        &[
            "4",
            "416-60-0503",
            "เครื่องพิมพ์เลเซอร์",
            "1",
            "เครื่อง",
            "5/5/2560",
            "4500",
            "ห้องกองการศึกษา ชั้น 2",
            "",
            "จำหน่ายแล้ว 2566",
        ],
    );
    // 11: sent for repair
    row(
        s,
        10,
        &[
            "5",
            "416-64-0507",
            "คอมพิวเตอร์โน้ตบุ๊ก",
            "1",
            "เครื่อง",
            "20/8/2564",
            "22,000",
            "ห้องสมุดประชาชน",
            "นายชัยวัฒน์ ยาวิชัย",
            "ส่งซ่อม ร้านเชียงรายคอม",
        ],
    );

    // The child-development centre's sheet, named by its short name without the dot.
    let s = book.add_worksheet().set_name("ศพด").unwrap();
    row(
        s,
        0,
        &[
            "รหัสครุภัณฑ์",
            "ประเภท",
            "รายการ",
            "วันที่ได้มา",
            "ราคา",
            "สถานที่",
            "ผู้ใช้",
        ],
    );
    row(
        s,
        1,
        &[
            "411-63-0601",
            "ครุภัณฑ์การศึกษา",
            "ชั้นวางหนังสือเด็ก",
            "10/6/2563",
            "2800",
            "ห้องเรียน 1",
            "นางบัวผัน ธิจิตตัง",
        ],
    );
    row(
        s,
        2,
        &[
            "410-63-0602",
            "ครุภัณฑ์งานบ้านงานครัว",
            "ตู้เย็น 2 ประตู",
            "10/6/2563",
            "8900",
            "ห้องครัว",
            "นางทองใบ คำมา",
        ],
    );
    // 4: a room only สำนักปลัด has: the item stays in the centre
    row(
        s,
        3,
        &[
            "401-63-0603",
            "ครุภัณฑ์สำนักงาน",
            "พัดลมตั้งพื้น",
            "10/6/2563",
            "1290",
            "ห้องประชุมสภา",
            "",
        ],
    );

    // A sheet whose name fits every child-development centre the organisation has.
    let s = book.add_worksheet().set_name("ศูนย์พัฒนาเด็กเล็ก").unwrap();
    row(s, 0, &["รหัสครุภัณฑ์", "ประเภท", "รายการ", "วันที่ได้มา", "ราคา"]);
    row(
        s,
        1,
        &[
            "411-64-0701",
            "ครุภัณฑ์การศึกษา",
            "ชุดของเล่นเสริมพัฒนาการ",
            "1/7/2564",
            "3500",
        ],
    );
    row(
        s,
        2,
        &[
            "412-64-0702",
            "ครุภัณฑ์กีฬา",
            "ชุดเครื่องเล่นสนามเด็ก",
            "1/7/2564",
            "45000",
        ],
    );

    // An older program's export: no category column, no division column.
    let s = book.add_worksheet().set_name("ส่งออกจากโปรแกรมเดิม").unwrap();
    row(s, 0, &["ทะเบียนครุภัณฑ์ (ส่งออกจากโปรแกรมเดิม)"]);
    row(
        s,
        1,
        &[
            "เลขทะเบียน",
            "ชื่อครุภัณฑ์",
            "วันที่ได้มา",
            "ราคาทุน",
            "ที่ตั้ง",
            "ผู้ครอบครอง",
            "สถานะ",
        ],
    );
    // 3: a room of one division only
    row(
        s,
        2,
        &[
            "416-62-0511",
            "เครื่องคอมพิวเตอร์ตั้งโต๊ะ",
            "12/12/2561",
            "17000",
            "ห้องสมุดประชาชน",
            "",
            "ใช้งานได้",
        ],
    );
    // 4: a room name several divisions may have
    row(
        s,
        3,
        &[
            "401-62-0512",
            "โต๊ะทำงานไม้",
            "12/12/2561",
            "3500",
            "ห้องประชุม",
            "",
            "ชำรุด",
        ],
    );
    // 5, 6: a type code no category has; a status word the program does not know
    row(
        s,
        4,
        &[
            "499-60-0501",
            "ป้ายประชาสัมพันธ์ไวนิล",
            "1/3/2560",
            "5000",
            "ห้องประชุมสภา",
            "",
            "ยืมไป",
        ],
    );
    row(
        s,
        5,
        &[
            "499-60-0502",
            "ป้ายประชาสัมพันธ์ไวนิล",
            "1/3/2560",
            "5000",
            "ห้องประชุมสภา",
            "นายสุรชัย คำแก้ว",
            "ใช้งานได้",
        ],
    );
    // 7: nowhere in particular
    row(
        s,
        6,
        &[
            "403-59-0505",
            "เครื่องขยายเสียง",
            "1/4/2559",
            "12000",
            "",
            "",
            "ใช้งานได้",
        ],
    );

    book.save(out.join("register-by-division.xlsx")).unwrap();
}
