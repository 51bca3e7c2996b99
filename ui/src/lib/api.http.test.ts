// The browser's door: an operation goes to the office host over HTTPS, with a key that
// stays the same when the user retries after no answer, so nothing is done twice.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { call, inDesktopShell } from "./api";

type Sent = { url: string; headers: Record<string, string>; body: unknown };

let sent: Sent[] = [];
let answers: (() => Promise<Response>)[] = [];

beforeEach(() => {
  delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
  sent = [];
  answers = [];
  vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
    sent.push({ url, headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) });
    const next = answers.shift();
    return next ? next() : Promise.reject(new TypeError("no answer"));
  });
});

afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) => () =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));

describe("call from a browser on the office network", () => {
  it("posts the input to the operation's route with a key", async () => {
    expect(inDesktopShell()).toBe(false);
    answers.push(json(200, [{ id: 1 }]));
    await expect(call("list_divisions")).resolves.toEqual([{ id: 1 }]);
    expect(sent[0].url).toBe("/api/v1/call/list_divisions");
    expect(sent[0].body).toEqual({ input: null });
    expect(sent[0].headers["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("says the host is unreachable, and a retry of the same request reuses its key", async () => {
    const input = { loanId: 7, approve: true, reason: "" };
    await expect(call("decide_loan", { input })).rejects.toMatchObject({ code: "host_unreachable" });
    answers.push(json(200, { id: 7, status: "approved" }));
    await expect(call("decide_loan", { input })).resolves.toMatchObject({ status: "approved" });
    expect(sent[1].headers["Idempotency-Key"]).toBe(sent[0].headers["Idempotency-Key"]);
    // Answered: the next request, even the very same one, is a new one.
    answers.push(json(409, { code: "already_done", message: "done", details: { operation: "decide_loan" } }));
    await expect(call("decide_loan", { input })).rejects.toMatchObject({ code: "already_done" });
    expect(sent[2].headers["Idempotency-Key"]).not.toBe(sent[0].headers["Idempotency-Key"]);
  });

  it("turns the host's refusal into an ApiError with its details", async () => {
    answers.push(json(429, { code: "too_many_attempts", message: "wait", details: { minutes: 4 } }));
    await expect(call("login", { input: { username: "a", password: "b" } })).rejects.toMatchObject({
      code: "too_many_attempts",
      details: { minutes: 4 },
    });
  });
});
