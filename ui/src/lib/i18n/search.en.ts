// English messages of searching (spread into en.ts).
import type { searchTh } from "./search.th";

export const searchEn: Record<keyof typeof searchTh, string> = {
  "settings.search": "Search words",
  "searchWords.title": "Search words",
  "searchWords.hint":
    "Words the office uses for one another, read both ways: typing “แอร์” finds “เครื่องปรับอากาศ” and the other way round. Spelling variants (tone marks, ค/ก endings, spaces) need no line here: the search forgives them.",
  "searchWords.word": "Word typed",
  "searchWords.means": "Word in the register",
  "searchWords.add": "Add a line",
  "searchWords.remove": "Remove",
  "searchWords.saved": "Search words saved ({count} pairs)",
  "searchWords.unchanged": "No word changed, so nothing was saved",
  "searchWords.onLine": "Line {line}: {message}",
  "field.synonyms": "Search words",
  "error.invalid_value.means": "{field}: this is the word typed, only spelled differently; no line is needed",
  "error.duplicate.word": "The pair “{value}” is already on the list",
};
