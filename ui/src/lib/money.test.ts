import { describe, expect, it } from "vitest";
import { formatBaht, parseBaht } from "./money";

describe("baht", () => {
  it("formats satang as baht with separators", () => {
    expect(formatBaht(2500000)).toBe("25,000.00");
    expect(formatBaht(4499900)).toBe("44,999.00");
    expect(formatBaht(5)).toBe("0.05");
    expect(formatBaht(123456789)).toBe("1,234,567.89");
    expect(formatBaht(null)).toBe("");
  });

  it("reads what people type", () => {
    expect(parseBaht("25,000")).toBe(2500000);
    expect(parseBaht("25000.5")).toBe(2500050);
    expect(parseBaht(" ๒๕,๐๐๐ บาท ")).toBe(2500000);
    expect(parseBaht("0")).toBe(0);
    expect(parseBaht("-100")).toBeNull();
    expect(parseBaht("1.234")).toBeNull();
    expect(parseBaht("สองพัน")).toBeNull();
    expect(parseBaht("")).toBeNull();
  });
});
