// English messages of fact-finding, disposal, the manual and the evidence pack.
import type { disposalTh } from "./disposal.th";

export const disposalEn: Record<keyof typeof disposalTh, string> = {
  "permission.manage_disposals": "prepare fact-finding and disposals, record results, write off, issue the manual",
  "error.separation_of_duties.approver_is_proposer":
    "Whoever proposed a disposal may not approve it; the agency head or another stand-in approves",
  "error.disposal_state": "This cannot be done while the case is “{status}”",
};
