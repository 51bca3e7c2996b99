import { describe, expect, it } from "vitest";
import { call, onSessionLost } from "./api";
import { coreError, fakeBackend } from "../test-support";

describe("call", () => {
  it("resolves with the command's result", async () => {
    fakeBackend({ list_divisions: () => [{ id: 1 }] });
    await expect(call("list_divisions")).resolves.toEqual([{ id: 1 }]);
  });

  it("rejects with an ApiError carrying code and details", async () => {
    fakeBackend({ create_division: () => coreError("duplicate", { field: "name", value: "ก" }) });
    await expect(call("create_division", { input: {} })).rejects.toMatchObject({
      name: "ApiError",
      code: "duplicate",
      field: "name",
      details: { value: "ก" },
    });
  });

  it("tells listeners when the session has ended", async () => {
    fakeBackend({ list_divisions: () => coreError("session_expired") });
    const seen: string[] = [];
    const stop = onSessionLost((e) => seen.push(e.code));
    await expect(call("list_divisions")).rejects.toBeTruthy();
    stop();
    expect(seen).toEqual(["session_expired"]);
  });
});
