import { describe, expect, it } from "vitest";
import { fiscalYear, formatDate, formatInstant, monthSpan, parseBeDate } from "./thaidate";

describe("Thai dates", () => {
  it("writes B.E. dates in three styles", () => {
    expect(formatDate("2024-10-01", "long")).toBe("1 ตุลาคม 2567");
    expect(formatDate("2024-10-01", "short")).toBe("1 ต.ค. 67");
    expect(formatDate("2024-10-01", "numeric")).toBe("01/10/2567");
    expect(formatDate("2026-11-25")).toBe("25 พฤศจิกายน 2569");
    expect(formatDate("2043-01-05", "short")).toBe("5 ม.ค. 86");
  });

  it("shows the B.E. year in English too", () => {
    expect(formatDate("2026-11-25", "long", "en")).toBe("25 Nov 2026 (B.E. 2569)");
  });

  it("shows instants on Thai time whatever the machine's zone", () => {
    // 17:30 UTC on 30 Sep is 00:30 on 1 Oct in Thailand.
    expect(formatInstant("2024-09-30T17:30:00.000Z")).toBe("1 ต.ค. 67 00:30 น.");
    expect(formatInstant("2026-11-25T07:05:00Z")).toBe("25 พ.ย. 69 14:05 น.");
    expect(formatInstant(null)).toBe("");
  });

  it("names fiscal years by the B.E. year they end in", () => {
    expect(fiscalYear("2024-10-01")).toBe(2568);
    expect(fiscalYear("2025-09-30")).toBe(2568);
    expect(fiscalYear("2026-11-25")).toBe(2570);
  });

  it("reads typed B.E. dates and refuses impossible ones", () => {
    expect(parseBeDate("25/11/2569")).toBe("2026-11-25");
    expect(parseBeDate("๒๕/๑๑/๖๙")).toBe("2026-11-25");
    expect(parseBeDate("1-10-2567")).toBe("2024-10-01");
    expect(parseBeDate("29/02/2567")).toBe("2024-02-29");
    expect(parseBeDate("29/02/2568")).toBeNull();
    expect(parseBeDate("31/04/2569")).toBeNull();
    expect(parseBeDate("25/11/2026")).toBeNull();
    expect(parseBeDate("พรุ่งนี้")).toBeNull();
  });
  it("spans a month to its last day, or to today in the month under way", () => {
    expect(monthSpan(2024, 2, "2026-12-06")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(monthSpan(2026, 9, "2026-12-06")).toEqual({ from: "2026-09-01", to: "2026-09-30" });
    expect(monthSpan(2026, 12, "2026-12-06")).toEqual({ from: "2026-12-01", to: "2026-12-06" });
    expect(monthSpan(2027, 1, "2026-12-06")).toBeNull();
  });
});
