import { describe, expect, it } from "vitest";
import type { AuditEntry } from "$lib/bindings";
import { actorOf, readableChanges, recordName } from "./audit";

function entry(over: Partial<AuditEntry>): AuditEntry {
  return {
    seq: 1,
    at: "2026-12-02T03:04:05.000Z",
    userId: 3,
    username: "officer",
    actorName: "นางสาวพิมพ์ชนก แก้วมูล",
    action: "asset.update",
    entity: "asset",
    entityId: "7",
    record: "416-68-0001 เครื่องคอมพิวเตอร์โน้ตบุ๊ก",
    client: null,
    before: null,
    after: null,
    ...over,
  };
}

describe("an audit entry as an auditor reads it", () => {
  it("shows a requisition's quantities in units, its status in words and its value in baht", () => {
    const line = (approved: number | null, issued: number) => ({ lineNo: 1, materialId: 4, code: "สน.002", name: "กระดาษ", requested: 4000, approved, issued, issuedValue: issued * 99.75 / 10 });
    const requisition = entry({
      action: "requisition.issue",
      entity: "requisition",
      record: null,
      before: { requisitionNo: "บ.10/2570", status: "approved", lines: [line(3000, 0)] },
      after: { requisitionNo: "บ.10/2570", status: "partly_issued", lines: [line(3000, 2000)] },
    });
    expect(recordName(requisition)).toBe("บ.10/2570");
    expect(readableChanges(requisition).map((c) => [c.label, c.before, c.after])).toEqual([
      ["สถานะ", "อนุมัติแล้ว รอจ่าย", "จ่ายแล้วบางส่วน"],
      ["รายการ 1 (สน.002) · จ่ายแล้ว", "0", "2"],
      ["รายการ 1 (สน.002) · มูลค่าที่จ่าย", "0.00 บาท", "199.50 บาท"],
    ]);
  });

  it("shows fields in Thai, money in baht, dates in B.E., statuses in words, and hides ids", () => {
    const changes = readableChanges(
      entry({
        before: { id: 7, unitPrice: 2500000, acquiredOn: "2024-10-01", status: "in_use", custodianId: 1, custodianName: "นาย ก", updatedAt: "x" },
        after: { id: 7, unitPrice: 2450050, acquiredOn: "2024-10-02", status: "damaged", custodianId: 2, custodianName: "นาง ข", updatedAt: "y" },
      }),
    );
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ["ราคาต่อหน่วย", "25,000.00 บาท", "24,500.50 บาท"],
      ["วันที่ได้มา", "1 ตุลาคม 2567", "2 ตุลาคม 2567"],
      ["สถานะ", "ใช้งานได้", "ชำรุด"],
      ["ผู้รับผิดชอบ", "นาย ก", "นาง ข"],
    ]);
  });

  it("names a loan's items by code and shows their state and times on Thai local time", () => {
    const item = (state: string, handedOutAt: string | null) => ({ assetId: 14, code: "401-60-0001", name: "แอร์", state, handedOutAt });
    const changes = readableChanges(
      entry({
        action: "loan.hand_out",
        entity: "loan",
        record: "1/2570",
        before: { loanNo: "1/2570", status: "approved", items: [item("pending", null)] },
        after: { loanNo: "1/2570", status: "out", items: [item("out", "2026-12-02T03:04:05.000Z")] },
      }),
    );
    expect(changes).toContainEqual(expect.objectContaining({ label: "สถานะ", before: "อนุมัติแล้ว", after: "ยืมอยู่" }));
    expect(changes).toContainEqual(
      expect.objectContaining({ label: "รายการ 1 (401-60-0001) · สถานะรายการ", before: "รอจ่าย", after: "อยู่กับผู้ยืม" }),
    );
    const handedOut = changes.find((c) => c.label.endsWith("จ่ายเมื่อ"));
    expect(handedOut?.after).toBe("2 ธ.ค. 69 10:04 น.");
    // No English field name or code is left in what is shown.
    for (const c of changes) expect(`${c.label} ${c.before} ${c.after}`).not.toMatch(/[a-z]{3,}/);
  });

  it("says who acted: a person by name with the login, the command line with its account", () => {
    expect(actorOf(entry({}))).toEqual({ name: "นางสาวพิมพ์ชนก แก้วมูล", login: "officer" });
    expect(actorOf(entry({ userId: null, username: "cli:somchai@pc-supplies", actorName: null }))).toEqual({
      name: "บรรทัดคำสั่ง",
      login: "somchai@pc-supplies",
    });
  });

  it("names the record by the core's label, else by its number in the snapshot", () => {
    expect(recordName(entry({}))).toBe("416-68-0001 เครื่องคอมพิวเตอร์โน้ตบุ๊ก");
    expect(recordName(entry({ record: null, entity: "loan", after: { loanNo: "3/2570", name: "x" } }))).toBe("3/2570");
  });
});
