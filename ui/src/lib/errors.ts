// Thai (or English) sentences for core errors, chosen by code and filled from details.
import { ApiError, toApiError } from "./api";
import { hasMessage, locale, t } from "./i18n/index.svelte";
import { formatDate, formatInstant } from "./thaidate";

/** A field name as people read it ("admin.password" → "รหัสผ่านผู้ดูแลระบบ"). */
export function fieldLabel(field: string): string {
  const key = `field.${field}`;
  if (hasMessage(key)) return t(key);
  const last = field.split(".").pop() ?? field;
  const lastKey = `field.${last}`;
  return hasMessage(lastKey) ? t(lastKey) : field;
}

function text(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}

/**
 * The message to show for any failure. `scope` (e.g. "loan") prefers sentences written for
 * one area's fields (`error.loan.invalid_value.dueOn`) over the general ones.
 */
export function describeError(raw: unknown, scope?: string): string {
  const error: ApiError = toApiError(raw);
  const d = error.details;
  // Every plain detail can fill its placeholder ({name}, {lines}, …); the ones below are
  // translated or formatted first.
  const plain: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(d)) {
    if (typeof value === "string" || typeof value === "number") plain[key] = value;
  }
  const params: Record<string, string | number> = {
    ...plain,
    code: error.code,
    message: error.message,
    field: d.field ? fieldLabel(text(d.field)) : "",
    value: text(d.value),
    max: text(d.max),
    minLength: text(d.minLength),
    input: text(d.input),
    path: text(d.path),
    fileVersion: text(d.fileVersion),
    entity: hasMessage(`entity.${text(d.entity)}`) ? t(`entity.${text(d.entity)}` as never) : text(d.entity),
    permission: hasMessage(`permission.${text(d.permission)}`)
      ? t(`permission.${text(d.permission)}` as never)
      : text(d.permission),
    time: d.until ? formatInstant(text(d.until), locale()).replace(/ น\.$/, "") : "",
    closedThrough: d.closedThrough ? formatDate(text(d.closedThrough), "long", locale()) : "",
    approvers: text(d.approvers),
    assetCode: text(d.assetCode),
    loanNo: text(d.loanNo),
    // A requisition's status for requisition_state, a loan's for invalid_transition, an
    // asset's for asset_not_available.
    status: error.code === "requisition_state" && hasMessage(`requisitionStatus.${text(d.status)}`)
      ? t(`requisitionStatus.${text(d.status)}` as never)
      : hasMessage(`loanStatus.${text(d.status)}`)
      ? t(`loanStatus.${text(d.status)}` as never)
      : hasMessage(`status.${text(d.reason)}`)
        ? t(`status.${text(d.reason)}` as never)
        : text(d.status),
  };
  // The most specific sentence first: by rule, by reason, by field, by the state or person it
  // needs (a round's status, "chair"), then by code alone.
  const field = text(d.field);
  const parts = [d.rule, d.reason, field, field.split(".").pop(), d.status, d.who]
    .filter((part) => part !== undefined && part !== null && part !== "")
    .map(text);
  const scoped = scope ? parts.map((part) => `error.${scope}.${error.code}.${part}`) : [];
  const specific = parts.map((part) => `error.${error.code}.${part}`);
  const key = [...scoped, ...specific, `error.${error.code}`].find((k) => hasMessage(k));
  return key ? t(key as never, params) : t("error.unknown", params);
}

/**
 * Splits an error between the form's fields: returns the field it names (so the form can
 * show it there) and the sentence.
 */
export function fieldError(raw: unknown, scope?: string): { field: string | undefined; message: string } {
  const error = toApiError(raw);
  return { field: error.field, message: describeError(error, scope) };
}
