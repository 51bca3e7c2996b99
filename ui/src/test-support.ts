// Helpers for component tests: a fake Rust side answering IPC calls.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { SessionInfo } from "$lib/bindings";
import { app } from "$lib/state.svelte";

export type Handler = (args: Record<string, unknown>) => unknown;

/** Answers each command with its handler; records every call. Unknown commands fail loudly. */
export function fakeBackend(handlers: Record<string, Handler>): { calls: { cmd: string; args: Record<string, unknown> }[] } {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((raw, rawArgs) => {
    // Operations arrive through the one `call` command; the fake answers them by name.
    let cmd = raw;
    let payload = (rawArgs ?? {}) as Record<string, unknown>;
    if (raw === "call") {
      cmd = String(payload.operation);
      payload = payload.input === undefined ? {} : { input: payload.input };
    }
    calls.push({ cmd, args: payload });
    const handler = handlers[cmd];
    if (!handler) throw { code: "internal", message: `no fake for ${cmd}`, details: {} };
    return handler(payload);
  });
  return { calls };
}

/** An error as the shell sends it. */
export function coreError(code: string, details: Record<string, unknown> = {}): never {
  throw { code, message: code, details };
}

/** A session holding `permissions`. */
export function sessionWith(permissions: SessionInfo["permissions"]): SessionInfo {
  return {
    userId: 1,
    username: "tester",
    fullName: "ผู้ทดสอบ",
    personId: 7,
    roles: [{ role: "viewer", divisionId: null }],
    permissions,
    mustChangePassword: false,
    idleTimeoutMinutes: 30,
    loggedInAt: "2026-11-25T02:00:00.000Z",
  };
}

/** Puts the shared app state into a known shape. */
export function resetApp(session: SessionInfo | null = null): void {
  app.status = {
    needsSetup: false,
    organisationName: "องค์การบริหารส่วนตำบลแม่กรณ์",
    dataFile: "/tmp/phatsadu.sqlite",
    version: "0.1.0",
    today: "2026-11-25",
    session,
    startupError: null,
    lockoutAttempts: 5,
    lockoutMinutes: 5,
  };
  app.session = session;
  app.page = "home";
  app.settingsPage = "password";
  app.notice = null;
}

/**
 * The error line shown for the control with `testid` (through its aria-describedby), or
 * null when the control is not marked invalid.
 */
export function fieldErrorOf(testid: string): string | null {
  const control = document.querySelector(`[data-testid="${testid}"]`);
  if (!control || control.getAttribute("aria-invalid") !== "true") return null;
  const id = control.getAttribute("aria-describedby");
  return (id && document.getElementById(id)?.textContent?.trim()) || null;
}
