import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { coreError, fakeBackend, fieldErrorOf, resetApp, sessionWith } from "../../test-support";
import AssetForm from "./AssetForm.svelte";
import { reference } from "./assets.svelte";

function backend(extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  reference.loaded = false;
  return fakeBackend({
    list_categories: () => [{ id: 1, typeCode: "416", name: "คอมพิวเตอร์", usefulLifeYears: 5, active: true }],
    list_divisions: () => [{ id: 2, name: "กองคลัง", shortName: "", active: true }],
    list_locations: () => [],
    list_staff: () => [],
    next_asset_code: () => "416-69-0001",
    ...extra,
  });
}

describe("asset form, checked all at once", () => {
  it("shows the empty name, the category, a bad date and a bad price together, each clearing as fixed", async () => {
    const calls = backend();
    resetApp(sessionWith(["view_register", "manage_register"]));
    const user = userEvent.setup();
    render(AssetForm);
    await user.type(screen.getByTestId("asset-form-date"), "31/02/2569");
    await user.type(screen.getByTestId("asset-form-price"), "สองพัน");
    await user.click(screen.getByTestId("asset-form-save"));
    expect(fieldErrorOf("asset-form-name")).toBe("กรอกชื่อ/รายการ");
    expect(fieldErrorOf("asset-form-category")).toBe("เลือกประเภท");
    expect(fieldErrorOf("asset-form-date")).not.toBeNull();
    expect(fieldErrorOf("asset-form-price")).not.toBeNull();
    expect(calls.calls.some((c) => c.cmd === "create_assets")).toBe(false);
    await user.type(screen.getByTestId("asset-form-name"), "เครื่องคอมพิวเตอร์โน้ตบุ๊ก");
    expect(fieldErrorOf("asset-form-name")).toBeNull();
    expect(fieldErrorOf("asset-form-price")).not.toBeNull();
    await vi.waitFor(() => expect(screen.getAllByRole("option").length).toBeGreaterThan(1));
    await user.selectOptions(screen.getByTestId("asset-form-category"), "416 คอมพิวเตอร์");
    expect(fieldErrorOf("asset-form-category")).toBeNull();
    await user.clear(screen.getByTestId("asset-form-price"));
    await user.type(screen.getByTestId("asset-form-price"), "25,000");
    expect(fieldErrorOf("asset-form-price")).toBeNull();
    expect(screen.getByTestId("form-error")).toHaveTextContent("ยังมี 1 ช่องที่ต้องแก้ไข");
  });

  it("puts the core's refusal on the field it names", async () => {
    backend({ create_assets: () => coreError("duplicate", { field: "serialNo", value: "SN-1" }) });
    resetApp(sessionWith(["view_register", "manage_register"]));
    const user = userEvent.setup();
    render(AssetForm);
    await vi.waitFor(() => expect(screen.getAllByRole("option").length).toBeGreaterThan(1));
    await user.type(screen.getByTestId("asset-form-name"), "โน้ตบุ๊ก");
    await user.selectOptions(screen.getByTestId("asset-form-category"), "416 คอมพิวเตอร์");
    await user.type(screen.getByTestId("asset-form-date"), "01/11/2568");
    await user.type(screen.getByTestId("asset-form-serial"), "SN-1");
    await user.click(screen.getByTestId("asset-form-save"));
    await vi.waitFor(() => expect(fieldErrorOf("asset-form-serial")).not.toBeNull());
    await user.type(screen.getByTestId("asset-form-serial"), "2");
    expect(fieldErrorOf("asset-form-serial")).toBeNull();
  });
});
