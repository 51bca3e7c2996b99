// The language in force and the translator. Thai by default; the choice is remembered.
import { en } from "./en";
import { th, type MessageKey } from "./th";

export type { MessageKey } from "./th";
export type Locale = "th" | "en";

const STORAGE_KEY = "phatsadu.locale";
const dictionaries: Record<Locale, Record<MessageKey, string>> = { th, en };

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "th";
  } catch {
    return "th";
  }
}

const state = $state({ locale: initialLocale() });

/** The language in force. */
export function locale(): Locale {
  return state.locale;
}

/** Switches language and remembers it for next time. */
export function setLocale(next: Locale): void {
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
  const template = dictionaries[state.locale][key] ?? th[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
