// The one door to the Rust side. Every operation rejects with `{ code, message, details }`;
// `call` turns that into an `ApiError` the screens can show in Thai.
//
// In the desktop window an operation goes through the shell's single IPC command `call`
// (the shell runs it, or forwards it to the office host); in a browser opened on the host
// it goes to the same list over HTTPS. Screens do not know which.
import { invoke } from "@tauri-apps/api/core";

/** An error from the core, with its stable code and the facts for the message. */
export class ApiError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.details = details;
  }

  /** The input field the error is about (e.g. "name", "admin.password"), if any. */
  get field(): string | undefined {
    const field = this.details.field;
    return typeof field === "string" ? field : undefined;
  }
}

/** Codes meaning "you are no longer logged in": the app goes back to the login screen. */
const SESSION_LOST = new Set(["session_expired", "not_logged_in", "account_disabled"]);

type SessionLostListener = (error: ApiError) => void;
const sessionLostListeners = new Set<SessionLostListener>();

/** Registers a listener for calls that fail because the session ended; returns an unsubscribe. */
export function onSessionLost(listener: SessionLostListener): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

/** Turns whatever a rejected invoke gave into an `ApiError`. */
export function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (raw && typeof raw === "object" && "code" in raw && typeof raw.code === "string") {
    const message = "message" in raw && typeof raw.message === "string" ? raw.message : raw.code;
    const details =
      "details" in raw && raw.details && typeof raw.details === "object"
        ? (raw.details as Record<string, unknown>)
        : {};
    return new ApiError(raw.code, message, details);
  }
  return new ApiError("internal", typeof raw === "string" ? raw : String(raw));
}

/** Whether this page runs inside the desktop shell (else: a browser on the office host). */
export function inDesktopShell(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

/**
 * Idempotency keys of calls that got no answer (the host unreachable), by operation and
 * input. When the user asks again for the very same thing, the key is reused, so that if
 * the first attempt did reach the host it is not done twice; any answer forgets the key.
 */
const unanswered = new Map<string, string>();

function idempotencyKey(command: string, input: unknown): { key: string; slot: string } {
  const slot = `${command}\u0000${JSON.stringify(input ?? null)}`;
  let key = unanswered.get(slot);
  if (!key) {
    key = crypto.randomUUID();
    unanswered.set(slot, key);
  }
  return { key, slot };
}

/** Calls the operation over HTTPS on the office host this page was loaded from. */
async function callHost<T>(command: string, input: unknown, key: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/call/${encodeURIComponent(command)}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Idempotency-Key": key },
      body: JSON.stringify({ input: input ?? null }),
    });
  } catch {
    throw new ApiError("host_unreachable", "the office host did not answer");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(body ?? `HTTP ${response.status}`);
  downloadProduced(body);
  return body as T;
}

/**
 * A printout or export made on the host comes back as a link (a `SavedFile` with `url`);
 * the browser downloads it at once, as the desktop would have saved it into the folder.
 */
function downloadProduced(body: unknown): void {
  const files = Array.isArray(body) ? body : [body];
  for (const file of files) {
    if (!file || typeof file !== "object" || !("url" in file)) continue;
    const url = (file as { url: unknown }).url;
    if (typeof url !== "string" || !url.startsWith("/api/v1/files/")) continue;
    const link = document.createElement("a");
    link.href = url;
    link.download = String((file as { path?: unknown }).path ?? "");
    link.rel = "noopener";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
}

/** Calls an operation; resolves with its result or rejects with an `ApiError`. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  const input = args?.input ?? null;
  const { key, slot } = idempotencyKey(command, input);
  try {
    // The desktop shell forwards the key when this PC works on the office host.
    const result = inDesktopShell()
      ? await invoke<T>("call", { operation: command, input, key })
      : await callHost<T>(command, input, key);
    unanswered.delete(slot);
    return result;
  } catch (raw) {
    const error = toApiError(raw);
    // No answer: the same request asked again keeps its key. Any answer ends it.
    if (error.code !== "host_unreachable") unanswered.delete(slot);
    if (SESSION_LOST.has(error.code)) {
      for (const listener of sessionLostListeners) listener(error);
    }
    throw error;
  }
}
