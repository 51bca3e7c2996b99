import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { CheckRound } from "$lib/bindings";
import { coreError, fakeBackend, fieldErrorOf, resetApp, sessionWith } from "../../test-support";
import { reference } from "../assets/assets.svelte";
import RoundDetail from "./RoundDetail.svelte";
import RoundForm from "./RoundForm.svelte";
import { closeBlocker, openBlocker } from "./roundSteps";

function references(extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  reference.loaded = false;
  return fakeBackend({
    list_categories: () => [],
    list_divisions: () => [{ id: 2, name: "กองช่าง", shortName: "", active: true }],
    list_locations: () => [],
    list_staff: () => [{ id: 7, fullName: "นายสมชาย ใจดี", divisionId: 2, active: true }],
    ...extra,
  });
}

describe("check round form, checked all at once", () => {
  it("shows the empty name, a bad date and no checker together; each clears as fixed", async () => {
    const calls = references();
    resetApp(sessionWith(["view_register", "manage_checks"]));
    const user = userEvent.setup();
    render(RoundForm);
    await vi.waitFor(() => expect(screen.getAllByTestId("round-member")).toHaveLength(1));
    await user.clear(screen.getByTestId("round-name"));
    await user.clear(screen.getByTestId("round-starts"));
    await user.type(screen.getByTestId("round-starts"), "32/13/2569");
    await user.click(screen.getByTestId("round-save"));
    expect(fieldErrorOf("round-name")).not.toBeNull();
    expect(fieldErrorOf("round-starts")).not.toBeNull();
    expect(screen.getByTestId("round-members-error")).toBeInTheDocument();
    expect(screen.getByTestId("form-error")).toHaveTextContent("ยังมี 3 ช่องที่ต้องแก้ไข");
    expect(calls.calls.some((c) => c.cmd === "create_round")).toBe(false);
    await user.type(screen.getByTestId("round-name"), "ตรวจนับกองช่าง ไตรมาส 1");
    expect(fieldErrorOf("round-name")).toBeNull();
    await user.selectOptions(screen.getByTestId("round-member"), "นายสมชาย ใจดี");
    expect(screen.queryByTestId("round-members-error")).not.toBeInTheDocument();
    expect(fieldErrorOf("round-starts")).not.toBeNull();
  });

  it("shows an officer on the committee as the committee's problem", async () => {
    references({ create_round: () => coreError("committee_includes_officer", { name: "นายสมชาย ใจดี" }) });
    resetApp(sessionWith(["view_register", "manage_checks"]));
    const user = userEvent.setup();
    render(RoundForm);
    await vi.waitFor(() => expect(screen.getAllByTestId("round-member")).toHaveLength(1));
    await user.type(screen.getByTestId("round-name"), "ตรวจนับ");
    await user.selectOptions(screen.getByTestId("round-member"), "นายสมชาย ใจดี");
    await user.click(screen.getByTestId("round-save"));
    await vi.waitFor(() => expect(screen.getByTestId("round-members-error")).toBeInTheDocument());
  });
});

describe("check round steps", () => {
  it("says why a round cannot be opened or closed yet", () => {
    expect(openBlocker({ status: "draft", asOf: "2026-12-31", members: [] }, "2026-11-25")).toBe("เปิดตรวจนับได้ตั้งแต่ 31 ธันวาคม 2569 (วันที่ตรวจนับยอด)");
    expect(openBlocker({ status: "draft", asOf: "2026-11-25", members: [] }, "2026-11-25")).toBe("เพิ่มผู้ตรวจนับในรอบนี้ก่อนเปิด");
    expect(openBlocker({ status: "draft", asOf: "2026-11-01", members: [{} as CheckRound["members"][number]] }, "2026-11-25")).toBeNull();
    expect(closeBlocker(3, false)).toBe("ยังไม่ได้นับ 3 รายการ: นับให้ครบ หรือทำเครื่องหมายว่ารายการที่เหลือไม่พบ");
    expect(closeBlocker(3, true)).toBeNull();
  });

  it("shows opening disabled, with its reason, before the as-of date", async () => {
    const round = {
      id: 4, name: "ตรวจนับสิ้นปี", kind: "periodic", status: "draft", fiscalYear: 2570, asOf: "2026-12-31", startsOn: "2026-12-31",
      endsOn: "2027-01-05", reportDueOn: null, periodFrom: null, periodTo: null, orderNo: "", orderDate: null, orderSigner: "",
      orderOutOfTime: false, officerId: null, officerName: null, notes: "", scope: [], members: [{ personId: 7, name: "นายสมชาย ใจดี", role: "checker" }],
      progress: { expected: 0, counted: 0 }, createdAt: "", createdByName: null, openedAt: null, closedAt: null, closedAs: null,
      restNotFound: false, myRole: null, canCount: false, canClose: false, scopeInput: { divisionIds: [], locationIds: [], categoryIds: [] },
    } as unknown as CheckRound;
    fakeBackend({ check_round: () => round, default_folder: () => "/tmp" });
    resetApp(sessionWith(["view_register", "manage_checks"]));
    render(RoundDetail, { id: 4 });
    expect(await screen.findByTestId("round-open-count")).toBeDisabled();
    expect(screen.getByTestId("round-open-reason")).toHaveTextContent("เปิดตรวจนับได้ตั้งแต่ 31 ธันวาคม 2569");
  });
});
