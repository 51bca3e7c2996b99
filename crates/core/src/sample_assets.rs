//! About 600 believable assets for the sample organisation: what each division of an อบต.
//! typically holds, bought over the past ten fiscal years, furniture in batches with
//! consecutive codes, older items more often worn out. A fixed seed makes every sample
//! register the same, so demonstrations and tests can rely on it.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::params;

use crate::assets::AssetStatus;
use crate::assets::categories;
use crate::assets::records::{self, AssetInput, CodeAllocator, ValidAsset};
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::ids::{CategoryId, DivisionId, LocationId, PersonId};
use crate::money::Satang;
use crate::register::Change;

/// A kind of item a division buys: category type code, name, brands/models, unit, price
/// range (baht), how many at once, and a useful life if not the category's.
struct Template {
    type_code: &'static str,
    name: &'static str,
    makes: &'static [(&'static str, &'static str)],
    unit: &'static str,
    price: (i64, i64),
    batch: (u32, u32),
    life: Option<u32>,
}

const fn item(
    type_code: &'static str,
    name: &'static str,
    makes: &'static [(&'static str, &'static str)],
    unit: &'static str,
    price: (i64, i64),
    batch: (u32, u32),
) -> Template {
    Template {
        type_code,
        name,
        makes,
        unit,
        price,
        batch,
        life: None,
    }
}

const OFFICE: &[Template] = &[
    item(
        "401",
        "โต๊ะทำงานเหล็ก",
        &[("Lucky", "LK-120"), ("Sure", "ST-5")],
        "ตัว",
        (3_500, 6_500),
        (2, 8),
    ),
    item(
        "401",
        "เก้าอี้สำนักงาน",
        &[("Lucky", "CH-09"), ("Modernform", "Jazz")],
        "ตัว",
        (1_500, 3_500),
        (4, 16),
    ),
    item(
        "401",
        "ตู้เหล็กเก็บเอกสาร 2 บาน",
        &[("Lucky", "DM-2"), ("Sure", "SD-2")],
        "หลัง",
        (4_500, 6_000),
        (1, 4),
    ),
    item(
        "401",
        "ตู้เหล็กเก็บเอกสาร 4 ลิ้นชัก",
        &[("Lucky", "F4")],
        "หลัง",
        (5_500, 6_200),
        (1, 3),
    ),
    item(
        "401",
        "เครื่องปรับอากาศแบบแยกส่วน ขนาด 18,000 บีทียู",
        &[("Daikin", "FTKC18"), ("Mitsubishi", "MSY-KX18")],
        "เครื่อง",
        (28_000, 38_000),
        (1, 2),
    ),
    item(
        "401",
        "พัดลมติดผนัง",
        &[("Hatari", "HT-W16"), ("Sharp", "PJ-WA16")],
        "เครื่อง",
        (1_000, 1_500),
        (2, 6),
    ),
    item(
        "401",
        "โต๊ะประชุม",
        &[("Modernform", "MT-24")],
        "ตัว",
        (8_000, 15_000),
        (1, 2),
    ),
    item(
        "401",
        "เครื่องถ่ายเอกสาร",
        &[("Fuji Xerox", "ApeosPort 2560"), ("Canon", "iR 2625")],
        "เครื่อง",
        (85_000, 120_000),
        (1, 1),
    ),
];

const COMPUTERS: &[Template] = &[
    item(
        "416",
        "เครื่องคอมพิวเตอร์สำหรับงานประมวลผล",
        &[
            ("Dell", "OptiPlex 3000"),
            ("Lenovo", "ThinkCentre M70s"),
            ("Acer", "Veriton M4690G"),
        ],
        "เครื่อง",
        (22_000, 30_000),
        (1, 3),
    ),
    item(
        "416",
        "เครื่องคอมพิวเตอร์โน้ตบุ๊ก",
        &[
            ("Acer", "Aspire 5"),
            ("Lenovo", "IdeaPad 3"),
            ("ASUS", "VivoBook 15"),
        ],
        "เครื่อง",
        (16_000, 24_000),
        (1, 2),
    ),
    item(
        "416",
        "เครื่องพิมพ์เลเซอร์",
        &[("HP", "LaserJet M404dn"), ("Brother", "HL-L2370DN")],
        "เครื่อง",
        (6_900, 8_900),
        (1, 2),
    ),
    item(
        "416",
        "เครื่องพิมพ์อิงค์เจ็ทแบบติดตั้งถังหมึก",
        &[("Epson", "L3250"), ("Canon", "G3010")],
        "เครื่อง",
        (4_290, 5_900),
        (1, 2),
    ),
    item(
        "416",
        "เครื่องสำรองไฟฟ้า",
        &[("APC", "BX1100"), ("Syndome", "ECO II-1000")],
        "เครื่อง",
        (2_500, 5_800),
        (1, 3),
    ),
    item(
        "416",
        "จอภาพแบบ LED ขนาด 24 นิ้ว",
        &[("Dell", "E2422H"), ("AOC", "24B2XH")],
        "จอ",
        (3_500, 4_500),
        (1, 3),
    ),
];

const PUBLIC_RELATIONS: &[Template] = &[
    item(
        "404",
        "เครื่องมัลติมีเดียโปรเจคเตอร์",
        &[("Epson", "EB-X51"), ("BenQ", "MX560")],
        "เครื่อง",
        (18_000, 25_000),
        (1, 1),
    ),
    item(
        "404",
        "จอรับภาพแบบขาตั้ง",
        &[("Vertex", "70x70")],
        "จอ",
        (3_500, 5_500),
        (1, 1),
    ),
    item(
        "404",
        "กล้องถ่ายภาพดิจิทัล",
        &[("Canon", "EOS 200D"), ("Nikon", "D3500")],
        "กล้อง",
        (15_000, 30_000),
        (1, 1),
    ),
    item(
        "404",
        "โทรทัศน์แอลอีดี ขนาด 55 นิ้ว",
        &[("Samsung", "UA55AU7700"), ("LG", "55UQ7500")],
        "เครื่อง",
        (14_900, 19_900),
        (1, 1),
    ),
    item(
        "403",
        "เครื่องขยายเสียงพร้อมลำโพง",
        &[("NPE", "PA-120"), ("Yamaha", "EMX5")],
        "ชุด",
        (9_000, 18_000),
        (1, 1),
    ),
    item(
        "403",
        "ไมโครโฟนไร้สาย",
        &[("Shure", "BLX24"), ("Sennheiser", "XSW 1")],
        "ชุด",
        (4_500, 8_500),
        (1, 2),
    ),
];

const SAFETY: &[Template] = &[
    item(
        "403",
        "เครื่องกำเนิดไฟฟ้า ขนาด 5 กิโลวัตต์",
        &[("Honda", "EG5500CX")],
        "เครื่อง",
        (38_000, 48_000),
        (1, 1),
    ),
    item(
        "402",
        "รถจักรยานยนต์ ขนาด 110 ซีซี",
        &[("Honda", "Wave 110i"), ("Yamaha", "Finn")],
        "คัน",
        (45_000, 52_000),
        (1, 1),
    ),
    item(
        "402",
        "รถยนต์บรรทุก ขนาด 1 ตัน ดับเบิ้ลแค็บ",
        &[("Toyota", "Hilux Revo"), ("Isuzu", "D-Max")],
        "คัน",
        (790_000, 854_000),
        (1, 1),
    ),
];

const WORKS: &[Template] = &[
    item(
        "407",
        "สว่านไฟฟ้าไร้สาย",
        &[("Bosch", "GSB 18V-50"), ("Makita", "DF333")],
        "เครื่อง",
        (3_500, 5_500),
        (1, 2),
    ),
    item(
        "407",
        "เครื่องตัดเหล็ก",
        &[("Makita", "LW1401"), ("Bosch", "GCO 220")],
        "เครื่อง",
        (6_500, 9_000),
        (1, 1),
    ),
    Template {
        life: Some(5),
        ..item(
            "407",
            "รถเข็นปูน",
            &[("Jumbo", "W-2")],
            "คัน",
            (1_800, 2_500),
            (2, 4),
        )
    },
    item(
        "407",
        "เลื่อยยนต์",
        &[("Stihl", "MS 180")],
        "เครื่อง",
        (9_500, 13_500),
        (1, 1),
    ),
    item(
        "407",
        "ตู้เชื่อมไฟฟ้า",
        &[("Polo", "ARC 200"), ("Jasic", "ARC 160")],
        "เครื่อง",
        (5_500, 9_500),
        (1, 1),
    ),
    item(
        "408",
        "กล้องระดับ",
        &[("Topcon", "AT-B4A"), ("Sokkia", "B40A")],
        "ชุด",
        (28_000, 38_000),
        (1, 1),
    ),
    Template {
        life: Some(5),
        ..item(
            "408",
            "เทปวัดระยะ ขนาด 50 เมตร",
            &[("Yamayo", "FL-50")],
            "อัน",
            (1_200, 1_800),
            (1, 2),
        )
    },
    item(
        "405",
        "เครื่องตัดหญ้าแบบข้อแข็ง",
        &[("Honda", "GX35"), ("Makita", "EM4350")],
        "เครื่อง",
        (9_500, 12_500),
        (1, 2),
    ),
    item(
        "405",
        "เครื่องสูบน้ำ",
        &[("Mitsubishi", "WCM-755"), ("Kubota", "KP-3")],
        "เครื่อง",
        (12_000, 28_000),
        (1, 1),
    ),
];

const HEALTH: &[Template] = &[
    item(
        "409",
        "เครื่องวัดความดันโลหิตดิจิทัล",
        &[("Omron", "HEM-7121"), ("Yuwell", "YE-660D")],
        "เครื่อง",
        (2_500, 3_500),
        (1, 3),
    ),
    item(
        "409",
        "เครื่องชั่งน้ำหนักดิจิทัล",
        &[("Tanita", "HD-380")],
        "เครื่อง",
        (2_900, 4_500),
        (1, 2),
    ),
    item(
        "409",
        "เครื่องพ่นหมอกควัน",
        &[("IGEBA", "TF-35"), ("Swingfog", "SN-50")],
        "เครื่อง",
        (55_000, 62_000),
        (1, 1),
    ),
    item(
        "409",
        "เครื่องพ่นสารเคมีแบบสะพายหลัง",
        &[("Maruyama", "MS073")],
        "เครื่อง",
        (6_800, 9_500),
        (1, 2),
    ),
    item(
        "402",
        "รถบรรทุกขยะ ขนาด 6 ตัน 6 ล้อ แบบอัดท้าย",
        &[("Isuzu", "FRR 210")],
        "คัน",
        (2_350_000, 2_500_000),
        (1, 1),
    ),
];

const EDUCATION: &[Template] = &[
    item(
        "411",
        "ชุดโต๊ะเก้าอี้นักเรียนระดับอนุบาล",
        &[("", "")],
        "ชุด",
        (1_800, 2_800),
        (5, 15),
    ),
    item(
        "411",
        "กระดานไวท์บอร์ดแบบมีขาตั้ง",
        &[("Orca", "WB-120")],
        "อัน",
        (2_800, 3_800),
        (1, 3),
    ),
    item(
        "411",
        "ชุดของเล่นเสริมพัฒนาการ",
        &[("", "")],
        "ชุด",
        (4_000, 6_000),
        (1, 3),
    ),
    item(
        "412",
        "เครื่องออกกำลังกายกลางแจ้ง",
        &[("", "")],
        "ชุด",
        (28_000, 36_000),
        (1, 2),
    ),
    item("413", "กลองยาว", &[("", "")], "ใบ", (3_000, 4_500), (2, 6)),
];

const KITCHEN: &[Template] = &[
    item(
        "410",
        "ตู้เย็น ขนาด 9 คิวบิกฟุต",
        &[("Sharp", "SJ-X260"), ("Hitachi", "R-H300")],
        "ตู้",
        (7_900, 9_900),
        (1, 1),
    ),
    item(
        "410",
        "เครื่องทำน้ำเย็น แบบต่อท่อ 2 ก๊อก",
        &[("Stiebel", "2T"), ("Coway", "P-07")],
        "เครื่อง",
        (11_000, 14_500),
        (1, 1),
    ),
    Template {
        life: Some(5),
        ..item(
            "410",
            "เตาแก๊สแบบ 2 หัว",
            &[("Lucky Flame", "AT-102")],
            "เตา",
            (2_200, 3_500),
            (1, 2),
        )
    },
    item(
        "410",
        "เครื่องซักผ้าแบบฝาบน",
        &[("Samsung", "WA10T"), ("LG", "T2310VS")],
        "เครื่อง",
        (7_500, 9_990),
        (1, 1),
    ),
];

/// What each sample division holds, as (templates, purchases) — a purchase may be of
/// several identical items.
fn holdings(division: &str) -> Vec<(&'static [Template], u32)> {
    match division {
        "สำนักปลัด" => vec![
            (OFFICE, 25),
            (COMPUTERS, 22),
            (PUBLIC_RELATIONS, 14),
            (SAFETY, 10),
        ],
        "กองคลัง" => vec![(OFFICE, 18), (COMPUTERS, 22)],
        "กองช่าง" => vec![(OFFICE, 9), (COMPUTERS, 9), (WORKS, 34)],
        "กองการศึกษา ศาสนาและวัฒนธรรม" => {
            vec![
                (OFFICE, 9),
                (COMPUTERS, 8),
                (EDUCATION, 16),
                (PUBLIC_RELATIONS, 4),
            ]
        }
        "กองสาธารณสุขและสิ่งแวดล้อม" => {
            vec![(OFFICE, 8), (COMPUTERS, 8), (HEALTH, 18)]
        }
        _ => vec![(OFFICE, 9), (EDUCATION, 18), (KITCHEN, 10), (COMPUTERS, 3)],
    }
}

/// A small deterministic generator (no dependency needed for a fixed sample).
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        // Knuth's MMIX linear congruential generator.
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % ((high - low + 1).max(1) as u64)) as i64
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Creates the sample assets; returns how many.
pub(crate) fn load(change: &Change<'_>) -> Result<usize> {
    let today = change.today();
    let mut rng = Seeded(2568);
    let mut codes = CodeAllocator::new(change)?;
    let divisions: Vec<(DivisionId, String)> = change
        .prepare("SELECT id, name FROM divisions ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut created = 0;
    for (division, name) in divisions {
        let locations: Vec<LocationId> = change
            .prepare("SELECT id FROM locations WHERE division_id = ?1 ORDER BY id")?
            .query_map([division], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let people: Vec<PersonId> = change
            .prepare("SELECT id FROM people WHERE division_id = ?1 ORDER BY id")?
            .query_map([division], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for (templates, purchases) in holdings(&name) {
            for _ in 0..purchases {
                let template = &templates[rng.between(0, templates.len() as i64 - 1) as usize];
                // Bought any day over the past ten years, on a weekday.
                let mut acquired_on = today - Duration::days(rng.between(20, 3_650));
                while acquired_on.weekday().number_from_monday() > 5 {
                    acquired_on -= Duration::days(1);
                }
                let (brand, model) =
                    template.makes[rng.between(0, template.makes.len() as i64 - 1) as usize];
                let price = rng.between(template.price.0 / 10, template.price.1 / 10) * 10;
                let count =
                    rng.between(i64::from(template.batch.0), i64::from(template.batch.1)) as u32;
                let category = category_of(change, template.type_code)?;
                let valid = ValidAsset {
                    input: AssetInput {
                        name: template.name.to_owned(),
                        brand: brand.to_owned(),
                        model: model.to_owned(),
                        category_id: Some(category.id),
                        unit: template.unit.to_owned(),
                        acquired_on: Some(acquired_on),
                        document_no: format!(
                            "{}/{}",
                            rng.between(1, 350),
                            crate::calendar::FiscalYear::of(acquired_on).be_year()
                        ),
                        acquisition_method: if price > 500_000 {
                            "วิธีประกาศเชิญชวนทั่วไป (e-bidding)"
                        } else {
                            "วิธีเฉพาะเจาะจง"
                        }
                        .to_owned(),
                        funding_source: if rng.chance(80) {
                            "เงินงบประมาณ"
                        } else {
                            "เงินอุดหนุน"
                        }
                        .to_owned(),
                        vendor: [
                            "หจก.เชียงรายคอมพิวเตอร์",
                            "ร้านแม่กรณ์พาณิชย์",
                            "บริษัท ล้านนาออฟฟิศ จำกัด",
                            "หจก.เวียงชัยการช่าง",
                        ][rng.between(0, 3) as usize]
                            .to_owned(),
                        unit_price: Satang::baht(price),
                        division_id: Some(division),
                        location_id: (!locations.is_empty()).then(|| {
                            locations[rng.between(0, locations.len() as i64 - 1) as usize]
                        }),
                        ..Default::default()
                    },
                    code: String::new(),
                    useful_life_years: template.life.unwrap_or(category.useful_life_years),
                    acquired_on,
                    category,
                };
                for _ in 0..count {
                    let mut item = valid.input.clone();
                    item.custodian_id = (!people.is_empty() && rng.chance(70))
                        .then(|| people[rng.between(0, people.len() as i64 - 1) as usize]);
                    item.serial_no = if template.type_code == "416" || template.type_code == "404" {
                        format!("SN{:08}", rng.next() % 100_000_000)
                    } else {
                        String::new()
                    };
                    let one = ValidAsset {
                        input: item,
                        code: String::new(),
                        category: valid.category.clone(),
                        acquired_on,
                        useful_life_years: valid.useful_life_years,
                    };
                    let code = codes.next(change, &one)?;
                    let id = records::insert(change, &one, &code, None)?;
                    let status = worn(&mut rng, today, acquired_on);
                    if status != AssetStatus::InUse {
                        change.execute(
                            "UPDATE assets SET status = ?1 WHERE id = ?2",
                            params![status, id],
                        )?;
                    }
                    let asset = records::load(change, id)?;
                    change.record(Event::new("asset.create", "asset", id).after(&asset))?;
                    created += 1;
                }
            }
        }
    }
    codes.finish(change)?;
    Ok(created)
}

/// Old items are more often damaged, deteriorated or waiting to be disposed of.
fn worn(rng: &mut Seeded, today: NaiveDate, acquired_on: NaiveDate) -> AssetStatus {
    let years = (today - acquired_on).num_days() / 365;
    let roll = rng.next() % 100;
    match (years, roll) {
        (7.., 0..=7) => AssetStatus::Deteriorated,
        (7.., 8..=12) => AssetStatus::AwaitingDisposal,
        (3.., 0..=3) => AssetStatus::Damaged,
        (_, 97) => AssetStatus::UnderRepair,
        (5.., 98) => AssetStatus::NotNeeded,
        _ => AssetStatus::InUse,
    }
}

fn category_of(change: &Change<'_>, type_code: &str) -> Result<categories::Category> {
    let id: Option<CategoryId> = change
        .query_row(
            "SELECT id FROM categories WHERE type_code = ?1",
            [type_code],
            |r| r.get(0),
        )
        .ok();
    let id = id.ok_or_else(|| Error::Internal(format!("sample data: no category {type_code}")))?;
    categories::load(change, id)
}
