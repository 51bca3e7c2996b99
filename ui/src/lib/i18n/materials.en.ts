// English twins of materials.th.ts.
export const materialsEn = {
  "permission.manage_materials": "keep the materials (receipts, issues, adjustments, closing a period)",
  "error.not_enough_stock": "Only {available} {unit} of {materialCode} are in stock; no more can be issued",
  "error.period_closed": "The materials are closed up to {closedThrough}; nothing can be entered on or before that day",
  "error.separation_of_duties.issuer_is_requester":
    "Nobody issues materials to themselves; another supplies officer issues them.",
};
