// Quantities of materials for people, thousandths of a unit for the core (12.5 ลิตร is
// 12500), so that fuel can be measured while reams stay whole.

const PER_UNIT = 1000;

/** 15000 → "15", 12500 → "12.5", 1234567 → "1,234.567". */
export function formatQuantity(thousandths: number | null | undefined): string {
  if (thousandths === null || thousandths === undefined) return "";
  const negative = thousandths < 0;
  const abs = Math.abs(Math.round(thousandths));
  const whole = Math.floor(abs / PER_UNIT)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = String(abs % PER_UNIT).padStart(3, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/**
 * "15", "1,200", "12.5", "๑๒.๕" → thousandths; null if it is not a quantity (negative,
 * more than three decimals, words). Whether a fraction fits the unit is the core's rule.
 */
export function parseQuantity(text: string): number | null {
  const cleaned = text.replace(/[๐-๙]/g, (c) => String(c.charCodeAt(0) - 0x0e50)).replace(/,|\s/g, "");
  if (!/^\d*(\.\d{0,3})?$/.test(cleaned) || cleaned === "" || cleaned === ".") return null;
  const [whole, fraction = ""] = cleaned.split(".");
  return Number(whole || "0") * PER_UNIT + Number(fraction.padEnd(3, "0"));
}
