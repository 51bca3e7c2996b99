// Dates for display. The core sends ISO dates ("2026-11-25") and UTC instants; people see
// Buddhist-Era dates in Thai, on Thai time (UTC+7) whatever the computer's time zone.
import type { Locale } from "./i18n/index.svelte";

export const MONTHS_FULL = [
  "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
  "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
];
export const MONTHS_SHORT = [
  "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
];
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

interface Ymd {
  year: number;
  month: number; // 1–12
  day: number;
}

function splitIsoDate(iso: string): Ymd | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** "1 ตุลาคม 2567" (long), "1 ต.ค. 67" (short) or "01/10/2567" (numeric); English shows A.D. with the B.E. year. */
export function formatDate(iso: string | null | undefined, style: "long" | "short" | "numeric" = "long", locale: Locale = "th"): string {
  if (!iso) return "";
  const d = splitIsoDate(iso);
  if (!d) return iso;
  const be = d.year + 543;
  if (locale === "en") {
    if (style === "numeric") return `${String(d.day).padStart(2, "0")}/${String(d.month).padStart(2, "0")}/${be}`;
    return `${d.day} ${MONTHS_EN[d.month - 1]} ${d.year} (B.E. ${be})`;
  }
  switch (style) {
    case "long":
      return `${d.day} ${MONTHS_FULL[d.month - 1]} ${be}`;
    case "short":
      return `${d.day} ${MONTHS_SHORT[d.month - 1]} ${String(be % 100).padStart(2, "0")}`;
    case "numeric":
      return `${String(d.day).padStart(2, "0")}/${String(d.month).padStart(2, "0")}/${be}`;
  }
}

/** An instant on Thai time: "25 พ.ย. 69 14:05 น." (or "25 Nov 2026 14:05"). */
export function formatInstant(instant: string | null | undefined, locale: Locale = "th"): string {
  if (!instant) return "";
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const local = new Date(ms + BANGKOK_OFFSET_MS);
  const iso = local.toISOString();
  const time = iso.slice(11, 16);
  if (locale === "en") {
    const d = splitIsoDate(iso)!;
    return `${d.day} ${MONTHS_EN[d.month - 1]} ${d.year} ${time}`;
  }
  return `${formatDate(iso, "short", "th")} ${time} น.`;
}

/** The Thai fiscal year (B.E.) of an ISO date: October starts the next year's name. */
export function fiscalYear(iso: string): number {
  const d = splitIsoDate(iso);
  if (!d) return NaN;
  return (d.month >= 10 ? d.year + 1 : d.year) + 543;
}

/**
 * Reads "25/11/2569" or "25/11/69" (B.E., Thai or Arabic digits) into ISO "2026-11-25".
 * Returns null when it is not a real date. (The core reads many more forms; this is for
 * date filters typed in the UI.)
 */
export function parseBeDate(text: string): string | null {
  const arabic = text.trim().replace(/[๐-๙]/g, (c) => String(c.charCodeAt(0) - 0x0e50));
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(arabic);
  if (!match) return null;
  const day = Number(match[1]);
  const month = Number(match[2]);
  let be = Number(match[3]);
  if (match[3].length === 2) be += 2500;
  if (be < 2400) return null;
  const year = be - 543;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The days of a calendar month (A.D. `year`, `month` 1–12) as ISO dates, the last one
 * no later than `today` (a summary of this month runs to today). Null for a month that
 * has not begun.
 */
export function monthSpan(year: number, month: number, today: string): { from: string; to: string } | null {
  const pad = (n: number) => String(n).padStart(2, "0");
  const from = `${year}-${pad(month)}-01`;
  if (from > today) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const end = `${year}-${pad(month)}-${pad(last)}`;
  return { from, to: end < today ? end : today };
}
