// Reading audit entries as an auditor does: which record it was about, who acted, and what
// changed, each field in Thai with its value as the record shows it (baht, B.E. dates, Thai
// local times, statuses in words, people by name).
import type { AuditEntry, JsonValue } from "$lib/bindings";
import { hasMessage, locale, t } from "$lib/i18n/index.svelte";
import { formatBaht } from "$lib/money";
import { formatQuantity } from "$lib/quantity";
import { formatDate, formatInstant } from "$lib/thaidate";

type JsonObject = { [key: string]: JsonValue | undefined };

function asObject(value: JsonValue | JsonObject | null | undefined): JsonObject | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** One changed field: its path in the snapshot, its label in the language in force, and both values as shown. */
export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** Fields that say nothing to people: ids (their names are shown instead), stamps the entry's own time repeats, the UI's working flags. */
const HIDDEN = new Set([
  "id", "seq", "createdAt", "updatedAt", "batchId", "typeCode", "canClose", "canCount", "myRole", "progress",
  "scopeInput", "hasLogin", "line", "fiscalYear", "steps", "proposedBy",
]);

/** Amounts stored in satang. */
const MONEY = new Set([
  "unitPrice", "agreedValue", "suggestedValue", "amount", "price", "value", "balanceValue", "issuedValue",
  "cost", "netBookValue", "totalCost", "totalNetBookValue", "totalProceeds", "proceeds", "liableAmount",
]);

/** Quantities of materials, stored in thousandths of their unit. */
const QUANTITY = new Set(["quantity", "requested", "approved", "issued", "balance", "minimum"]);
const MATERIAL_ENTITIES = new Set(["material", "material_receipt", "requisition", "materials"]);

/** Whose vocabulary a coded value is written in, by field (the first prefix with a message wins). */
function vocabulary(entry: AuditEntry, path: string, field: string, owner: JsonObject): string[] {
  switch (field) {
    case "status":
      if (entry.entity === "loan" && !path.includes("[")) return ["loanStatus"];
      if (entry.entity === "requisition" && !path.includes("[")) return ["requisitionStatus"];
      if (entry.entity === "check_round" && !("roundId" in owner) && !path.includes("[")) return ["roundStatus"];
      if (entry.entity === "disposal" && !path.includes("[")) return ["disposalStatus"];
      return ["status"];
    case "nowStatus":
      return ["status"];
    case "condition":
      return ["status", "condition"];
    case "conditionOut":
    case "conditionBack":
      return ["condition", "status"];
    case "reason":
      return entry.entity === "material" ? ["adjustmentReason"] : [];
    case "kind":
      if (MATERIAL_ENTITIES.has(entry.entity)) return ["entryKind"];
      return entry.entity === "loan" ? ["loanKind"] : entry.entity === "check_round" ? ["roundKind"] : ["auditValue.kind"];
    case "result":
      return ["lineResult"];
    case "state":
      return ["itemState"];
    case "role":
      return path.startsWith("members") ? ["memberRole"] : ["role"];
    case "wording":
    case "decidedWording":
      return ["wording"];
    case "remedy":
      return ["remedy"];
    case "method":
      return entry.entity === "disposal" ? ["disposalMethod"] : ["auditValue.method"];
    case "finding":
      return ["finding"];
    case "how":
      return ["acknowledgedHow"];
    case "outcome":
      return ["auditValue.outcome"];
    default:
      return [];
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A single value as the record shows it. */
function showScalar(entry: AuditEntry, path: string, field: string, owner: JsonObject, value: JsonValue | undefined): string {
  if (value === undefined || value === null || value === "") return "";
  if (typeof value === "boolean") return t(value ? "auditValue.yes" : "auditValue.no");
  // A paper requisition is recorded against its division; its lines are quantities too.
  const materials = MATERIAL_ENTITIES.has(entry.entity) || entry.action === "material.issue";
  if (typeof value === "number" && materials && QUANTITY.has(field)) return formatQuantity(value);
  if (typeof value === "number") return MONEY.has(field) ? `${formatBaht(value)} ${t("auditValue.baht")}` : value.toLocaleString();
  if (typeof value !== "string") return JSON.stringify(value);
  for (const prefix of vocabulary(entry, path, field, owner)) {
    const key = `${prefix}.${value}`;
    if (hasMessage(key)) return t(key);
  }
  if (ISO_DATE.test(value)) return formatDate(value, "long", locale());
  if (ISO_INSTANT.test(value)) return formatInstant(value, locale());
  return value;
}

/** What names an element of a list in its label: an item's code, a member's name. */
function elementName(element: JsonObject): string {
  for (const key of ["code", "assetCode", "name", "principalName"]) {
    const value = element[key];
    if (typeof value === "string" && value) return value;
  }
  return "";
}

/** Every shown field of a snapshot, flattened: `suppliesOfficer.name`, `items[1].state` (lists of plain values joined). */
function flatten(entry: AuditEntry, value: JsonValue | JsonObject | null | undefined, out: Map<string, { label: string; text: string }>, path = "", labelPrefix = ""): void {
  const object = asObject(value);
  if (!object) return;
  for (const [field, inner] of Object.entries(object)) {
    if (HIDDEN.has(field) || /Ids?$/.test(field)) continue;
    const here = path ? `${path}.${field}` : field;
    const label = labelPrefix + fieldName(field);
    if (Array.isArray(inner)) {
      if (inner.every((v) => asObject(v) === null)) {
        out.set(here, { label, text: inner.map((v) => showScalar(entry, here, field, object, v)).join(", ") });
        continue;
      }
      // A list's elements may have a name of their own ("lines" counts lines elsewhere).
      const listKey = `auditField.${field}.each`;
      const each = hasMessage(listKey) ? labelPrefix + t(listKey) : label;
      inner.forEach((element, i) => {
        const item = asObject(element);
        if (!item) return;
        const name = elementName(item);
        const prefix = `${each} ${i + 1}${name ? ` (${name})` : ""} · `;
        flatten(entry, item, out, `${here}[${i}]`, prefix);
      });
    } else if (asObject(inner ?? null)) {
      flatten(entry, inner, out, here, `${label} · `);
    } else {
      out.set(here, { label, text: showScalar(entry, here, field, object, inner) });
    }
  }
}

/** A snapshot field's name in the language in force (an unknown one is shown as it is rather than hidden). */
export function fieldName(field: string): string {
  const key = `auditField.${field}`;
  return hasMessage(key) ? t(key) : field;
}

/** The fields whose shown value differs between before and after (all filled fields of a creation). */
export function readableChanges(entry: AuditEntry): FieldChange[] {
  const before = new Map<string, { label: string; text: string }>();
  const after = new Map<string, { label: string; text: string }>();
  flatten(entry, entry.before, before);
  flatten(entry, entry.after, after);
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  return fields
    .map((field) => ({
      field,
      label: after.get(field)?.label ?? before.get(field)?.label ?? field,
      before: before.get(field)?.text ?? "",
      after: after.get(field)?.text ?? "",
    }))
    .filter((change) => change.before !== change.after);
}

/** A readable name for the record an entry is about: the core's label, else a name in the snapshot. */
export function recordName(entry: AuditEntry): string {
  if (entry.record) return entry.record;
  for (const side of [asObject(entry.after), asObject(entry.before)]) {
    if (!side) continue;
    for (const key of ["loanNo", "requisitionNo", "disposalNo", "caseNo", "code", "name", "fullName", "principalName", "username"]) {
      const value = side[key];
      if (typeof value === "string" && value) return value;
    }
  }
  return "";
}

/** Who acted, as people read it: a user's full name (login in small type), the command line and its account, or the program. */
export function actorOf(entry: AuditEntry): { name: string; login: string } {
  const recorded = entry.username ?? "";
  if (entry.userId !== null) return { name: entry.actorName ?? recorded, login: recorded };
  if (recorded.startsWith("cli:")) return { name: t("audit.commandLine"), login: recorded.slice(4) };
  if (recorded === "setup") return { name: t("audit.setup"), login: "" };
  return { name: t("audit.system"), login: recorded };
}
