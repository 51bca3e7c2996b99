import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Loan, LoanItem, LoanStep } from "$lib/bindings";
import { fakeBackend, fieldErrorOf, resetApp, sessionWith } from "../../test-support";
import HandoverPanel from "./HandoverPanel.svelte";
import LoanDetail from "./LoanDetail.svelte";

function item(line: number, code: string, name: string): LoanItem {
  return {
    assetId: 40 + line, code, name, unitPrice: 500000, line, state: "pending", handedOutAt: null, handedOutByName: null,
    receivedByName: "", conditionOut: null, returnedAt: null, returnedByName: "", receivedBackByName: null,
    conditionBack: null, returnNotes: "",
  };
}

function loan(status: Loan["status"], extra: Partial<Loan> = {}): Loan {
  return {
    id: 5, loanNo: "5/2570", status, kind: "inside", borrowerId: 3, borrowerName: "นายสมชาย ใจดี", borrowerPosition: "นายช่างโยธา",
    borrowerDivision: "กองช่าง", borrowerPhone: "", agencyName: "", agencyLetterNo: "", purpose: "ซ่อมรางระบายน้ำ",
    placeOfUse: "ที่ทำการ อบต.", startsOn: "2026-12-03", dueOn: "2026-12-05", longLoanReason: "", notes: "", divisionId: 2,
    divisionName: "กองช่าง", paperNo: "", enteredByName: "ผู้ทดสอบ", submittedAt: "2026-11-25T02:00:00Z", decidedAt: null,
    decidedByName: null, decidedByPosition: null, decidedForName: null, decidedWording: null, decisionReason: "", closedAt: null, cancelledAt: null,
    cancelReason: "", createdAt: "2026-11-25T02:00:00Z", undertakingAt: "2026-11-25T02:00:00Z", items: [item(1, "407-68-0001", "สว่านไฟฟ้า"), item(2, "407-68-0002", "เครื่องตัดหญ้า")],
    followUps: [], compensation: [], approvers: ["หัวหน้ากองช่าง"], overdueDays: null, followUpDueOn: null, ...extra,
  };
}

describe("a loan's steps", () => {
  it("shows hand-out disabled with the day it opens, and return disabled with why", async () => {
    const steps: LoanStep[] = [
      { action: "cancel", blocked: null },
      { action: "hand_out", blocked: { kind: "starts_on", on: "2026-12-03" } },
      { action: "return", blocked: { kind: "nothing_out" } },
    ];
    fakeBackend({
      loan_detail: () =>
        loan("approved", { decidedAt: "2026-11-25T03:05:00Z", decidedByName: "นายวิชัย หัวหน้ากอง", decisionReason: "ใช้ได้" }),
      loan_steps: () => steps,
      dashboard: () => null,
      default_folder: () => "/tmp",
    });
    resetApp(sessionWith(["view_register", "request_loan", "manage_loans"]));
    render(LoanDetail, { id: 5 });
    const handOut = await screen.findByTestId("loan-hand-out");
    expect(handOut).toBeDisabled();
    expect(screen.getByTestId("loan-hand-out-reason")).toHaveTextContent("จ่ายได้ตั้งแต่ 3 ธันวาคม 2569");
    expect(screen.getByTestId("loan-return")).toBeDisabled();
    expect(screen.getByTestId("loan-return-reason")).toHaveTextContent("ยังไม่ได้จ่ายพัสดุ");
    expect(screen.getByTestId("loan-cancel")).toBeEnabled();
    expect(screen.queryByTestId("loan-cancel-reason")).not.toBeInTheDocument();
    // Steps the core does not offer are not shown at all.
    expect(screen.queryByTestId("loan-approve")).not.toBeInTheDocument();
    // The decision says when (B.E., local time), who, and the rule for undoing it.
    const decision = screen.getByTestId("loan-decision");
    expect(decision).toHaveTextContent("อนุมัติแล้ว เมื่อ 25 พ.ย. 69 10:05 น. โดย นายวิชัย หัวหน้ากอง");
    expect(screen.getByTestId("loan-decision-rule")).toHaveTextContent("ยกเลิกได้จนกว่าจะจ่ายพัสดุ");
  });

  it("has the approver see the items by name and confirm, with a reason required to reject", async () => {
    const backend = fakeBackend({
      loan_detail: () => loan("submitted"),
      loan_steps: () => [
        { action: "approve", blocked: null },
        { action: "reject", blocked: null },
      ],
      approval_inbox: () => [
        { loan: { id: 5 }, standing: { kind: "own" }, borrowerOpenLoans: 2, borrowerOverdueLoans: 1 },
      ],
      decide_loan: (args) => ({ ...loan("rejected"), ...(args.input as object) }),
      dashboard: () => null,
      default_folder: () => "/tmp",
    });
    resetApp(sessionWith(["view_register", "request_loan", "approve_loans"]));
    const user = userEvent.setup();
    render(LoanDetail, { id: 5 });
    await user.click(await screen.findByTestId("loan-reject"));
    expect(await screen.findByTestId("approval-items")).toHaveTextContent("สว่านไฟฟ้า 407-68-0001");
    expect(screen.getByTestId("approval-items")).toHaveTextContent("เครื่องตัดหญ้า");
    expect(screen.getByTestId("approval-period")).toHaveTextContent("รวม 3 วัน");
    await vi.waitFor(() => expect(screen.getByTestId("approval-record")).toHaveTextContent("เกินกำหนด 1 รายการ"));
    expect(screen.getByTestId("approval-rule")).toHaveTextContent("เปลี่ยนผลการพิจารณาไม่ได้");
    // Nothing is decided by opening the panel; a rejection needs its reason.
    await user.click(screen.getByTestId("approval-confirm"));
    expect(screen.getByText("กรอกเหตุผลที่ไม่อนุมัติ")).toBeInTheDocument();
    expect(backend.calls.some((c) => c.cmd === "decide_loan")).toBe(false);
    await user.type(screen.getByTestId("approval-comment"), "ไม่ใช่งานราชการ");
    expect(screen.queryByText("กรอกเหตุผลที่ไม่อนุมัติ")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("approval-confirm"));
    await vi.waitFor(() =>
      expect(backend.calls.find((c) => c.cmd === "decide_loan")?.args.input).toEqual({ loanId: 5, approve: false, reason: "ไม่ใช่งานราชการ" }),
    );
  });

  it("says who decides when the user approves loans but not this one", async () => {
    fakeBackend({
      loan_detail: () => loan("submitted"),
      loan_steps: () => [
        { action: "approve", blocked: { kind: "not_the_approver", approvers: ["นายวิชัย หัวหน้ากอง"] } },
        { action: "reject", blocked: { kind: "not_the_approver", approvers: ["นายวิชัย หัวหน้ากอง"] } },
      ],
      dashboard: () => null,
      default_folder: () => "/tmp",
    });
    resetApp(sessionWith(["view_register", "request_loan", "approve_loans"]));
    render(LoanDetail, { id: 5 });
    expect(await screen.findByTestId("loan-approve")).toBeDisabled();
    expect(screen.getByTestId("loan-approve-reason")).toHaveTextContent("ผู้อนุมัติคำขอนี้: นายวิชัย หัวหน้ากอง");
  });
});

describe("taking items back", () => {
  it("shows a damaged item without a note and no one named together; each clears as fixed", async () => {
    const backend = fakeBackend({ return_items: () => loan("closed") });
    resetApp(sessionWith(["view_register", "manage_loans"]));
    const out = loan("out", { items: [{ ...item(1, "407-68-0001", "สว่านไฟฟ้า"), state: "out" }] });
    const user = userEvent.setup();
    render(HandoverPanel, { loan: out, kind: "return", onDone: () => {}, onCancel: () => {} });
    await user.selectOptions(screen.getByTestId("handover-condition"), "ชำรุด");
    await user.clear(screen.getByTestId("handover-person"));
    await user.click(screen.getByTestId("handover-save"));
    expect(screen.getByTestId("handover-items-error")).toHaveTextContent("(1 รายการ)");
    expect(fieldErrorOf("handover-person")).toBe("กรอกผู้นำมาคืน");
    expect(backend.calls.some((c) => c.cmd === "return_items")).toBe(false);
    await user.type(screen.getByTestId("handover-notes"), "ดอกสว่านหัก");
    expect(screen.queryByTestId("handover-items-error")).not.toBeInTheDocument();
    expect(fieldErrorOf("handover-person")).not.toBeNull();
  });
});
