// What the disposal screens share: which view is open, a confirmation for the next page,
// how many disposals wait for the user (the badge and the home screen), and the items a
// new case or disposal starts with when opened from an annual report.
import type { DisposalId, FactFindingId } from "$lib/bindings";
import { commands } from "$lib/bindings/commands";
import { app, can } from "$lib/state.svelte";

export type DisposalView =
  | { kind: "list" }
  | { kind: "cases" }
  | { kind: "detail"; id: DisposalId }
  | { kind: "case"; id: FactFindingId }
  | { kind: "new"; assetIds: number[]; roundId: number | null }
  | { kind: "newCase"; assetIds: number[]; roundId: number | null; compensationId?: number | null };

export const disposalUi = $state({
  view: { kind: "list" } as DisposalView,
  /** Bumped after any change so lists reload. */
  revision: 0,
  /** Disposals waiting for the user to decide, write off or report to สตง. */
  waiting: 0,
  notice: null as string | null,
});

/** Opens a view of the disposal area from anywhere (the home screen, an annual report). */
export function openDisposal(view: DisposalView): void {
  disposalUi.view = view;
  app.page = "disposal";
}

/** Reloads how many disposals wait for the user. */
export async function refreshDisposalWaiting(): Promise<void> {
  if (!can("view_register")) return;
  try {
    const rows = await commands.listDisposals({ statuses: [], fiscalYear: null });
    disposalUi.waiting = rows.filter((r) => r.waitingForMe).length;
  } catch {
    // A convenience; the pages show their own errors.
  }
}

/** Call after any change. */
export function disposalChanged(notice: string | null = null): void {
  disposalUi.revision += 1;
  disposalUi.notice = notice;
  void refreshDisposalWaiting();
}
