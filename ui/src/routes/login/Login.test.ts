import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { app } from "$lib/state.svelte";
import { coreError, fakeBackend, resetApp, sessionWith } from "../../test-support";
import Login from "./Login.svelte";

describe("login", () => {
  beforeEach(() => resetApp());

  async function attempt(password: string) {
    const user = userEvent.setup();
    render(Login);
    await user.type(screen.getByTestId("login-username"), "admin");
    await user.type(screen.getByTestId("login-password"), password);
    await user.click(screen.getByTestId("login-submit"));
  }

  it("shows the Thai error for a wrong password and clears the field", async () => {
    fakeBackend({ login: () => coreError("invalid_credentials") });
    await attempt("wrong");
    expect(await screen.findByTestId("login-error")).toHaveTextContent("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
    expect(screen.getByTestId("login-password")).toHaveValue("");
    expect(app.session).toBeNull();
  });

  it("says until when a locked account waits", async () => {
    fakeBackend({ login: () => coreError("account_locked", { until: "2026-11-25T03:05:00.000Z" }) });
    await attempt("wrong");
    const error = await screen.findByTestId("login-error");
    expect(error).toHaveTextContent("บัญชีถูกระงับชั่วคราว");
    expect(error).toHaveTextContent("10:05");
  });

  it("says how many wrong passwords lock the account, and for how long, as the core counts", async () => {
    fakeBackend({});
    app.status = { ...app.status!, lockoutAttempts: 5, lockoutMinutes: 5 };
    render(Login);
    expect(screen.getByTestId("login-lock-rule")).toHaveTextContent("ใส่รหัสผ่านผิด 5 ครั้งติดกัน บัญชีจะถูกระงับ 5 นาที");
  });

  it("enters the app, sending the user to change a temporary password first", async () => {
    fakeBackend({ login: () => ({ ...sessionWith([]), mustChangePassword: true }) });
    await attempt("temporary");
    await vi.waitFor(() => expect(app.session).not.toBeNull());
    expect(app.page).toBe("settings");
    expect(app.settingsPage).toBe("password");
  });
});
