// The language in force and the translator. Thai by default; the choice is remembered.
// English, the second language, is a chunk of its own, loaded when it is first chosen: the
// first screen starts without parsing a dictionary most offices never use.
import { th, type MessageKey } from "./th";

export type { MessageKey } from "./th";
export type Locale = "th" | "en";

const STORAGE_KEY = "phatsadu.locale";
const dictionaries: Partial<Record<Locale, Record<MessageKey, string>>> = { th };

/** The language chosen last time (Thai if none). */
export function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "th";
  } catch {
    return "th";
  }
}

// Thai until main.ts has loaded the remembered language's dictionary.
const state = $state<{ locale: Locale }>({ locale: "th" });

/** Makes `next`'s dictionary ready (English is fetched the first time). */
export async function loadLocale(next: Locale): Promise<void> {
  if (next === "en" && !dictionaries.en) {
    dictionaries.en = (await import("./en")).en;
  }
}

/** The language in force. */
export function locale(): Locale {
  return state.locale;
}

/** Switches language once its dictionary is ready, and remembers it for next time. */
export async function setLocale(next: Locale): Promise<void> {
  await loadLocale(next);
  state.locale = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode or full storage: the switch still applies to this session.
  }
}

/** Whether `key` is a known message (for codes and names that come from the core). */
export function hasMessage(key: string): key is MessageKey {
  return key in th;
}

/** The message for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[state.locale]?.[key] ?? th[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
