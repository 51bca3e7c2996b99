// The one door to the Rust side. Every command rejects with `{ code, message, details }`;
// `call` turns that into an `ApiError` the screens can show in Thai.
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

/** Calls a command; resolves with its result or rejects with an `ApiError`. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    const error = toApiError(raw);
    if (SESSION_LOST.has(error.code)) {
      for (const listener of sessionLostListeners) listener(error);
    }
    throw error;
  }
}
