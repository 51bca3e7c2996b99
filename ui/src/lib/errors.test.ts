import { describe, expect, it } from "vitest";
import { ApiError, toApiError } from "./api";
import { describeError, fieldLabel } from "./errors";

describe("error messages", () => {
  it("gives a Thai sentence per code, naming the field and value", () => {
    expect(describeError(new ApiError("invalid_credentials", "wrong"))).toBe("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
    expect(describeError({ code: "duplicate", message: "x", details: { field: "name", value: "กองช่าง" } })).toBe(
      'ชื่อ "กองช่าง" มีอยู่แล้ว',
    );
    expect(describeError({ code: "required", message: "x", details: { field: "admin.username" } })).toBe(
      "กรุณากรอกชื่อผู้ใช้ของผู้ดูแลระบบ",
    );
    expect(describeError({ code: "password_too_weak", message: "x", details: { minLength: 8 } })).toBe(
      "รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร",
    );
  });

  it("names the material and what it holds, and a closed period's last day in B.E.", () => {
    expect(
      describeError({
        code: "not_enough_stock",
        message: "x",
        details: { materialCode: "ว-002", available: "3", unit: "ด้าม" },
      }),
    ).toBe("วัสดุ ว-002 มีคงเหลือเพียง 3 ด้าม จ่ายเกินจำนวนนี้ไม่ได้");
    const closed = describeError({ code: "period_closed", message: "x", details: { closedThrough: "2025-09-30" } });
    expect(closed).toContain("30 กันยายน 2568");
    expect(
      describeError({ code: "separation_of_duties", message: "x", details: { rule: "issuer_is_requester" } }),
    ).toContain("ให้ตนเองไม่ได้");
  });

  it("tells a locked-out user when to try again, on Thai time", () => {
    const text = describeError({ code: "account_locked", message: "x", details: { until: "2026-11-25T03:05:00Z" } });
    expect(text).toContain("10:05");
    expect(text).toContain("25 พ.ย. 69");
  });

  it("says in Thai why a whole import file is refused", () => {
    const refusal = (field: string) =>
      describeError({ code: "invalid_value", message: "x", details: { field, reason: "english reason" } });
    expect(refusal("file.password")).toContain("ตั้งรหัสผ่าน");
    expect(refusal("file.tooLarge")).toContain("40 MB");
    expect(refusal("file.empty")).toContain("ว่างเปล่า");
    expect(refusal("file.notSpreadsheet")).toContain("ไม่ใช่ตาราง Excel");
    expect(refusal("batchId.loans")).toContain("ใบยืม");
    expect(refusal("code.format")).toContain("ใช้รหัสตามที่พิมพ์");
  });

  it("fills a check round's sentences from their details and picks them by state", () => {
    expect(
      describeError({ code: "committee_includes_officer", message: "x", details: { name: "นางสาวปวีณา บุญมา", field: "members" } }),
    ).toBe("นางสาวปวีณา บุญมา เป็นเจ้าหน้าที่พัสดุ จึงเป็นกรรมการตรวจสอบพัสดุประจำปีไม่ได้ (ระเบียบฯ ข้อ 213)");
    expect(describeError({ code: "lines_undecided", message: "x", details: { lines: 13 } })).toContain("ยังมี 13 รายการ");
    expect(describeError({ code: "round_state", message: "x", details: { status: "closed", needs: "open" } })).toContain(
      "รอบนี้ปิดแล้ว",
    );
    expect(describeError({ code: "not_a_round_member", message: "x", details: { who: "chair" } })).toContain("ประธาน");
    const proposal = describeError({
      code: "invalid_value",
      message: "x",
      details: { field: "proposalIds.decided", reason: "proposal 4 is already applied" },
    });
    expect(proposal).toContain("ดำเนินการหรือยกเลิกไปแล้ว");
    expect(proposal).not.toMatch(/[A-Za-z{}]/);
  });

  it("names the missing permission", () => {
    expect(describeError({ code: "permission_denied", message: "x", details: { permission: "manage_users" } })).toBe(
      "คุณไม่มีสิทธิ์จัดการผู้ใช้และสิทธิ์",
    );
  });

  it("falls back to a generic sentence with the code", () => {
    expect(describeError({ code: "brand_new_code", message: "x", details: {} })).toBe("เกิดข้อผิดพลาด (brand_new_code)");
    expect(toApiError("boom").code).toBe("internal");
  });

  it("labels nested and unknown fields", () => {
    expect(fieldLabel("organisation.name")).toBe("ชื่อหน่วยงาน");
    expect(fieldLabel("something.firstName")).toBe("ชื่อ");
    expect(fieldLabel("mystery")).toBe("mystery");
  });
  it("explains borrowing refusals: separation of duties, approver, availability, state", () => {
    expect(
      describeError({ code: "separation_of_duties", message: "x", details: { rule: "approver_is_borrower" } }),
    ).toBe("ผู้ยืมอนุมัติคำขอของตนเองไม่ได้ ให้ผู้บังคับบัญชาหรือผู้ปฏิบัติราชการแทนเป็นผู้อนุมัติ");
    expect(
      describeError({ code: "not_the_approver", message: "x", details: { approvers: "นายสมศักดิ์ อุดมสุข, นายประเสริฐ ใจมั่น" } }),
    ).toContain("นายสมศักดิ์ อุดมสุข, นายประเสริฐ ใจมั่น");
    expect(
      describeError({ code: "asset_not_available", message: "x", details: { assetCode: "416-68-0001", reason: "on_loan", loanNo: "3/2569" } }),
    ).toBe("ครุภัณฑ์ 416-68-0001 ถูกยืมอยู่ตามใบยืมเลขที่ 3/2569 และยังไม่ได้ส่งคืน");
    expect(
      describeError({ code: "asset_not_available", message: "x", details: { assetCode: "416-68-0002", reason: "under_repair", loanNo: null } }),
    ).toBe("ครุภัณฑ์ 416-68-0002 ไม่พร้อมให้ยืม (สถานะส่งซ่อม)");
    expect(describeError({ code: "invalid_transition", message: "x", details: { status: "approved", action: "decided" } })).toBe(
      "ทำรายการนี้ไม่ได้ เพราะใบยืมอยู่ในสถานะ “อนุมัติแล้ว”",
    );
    // A requisition names its own states, not a loan's.
    expect(describeError({ code: "requisition_state", message: "x", details: { status: "partly_issued", action: "cancelled" } })).toBe(
      "ทำรายการนี้ไม่ได้ เพราะใบเบิกอยู่ในสถานะ “จ่ายแล้วบางส่วน”",
    );
    expect(describeError({ code: "separation_of_duties", message: "x", details: { rule: "approver_is_requester" } })).toContain(
      "ใบเบิกของตนเองไม่ได้",
    );
  });

  it("prefers an area's own sentence for a field, and falls back to the general one", () => {
    const dueBeforeStart = { code: "invalid_value", message: "x", details: { field: "dueOn", reason: "before" } };
    expect(describeError(dueBeforeStart, "loan")).toBe("วันกำหนดส่งคืนต้องไม่ก่อนวันที่ยืม");
    expect(describeError(dueBeforeStart)).toBe("วันกำหนดส่งคืนไม่ถูกต้อง");
    expect(describeError({ code: "invalid_value", message: "x", details: { field: "items[0].assetId" } }, "loan")).toBe(
      "รายการนี้จ่ายไปแล้วหรือไม่อยู่ในใบยืมแล้ว",
    );
  });
});
