import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { InboxItem, Loan, LoanRequest } from "$lib/bindings";
import { coreError, fakeBackend, fieldErrorOf, resetApp, sessionWith } from "../../test-support";
import Inbox from "./Inbox.svelte";
import LoanForm from "./LoanForm.svelte";
import { loansUi } from "./loans.svelte";

function waiting(id: number, borrower: string, open = 0, late = 0): InboxItem {
  return {
    loan: {
      id,
      loanNo: `${id}/2569`,
      status: "submitted",
      kind: "inside",
      borrowerName: borrower,
      purpose: "ใช้ในการประชุมประชาคม",
      startsOn: "2026-11-26",
      dueOn: "2026-11-27",
      items: 1,
      itemsOut: 0,
      codes: "401-69-0001",
      itemNames: "เก้าอี้พลาสติก",
      decidedByName: null,
      closedAt: null,
      overdueDays: null,
    },
    standing: { kind: "own" },
    borrowerOpenLoans: open,
    borrowerOverdueLoans: late,
  };
}

const noop = () => null;

describe("approval inbox", () => {
  it("approves after seeing the items by name and confirming, and shows the borrower's record", async () => {
    let inbox = [waiting(7, "นางสาวกมลชนก วงศ์ไชย", 2, 1), waiting(8, "นายณัฐพล เรือนคำ")];
    const backend = fakeBackend({
      approval_inbox: () => inbox,
      dashboard: noop,
      loan_detail: (args) => ({
        id: args.input, loanNo: `${args.input}/2569`, borrowerName: "นางสาวกมลชนก วงศ์ไชย", purpose: "ประชุม", placeOfUse: "",
        startsOn: "2026-11-26", dueOn: "2026-11-27",
        items: [{ assetId: 41, code: "401-69-0001", name: "เก้าอี้พลาสติก", state: "pending" }],
      }),
      decide_loan: (args) => {
        const input = args.input as { loanId: number };
        inbox = inbox.filter((i) => i.loan.id !== input.loanId);
        return { loanNo: `${input.loanId}/2569` } as Loan;
      },
    });
    resetApp(sessionWith(["view_register", "request_loan", "approve_loans"]));
    const user = userEvent.setup();
    render(Inbox);
    const items = await screen.findAllByTestId("inbox-item");
    expect(items).toHaveLength(2);
    expect(screen.getByText("รอคุณอนุมัติ")).toBeInTheDocument();
    expect(screen.getAllByTestId("inbox-history")[0]).toHaveTextContent("ผู้ยืมมีรายการยืมค้าง 2 รายการ เกินกำหนด 1 รายการ");
    expect(screen.getAllByTestId("inbox-history")[1]).toHaveTextContent("ผู้ยืมไม่มีรายการยืมค้าง");
    await user.click(screen.getAllByTestId("inbox-approve")[0]);
    // One click decides nothing: the items are shown by name, then confirmed.
    expect(await screen.findByTestId("approval-items")).toHaveTextContent("เก้าอี้พลาสติก");
    expect(backend.calls.some((c) => c.cmd === "decide_loan")).toBe(false);
    await user.type(screen.getByTestId("approval-comment"), "ให้ส่งคืนตรงเวลา");
    await user.click(screen.getByTestId("approval-confirm"));
    await vi.waitFor(() =>
      expect(backend.calls.find((c) => c.cmd === "decide_loan")?.args.input).toEqual({ loanId: 7, approve: true, reason: "ให้ส่งคืนตรงเวลา" }),
    );
    expect(await screen.findByTestId("notice")).toHaveTextContent("อนุมัติคำขอเลขที่ 7/2569 แล้ว");
    await vi.waitFor(() => expect(screen.getAllByTestId("inbox-item")).toHaveLength(1));
  });

  it("needs a reason to reject, and shows the core's refusal in Thai", async () => {
    fakeBackend({
      approval_inbox: () => [waiting(9, "นายสมศักดิ์ อุดมสุข")],
      dashboard: noop,
      loan_detail: () => ({ id: 9, loanNo: "9/2569", borrowerName: "นายสมศักดิ์ อุดมสุข", purpose: "", placeOfUse: "", startsOn: "2026-11-26", dueOn: "2026-11-27", items: [] }),
      decide_loan: () => coreError("separation_of_duties", { rule: "approver_is_borrower" }),
    });
    resetApp(sessionWith(["view_register", "request_loan", "approve_loans"]));
    const user = userEvent.setup();
    render(Inbox);
    await user.click(await screen.findByTestId("inbox-reject"));
    await screen.findByTestId("approval-items");
    await user.type(screen.getByTestId("approval-comment"), "ไม่ใช่งานราชการ");
    await user.click(screen.getByTestId("approval-confirm"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent("ผู้ยืมอนุมัติคำขอของตนเองไม่ได้");
  });
});

describe("borrow request form", () => {
  it("lets a member of staff ask for themselves, with the items they pick", async () => {
    const backend = fakeBackend({
      get_loan_settings: () => ({ maxDays: 30 }),
      list_staff: () => [{ id: 7, fullName: "นางสาวกมลชนก วงศ์ไชย", position: "", divisionId: 1, title: "", firstName: "", lastName: "", phone: "", active: true, divisionName: "สำนักปลัด", hasLogin: true }],
      list_assets: () => ({
        rows: [{ id: 41, code: "401-69-0001", name: "เก้าอี้พลาสติก", brand: "", model: "", serialNo: "", categoryName: "", divisionName: "สำนักปลัด", locationName: null, custodianName: null, acquiredOn: "2025-11-01", unitPrice: 35000, status: "in_use" }],
        total: 1,
        offset: 0,
      }),
      create_loan: (args) => ({ id: 12, loanNo: "12/2569", ...(args.input as object) }),
      dashboard: noop,
    });
    resetApp(sessionWith(["view_register", "request_loan"]));
    const user = userEvent.setup();
    render(LoanForm);
    await vi.waitFor(() => expect(screen.getByTestId("loan-self")).toHaveTextContent("นางสาวกมลชนก วงศ์ไชย"));
    expect(screen.queryByTestId("loan-borrower")).not.toBeInTheDocument();
    expect(screen.queryByTestId("loan-kind-agency")).not.toBeInTheDocument();
    await user.type(screen.getByTestId("loan-purpose"), "จัดประชุมคณะกรรมการชุมชน");
    await user.clear(screen.getByTestId("loan-due"));
    await user.type(screen.getByTestId("loan-due"), "27/11/2569");
    await user.type(screen.getByTestId("loan-item-search"), "เก้าอี้");
    await user.click(await screen.findByTestId("loan-item-add"));
    expect(screen.getAllByTestId("loan-item")).toHaveLength(1);
    // Not sent without the undertaking of ข้อ ๒๐๗/๒๑๐, which the request then carries.
    await user.click(screen.getByTestId("loan-submit"));
    expect(fieldErrorOf("loan-undertaking")).toBe("ต้องยืนยันข้อรับรองการใช้ในราชการและการส่งคืนก่อนส่งคำขอ");
    expect(backend.calls.some((c) => c.cmd === "create_loan")).toBe(false);
    await user.click(screen.getByTestId("loan-undertaking"));
    await user.click(screen.getByTestId("loan-submit"));
    const sent = backend.calls.find((c) => c.cmd === "create_loan")?.args.input as LoanRequest;
    expect(sent).toMatchObject({ kind: "inside", borrowerId: 7, startsOn: "2026-11-25", dueOn: "2026-11-27", assetIds: [41], submit: true, paperNo: "", undertaking: true });
    await vi.waitFor(() => expect(loansUi.view).toEqual({ kind: "detail", id: 12 }));
    expect(loansUi.notice).toBe("ส่งคำขอยืมเลขที่ 12/2569 ให้ผู้อนุมัติแล้ว");
  });

  it("adds a scanned code on Enter, one item after another, and says when nothing matches", async () => {
    const chair = (id: number, code: string) => ({ id, code, name: "เก้าอี้พลาสติก", brand: "", model: "", serialNo: "", categoryName: "", divisionName: "สำนักปลัด", locationName: null, custodianName: null, acquiredOn: "2025-11-01", unitPrice: 35000, status: "in_use" });
    fakeBackend({
      get_loan_settings: () => ({ maxDays: 30 }),
      list_staff: () => [],
      // A code search also finds its neighbours by prefix; the exact code is picked.
      list_assets: (args) => {
        // The core reads Thai digits as Arabic ones.
        const text = (args.input as { text: string }).text.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
        const rows = text.includes("0002") ? [chair(42, "401-69-0002"), chair(43, "401-69-00021")] : text.startsWith("401") ? [chair(41, "401-69-0001")] : [];
        return { rows, total: rows.length, offset: 0 };
      },
      dashboard: noop,
    });
    resetApp(sessionWith(["view_register", "request_loan"]));
    const user = userEvent.setup();
    render(LoanForm);
    const box = await screen.findByTestId("loan-item-search");
    await user.type(box, "401-69-0001{Enter}");
    await vi.waitFor(() => expect(screen.getAllByTestId("loan-item")).toHaveLength(1));
    expect(box).toHaveValue("");
    await user.type(box, "๔๐๑-๖๙-๐๐๐๒{Enter}");
    await vi.waitFor(() => expect(screen.getAllByTestId("loan-item")).toHaveLength(2));
    expect(screen.getAllByTestId("loan-item")[1]).toHaveTextContent("401-69-0002");
    await user.type(box, "ไม่มีของนี้{Enter}");
    expect(await screen.findByTestId("loan-scan-note")).toHaveTextContent('ไม่พบครุภัณฑ์ "ไม่มีของนี้"');
    expect(screen.getAllByTestId("loan-item")).toHaveLength(2);
  });

  it("asks why a loan is long, and names the field the core refused", async () => {
    fakeBackend({
      get_loan_settings: () => ({ maxDays: 7 }),
      list_staff: () => [],
      list_assets: () => ({ rows: [{ id: 41, code: "401-69-0001", name: "เก้าอี้พลาสติก", brand: "", model: "", serialNo: "", categoryName: "", divisionName: "สำนักปลัด", locationName: null, custodianName: null, acquiredOn: "2025-11-01", unitPrice: 35000, status: "in_use" }], total: 1, offset: 0 }),
      check_loan_items: () => [{ assetId: 41, problem: null }],
      create_loan: () => coreError("invalid_value", { field: "dueOn", reason: "before" }),
    });
    resetApp(sessionWith(["view_register", "request_loan"]));
    const user = userEvent.setup();
    render(LoanForm);
    await user.clear(await screen.findByTestId("loan-due"));
    await user.type(screen.getByTestId("loan-due"), "10/12/2569");
    expect(await screen.findByTestId("loan-long-reason")).toBeInTheDocument();
    await user.click(screen.getByTestId("loan-undertaking"));
    await user.click(screen.getByTestId("loan-submit"));
    expect(fieldErrorOf("loan-long-reason")).toBe("ยืมนานกว่า 7 วัน กรอกเหตุผลที่ต้องยืมนาน");
    await user.type(screen.getByTestId("loan-long-reason"), "ใช้ตลอดงานก่อสร้าง");
    await user.type(screen.getByTestId("loan-purpose"), "ประชุม");
    await user.type(screen.getByTestId("loan-item-search"), "401-69-0001{Enter}");
    await vi.waitFor(() => expect(screen.getAllByTestId("loan-item")).toHaveLength(1));
    await user.click(screen.getByTestId("loan-submit"));
    await vi.waitFor(() => expect(fieldErrorOf("loan-due")).toBe("วันกำหนดส่งคืนต้องไม่ก่อนวันที่ยืม"));
  });
});
