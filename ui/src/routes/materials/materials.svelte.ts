// What the materials screens share: which view is open, the catalogue's filters (kept
// while the user looks at a card and comes back), and how many requisitions wait for the
// user (the badge on "วัสดุ" and the home screen's count).
import type { MaterialId, MaterialRequisitionId, MaterialTypeId } from "$lib/bindings";
import { commands } from "$lib/bindings/commands";
import { toApiError } from "$lib/api";
import { describeError } from "$lib/errors";
import { t } from "$lib/i18n/index.svelte";
import { app, can } from "$lib/state.svelte";

export type MaterialView =
  | { kind: "list" }
  | { kind: "requisitions" }
  | { kind: "waiting" }
  | { kind: "movements" }
  | { kind: "loans" }
  | { kind: "card"; id: MaterialId }
  | { kind: "newMaterial" }
  | { kind: "receipt" }
  | { kind: "import" }
  | { kind: "newRequisition" }
  | { kind: "requisition"; id: MaterialRequisitionId };

export const materialsUi = $state({
  view: { kind: "list" } as MaterialView,
  text: "",
  typeId: null as MaterialTypeId | null,
  belowMinimum: false,
  /** Bumped after any change so lists reload. */
  revision: 0,
  /** Requisitions waiting for the user to sign, approve or issue. */
  waiting: 0,
  /** A confirmation for the next page shown. */
  notice: null as string | null,
});

/** Opens a view of the materials area (from anywhere, e.g. the home screen's counts). */
export function openMaterials(view: MaterialView): void {
  materialsUi.view = view;
  app.page = "materials";
}

/** Reloads how many requisitions wait for the user. */
export async function refreshWaiting(): Promise<void> {
  if (!can("view_register")) return;
  try {
    const rows = await commands.listRequisitions({ statuses: [], divisionId: null, waitingForMe: true, mine: false });
    materialsUi.waiting = rows.length;
  } catch {
    // The badge is a convenience; the pages show their own errors.
  }
}

/** Call after any change to materials or a requisition. */
export function materialsChanged(notice: string | null = null): void {
  materialsUi.revision += 1;
  materialsUi.notice = notice;
  void refreshWaiting();
}

/**
 * The sentence for a refusal of one line of a form ("lines[2].quantity"): the row's
 * number first, so the officer finds it in a long receipt.
 */
export function lineRefusal(raw: unknown, scope?: string): string {
  const error = toApiError(raw);
  const message = describeError(error, scope);
  const line = /^(?:lines|cuts)\[(\d+)\]/.exec(error.field ?? "");
  return line ? t("materials.lineError", { row: Number(line[1]) + 1, message }) : message;
}
