import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { AssetRow, ItemCheck, Person } from "$lib/bindings";
import { coreError, fakeBackend, fieldErrorOf, resetApp, sessionWith } from "../../test-support";
import LoanForm from "./LoanForm.svelte";

const somchai: Person = {
  id: 3, fullName: "นายสมชาย ใจดี", position: "นายช่างโยธา", divisionId: 2, title: "นาย", firstName: "สมชาย",
  lastName: "ใจดี", phone: "", active: true, divisionName: "กองช่าง", hasLogin: false,
} as Person;

function row(id: number, code: string, name: string, divisionName: string, status = "in_use"): AssetRow {
  return {
    id, code, name, brand: "", model: "", serialNo: "", categoryName: "", divisionName, locationName: null,
    custodianName: null, acquiredOn: "2025-11-01", unitPrice: 500000, status,
  } as AssetRow;
}

const drill = row(41, "407-68-0001", "สว่านไฟฟ้า", "กองช่าง");
const pump = row(42, "407-68-0002", "เครื่องสูบน้ำ", "กองช่าง", "under_repair");
const laptop = row(43, "416-68-0001", "โน้ตบุ๊ก", "กองคลัง");

function backend(extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  return fakeBackend({
    get_loan_settings: () => ({ maxDays: 30 }),
    list_staff: () => [somchai],
    list_assets: (args) => {
      const text = (args.input as { text: string }).text;
      const rows = [drill, pump, laptop].filter((r) => r.code === text || r.name.includes(text));
      return { rows, total: rows.length, offset: 0 };
    },
    check_loan_items: (args) =>
      (args.input as ItemCheck).assetIds.map((assetId) => ({
        assetId,
        problem:
          assetId === 42
            ? { kind: "status", status: "under_repair" }
            : assetId === 43
              ? { kind: "other_division", division: "กองคลัง", slipDivision: "กองช่าง" }
              : null,
      })),
    dashboard: () => null,
    ...extra,
  });
}

describe("borrow request form, checked all at once", () => {
  it("shows every problem on its field at once, and each goes as its field is fixed", async () => {
    const calls = backend();
    resetApp(sessionWith(["view_register", "request_loan", "manage_loans"]));
    const user = userEvent.setup();
    render(LoanForm);
    await screen.findByTestId("loan-borrower");
    await user.clear(screen.getByTestId("loan-due"));
    await user.type(screen.getByTestId("loan-due"), "24/11/2569");
    await user.click(screen.getByTestId("loan-submit"));
    // Purpose, borrower (a select: "เลือก…"), the return date and the items, together.
    expect(fieldErrorOf("loan-purpose")).toBe("กรอกเหตุผลการยืม");
    expect(fieldErrorOf("loan-borrower")).toBe("เลือกผู้ยืม");
    expect(fieldErrorOf("loan-due")).toBe("วันกำหนดส่งคืนต้องไม่ก่อนวันที่ยืม");
    expect(screen.getByTestId("loan-items-error")).toHaveTextContent("เลือกครุภัณฑ์ที่จะยืมอย่างน้อย 1 รายการ");
    expect(fieldErrorOf("loan-undertaking")).toBe("ต้องยืนยันข้อรับรองการใช้ในราชการและการส่งคืนก่อนส่งคำขอ");
    expect(screen.getByTestId("form-error")).toHaveTextContent("ยังมี 5 ช่องที่ต้องแก้ไข");
    expect(calls.calls.some((c) => c.cmd === "create_loan")).toBe(false);
    // Typing the purpose clears its error alone.
    await user.type(screen.getByTestId("loan-purpose"), "ซ่อมรางระบายน้ำ");
    expect(fieldErrorOf("loan-purpose")).toBeNull();
    expect(fieldErrorOf("loan-borrower")).toBe("เลือกผู้ยืม");
    // Choosing the borrower clears theirs.
    await user.selectOptions(screen.getByTestId("loan-borrower"), "นายสมชาย ใจดี — นายช่างโยธา");
    expect(fieldErrorOf("loan-borrower")).toBeNull();
    expect(screen.getByTestId("form-error")).toHaveTextContent("ยังมี 3 ช่องที่ต้องแก้ไข");
    // Ticking the borrower's undertaking clears its own.
    await user.click(screen.getByTestId("loan-undertaking"));
    expect(fieldErrorOf("loan-undertaking")).toBeNull();
    expect(screen.getByTestId("form-error")).toHaveTextContent("ยังมี 2 ช่องที่ต้องแก้ไข");
  });

  it("refuses an item under repair or of another division on its own line, naming why", async () => {
    const calls = backend();
    resetApp(sessionWith(["view_register", "request_loan"]));
    const user = userEvent.setup();
    render(LoanForm);
    const box = await screen.findByTestId("loan-item-search");
    await user.type(box, "407-68-0001{Enter}");
    await user.type(box, "407-68-0002{Enter}");
    await user.type(box, "416-68-0001{Enter}");
    await vi.waitFor(() => expect(screen.getAllByTestId("loan-item-problem")).toHaveLength(2));
    const lines = screen.getAllByTestId("loan-item");
    expect(lines[0]).not.toHaveTextContent("ยืมไม่ได้");
    expect(lines[1]).toHaveTextContent("ยืมไม่ได้: สถานะส่งซ่อม");
    expect(lines[2]).toHaveTextContent("เป็นของกองคลัง ไม่ใช่กองช่าง");
    await user.type(screen.getByTestId("loan-purpose"), "ซ่อมรางระบายน้ำ");
    await user.click(screen.getByTestId("loan-submit"));
    expect(screen.getByTestId("loan-items-error")).toHaveTextContent("นำรายการที่ยืมไม่ได้ออกก่อน (2 รายการ)");
    expect(calls.calls.some((c) => c.cmd === "create_loan")).toBe(false);
    // Taking the two off lets the request go.
    await user.click(lines[2].querySelector("button")!);
    await user.click(screen.getAllByTestId("loan-item")[1].querySelector("button")!);
    await vi.waitFor(() => expect(screen.queryByTestId("loan-items-error")).not.toBeInTheDocument());
  });

  it("puts the core's refusal that names a field on that field, until it is changed", async () => {
    backend({ create_loan: () => coreError("invalid_value", { field: "startsOn", reason: "past" }) });
    resetApp(sessionWith(["view_register", "request_loan"]));
    const user = userEvent.setup();
    render(LoanForm);
    await user.type(await screen.findByTestId("loan-purpose"), "ประชุมประชาคม");
    await user.type(screen.getByTestId("loan-item-search"), "407-68-0001{Enter}");
    await vi.waitFor(() => expect(screen.getAllByTestId("loan-item")).toHaveLength(1));
    await user.click(screen.getByTestId("loan-undertaking"));
    await user.click(screen.getByTestId("loan-submit"));
    await vi.waitFor(() => expect(fieldErrorOf("loan-starts")).toContain("วันที่ยืมไม่ถูกต้อง"));
    await user.clear(screen.getByTestId("loan-starts"));
    await user.type(screen.getByTestId("loan-starts"), "26/11/2569");
    expect(fieldErrorOf("loan-starts")).toBeNull();
  });
});
