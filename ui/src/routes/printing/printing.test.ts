import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Loan } from "$lib/bindings";
import { coreError, fakeBackend, resetApp, sessionWith } from "../../test-support";
import LoanDetail from "../loans/LoanDetail.svelte";

function loan(overdueDays: number | null): Loan {
  return {
    id: 12, loanNo: "12/2569", status: "out", kind: "inside", borrowerId: 7, borrowerName: "นางสาวกมลชนก วงศ์ไชย",
    borrowerPosition: "", borrowerDivision: "สำนักปลัด", borrowerPhone: "", agencyName: "", agencyLetterNo: "",
    purpose: "ใช้ในการประชุมประชาคม", placeOfUse: "", startsOn: "2026-11-10", dueOn: "2026-11-17", longLoanReason: "",
    notes: "", divisionId: 1, divisionName: "สำนักปลัด", paperNo: "", enteredByName: null, submittedAt: null,
    decidedAt: null, decidedByName: "นายสมศักดิ์ อุดมสุข", decidedByPosition: null, decidedForName: null, decidedWording: null, decisionReason: "",
    closedAt: null, cancelledAt: null, cancelReason: "", createdAt: "2026-11-09T02:00:00Z", undertakingAt: "2026-11-09T02:00:00Z", items: [], followUps: [],
    compensation: [], approvers: [], overdueDays, followUpDueOn: overdueDays === null ? null : "2026-11-24",
  };
}

describe("printing from a loan", () => {
  it("prints the slip of any loan and opens the PDF", async () => {
    const path = "/home/pim/Documents/Phatsadu/ใบยืมพัสดุ-12-2569-2569-11-25.pdf";
    const backend = fakeBackend({
      loan_detail: () => loan(null),
      approval_inbox: () => [],
      print_loan_slip: () => ({ path, rows: 0 }),
      open_path: () => null,
    });
    resetApp(sessionWith(["view_register", "request_loan"]));
    const user = userEvent.setup();
    render(LoanDetail, { id: 12 });
    expect(screen.queryByTestId("loan-print-follow-up")).not.toBeInTheDocument();
    await user.click(await screen.findByTestId("loan-print-slip"));
    expect(backend.calls.find((c) => c.cmd === "print_loan_slip")?.args.input).toEqual({ loanId: 12, folder: null });
    expect(await screen.findByTestId("notice")).toHaveTextContent(`บันทึกไฟล์ PDF ไว้ที่ ${path}`);
    await vi.waitFor(() => expect(backend.calls.find((c) => c.cmd === "open_path")?.args.input).toBe(path));
  });

  it("says the file was saved but not opened when no viewer answers, and offers to open it or its folder", async () => {
    const path = "/home/pim/Documents/Phatsadu/ใบยืมพัสดุ-12-2569.pdf";
    let opens = 0;
    const backend = fakeBackend({
      loan_detail: () => loan(null),
      approval_inbox: () => [],
      print_loan_slip: () => ({ path, rows: 0 }),
      open_path: () => (opens++ === 0 ? coreError("io", { path }) : null),
    });
    resetApp(sessionWith(["view_register", "request_loan"]));
    const user = userEvent.setup();
    render(LoanDetail, { id: 12 });
    await user.click(await screen.findByTestId("loan-print-slip"));
    const notice = await screen.findByTestId("notice");
    expect(notice).toHaveTextContent("เปิดไฟล์ให้อัตโนมัติไม่ได้");
    expect(notice).not.toHaveTextContent("เปิดให้สั่งพิมพ์แล้ว");
    await user.click(await screen.findByTestId("loan-print-slip-open-folder"));
    await vi.waitFor(() =>
      expect(backend.calls.filter((c) => c.cmd === "open_path").map((c) => c.args.input)).toEqual([
        path,
        "/home/pim/Documents/Phatsadu",
      ]),
    );
    await user.click(screen.getByTestId("loan-print-slip-open-file"));
    await vi.waitFor(() => expect(backend.calls.filter((c) => c.cmd === "open_path")).toHaveLength(3));
  });

  it("offers the follow-up letter only when the loan is overdue, and explains a refusal", async () => {
    fakeBackend({
      loan_detail: () => loan(8),
      approval_inbox: () => [],
      print_follow_up_letter: () => coreError("invalid_value", { field: "loan", reason: "this loan is not overdue" }),
    });
    resetApp(sessionWith(["view_register", "request_loan"]));
    const user = userEvent.setup();
    render(LoanDetail, { id: 12 });
    await user.click(await screen.findByTestId("loan-print-follow-up"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent("ใบยืมนี้ยังไม่เกินกำหนดส่งคืน");
  });
});
