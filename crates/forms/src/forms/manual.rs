//! คู่มือการใช้และการยืมทรัพย์สินของราชการ (forms.md §10): the organisation's header, the
//! version and its date, the numbered sections, the agency head's signature, and a one-page
//! flowchart of borrowing drawn as vectors from the same rule table the program enforces
//! (`ManualContent::flow`): one branch per set of approvers, boxes for steps, diamonds for
//! decisions, arrows between them, Thai labels.

use phatsadu_core::manual::{BorrowingFlow, ManualContent, ManualVersion};

use super::{Letterhead, long_date};
use crate::pdf::{Align, Flow, FormError, MM, Metadata, Orientation, Signature, Style, to_pdf};

/// The manual (as a version issued it, or a draft) with its flowchart page.
pub fn manual(
    head: &Letterhead,
    content: &ManualContent,
    version: Option<&ManualVersion>,
) -> Result<Vec<u8>, FormError> {
    let mut flow = head.flow(Orientation::Portrait);
    let edition = match version {
        Some(v) => format!("ฉบับที่ {} ลงวันที่ {}", v.version, long_date(v.issued_on)),
        None => "ฉบับร่าง (ยังไม่ได้ประกาศใช้)".to_owned(),
    };
    head.title(&mut flow, "คู่มือการใช้และการยืมทรัพย์สินของราชการ", &edition);
    let body = Style::BODY;
    for (n, section) in content.sections.iter().enumerate() {
        flow.keep(body.line_height() * 3.0);
        flow.paragraph(&format!("{}. {}", n + 1, section.title), body.bold());
        for paragraph in &section.paragraphs {
            match paragraph.strip_prefix("- ") {
                Some(item) => {
                    let indent = 10.0 * MM;
                    let (x, width) = (flow.left() + indent, flow.content_width() - indent);
                    flow.paragraph_in(&format!("•  {item}"), body, x, width);
                }
                None => flow.paragraph(&format!("        {paragraph}"), body),
            }
        }
        flow.gap(4.0);
    }
    flow.gap(6.0);
    flow.paragraph(
        "        ขอให้บุคลากรทุกคนศึกษาและปฏิบัติตามคู่มือนี้โดยเคร่งครัด และลงนามรับทราบ",
        body,
    );
    flow.gap(16.0);
    flow.signature_right(
        &Signature {
            above: Vec::new(),
            role: String::new(),
            name: Some(content.signer_name.clone()).filter(|s| !s.is_empty()),
            position: Some(content.signer_position.clone())
                .filter(|s| !s.is_empty())
                .or_else(|| Some("หัวหน้าหน่วยงานของรัฐ".into())),
            date: version.map(|v| long_date(v.issued_on)),
        },
        body,
    );
    flow.new_page();
    flowchart(head, &mut flow, &content.flow);
    let title = format!("คู่มือการใช้และการยืมทรัพย์สินของราชการ {edition}");
    let pages = flow.finish(&title);
    to_pdf(&pages, &Metadata { title })
}

/// The shapes of the chart.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// Start or end: a box with cut corners.
    Terminal,
    /// A step.
    Step,
    /// A decision.
    Decision,
}

const LINE: f32 = 0.9;
const STEP_H: f32 = 11.5 * MM;
const DECISION_H: f32 = 15.0 * MM;
const GAP: f32 = 6.0 * MM;

/// Where a shape sits: centre x, top, width, height.
#[derive(Clone, Copy)]
struct Placed {
    cx: f32,
    top: f32,
    w: f32,
    h: f32,
}

impl Placed {
    fn bottom(&self) -> f32 {
        self.top + self.h
    }
    fn right(&self) -> f32 {
        self.cx + self.w / 2.0
    }
}

fn text_style() -> Style {
    Style::BODY.sized(11.5).aligned(Align::Center)
}

/// The width text may take inside a shape `w` wide: a diamond's middle is about 60 % of it.
fn inner_width(shape: Shape, w: f32) -> f32 {
    if shape == Shape::Decision {
        w * 0.6
    } else {
        w - 4.0 * MM
    }
}

/// How tall a shape `w` wide must be for `label`, and never less than `min`.
fn height_for(flow: &Flow, shape: Shape, w: f32, label: &str, min: f32) -> f32 {
    let style = text_style();
    let lines = flow.line_count(label, style, inner_width(shape, w)) as f32;
    let text = lines * style.line_height();
    let needed = if shape == Shape::Decision {
        // The text's box must fit the diamond's middle: twice its height, and a margin.
        text * 2.0 + 2.0 * MM
    } else {
        text + 3.0 * MM
    };
    needed.max(min)
}

/// Draws `shape` with `label` centred in it.
fn draw(flow: &mut Flow, shape: Shape, at: Placed, label: &str) {
    let (x0, x1, y0, y1) = (at.cx - at.w / 2.0, at.right(), at.top, at.bottom());
    match shape {
        Shape::Step => flow.frame_at(x0, y0, at.w, at.h, LINE),
        Shape::Terminal => {
            let c = 3.0 * MM;
            let points = [
                (x0 + c, y0),
                (x1 - c, y0),
                (x1, y0 + c),
                (x1, y1 - c),
                (x1 - c, y1),
                (x0 + c, y1),
                (x0, y1 - c),
                (x0, y0 + c),
            ];
            outline(flow, &points);
        }
        Shape::Decision => {
            let cy = (y0 + y1) / 2.0;
            outline(flow, &[(at.cx, y0), (x1, cy), (at.cx, y1), (x0, cy)]);
        }
    }
    let style = text_style();
    let inner = inner_width(shape, at.w);
    let lines = flow.line_count(label, style, inner) as f32;
    let top = at.top + (at.h - lines * style.line_height()) / 2.0;
    flow.lines_at(label, style, at.cx - inner / 2.0, top, inner, 6);
}

/// A closed outline through `points`.
fn outline(flow: &mut Flow, points: &[(f32, f32)]) {
    for (i, &from) in points.iter().enumerate() {
        flow.line_at(from, points[(i + 1) % points.len()], LINE);
    }
}

/// An arrow from `from` to `to` (straight, vertical or horizontal), its head at `to`.
fn arrow(flow: &mut Flow, from: (f32, f32), to: (f32, f32)) {
    flow.line_at(from, to, LINE);
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = (dx * dx + dy * dy).sqrt().max(0.01);
    let (ux, uy) = (dx / length, dy / length);
    let size = 2.2 * MM;
    for side in [-1.0_f32, 1.0] {
        let wing = (
            to.0 - ux * size - uy * size * 0.55 * side,
            to.1 - uy * size + ux * size * 0.55 * side,
        );
        flow.line_at(to, wing, LINE);
    }
}

/// A small label beside a line ("ใช่", "ไม่ใช่").
fn note(flow: &mut Flow, text: &str, x: f32, top: f32) {
    flow.text_at(text, Style::BODY.sized(10.5), x, top, 20.0 * MM);
}

/// A path off to the right of a decision: an arrow from the diamond's right corner to a
/// shape centred on the side column, level with the diamond.
fn side(
    flow: &mut Flow,
    from: Placed,
    shape: Shape,
    label: &str,
    (cx, w): (f32, f32),
    words: &str,
) -> Placed {
    let h = height_for(flow, shape, w, label, STEP_H);
    let mid = from.top + from.h / 2.0;
    let at = Placed {
        cx,
        top: mid - h / 2.0,
        w,
        h,
    };
    arrow(flow, (from.right(), mid), (cx - w / 2.0, mid));
    note(flow, words, from.right() + 1.5 * MM, mid - 5.0 * MM);
    draw(flow, shape, at, label);
    at
}

/// The borrowing flowchart on the current page: the main steps down the middle, one branch
/// per set of approvers, and the refusals, lateness and damage to the right.
fn flowchart(head: &Letterhead, flow: &mut Flow, chart: &BorrowingFlow) {
    head.title(flow, "แผนผังขั้นตอนการยืมพัสดุ", "ตามระเบียบฯ ข้อ ๒๐๗–๒๑๑");
    let left = flow.left();
    let width = flow.content_width();
    // The main column sits left of centre, leaving room on the right for the side paths.
    let main_w = width * 0.56;
    let cx = left + main_w / 2.0;
    let side_w = width * 0.34;
    let right = (left + width - side_w / 2.0, side_w);
    let mut y = flow.y();
    // Each shape is as tall as its words need (and never smaller than its kind's height).
    let place = |flow: &Flow, shape: Shape, label: &str, w: f32, y: &mut f32| {
        let min = match shape {
            Shape::Decision => DECISION_H,
            Shape::Terminal => STEP_H * 0.8,
            Shape::Step => STEP_H,
        };
        let at = Placed {
            cx,
            top: *y,
            w,
            h: height_for(flow, shape, w, label, min),
        };
        *y += at.h + GAP;
        at
    };
    let step =
        |flow: &mut Flow, shape: Shape, label: &str, w: f32, after: Option<Placed>, y: &mut f32| {
            let at = place(flow, shape, label, w, y);
            if let Some(before) = after {
                arrow(flow, (cx, before.bottom()), (cx, at.top));
            }
            draw(flow, shape, at, label);
            at
        };

    let start = step(
        flow,
        Shape::Terminal,
        "บุคลากรต้องการใช้พัสดุเพื่อราชการ",
        main_w * 0.8,
        None,
        &mut y,
    );
    let ask = step(
        flow,
        Shape::Step,
        "ผู้ยืมทำคำขอยืม ระบุเหตุผลและวันส่งคืน (ข้อ ๒๐๙) และรับรองว่าใช้ในราชการเท่านั้น (ข้อ ๒๐๗)",
        main_w,
        Some(start),
        &mut y,
    );
    let which = step(
        flow,
        Shape::Decision,
        "เป็นกรณีใด (ข้อ ๒๐๘)",
        main_w * 0.85,
        Some(ask),
        &mut y,
    );

    // One branch per set of approvers, side by side across the page, as tall as the tallest.
    let n = chart.branches.len().max(1);
    let spacing = 4.0 * MM;
    let branch_w = (width - spacing * (n as f32 - 1.0)) / n as f32;
    let labels: Vec<String> = chart
        .branches
        .iter()
        .map(|b| {
            format!(
                "{}: ผู้อนุมัติคือ {}",
                b.cases.join(" / "),
                b.approvers.join(" หรือ ")
            )
        })
        .collect();
    let branch_h = labels
        .iter()
        .map(|l| height_for(flow, Shape::Step, branch_w, l, STEP_H))
        .fold(STEP_H, f32::max);
    let bar = which.bottom() + GAP * 0.6;
    let branch_top = bar + GAP * 0.6;
    let centres: Vec<f32> = (0..n)
        .map(|i| left + branch_w / 2.0 + i as f32 * (branch_w + spacing))
        .collect();
    let span = |flow: &mut Flow, at: f32| {
        if let (Some(first), Some(last)) = (centres.first(), centres.last()) {
            flow.line_at((first.min(cx), at), (last.max(cx), at), LINE);
        }
    };
    flow.line_at((cx, which.bottom()), (cx, bar), LINE);
    span(flow, bar);
    for (label, &bx) in labels.iter().zip(&centres) {
        arrow(flow, (bx, bar), (bx, branch_top));
        let at = Placed {
            cx: bx,
            top: branch_top,
            w: branch_w,
            h: branch_h,
        };
        draw(flow, Shape::Step, at, label);
    }
    let merge = branch_top + branch_h + GAP * 0.6;
    for &bx in &centres {
        flow.line_at((bx, branch_top + branch_h), (bx, merge), LINE);
    }
    span(flow, merge);
    y = merge + GAP * 0.6;
    let approved = place(flow, Shape::Decision, "อนุมัติหรือไม่", main_w * 0.85, &mut y);
    arrow(flow, (cx, merge), (cx, approved.top));
    draw(flow, Shape::Decision, approved, "อนุมัติหรือไม่");
    side(
        flow,
        approved,
        Shape::Terminal,
        "แจ้งผู้ยืมพร้อมเหตุผล",
        right,
        "ไม่อนุมัติ",
    );
    note(flow, "อนุมัติ", cx + 2.0 * MM, approved.bottom() + 0.5 * MM);
    let hand_out = step(
        flow,
        Shape::Step,
        "เจ้าหน้าที่พัสดุจ่ายพัสดุ ตรวจสภาพร่วมกับผู้ยืม และบันทึกผู้รับ",
        main_w,
        Some(approved),
        &mut y,
    );
    let on_time = step(
        flow,
        Shape::Decision,
        "ส่งคืนภายในกำหนดหรือไม่",
        main_w * 0.85,
        Some(hand_out),
        &mut y,
    );
    let chase = side(
        flow,
        on_time,
        Shape::Step,
        &format!(
            "เจ้าหน้าที่พัสดุติดตามทวงคืนภายใน {} วัน (ข้อ ๒๑๑)",
            chart.follow_up_days
        ),
        right,
        "ไม่",
    );
    note(flow, "ส่งคืน", cx + 2.0 * MM, on_time.bottom() + 0.5 * MM);
    let back = step(
        flow,
        Shape::Step,
        "รับคืนและตรวจสภาพพัสดุ",
        main_w,
        Some(on_time),
        &mut y,
    );
    // The chased item comes back to the same desk.
    let level = back.top + back.h / 2.0;
    flow.line_at((right.0, chase.bottom()), (right.0, level), LINE);
    arrow(flow, (right.0, level), (back.right(), level));
    let damaged = step(
        flow,
        Shape::Decision,
        "ชำรุดหรือสูญหายหรือไม่",
        main_w * 0.85,
        Some(back),
        &mut y,
    );
    let repair = side(
        flow,
        damaged,
        Shape::Step,
        "ผู้ยืมซ่อมแซม ชดใช้ด้วยพัสดุชนิดเดียวกัน หรือชดใช้ราคา (ข้อ ๒๑๐)",
        right,
        "ใช่",
    );
    note(flow, "ไม่", cx + 2.0 * MM, damaged.bottom() + 0.5 * MM);
    let end = step(
        flow,
        Shape::Terminal,
        "จบ",
        main_w * 0.45,
        Some(damaged),
        &mut y,
    );
    let level = end.top + end.h / 2.0;
    flow.line_at((right.0, repair.bottom()), (right.0, level), LINE);
    arrow(flow, (right.0, level), (end.right(), level));
    flow.gap(y - flow.y());
}
