import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { coreError, fakeBackend, fieldErrorOf, resetApp, sessionWith } from "../../test-support";
import Categories from "./Categories.svelte";
import Staff from "./Staff.svelte";
import Users from "./Users.svelte";

describe("account form, checked all at once", () => {
  it("shows the user name, display name, password and roles together; each clears as fixed", async () => {
    const backend = fakeBackend({
      list_users: () => [],
      list_divisions: () => [{ id: 2, name: "กองช่าง", shortName: "", active: true, locationCount: 0, staffCount: 0 }],
      list_staff: () => [],
    });
    resetApp(sessionWith(["view_register", "manage_users"]));
    const user = userEvent.setup();
    render(Users);
    await user.click(await screen.findByTestId("user-add"));
    await user.type(screen.getByTestId("user-username"), "ab");
    await user.type(screen.getByTestId("user-password"), "short");
    await user.click(screen.getByTestId("role-division_head"));
    await user.click(screen.getByTestId("user-save"));
    expect(fieldErrorOf("user-username")).toContain("3–32");
    expect(fieldErrorOf("user-fullname")).toBe("กรอกชื่อ-นามสกุลที่แสดง");
    expect(fieldErrorOf("user-password")).toBe("รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร");
    expect(screen.getByTestId("user-roles-error")).toHaveTextContent("เลือก");
    expect(backend.calls.some((c) => c.cmd === "create_user")).toBe(false);
    await user.type(screen.getByTestId("user-username"), "c");
    expect(fieldErrorOf("user-username")).toBeNull();
    await user.selectOptions(screen.getByTestId("user-head-of"), "กองช่าง");
    expect(screen.queryByTestId("user-roles-error")).not.toBeInTheDocument();
    expect(fieldErrorOf("user-password")).not.toBeNull();
  });
});

describe("staff form", () => {
  it("shows the empty first name on its field and the core's refusal on the field it names", async () => {
    const backend = fakeBackend({
      list_staff: () => [],
      list_divisions: () => [],
      create_person: () => coreError("too_long", { field: "phone", max: 50 }),
    });
    resetApp(sessionWith(["view_register", "manage_staff"]));
    const user = userEvent.setup();
    render(Staff);
    await user.click(await screen.findByTestId("staff-add"));
    await user.click(screen.getByTestId("person-save"));
    expect(fieldErrorOf("person-first-name")).toBe("กรอกชื่อ");
    expect(backend.calls.some((c) => c.cmd === "create_person")).toBe(false);
    await user.type(screen.getByTestId("person-first-name"), "สมชาย");
    expect(fieldErrorOf("person-first-name")).toBeNull();
    await user.type(screen.getByTestId("person-phone"), "053-000000");
    await user.click(screen.getByTestId("person-save"));
    await vi.waitFor(() => expect(fieldErrorOf("person-phone")).not.toBeNull());
    await user.type(screen.getByTestId("person-phone"), "1");
    expect(fieldErrorOf("person-phone")).toBeNull();
  });
});

describe("new category form", () => {
  it("shows the empty name, type code and a bad life together; each clears as fixed", async () => {
    const backend = fakeBackend({
      list_categories: () => [],
      get_register_settings: () => ({ depreciationBasis: "months", codeTemplate: "{type}-{yy}-{seq:4}" }),
      default_folder: () => "/tmp",
    });
    resetApp(sessionWith(["view_register", "manage_register"]));
    const user = userEvent.setup();
    render(Categories);
    await user.clear(await screen.findByTestId("category-new-life"));
    await user.click(screen.getByTestId("category-add"));
    expect(fieldErrorOf("category-new-name")).toBe("กรอกชื่อ");
    expect(fieldErrorOf("category-new-type")).not.toBeNull();
    expect(fieldErrorOf("category-new-life")).toBe("อายุการใช้งานต้องเป็นจำนวนปี 1–100");
    expect(backend.calls.some((c) => c.cmd === "create_category")).toBe(false);
    await user.type(screen.getByTestId("category-new-name"), "ครุภัณฑ์กีฬา");
    expect(fieldErrorOf("category-new-name")).toBeNull();
    expect(fieldErrorOf("category-new-type")).not.toBeNull();
  });
});
