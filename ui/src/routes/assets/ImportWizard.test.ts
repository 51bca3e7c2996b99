import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { DryRun, ImportReport, Inspection, RowVerdict } from "$lib/bindings";
import { fakeBackend, resetApp, sessionWith } from "../../test-support";
import ImportWizard from "./ImportWizard.svelte";

const inspection: Inspection = {
  fileName: "ทะเบียน.xlsx",
  format: "xlsx",
  sheets: [
    {
      name: "กองการศึกษา",
      headerRow: 4,
      headers: ["หมายเลขครุภัณฑ์", "รายการ"],
      mapping: ["code", "name"],
      remembered: false,
      division: { sheet: "กองการศึกษา", division: "กองการศึกษา", from: "title_row", candidates: [] },
      dataRows: 14,
      preview: [],
    },
  ],
};

function row(row: number, status: RowVerdict["status"], code = "", value = ""): RowVerdict {
  const issue = { severity: status === "error" ? "error" : "warning", code, field: null, value, detail: "", message: code } as const;
  return { sheet: "กองการศึกษา", row, status, issues: code ? [issue] : [], asset: null };
}

// Nine rows imported (one of them a range of three codes, so eleven items), all with a
// warning: "ready" alone would say 0. Two rows refused, a sub-heading and a blank skipped.
const dry: DryRun = {
  rows: [
    row(5, "skipped", "heading", "ครุภัณฑ์สำนักงาน"),
    ...Array.from({ length: 9 }, (_, i) => row(6 + i, "warning", "status_from_notes", "ชำรุด")),
    row(15, "error", "bad_date", "31/02/2567"),
    row(16, "error", "negative_price", "-350"),
    row(17, "skipped", "blank"),
  ],
  ready: 0,
  warnings: 9,
  errors: 2,
  skipped: 2,
  importable: 9,
  items: 11,
  newCategories: [],
  newDivisions: [],
  newLocations: [],
  newPeople: [],
  sheets: [{ sheet: "กองการศึกษา", division: "กองการศึกษา", from: "title_row", candidates: [] }],
};

const codes = Array.from({ length: 11 }, (_, i) => `401-65-${String(501 + i).padStart(4, "0")}`);
const report: ImportReport = {
  batchId: 3,
  items: 11,
  rows: 9,
  rowsLeftOut: 2,
  created: [],
  codes,
  refused: {
    fileName: "ทะเบียน.xlsx",
    sheets: [
      {
        name: "กองการศึกษา",
        headerRows: [[{ kind: "text", value: "หมายเลขครุภัณฑ์" }]],
        rows: [{ row: 15, cells: [{ kind: "text", value: "401-65-0600" }], issues: [dry.rows[10].issues[0]], reason: "bad date" }],
      },
    ],
  },
};

function backend() {
  return fakeBackend({
    import_inspect: () => inspection,
    import_dry_run: () => dry,
    import_commit: () => report,
    undo_import: () => 11,
    save_refused_rows: () => ({ path: "/home/u/Phatsadu/แถวที่ไม่นำเข้า-ทะเบียน.xlsx", rows: 1 }),
    list_categories: () => [],
    list_divisions: () => [],
    list_locations: () => [],
    list_staff: () => [],
  });
}

async function toTheDryRun() {
  const fake = backend();
  resetApp(sessionWith(["view_register", "manage_register"]));
  const user = userEvent.setup();
  render(ImportWizard);
  await user.upload(screen.getByTestId("import-file"), new File(["PK"], "ทะเบียน.xlsx"));
  await user.click(await screen.findByTestId("import-check"));
  await screen.findByTestId("import-summary");
  return { fake, user };
}

describe("import wizard", () => {
  it("says one number of rows in the summary and on the button", async () => {
    await toTheDryRun();
    expect(screen.getByTestId("import-summary")).toHaveTextContent("นำเข้าได้ 9 แถว (11 รายการ)");
    expect(screen.getByTestId("import-commit-valid")).toHaveTextContent("นำเข้าเฉพาะแถวที่ถูกต้อง (9 แถว, 11 รายการ)");
  });

  it("shows only rows with problems, not the skipped ones, until asked for all", async () => {
    const { user } = await toTheDryRun();
    expect(screen.getAllByTestId("import-row")).toHaveLength(11);
    expect(screen.queryByText("หัวข้อประเภท (ครุภัณฑ์สำนักงาน)")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("import-show-all"));
    expect(screen.getAllByTestId("import-row")).toHaveLength(13);
    expect(screen.getByText("หัวข้อประเภท (ครุภัณฑ์สำนักงาน)")).toBeInTheDocument();
  });

  it("asks with the counts before importing, and cancelling writes nothing", async () => {
    const { fake, user } = await toTheDryRun();
    await user.click(screen.getByTestId("import-commit-valid"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("import-confirm-items")).toHaveTextContent("นำเข้า 11 รายการ");
    expect(dialog).toHaveTextContent("จาก 9 แถวของไฟล์ ทะเบียน.xlsx");
    expect(dialog).toHaveTextContent("ไม่นำเข้า 2 แถวที่ผิดพลาด");
    await user.click(within(dialog).getByTestId("import-confirm-cancel"));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    // Escape is a way back too.
    await user.click(screen.getByTestId("import-commit-valid"));
    await screen.findByRole("dialog");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(fake.calls.some((c) => c.cmd === "import_commit")).toBe(false);
  });

  it("imports on yes, lists the new codes, saves the refused rows and asks before undoing", async () => {
    const { fake, user } = await toTheDryRun();
    await user.click(screen.getByTestId("import-commit-valid"));
    await user.click(await screen.findByTestId("import-confirm-yes"));
    const commit = fake.calls.find((c) => c.cmd === "import_commit");
    expect((commit?.args.input as { onlyValidRows: boolean }).onlyValidRows).toBe(true);
    expect(await screen.findByTestId("import-report")).toHaveTextContent("นำเข้าแล้ว 11 รายการ จาก 9 แถว");
    expect(screen.getByTestId("import-codes")).toHaveTextContent("รหัสใหม่ 401-65-0501 ถึง 401-65-0511 (11 รายการ)");
    expect(screen.queryByTestId("import-codes-all")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("import-codes-toggle"));
    expect(screen.getByTestId("import-codes-all")).toHaveTextContent("401-65-0505");

    await user.click(screen.getByTestId("import-save-refused"));
    const save = fake.calls.find((c) => c.cmd === "save_refused_rows");
    const refused = (save?.args.input as { refused: ImportReport["refused"] }).refused;
    expect(refused.sheets[0].rows[0].reason).toBe('อ่านวันที่ "31/02/2567" ไม่ได้');
    expect(await screen.findByTestId("import-refused-saved")).toHaveTextContent("แถวที่ไม่นำเข้า-ทะเบียน.xlsx");

    await user.click(screen.getByTestId("import-undo"));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("ลบ 11 รายการที่นำเข้า");
    await user.click(within(dialog).getByTestId("import-undo-confirm-cancel"));
    expect(fake.calls.some((c) => c.cmd === "undo_import")).toBe(false);
    await user.click(screen.getByTestId("import-undo"));
    await user.click(await screen.findByTestId("import-undo-confirm-yes"));
    await vi.waitFor(() => expect(screen.getByTestId("import-undone")).toHaveTextContent("ลบ 11 รายการ"));
    expect(fake.calls.filter((c) => c.cmd === "undo_import")).toHaveLength(1);
  });
});
