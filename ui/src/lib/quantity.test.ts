import { describe, expect, it } from "vitest";
import { formatQuantity, parseQuantity } from "./quantity";

describe("quantities", () => {
  it("shows thousandths of a unit as people write them", () => {
    expect(formatQuantity(15000)).toBe("15");
    expect(formatQuantity(12500)).toBe("12.5");
    expect(formatQuantity(1234567)).toBe("1,234.567");
    expect(formatQuantity(-2000)).toBe("-2");
    expect(formatQuantity(0)).toBe("0");
    expect(formatQuantity(null)).toBe("");
  });

  it("reads what people type, in either digit script", () => {
    expect(parseQuantity("15")).toBe(15000);
    expect(parseQuantity("1,200")).toBe(1200000);
    expect(parseQuantity("12.5")).toBe(12500);
    expect(parseQuantity("๑๒.๕")).toBe(12500);
    expect(parseQuantity("-1")).toBeNull();
    expect(parseQuantity("1.2345")).toBeNull();
    expect(parseQuantity("สิบ")).toBeNull();
    expect(parseQuantity("")).toBeNull();
  });
});
