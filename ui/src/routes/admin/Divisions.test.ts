import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Division } from "$lib/bindings";
import { coreError, fakeBackend, resetApp, sessionWith } from "../../test-support";
import Divisions from "./Divisions.svelte";

function division(id: number, name: string): Division {
  return { id, name, shortName: "", active: true, locationCount: 0, staffCount: 0 };
}

describe("divisions", () => {
  it("adds a division and lists it", async () => {
    const stored: Division[] = [division(1, "สำนักปลัด")];
    const backend = fakeBackend({
      list_divisions: () => stored,
      list_locations: () => [],
      create_division: (args) => {
        const input = args.input as { name: string };
        const created = division(2, input.name.trim());
        stored.push(created);
        return created;
      },
    });
    resetApp(sessionWith(["view_register", "manage_divisions"]));
    const user = userEvent.setup();
    render(Divisions);
    await user.type(await screen.findByTestId("division-new-name"), "กองช่าง");
    await user.type(screen.getByTestId("division-new-short"), "กช.");
    await user.click(screen.getByTestId("division-add"));
    expect(backend.calls.find((c) => c.cmd === "create_division")?.args.input).toEqual({ name: "กองช่าง", shortName: "กช." });
    await vi.waitFor(() => expect(screen.getAllByTestId("division-row")).toHaveLength(2));
    expect(screen.getAllByTestId("division-row")[1]).toHaveTextContent("กองช่าง");
  });

  it("shows the duplicate error naming the value", async () => {
    fakeBackend({
      list_divisions: () => [division(1, "กองช่าง")],
      create_division: () => coreError("duplicate", { field: "name", value: "กองช่าง" }),
    });
    resetApp(sessionWith(["view_register", "manage_divisions"]));
    const user = userEvent.setup();
    render(Divisions);
    await user.type(await screen.findByTestId("division-new-name"), " กองช่าง ");
    await user.click(screen.getByTestId("division-add"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent('ชื่อ "กองช่าง" มีอยู่แล้ว');
  });

  it("hides the add form from people who may only look", async () => {
    fakeBackend({ list_divisions: () => [division(1, "กองคลัง")] });
    resetApp(sessionWith(["view_register"]));
    render(Divisions);
    expect(await screen.findByText("กองคลัง")).toBeInTheDocument();
    expect(screen.queryByTestId("division-add")).not.toBeInTheDocument();
  });
});
