//! What printed forms need beyond the register itself: who signs them, the memo header
//! of the supplies unit, Thai or Arabic digits, and the sticker stock labels print on.
//!
//! Kept by the supplies unit (supplies officers and the head of supplies, who print the
//! forms); the organisation's own name and address stay under the organisation details.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::register::{Actor, Change, Register};
use crate::settings::{get, put};
use crate::text;

const KEY: &str = "print.settings";

/// A person who signs a form, as printed under the signature line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Signer {
    /// Full name with title, e.g. นางสาวพิมพ์ใจ ใจงาม (blank: a dotted line for ink).
    pub name: String,
    /// Position, e.g. เจ้าพนักงานพัสดุชำนาญงาน.
    pub position: String,
}

/// A sheet of A4 sticker labels, in millimetres.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabelStock {
    /// A preset's id (`a4-3x8`, `a4-2x7`, `a4-3x7`) or `custom`.
    pub preset: String,
    /// Labels across.
    pub columns: u32,
    /// Labels down.
    pub rows: u32,
    /// One label's width.
    pub label_width_mm: f64,
    /// One label's height.
    pub label_height_mm: f64,
    /// Sheet edge to the first label, top.
    pub margin_top_mm: f64,
    /// Sheet edge to the first label, left.
    pub margin_left_mm: f64,
    /// Space between labels across.
    pub gap_x_mm: f64,
    /// Space between labels down.
    pub gap_y_mm: f64,
    /// Printer correction, right (negative: left).
    pub offset_x_mm: f64,
    /// Printer correction, down (negative: up).
    pub offset_y_mm: f64,
}

/// A4 in millimetres.
pub const A4_MM: (f64, f64) = (210.0, 297.0);

impl LabelStock {
    /// The common stock: 24 labels of 70 × 37 mm, no margins at the sides.
    pub fn a4_3x8() -> LabelStock {
        LabelStock {
            preset: "a4-3x8".into(),
            columns: 3,
            rows: 8,
            label_width_mm: 70.0,
            label_height_mm: 37.0,
            margin_top_mm: 0.5,
            margin_left_mm: 0.0,
            gap_x_mm: 0.0,
            gap_y_mm: 0.0,
            offset_x_mm: 0.0,
            offset_y_mm: 0.0,
        }
    }

    /// 14 labels of 99.1 × 38.1 mm.
    pub fn a4_2x7() -> LabelStock {
        LabelStock {
            preset: "a4-2x7".into(),
            columns: 2,
            rows: 7,
            label_width_mm: 99.1,
            label_height_mm: 38.1,
            margin_top_mm: 15.15,
            margin_left_mm: 4.65,
            gap_x_mm: 2.5,
            gap_y_mm: 0.0,
            offset_x_mm: 0.0,
            offset_y_mm: 0.0,
        }
    }

    /// 21 labels of 63.5 × 38.1 mm.
    pub fn a4_3x7() -> LabelStock {
        LabelStock {
            preset: "a4-3x7".into(),
            columns: 3,
            rows: 7,
            label_width_mm: 63.5,
            label_height_mm: 38.1,
            margin_top_mm: 15.15,
            margin_left_mm: 7.2,
            gap_x_mm: 2.5,
            gap_y_mm: 0.0,
            offset_x_mm: 0.0,
            offset_y_mm: 0.0,
        }
    }

    /// The presets, in the order a settings page offers them.
    pub fn presets() -> Vec<LabelStock> {
        vec![
            LabelStock::a4_3x8(),
            LabelStock::a4_2x7(),
            LabelStock::a4_3x7(),
        ]
    }

    /// Checks that every label lies on the sheet, naming the field to change
    /// (`labelStock.offsetXMm`, …) when one would not.
    pub fn validate(&self) -> Result<()> {
        let field = |f: &str| format!("labelStock.{f}");
        if !(1..=10).contains(&self.columns) {
            return Err(Error::invalid(
                field("columns"),
                "between 1 and 10 labels across",
            ));
        }
        if !(1..=30).contains(&self.rows) {
            return Err(Error::invalid(
                field("rows"),
                "between 1 and 30 labels down",
            ));
        }
        let sizes = [
            ("labelWidthMm", self.label_width_mm),
            ("labelHeightMm", self.label_height_mm),
        ];
        for (name, v) in sizes {
            if !v.is_finite() || v < 10.0 {
                return Err(Error::invalid(field(name), "at least 10 mm"));
            }
        }
        let spacing = [
            ("marginTopMm", self.margin_top_mm),
            ("marginLeftMm", self.margin_left_mm),
            ("gapXMm", self.gap_x_mm),
            ("gapYMm", self.gap_y_mm),
        ];
        for (name, v) in spacing {
            if !v.is_finite() || v < 0.0 {
                return Err(Error::invalid(field(name), "zero or more millimetres"));
            }
        }
        for (name, v) in [
            ("offsetXMm", self.offset_x_mm),
            ("offsetYMm", self.offset_y_mm),
        ] {
            if !v.is_finite() {
                return Err(Error::invalid(field(name), "a number of millimetres"));
            }
        }
        let tolerance = 0.05;
        let left = self.margin_left_mm + self.offset_x_mm;
        let right = left
            + f64::from(self.columns) * self.label_width_mm
            + f64::from(self.columns - 1) * self.gap_x_mm;
        if left < -tolerance || right > A4_MM.0 + tolerance {
            let culprit = if self.offset_x_mm != 0.0 {
                "offsetXMm"
            } else {
                "marginLeftMm"
            };
            return Err(Error::invalid(
                field(culprit),
                format!("labels would run off the sheet ({left:.1}–{right:.1} mm of 210 mm)"),
            ));
        }
        let top = self.margin_top_mm + self.offset_y_mm;
        let bottom = top
            + f64::from(self.rows) * self.label_height_mm
            + f64::from(self.rows - 1) * self.gap_y_mm;
        if top < -tolerance || bottom > A4_MM.1 + tolerance {
            let culprit = if self.offset_y_mm != 0.0 {
                "offsetYMm"
            } else {
                "marginTopMm"
            };
            return Err(Error::invalid(
                field(culprit),
                format!("labels would run off the sheet ({top:.1}–{bottom:.1} mm of 297 mm)"),
            ));
        }
        Ok(())
    }
}

impl Default for LabelStock {
    fn default() -> Self {
        LabelStock::a4_3x8()
    }
}

/// Everything forms print that is not in the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PrintSettings {
    /// Print digits as ๐–๙.
    pub thai_digits: bool,
    /// The memo's ส่วนราชการ line, e.g. "กองคลัง องค์การบริหารส่วนตำบลแม่กรณ์".
    pub department: String,
    /// The memo's ที่ prefix, e.g. "ชร 73901/".
    pub letter_prefix: String,
    /// The supplies officer who signs follow-up letters and hand-outs.
    pub supplies_officer: Signer,
    /// The head of supplies.
    pub head_of_supplies: Signer,
    /// The agency head (นายก อบต.) or the ปลัด acting for them.
    pub agency_head: Signer,
    /// Days a follow-up letter gives the borrower to return the items.
    pub return_within_days: u32,
    /// The sticker stock for labels.
    pub label_stock: LabelStock,
}

impl Default for PrintSettings {
    fn default() -> Self {
        PrintSettings {
            thai_digits: false,
            department: String::new(),
            letter_prefix: String::new(),
            supplies_officer: Signer::default(),
            head_of_supplies: Signer::default(),
            agency_head: Signer::default(),
            return_within_days: 7,
            label_stock: LabelStock::default(),
        }
    }
}

impl Register {
    /// The print settings (anyone logged in may read them: every role prints something).
    pub fn print_settings(&self, actor: &Actor) -> Result<PrintSettings> {
        self.read(actor, None, |conn, _| load(conn))
    }

    /// Changes the print settings; refused with the field named when labels would not fit
    /// on the sheet or a name is too long.
    pub fn update_print_settings(
        &self,
        actor: &Actor,
        input: &PrintSettings,
    ) -> Result<PrintSettings> {
        self.change(actor, Some(Permission::ManageRegister), |change| {
            store(change, input)
        })
    }
}

/// The print settings in force (defaults until someone saves them).
pub(crate) fn load(conn: &rusqlite::Connection) -> Result<PrintSettings> {
    Ok(get(conn, KEY)?.unwrap_or_default())
}

/// Validates and stores the print settings, recording the change (also used by the
/// sample data).
pub(crate) fn store(change: &Change<'_>, input: &PrintSettings) -> Result<PrintSettings> {
    let mut clean = input.clone();
    clean.department = text::optional("department", &input.department, 200)?;
    clean.letter_prefix = text::optional("letterPrefix", &input.letter_prefix, 60)?;
    for (field, signer, out) in [
        (
            "suppliesOfficer",
            &input.supplies_officer,
            &mut clean.supplies_officer,
        ),
        (
            "headOfSupplies",
            &input.head_of_supplies,
            &mut clean.head_of_supplies,
        ),
        ("agencyHead", &input.agency_head, &mut clean.agency_head),
    ] {
        out.name = text::optional(&format!("{field}.name"), &signer.name, 120)?;
        out.position = text::optional(&format!("{field}.position"), &signer.position, 120)?;
    }
    if !(1..=60).contains(&input.return_within_days) {
        return Err(Error::invalid("returnWithinDays", "between 1 and 60 days"));
    }
    input.label_stock.validate()?;
    let before: PrintSettings = get(change, KEY)?.unwrap_or_default();
    put(change, KEY, &clean)?;
    change.record_edit(
        Event::new("print_settings.update", "settings", "print")
            .before(&before)
            .after(&clean),
    )?;
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;
    use crate::testing;

    #[test]
    fn presets_fit_and_offsets_that_push_labels_off_are_named() {
        for preset in LabelStock::presets() {
            preset.validate().unwrap();
        }
        let mut stock = LabelStock::a4_2x7();
        stock.offset_x_mm = 6.0; // 4.65 + 6 + 2×99.1 + 2.5 = 211.35 > 210
        let err = stock.validate().unwrap_err();
        assert!(
            matches!(&err, Error::InvalidValue { field, .. } if field == "labelStock.offsetXMm"),
            "{err:?}"
        );
        stock.offset_x_mm = -4.0;
        stock.validate().unwrap();
        stock.offset_y_mm = -20.0;
        let err = stock.validate().unwrap_err();
        assert!(
            matches!(&err, Error::InvalidValue { field, .. } if field == "labelStock.offsetYMm"),
            "{err:?}"
        );
    }

    #[test]
    fn officers_keep_print_settings_and_a_refusal_changes_nothing() {
        let (register, _clock, admin) = testing::set_up();
        let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
        let viewer = testing::user_with(&register, &admin, "viewer", Role::Viewer);
        let mut settings = register.print_settings(&officer).unwrap();
        assert_eq!(settings, PrintSettings::default());
        settings.thai_digits = true;
        settings.supplies_officer.name = "  นางสาวพิมพ์ใจ ใจงาม ".into();
        let saved = register.update_print_settings(&officer, &settings).unwrap();
        assert_eq!(saved.supplies_officer.name, "นางสาวพิมพ์ใจ ใจงาม");
        let entries = testing::audit_count(&register);
        assert!(matches!(
            register.update_print_settings(&viewer, &settings),
            Err(Error::PermissionDenied { .. })
        ));
        let mut bad = saved.clone();
        bad.label_stock.offset_y_mm = 200.0;
        bad.thai_digits = false;
        assert!(register.update_print_settings(&officer, &bad).is_err());
        assert_eq!(register.print_settings(&viewer).unwrap(), saved);
        assert_eq!(
            testing::audit_count(&register),
            entries,
            "refusals leave no audit entry"
        );
    }
}
