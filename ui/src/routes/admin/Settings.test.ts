import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { fakeBackend, resetApp, sessionWith } from "../../test-support";
import Settings from "./Settings.svelte";

describe("settings navigation", () => {
  it("offers a viewer only what their roles allow", () => {
    fakeBackend({ list_divisions: () => [], list_staff: () => [] });
    resetApp(sessionWith(["view_register"]));
    render(Settings);
    expect(screen.getByTestId("settings-divisions")).toBeInTheDocument();
    expect(screen.getByTestId("settings-staff")).toBeInTheDocument();
    expect(screen.getByTestId("settings-password")).toBeInTheDocument();
    expect(screen.getByTestId("settings-printing")).toBeInTheDocument();
    expect(screen.queryByTestId("settings-users")).not.toBeInTheDocument();
    expect(screen.queryByTestId("settings-audit")).not.toBeInTheDocument();
    expect(screen.queryByTestId("settings-organisation")).not.toBeInTheDocument();
  });

  it("offers an administrator everything", () => {
    fakeBackend({ get_organisation: () => ({}), get_settings: () => ({ idleTimeoutMinutes: 30 }) });
    resetApp(sessionWith(["view_register", "manage_divisions", "manage_staff", "manage_organisation", "manage_users", "view_audit_log"]));
    render(Settings);
    for (const page of ["organisation", "divisions", "staff", "users", "audit", "password"]) {
      expect(screen.getByTestId(`settings-${page}`)).toBeInTheDocument();
    }
  });
});
