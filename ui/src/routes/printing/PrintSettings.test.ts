import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { LabelStock, PrintSettings as Settings } from "$lib/bindings";
import { coreError, fakeBackend, resetApp, sessionWith } from "../../test-support";
import PrintSettings from "./PrintSettings.svelte";

const a4_3x8: LabelStock = {
  preset: "a4-3x8", columns: 3, rows: 8, labelWidthMm: 70, labelHeightMm: 37, marginTopMm: 0.5,
  marginLeftMm: 0, gapXMm: 0, gapYMm: 0, offsetXMm: 0, offsetYMm: 0,
};
const a4_2x7: LabelStock = {
  preset: "a4-2x7", columns: 2, rows: 7, labelWidthMm: 99.1, labelHeightMm: 38.1, marginTopMm: 15.15,
  marginLeftMm: 4.65, gapXMm: 2.5, gapYMm: 0, offsetXMm: 0, offsetYMm: 0,
};

function stored(): Settings {
  const nobody = { name: "", position: "" };
  return {
    thaiDigits: false, department: "", letterPrefix: "", suppliesOfficer: { ...nobody }, headOfSupplies: { ...nobody },
    agencyHead: { ...nobody }, returnWithinDays: 7, labelStock: { ...a4_3x8 },
  };
}

describe("print settings", () => {
  it("fills the sizes from a preset, keeps the offsets, and saves what was typed", async () => {
    const backend = fakeBackend({
      get_print_settings: () => ({ ...stored(), labelStock: { ...a4_3x8, offsetXMm: 1.5 } }),
      label_presets: () => [a4_3x8, a4_2x7],
      update_print_settings: (args) => args.input,
    });
    resetApp(sessionWith(["view_register", "manage_register"]));
    const user = userEvent.setup();
    render(PrintSettings);
    await user.selectOptions(await screen.findByTestId("label-preset"), "a4-2x7");
    expect(screen.getByTestId("label-width")).toHaveValue("99.1");
    expect(screen.getByTestId("label-offset-x")).toHaveValue("1.5");
    await user.click(screen.getByTestId("print-thai-digits"));
    await user.type(screen.getByTestId("print-supplies-officer-name"), "นางสาวพิมพ์ชนก แก้วมูล");
    await user.clear(screen.getByTestId("label-offset-y"));
    await user.type(screen.getByTestId("label-offset-y"), "-1,5");
    await user.click(screen.getByTestId("print-settings-save"));
    const sent = backend.calls.find((c) => c.cmd === "update_print_settings")?.args.input as Settings;
    expect(sent.thaiDigits).toBe(true);
    expect(sent.suppliesOfficer.name).toBe("นางสาวพิมพ์ชนก แก้วมูล");
    expect(sent.labelStock).toEqual({ ...a4_2x7, offsetXMm: 1.5, offsetYMm: -1.5 });
    expect(await screen.findByTestId("notice")).toHaveTextContent("บันทึกการตั้งค่าแล้ว");
  });

  it("shows the core's refusal in Thai under the field it names", async () => {
    fakeBackend({
      get_print_settings: stored,
      label_presets: () => [a4_3x8],
      update_print_settings: () => coreError("invalid_value", { field: "labelStock.offsetXMm", reason: "labels would run off the sheet" }),
    });
    resetApp(sessionWith(["view_register", "manage_register"]));
    const user = userEvent.setup();
    render(PrintSettings);
    await user.clear(await screen.findByTestId("label-offset-x"));
    await user.type(screen.getByTestId("label-offset-x"), "30");
    await user.click(screen.getByTestId("print-settings-save"));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("เลื่อนแนวนอนมากเกินไป ป้ายจะล้นขอบซ้ายหรือขวาของกระดาษ A4");
    expect(screen.getByTestId("label-offset-x")).toHaveAttribute("aria-invalid", "true");
  });

  it("refuses a size that is not a number without asking the core", async () => {
    const backend = fakeBackend({ get_print_settings: stored, label_presets: () => [a4_3x8], update_print_settings: (args) => args.input });
    resetApp(sessionWith(["view_register", "manage_register"]));
    const user = userEvent.setup();
    render(PrintSettings);
    await user.clear(await screen.findByTestId("label-columns"));
    await user.type(screen.getByTestId("label-columns"), "สาม");
    await user.click(screen.getByTestId("print-settings-save"));
    expect(await screen.findByRole("alert")).toHaveTextContent("จำนวนดวงตามแนวนอนต้องเป็นตัวเลข");
    expect(backend.calls.some((c) => c.cmd === "update_print_settings")).toBe(false);
  });

  it("prints the calibration page of the stock as typed and opens it", async () => {
    const backend = fakeBackend({
      get_print_settings: stored,
      label_presets: () => [a4_3x8],
      print_label_calibration: () => ({ path: "/home/pim/Documents/Phatsadu/หน้าทดสอบป้าย.pdf", rows: 0 }),
      open_path: () => null,
    });
    resetApp(sessionWith(["view_register"]));
    const user = userEvent.setup();
    render(PrintSettings);
    expect(await screen.findByTestId("label-offset-x")).toBeDisabled();
    expect(screen.queryByTestId("print-settings-save")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("label-print-calibration"));
    expect(await screen.findByTestId("notice")).toHaveTextContent("/home/pim/Documents/Phatsadu/หน้าทดสอบป้าย.pdf");
    const sent = backend.calls.find((c) => c.cmd === "print_label_calibration")?.args.input as { stock: LabelStock };
    expect(sent.stock).toEqual(a4_3x8);
    await vi.waitFor(() => expect(backend.calls.some((c) => c.cmd === "open_path")).toBe(true));
  });
});
