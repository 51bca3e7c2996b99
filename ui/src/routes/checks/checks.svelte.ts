// What the check screens share: which view is open, where the checker is counting (kept
// while they move between tabs), and a counter bumped after any change so lists reload.
import type { CheckRound, Condition, LocationId, RoundId } from "$lib/bindings";
import { app } from "$lib/state.svelte";

/** The tabs of a round's page. */
export type RoundTab = "count" | "sheet" | "results" | "proposals" | "materials" | "findings";

export type CheckView =
  | { kind: "list" }
  | { kind: "new"; annual: boolean; divisionId?: number }
  | { kind: "edit"; id: RoundId }
  | { kind: "round"; id: RoundId; tab: RoundTab };

export const checksUi = $state({
  view: { kind: "list" } as CheckView,
  /** The list's tab: the rounds, or the schedule of periodic checks. */
  listTab: "rounds" as "rounds" | "schedule",
  /** Where the checker is counting (scans of items of other places are found elsewhere). */
  location: null as LocationId | null,
  /** The condition the next scans record (null: as the register has it). */
  condition: null as Condition | null,
  /** Bumped after any change so lists reload. */
  revision: 0,
  /** A confirmation for the next page shown. */
  notice: null as string | null,
});

/** Opens a round's page (from anywhere, e.g. the home screen). */
export function openRound(id: RoundId, tab: RoundTab = "results"): void {
  checksUi.view = { kind: "round", id, tab };
  app.page = "checks";
}

/** Call after any change to a round. */
export function checksChanged(): void {
  checksUi.revision += 1;
}

/** The tab a round opens on: counting while it is open and the user counts, else results. */
export function firstTab(round: CheckRound): RoundTab {
  if (round.status === "closed") return "proposals";
  return round.canCount ? "count" : "results";
}

/** Counted lines as a percentage of the expected ones. */
export function percent(counted: number, expected: number): number {
  return expected === 0 ? 0 : Math.round((counted * 1000) / expected) / 10;
}
