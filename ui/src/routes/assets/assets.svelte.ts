// What the asset screens share: which view is open, the list's query (kept while the
// user looks at a detail and comes back), and the reference lists forms choose from.
import type { AssetId, AssetQuery, Category, Division, Location, Person } from "$lib/bindings";
import { commands } from "$lib/bindings/commands";

export type AssetView =
  | { kind: "list" }
  | { kind: "detail"; id: AssetId }
  | { kind: "new" }
  | { kind: "edit"; id: AssetId }
  | { kind: "import" };

export function emptyQuery(): AssetQuery {
  return {
    text: null,
    divisionId: null,
    categoryId: null,
    status: null,
    locationId: null,
    fiscalYear: null,
    priceMin: null,
    priceMax: null,
    sort: "relevance",
    descending: false,
    offset: 0,
    limit: 100,
  };
}

export const assetsUi = $state({
  view: { kind: "list" } as AssetView,
  query: emptyQuery(),
  /** Bumped after any change so the list reloads. */
  revision: 0,
  /** Assets ticked in the list for labels, kept while the filters change so that a
   * selection can be gathered search by search. */
  selected: [] as AssetId[],
});

/** Ticks or unticks one asset in the list's selection. */
export function toggleSelected(id: AssetId): void {
  assetsUi.selected = assetsUi.selected.includes(id)
    ? assetsUi.selected.filter((s) => s !== id)
    : [...assetsUi.selected, id];
}

export const reference = $state({
  loaded: false,
  categories: [] as Category[],
  divisions: [] as Division[],
  locations: [] as Location[],
  people: [] as Person[],
});

/** Loads (or reloads) the lists forms and filters choose from. */
export async function loadReference(force = false): Promise<void> {
  if (reference.loaded && !force) return;
  const [categories, divisions, locations, people] = await Promise.all([
    commands.listCategories(),
    commands.listDivisions(),
    commands.listLocations({ divisionId: null, includeInactive: false }),
    commands.listStaff({ text: null, divisionId: null, includeInactive: false }),
  ]);
  Object.assign(reference, { categories, divisions, locations, people, loaded: true });
}

export function show(view: AssetView): void {
  assetsUi.view = view;
}

/** Tells the list its data changed. */
export function changed(): void {
  assetsUi.revision += 1;
}
