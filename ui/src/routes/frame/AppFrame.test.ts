import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { app } from "$lib/state.svelte";
import { fakeBackend, resetApp, sessionWith } from "../../test-support";
import AppFrame from "./AppFrame.svelte";

describe("a password that must be changed", () => {
  it("is changed before anything else: no menu, only the change-password screen, until it is", async () => {
    const session = { ...sessionWith(["view_register"]), mustChangePassword: true };
    const backend = fakeBackend({
      dashboard: () => null,
      change_password: () => null,
      app_status: () => ({ ...app.status!, session: { ...session, mustChangePassword: false } }),
    });
    resetApp(session);
    app.page = "settings";
    const user = userEvent.setup();
    render(AppFrame);
    expect(screen.getByTestId("forced-password")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-home")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-assets")).not.toBeInTheDocument();
    expect(screen.getByTestId("logout")).toBeInTheDocument();
    await user.type(screen.getByTestId("password-current"), "demo1234");
    await user.type(screen.getByTestId("password-new"), "my-own-pass-2569");
    await user.type(screen.getByTestId("password-confirm"), "my-own-pass-2569");
    await user.click(screen.getByTestId("password-save"));
    expect(backend.calls.find((c) => c.cmd === "change_password")?.args.input).toEqual({ currentPassword: "demo1234", newPassword: "my-own-pass-2569" });
    await vi.waitFor(() => expect(screen.queryByTestId("forced-password")).not.toBeInTheDocument());
    expect(screen.getByTestId("nav-home")).toBeInTheDocument();
  });
});
