// Why an item cannot go on a slip, and why a step of a loan cannot be taken yet, as
// sentences: the core says which rule (see crates/core/src/loans/item_check.rs and
// steps.rs); these say it in Thai (or English).
import type { Blocker, ItemProblem, LoanAction, LoanStep } from "$lib/bindings";
import { hasMessage, locale, t } from "$lib/i18n/index.svelte";
import { formatDate } from "$lib/thaidate";

/** An asset status's name ("ส่งซ่อม"), or its code when unknown. */
function statusName(code: string): string {
  const key = `status.${code}`;
  return hasMessage(key) ? t(key) : code;
}

/** The sentence on an item's line of the borrow form. */
export function lineProblem(problem: ItemProblem): string {
  switch (problem.kind) {
    case "status":
      return t("loanForm.line.status", { status: statusName(problem.status) });
    case "on_loan":
      return t("loanForm.line.on_loan", { no: problem.loanNo });
    case "reserved":
      return t("loanForm.line.reserved", { no: problem.loanNo });
    case "other_division":
      return t("loanForm.line.other_division", {
        division: problem.division ?? t("loanForm.line.noDivision"),
        slip: problem.slipDivision ?? t("loanForm.line.noDivision"),
      });
  }
}

/** The reason written beside a disabled step. */
export function stepReason(blocked: Blocker): string {
  switch (blocked.kind) {
    case "starts_on":
      return t("step.starts_on", { date: formatDate(blocked.on, "long", locale()) });
    case "not_approved_yet":
      return t("step.not_approved_yet");
    case "nothing_out":
      return t("step.nothing_out");
    case "handed_out":
      return t("step.handed_out");
    case "officer_is_borrower":
      return t("step.officer_is_borrower");
    case "approver_is_borrower":
      return t("step.approver_is_borrower");
    case "not_the_approver":
      return blocked.approvers.length > 0 ? t("step.not_the_approver", { names: blocked.approvers.join(", ") }) : t("step.no_approver");
    case "item_taken": {
      const why =
        blocked.reason === "on_loan" || blocked.reason === "reserved"
          ? t(`step.item_taken.${blocked.reason}`, { no: blocked.loanNo ?? "" })
          : statusName(blocked.reason);
      return t("step.item_taken", { code: blocked.assetCode, why });
    }
    case "no_items":
      return t("step.no_items");
  }
}

/** One step as a button shows it: whether it is offered, whether it is open, and why not. */
export interface StepView {
  /** The core lists it for this user and this loan. */
  shown: boolean;
  /** It may be taken now. */
  open: boolean;
  /** Why not, when it is shown disabled. */
  reason: string | null;
}

/** Looks up one step in the core's list. */
export function stepView(steps: LoanStep[], action: LoanAction): StepView {
  const found = steps.find((s) => s.action === action);
  if (!found) return { shown: false, open: false, reason: null };
  return { shown: true, open: found.blocked === null, reason: found.blocked ? stepReason(found.blocked) : null };
}
