// Printing: a print command saves a PDF in the remembered folder (as exports do); the
// file is then opened with the system's viewer so the user prints it from there.
import type { SavedFile } from "./bindings";
import { commands } from "./bindings/commands";
import { exportFolder } from "./files";
import { t } from "./i18n/index.svelte";

/**
 * Runs a print command into the remembered folder, opens the PDF, and returns where it
 * was saved with the sentence saying so. Rejects with the command's `ApiError`.
 */
export async function printAndOpen(
  run: (folder: string | null) => Promise<SavedFile>,
): Promise<{ path: string; message: string }> {
  const saved = await run(exportFolder());
  try {
    await commands.openPath(saved.path);
  } catch {
    // No PDF viewer answered: the file is saved all the same, and the sentence says where.
  }
  return { path: saved.path, message: t("print.saved", { path: saved.path }) };
}
