// Where saved files (exports, printed forms) go: a folder the user chose once, remembered
// on this computer; empty means the program's default (Documents/Phatsadu).
const KEY = "phatsadu.exportFolder";

export function exportFolder(): string | null {
  try {
    return localStorage.getItem(KEY) || null;
  } catch {
    return null;
  }
}

export function setExportFolder(folder: string | null): void {
  try {
    if (folder && folder.trim()) localStorage.setItem(KEY, folder.trim());
    else localStorage.removeItem(KEY);
  } catch {
    // Storage unavailable: the default folder is used.
  }
}
