// English: checking forms and the steps of a loan (keys as in forms.th.ts).
import type { formsTh } from "./forms.th";

export const formsEn: Record<keyof typeof formsTh, string> = {
  "validation.fill": "Enter {field}",
  "validation.choose": "Choose {field}",
  "validation.summary": "{count} fields still need fixing (see the red lines under them)",
  "validation.badDate": "Enter the date as day/month/B.E. year, e.g. 25/11/2569",
  "validation.badNumber": "Enter a number",

  "error.required.borrowerId": "Choose the borrower",
  "error.required.assetIds": "Choose at least one item to borrow",
  "error.required.categoryId": "Choose the category",
  "error.required.divisionId": "Choose the division",

  "loanForm.items": "at least one item to borrow",
  "loanForm.pastStart": "A request cannot start in the past: the first day is today or later",
  "loanForm.dueBeforeStart": "The return date cannot be before the first day",
  "loanForm.longReason": "Longer than {max} days: give the reason",
  "loanForm.refusedLines": "Remove the items that cannot be lent first ({count})",
  "loanForm.line.status": "Cannot be lent: {status}",
  "loanForm.line.on_loan": "Cannot be lent: out on slip {no}",
  "loanForm.line.reserved": "Cannot be lent: approved for slip {no} on the same days",
  "loanForm.line.other_division": "Held by {division}, not {slip}: an inside loan holds one division's items; ask on another slip",
  "loanForm.line.noDivision": "no division",

  "step.starts_on": "Can be handed out from {date}",
  "step.not_approved_yet": "Can be handed out once approved",
  "step.nothing_out": "Nothing has been handed out yet, so nothing comes back",
  "step.handed_out": "Items are out: take them back instead of cancelling",
  "step.officer_is_borrower": "An officer does not hand out or take back their own loan: another officer does",
  "step.approver_is_borrower": "A borrower cannot approve their own request",
  "step.not_the_approver": "Decided by: {names}",
  "step.no_approver": "Nobody who may approve it is in the program yet",
  "step.item_taken": "{code} is not free for these days ({why})",
  "step.item_taken.on_loan": "out on slip {no}",
  "step.item_taken.reserved": "approved for slip {no}",
  "step.no_items": "The slip lists no item yet",

  "approval.title": "Decide the request",
  "approval.items": "Items asked for ({count})",
  "approval.record": "The borrower's record",
  "approval.period": "From {from} to {to}, {days} days",
  "approval.comment": "Comment (optional)",
  "approval.reason": "Why not approved (required)",
  "approval.confirmApprove": "Confirm approval",
  "approval.confirmReject": "Confirm rejection",
  "approval.back": "Back",
  "approval.checkApprove": "Approve request {no}: {name} borrows {count} items?",
  "approval.checkReject": "Reject request {no} of {name}?",
  "approval.rule": "A recorded decision cannot be changed: an approved request can be cancelled by the borrower or the supplies officer until items are handed out; after a rejection the borrower makes a new request",
  "approval.decided": "{status} on {when} by {name}",
  "approval.noRecord": "The borrower has no loans out",
  "approval.reasonNeeded": "Give the reason for rejecting",

  "loans.tab.inboxMine": "Awaiting your approval",
  "loans.filter.submitted": "All awaiting approval",

  "roundStep.asOfAhead": "Can be opened from {date} (the as-of date)",
  "roundStep.noMembers": "Add the round's checkers before opening it",
  "roundStep.uncounted": "{count} items not counted yet: count them, or mark the rest not found",

  "users.usernameRule": "A user name is 3–32 characters of a–z, 0–9, dot, dash and underscore",
  "users.aRole": "at least one role",

  "categories.lifeRule": "Useful life is 1–100 years",

  "handover.notesNeeded": "Note what is wrong with the items marked ({count})",
  "handover.anItem": "at least one item",

  "login.lockRule": "{count} wrong passwords in a row lock the account for {minutes} minutes",
};
