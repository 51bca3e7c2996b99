// Baht for people, satang for the core (integers: never floating-point money).

/** 2500000 → "25,000.00". */
export function formatBaht(satang: number | null | undefined): string {
  if (satang === null || satang === undefined) return "";
  const negative = satang < 0;
  const abs = Math.abs(Math.round(satang));
  const baht = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${baht}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * "25,000", "25000.5", "๒๕,๐๐๐ บาท" → satang; null if it is not an amount (the core checks
 * again).
 */
export function parseBaht(text: string): number | null {
  const cleaned = text
    .replace(/[๐-๙]/g, (c) => String(c.charCodeAt(0) - 0x0e50))
    .replace(/บาท|฿|,|\s/g, "");
  if (!/^\d*(\.\d{0,2})?$/.test(cleaned) || cleaned === "" || cleaned === ".") return null;
  const [whole, fraction = ""] = cleaned.split(".");
  return Number(whole || "0") * 100 + Number(fraction.padEnd(2, "0"));
}
