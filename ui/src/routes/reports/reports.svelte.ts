// Which tab of the reports page is open (the home screen opens the manual directly).
import { app } from "$lib/state.svelte";

export type ReportsTab = "manual" | "acknowledgements" | "ita";

export const reportsUi = $state({ tab: "manual" as ReportsTab });

/** Opens a tab of the reports page from anywhere. */
export function openReports(tab: ReportsTab): void {
  reportsUi.tab = tab;
  app.page = "reports";
}
