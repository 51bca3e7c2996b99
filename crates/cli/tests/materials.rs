//! `materials` from a script on the sample register: an import refused row by row writes
//! nothing, a good one adds items with their balances; the export, a card and the
//! balances come out as files that read back.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{cli, json};

#[test]
fn import_export_card_and_balances_of_the_sample_materials() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(cli(&data, &["sample-data"]).status.success());

    // A unit unlike the catalogue's and a price with three decimals: nothing written.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "รหัส,รายการ,หน่วยนับ,ประเภท,คงเหลือ,ราคาต่อหน่วย\nสน.001,,กล่อง,,5,1.00\nวส.900,แฟ้ม,แฟ้ม,วัสดุสำนักงาน,5,95.505\n",
    )
    .unwrap();
    let out = cli(
        &data,
        &["--json", "materials", "import", bad.to_str().unwrap()],
    );
    assert!(!out.status.success());
    let report = json(&out);
    assert_eq!(report["written"], false);
    assert_eq!(report["rows"][0]["problems"][0]["field"], "unit");
    assert_eq!(report["rows"][1]["problems"][0]["field"], "unitPrice");

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "รหัส,รายการ,หน่วยนับ,ประเภท,คงเหลือ,ราคาต่อหน่วย,วันที่\nวส.900,แฟ้มใหม่,แฟ้ม,วัสดุสำนักงาน,5,95.00,01/12/2569\n",
    )
    .unwrap();
    let out = cli(
        &data,
        &["--json", "materials", "import", good.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["created"], 1);

    // The export has the new item with its balance.
    let xlsx = dir.path().join("balances.xlsx");
    let out = cli(
        &data,
        &["materials", "export", "--out", xlsx.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let book =
        phatsadu_core::import::workbook::read("balances.xlsx", &std::fs::read(&xlsx).unwrap())
            .unwrap();
    let rows: Vec<String> = book.sheets[0]
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.display()).collect::<Vec<_>>().join("|"))
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.starts_with("วส.900|แฟ้มใหม่|แฟ้ม") && r.ends_with("|5|475")),
        "{rows:#?}"
    );
    assert_eq!(
        rows.len(),
        2 + 1 + 1 + 81,
        "two title lines, a blank, the header, 81 items"
    );

    // A card by code in Thai digits, a whole type's cards, the balances.
    for args in [
        vec!["materials", "card", "สน.๐๐๒"],
        vec!["materials", "card", "--type", "วัสดุคอมพิวเตอร์"],
        vec!["materials", "balances"],
    ] {
        let pdf = dir.path().join(format!("{}.pdf", args.len()));
        let mut all = args.clone();
        all.extend(["--out", pdf.to_str().unwrap()]);
        let out = cli(&data, &all);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    }
    let out = cli(&data, &["materials", "card", "ไม่มีรหัสนี้"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no material"));
}
