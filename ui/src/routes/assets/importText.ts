// The import's words shared by the wizard's steps: a field's name, where a value came
// from, and a row's issue as the dry run shows it (and as the file of refused rows says it).
import type { Field, RowIssue, Source } from "$lib/bindings";
import { hasMessage, t, type MessageKey } from "$lib/i18n/index.svelte";

export function fieldName(field: Field | null): string {
  return field ? t(`importField.${field}` as MessageKey) : "";
}

export function sourceLabel(source: Source | null): string {
  return source ? t(`source.${source}` as MessageKey) : "";
}

export function issueText(issue: RowIssue): string {
  // A message naming the issue's detail (the division, the type code), when it has one.
  const withDetail = `importIssue.${issue.code}.detail`;
  const key = issue.detail && hasMessage(withDetail) ? withDetail : `importIssue.${issue.code}`;
  return hasMessage(key) ? t(key, { value: issue.value, field: fieldName(issue.field), detail: issue.detail }) : issue.message;
}
