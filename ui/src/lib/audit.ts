// Reading audit entries for people: which record it was about, and what changed.
import type { AuditEntry, JsonValue } from "$lib/bindings";

type JsonObject = { [key: string]: JsonValue | undefined };

function asObject(value: JsonValue | null): JsonObject | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** A readable name for the record an entry is about (its name, full name or user name). */
export function recordName(entry: AuditEntry): string {
  for (const side of [asObject(entry.after), asObject(entry.before)]) {
    if (!side) continue;
    for (const key of ["name", "fullName", "username"]) {
      const value = side[key];
      if (typeof value === "string" && value) return value;
    }
  }
  return "";
}

function show(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The fields whose value differs between before and after (all fields of a creation). */
export function changedFields(entry: AuditEntry): { field: string; before: string; after: string }[] {
  const before = asObject(entry.before) ?? {};
  const after = asObject(entry.after) ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .map((field) => ({ field, before: show(before[field]), after: show(after[field]) }))
    .filter((change) => change.before !== change.after);
}
