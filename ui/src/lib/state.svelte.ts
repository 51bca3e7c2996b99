// What the whole UI shares: the start status, the session, the page shown, and the idle
// timer. The core is the judge of every permission; `can` only decides what to show.
import { onSessionLost } from "./api";
import type { AppStatus, Permission, SessionInfo } from "./bindings";
import { commands } from "./bindings/commands";
import type { MessageKey } from "./i18n/index.svelte";

export type Page = "home" | "assets" | "materials" | "loans" | "checks" | "disposal" | "reports" | "settings";
export type SettingsPage = "organisation" | "divisions" | "categories" | "search" | "staff" | "users" | "audit" | "borrowing" | "printing" | "network" | "backup" | "password";

export const app = $state({
  status: null as AppStatus | null,
  session: null as SessionInfo | null,
  page: "home" as Page,
  /** The settings page asked for; `null` opens the first one the user may see. */
  settingsPage: null as SettingsPage | null,
  /** A message for the login screen (why the user is there). */
  notice: null as MessageKey | null,
});

/** Whether the logged-in user's roles allow `permission` (for showing, not enforcing). */
export function can(permission: Permission): boolean {
  return app.session?.permissions.includes(permission) ?? false;
}

/** The status the program handed the page at start (or public/first-call.js asked for), taken once. */
function firstStatus(): Promise<AppStatus> | null {
  const page = window as { __phatsaduFirstStatus?: Promise<AppStatus> };
  const asked = page.__phatsaduFirstStatus ?? null;
  delete page.__phatsaduFirstStatus;
  return asked;
}

/** Asks the core which screen to show. */
export async function loadStatus(): Promise<void> {
  const asked = firstStatus();
  // A failure of the early call is asked again the usual way, for its error in Thai.
  app.status = asked ? await asked.catch(() => commands.appStatus()) : await commands.appStatus();
  app.session = app.status.session;
}

/** Starts using a session just granted by login or setup. */
export function enter(session: SessionInfo): void {
  app.session = session;
  app.notice = null;
  if (session.mustChangePassword) {
    app.page = "settings";
    app.settingsPage = "password";
  } else {
    app.page = "home";
  }
  resetIdleTimer();
}

/** Logs out (recorded in the audit log) and shows the login screen with `notice`. */
export async function leave(notice: MessageKey | null = "login.loggedOut"): Promise<void> {
  try {
    await commands.logout();
  } finally {
    app.session = null;
    app.notice = notice;
    app.page = "home";
    stopIdleTimer();
  }
  await loadStatus();
}

// The core ends idle sessions on the next call; the UI also leaves on its own so an
// unattended screen does not keep showing data.
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function stopIdleTimer(): void {
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  idleTimer = undefined;
}

/** Restarts the idle countdown (called on every mouse or keyboard action). */
export function resetIdleTimer(): void {
  stopIdleTimer();
  const minutes = app.session?.idleTimeoutMinutes;
  if (!minutes) return;
  idleTimer = setTimeout(() => {
    void leave("login.expired");
  }, minutes * 60_000);
}

onSessionLost((error) => {
  if (!app.session) return;
  app.session = null;
  app.page = "home";
  app.notice = error.code === "session_expired" ? "login.expired" : null;
  stopIdleTimer();
});
