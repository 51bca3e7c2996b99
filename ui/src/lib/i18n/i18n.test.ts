import { describe, expect, it } from "vitest";
import { en } from "./en";
import { locale, setLocale, t } from "./index.svelte";
import { th } from "./th";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n", () => {
  it("has the same keys in Thai and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(th).sort());
  });

  it("uses the same placeholders in both languages", () => {
    for (const key of Object.keys(th) as (keyof typeof th)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(th[key]));
    }
  });

  it("has no empty message", () => {
    for (const [key, value] of [...Object.entries(th), ...Object.entries(en)]) {
      expect(value.trim(), key).not.toBe("");
    }
  });

  it("is Thai by default, fills placeholders, and remembers the switch", async () => {
    expect(locale()).toBe("th");
    expect(t("error.duplicate", { field: "ชื่อ", value: "กองช่าง" })).toBe('ชื่อ "กองช่าง" มีอยู่แล้ว');
    await setLocale("en");
    expect(t("nav.assets")).toBe("Asset register");
    expect(localStorage.getItem("phatsadu.locale")).toBe("en");
    expect(document.documentElement.lang).toBe("en");
    await setLocale("th");
    expect(t("nav.assets")).toBe("ทะเบียนครุภัณฑ์");
  });
});
