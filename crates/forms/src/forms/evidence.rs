//! The ITA evidence pack's own pages (forms.md §7, §10): the overdue follow-ups of a fiscal
//! year, one line per chase; the register of fact-finding and disposals of the year; and
//! the cover listing every file of the pack with its SHA-256 and the audit chain's verified
//! head hash, so an assessor can check that nothing was edited after the pack was made.

use phatsadu_core::disposal::{Disposal, FactFinding};
use phatsadu_core::loans::Loan;

use super::{Letterhead, baht, long_date, name_of, position_of, short_date};
use crate::pdf::{
    Align, Cell, Column, FormError, Metadata, Orientation, Row, Signature, Style, Table, to_pdf,
};

/// บัญชีการติดตามทวงคืนพัสดุ: every chase of the year's overdue loans (ข้อ ๒๑๑), with the
/// due date, the days late at the chase, who was copied, and whether the items came back.
pub fn follow_up_register(
    head: &Letterhead,
    fiscal_year: i32,
    loans: &[Loan],
) -> Result<Vec<u8>, FormError> {
    let mut flow = head
        .flow(Orientation::Landscape)
        .with_margins_mm([15.0, 12.0, 15.0, 15.0]);
    head.title(
        &mut flow,
        &format!("บัญชีการติดตามทวงคืนพัสดุ ปีงบประมาณ พ.ศ. {fiscal_year}"),
        "ตามระเบียบฯ ข้อ ๒๑๑ (ติดตามภายใน 7 วันนับแต่วันครบกำหนด)",
    );
    let mut table = Table::new(vec![
        Column::new("เลขที่ใบยืม", 0.9),
        Column::new("ผู้ยืม", 1.8),
        Column::new("กำหนดคืน", 0.9),
        Column::new("ครั้งที่", 0.6).aligned(Align::Center),
        Column::new("วันที่ติดตาม", 0.9),
        Column::new("หลังครบกำหนด", 0.9).aligned(Align::Right),
        Column::new("เลขที่หนังสือ / วิธี", 1.5),
        Column::new("แจ้งหัวหน้าหน่วยงาน", 1.5),
        Column::new("ผลการติดตาม", 1.3),
    ]);
    table.size = 10.5;
    let mut chases = 0;
    for loan in loans.iter().filter(|l| !l.follow_ups.is_empty()) {
        let outcome = match (&loan.closed_at, loan.overdue_days) {
            (Some(_), _) => format!(
                "คืนแล้ว {}",
                super::stamp_short(loan.closed_at.as_deref()).unwrap_or_default()
            ),
            (None, Some(days)) => format!("ยังไม่คืน เกินกำหนด {days} วัน"),
            (None, None) => "ยังไม่คืน".to_owned(),
        };
        for f in &loan.follow_ups {
            chases += 1;
            table.rows.push(Row::new(vec![
                Cell::text(loan.loan_no.clone()),
                Cell::text(loan.borrower_name.clone()),
                Cell::text(short_date(loan.due_on)),
                Cell::text(f.round.to_string()),
                Cell::text(short_date(f.on_date)),
                Cell::text(format!("{} วัน", (f.on_date - loan.due_on).num_days())),
                Cell::text(
                    format!("{} {}", f.letter_no, f.method.thai())
                        .trim()
                        .to_owned(),
                ),
                Cell::text(f.escalated_to.clone()),
                Cell::text(outcome.clone()),
            ]));
        }
    }
    if chases == 0 {
        flow.paragraph(
            "ไม่มีการยืมที่เกินกำหนดส่งคืนต้องติดตามในปีงบประมาณนี้",
            Style::BODY.aligned(Align::Center),
        );
    } else {
        table.rows.push(Row::total(
            &format!("รวมการติดตาม {chases} ครั้ง"),
            9,
            Vec::new(),
        ));
        flow.table(&table)?;
    }
    let title = format!("บัญชีการติดตามทวงคืนพัสดุ {fiscal_year}");
    let pages = flow.finish(&title);
    to_pdf(&pages, &Metadata { title })
}

/// ทะเบียนการสอบข้อเท็จจริงและการจำหน่ายพัสดุ: the year's cases and disposals, each with its
/// items, finding or method, approval, write-off and notice to สตง.
pub fn disposal_register(
    head: &Letterhead,
    fiscal_year: i32,
    cases: &[FactFinding],
    disposals: &[Disposal],
) -> Result<Vec<u8>, FormError> {
    let mut flow = head
        .flow(Orientation::Landscape)
        .with_margins_mm([15.0, 12.0, 15.0, 15.0]);
    head.title(
        &mut flow,
        &format!("ทะเบียนการสอบข้อเท็จจริงและการจำหน่ายพัสดุ ปีงบประมาณ พ.ศ. {fiscal_year}"),
        "ตามระเบียบฯ ข้อ ๒๑๔–๒๑๘",
    );
    let body = Style::BODY;
    flow.paragraph("1. การสอบหาข้อเท็จจริง (ข้อ ๒๑๔)", body.bold());
    let mut table = Table::new(vec![
        Column::new("เลขที่", 0.8),
        Column::new("วันที่", 0.8),
        Column::new("รายการพัสดุ", 2.4),
        Column::new("เรื่อง", 2.0),
        Column::new("คณะกรรมการ", 1.4),
        Column::new("ผลการสอบ", 2.0),
    ]);
    table.size = 10.5;
    for c in cases {
        let items = c
            .items
            .iter()
            .map(|i| format!("{} {}", i.code, i.name))
            .collect::<Vec<_>>()
            .join("\n");
        let committee = match (&c.waived_by_name, c.order_no.is_empty()) {
            (Some(by), _) => format!("งดแต่งตั้ง ({by})"),
            (None, false) => c.order_no.clone(),
            (None, true) => "ยังไม่แต่งตั้ง".to_owned(),
        };
        let finding = match (c.finding, c.liable_amount) {
            (Some(f), Some(amount)) => {
                format!("{} {} {} บาท", f.thai(), c.liable_name, baht(amount))
            }
            (Some(f), None) => f.thai().to_owned(),
            (None, _) => "อยู่ระหว่างสอบ".to_owned(),
        };
        table.rows.push(Row::new(vec![
            Cell::text(c.case_no.clone()),
            Cell::text(short_date(c.opened_on)),
            Cell::text(items),
            Cell::text(c.subject.clone()),
            Cell::text(committee),
            Cell::text(finding),
        ]));
    }
    if cases.is_empty() {
        flow.paragraph("        ไม่มี", body);
    } else {
        flow.table(&table)?;
    }
    flow.gap(6.0);
    flow.paragraph("2. การจำหน่ายพัสดุ (ข้อ ๒๑๕–๒๑๘)", body.bold());
    let mut table = Table::new(vec![
        Column::new("เลขที่", 0.8),
        Column::new("รายการพัสดุ / วิธี", 2.8),
        Column::new("ราคาทุน", 1.0).aligned(Align::Right),
        Column::new("อนุมัติ", 1.6),
        Column::new("ลงจ่ายจากทะเบียน", 0.9),
        Column::new("เงินที่ได้", 0.9).aligned(Align::Right),
        Column::new("แจ้ง สตง.", 1.4),
    ]);
    table.size = 10.5;
    for d in disposals {
        let items = d
            .items
            .iter()
            .map(|i| format!("{} {} ({})", i.code, i.name, i.method.thai()))
            .collect::<Vec<_>>()
            .join("\n");
        let approval = match (d.approved_on, d.reject_reason.is_empty()) {
            (Some(on), _) => format!("{} {}", d.approval_no, short_date(on)),
            (None, false) => format!("ไม่อนุมัติ: {}", d.reject_reason),
            (None, true) => "รออนุมัติ".to_owned(),
        };
        let notice = match (d.notice_sent_on, d.notice_due_on) {
            (Some(on), _) => format!("{} {}", d.notice_no, short_date(on)),
            (None, Some(due)) => format!("ยังไม่แจ้ง (กำหนด {})", short_date(due)),
            (None, None) => String::new(),
        };
        table.rows.push(Row::new(vec![
            Cell::text(d.disposal_no.clone()),
            Cell::text(items),
            Cell::text(baht(d.total_cost)),
            Cell::text(approval),
            Cell::text(d.written_off_on.map(short_date).unwrap_or_default()),
            Cell::text(baht(d.total_proceeds)),
            Cell::text(notice),
        ]));
    }
    if disposals.is_empty() {
        flow.paragraph("        ไม่มี", body);
    } else {
        flow.table(&table)?;
    }
    let title = format!("ทะเบียนการสอบข้อเท็จจริงและการจำหน่ายพัสดุ {fiscal_year}");
    let pages = flow.finish(&title);
    to_pdf(&pages, &Metadata { title })
}

/// One file of the pack, as the cover lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverLine {
    /// Its file name.
    pub name: String,
    /// What it is.
    pub title: String,
    /// Its size in bytes.
    pub bytes: usize,
    /// Its SHA-256 in hex.
    pub sha256: String,
}

/// The cover of the evidence pack.
pub fn pack_cover(
    head: &Letterhead,
    fiscal_year: i32,
    files: &[CoverLine],
    audit_head: &str,
    audit_entries: i64,
    made_at: &str,
) -> Result<Vec<u8>, FormError> {
    let mut flow = head
        .flow(Orientation::Landscape)
        .with_margins_mm([15.0, 12.0, 15.0, 15.0]);
    head.title(
        &mut flow,
        &format!("หลักฐานการบริหารพัสดุเพื่อการประเมิน ITA ปีงบประมาณ พ.ศ. {fiscal_year}"),
        &format!("ตัวชี้วัดการใช้ทรัพย์สินของราชการ · จัดทำเมื่อ {made_at} จากข้อมูลชุดเดียวกัน ณ เวลาเดียว"),
    );
    let body = Style::BODY.sized(12.0);
    // The hash column holds 64 hex digits on one line, so it can be read off and compared.
    let mut table = Table::new(vec![
        Column::new("ที่", 0.3).aligned(Align::Center),
        Column::new("ไฟล์", 2.6),
        Column::new("เนื้อหา", 2.2),
        Column::new("ขนาด (ไบต์)", 0.75).aligned(Align::Right),
        Column::new("SHA-256", 4.5),
    ]);
    table.size = 9.0;
    for (n, f) in files.iter().enumerate() {
        table.rows.push(Row::new(vec![
            Cell::text((n + 1).to_string()),
            Cell::text(f.name.clone()),
            Cell::text(f.title.clone()),
            Cell::text(f.bytes.to_string()),
            Cell::text(f.sha256.clone()),
        ]));
    }
    flow.table(&table)?;
    flow.gap(6.0);
    let closing = [
        format!(
            "บันทึกการใช้งาน (audit log) ตรวจสอบห่วงโซ่แล้วถูกต้องทั้ง {audit_entries} รายการ ค่าแฮชล่าสุด (head hash): {audit_head}"
        ),
        "วิธีตรวจสอบ: คำนวณ SHA-256 ของแต่ละไฟล์ (เช่น คำสั่ง sha256sum หรือ certutil -hashfile ไฟล์ SHA256) แล้วเทียบกับตารางนี้และไฟล์ SHA256SUMS.txt หากตรงกันทุกไฟล์ แสดงว่าไม่มีการแก้ไขหลังจัดทำ ค่าแฮชล่าสุดของบันทึกการใช้งานเทียบได้กับที่โปรแกรมแสดงในหน้าตรวจสอบความถูกต้องของบันทึกการใช้งาน".to_owned(),
    ];
    // The statement and the signature under it stay on one page: with many files the table
    // fills the first, and a signature alone at the top of the next would vouch for nothing
    // on its page. Four lines of signature: ลงชื่อ, the name, the position, the date.
    let signature = 4.0 * body.line_height() + body.size;
    let width = flow.content_width();
    let lines: usize = closing
        .iter()
        .map(|p| flow.line_count(p, body, width))
        .sum();
    let statement = lines as f32 * body.line_height();
    flow.keep(statement + 12.0 + signature);
    for paragraph in &closing {
        flow.paragraph(paragraph, body);
    }
    flow.gap(12.0);
    let signer = &head.settings.head_of_supplies;
    flow.signature_right(
        &Signature {
            above: Vec::new(),
            role: "ผู้จัดทำ".into(),
            name: name_of(signer),
            position: position_of(signer),
            date: Some(long_date(head.today)),
        },
        body,
    );
    let title = format!("หลักฐานประกอบการประเมิน ITA ปีงบประมาณ {fiscal_year}");
    let pages = flow.finish(&title);
    to_pdf(&pages, &Metadata { title })
}
