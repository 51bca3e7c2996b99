// What the borrowing screens share: which view is open, the register's filters (kept
// while the user looks at a loan and comes back), and the dashboard counts behind the
// navigation badge.
import type { Dashboard, LoanId, LoanStatus } from "$lib/bindings";
import { commands } from "$lib/bindings/commands";
import { app, can } from "$lib/state.svelte";
import { fiscalYear } from "$lib/thaidate";

export type LoanView =
  | { kind: "list" }
  | { kind: "inbox" }
  | { kind: "overdue" }
  | { kind: "detail"; id: LoanId }
  | { kind: "new" }
  | { kind: "edit"; id: LoanId };

export const loansUi = $state({
  view: { kind: "list" } as LoanView,
  /** The loan register's fiscal year (B.E.); null for every year. */
  fiscalYear: null as number | null,
  status: null as LoanStatus | null,
  /** A dashboard count the list was opened from, narrowing it to the same loans. */
  focus: null as LoanFocus | null,
  /** Bumped after any change so lists reload. */
  revision: 0,
  dashboard: null as Dashboard | null,
  /** A confirmation for the next page shown (e.g. "sent to the approver"). */
  notice: null as string | null,
});

/** The dashboard counts that open the loan list narrowed to what they count. */
export type LoanFocus = "dueThisWeek" | "openCompensation";

/** Opens a view of the borrowing area (from anywhere, e.g. the home screen's counts). */
export function openLoans(view: LoanView): void {
  loansUi.view = view;
  app.page = "loans";
}

/** The current fiscal year, the loan register's default. */
export function currentFiscalYear(): number {
  return fiscalYear(app.status?.today ?? new Date().toISOString().slice(0, 10));
}

/** Reloads the dashboard counts (the badge on "การยืม-คืน" shows requests awaiting me). */
export async function refreshDashboard(): Promise<void> {
  if (!can("view_register")) return;
  try {
    loansUi.dashboard = await commands.dashboard();
  } catch {
    // The badge is a convenience; the pages show their own errors.
  }
}

/** Call after any change to a loan. */
export function loanChanged(): void {
  loansUi.revision += 1;
  void refreshDashboard();
}
