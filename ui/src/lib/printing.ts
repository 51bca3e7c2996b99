// Printing: a print command saves a PDF in the remembered folder (as exports do); the
// file is then opened with the system's viewer so the user prints it from there.
import { inDesktopShell } from "./api";
import type { SavedFile } from "./bindings";
import { commands } from "./bindings/commands";
import { exportFolder } from "./files";
import { t } from "./i18n/index.svelte";

/** A printed file: where it was saved, whether the system opened it, and the sentence saying exactly that. */
export interface Printed {
  path: string;
  opened: boolean;
  message: string;
}

/**
 * Runs a print command into the remembered folder, asks the system to open the PDF, and
 * says what happened: saved and opened, or saved but not opened (no viewer answered).
 * Rejects with the command's `ApiError` when nothing was saved.
 */
export async function printAndOpen(run: (folder: string | null) => Promise<SavedFile>): Promise<Printed> {
  const saved = await run(exportFolder());
  if (!inDesktopShell()) {
    // On a network client the PDF was downloaded as it arrived (see `api.ts`).
    return { path: saved.path, opened: true, message: t("print.downloaded", { name: saved.path }) };
  }
  let opened = true;
  try {
    await commands.openPath(saved.path);
  } catch {
    // The file is saved all the same: the sentence says so, and that it was not opened.
    opened = false;
  }
  return {
    path: saved.path,
    opened,
    message: t(opened ? "print.saved" : "print.savedNotOpened", { path: saved.path }),
  };
}

/** The folder holding `path` (either separator). */
export function folderOf(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")));
}
