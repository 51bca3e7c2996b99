// Why a step of a check round cannot be taken yet, as the core would refuse it (see
// crates/core/src/checks/rounds.rs and closing.rs): the button is shown disabled with this
// sentence beside it rather than refused after the click.
import type { CheckRound } from "$lib/bindings";
import { locale, t } from "$lib/i18n/index.svelte";
import { formatDate } from "$lib/thaidate";

/** Why a draft round cannot be opened on `today` (ISO), or null when it can. */
export function openBlocker(round: Pick<CheckRound, "status" | "asOf" | "members">, today: string | undefined): string | null {
  if (round.status !== "draft") return null;
  if (today && round.asOf > today) return t("roundStep.asOfAhead", { date: formatDate(round.asOf, "long", locale()) });
  if (round.members.length === 0) return t("roundStep.noMembers");
  return null;
}

/** Why an open round cannot be closed yet with `uncounted` lines left, or null when it can. */
export function closeBlocker(uncounted: number, restNotFound: boolean): string | null {
  return uncounted > 0 && !restNotFound ? t("roundStep.uncounted", { count: uncounted }) : null;
}
