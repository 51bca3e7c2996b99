import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { app } from "$lib/state.svelte";
import { coreError, fakeBackend, resetApp, sessionWith } from "../../test-support";
import SetupWizard from "./SetupWizard.svelte";

async function fillOrganisation(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByTestId("setup-org-name"), "องค์การบริหารส่วนตำบลแม่กรณ์");
  await user.type(screen.getByTestId("setup-province"), "เชียงราย");
  await user.click(screen.getByTestId("setup-next"));
}

async function fillAdmin(user: ReturnType<typeof userEvent.setup>, password2 = "phatsadu-2569") {
  await user.type(screen.getByTestId("setup-admin-username"), "admin");
  await user.type(screen.getByTestId("setup-admin-fullname"), "สมชาย ผู้ดูแล");
  await user.type(screen.getByTestId("setup-admin-password"), "phatsadu-2569");
  await user.type(screen.getByTestId("setup-admin-password2"), password2);
  await user.click(screen.getByTestId("setup-next"));
}

describe("setup wizard", () => {
  beforeEach(() => resetApp());

  it("will not leave step 1 without the organisation's name", async () => {
    const user = userEvent.setup();
    render(SetupWizard);
    await user.click(screen.getByTestId("setup-next"));
    expect(screen.getByText("กรุณากรอกชื่อหน่วยงาน")).toBeInTheDocument();
    expect(screen.getByTestId("setup-org-name")).toBeInTheDocument();
  });

  it("checks that the two passwords match", async () => {
    const user = userEvent.setup();
    render(SetupWizard);
    await fillOrganisation(user);
    await fillAdmin(user, "something-else");
    expect(screen.getByText("รหัสผ่านทั้งสองช่องไม่ตรงกัน")).toBeInTheDocument();
    expect(screen.queryByTestId("setup-finish")).not.toBeInTheDocument();
  });

  it("sends everything to complete_setup and logs the administrator in", async () => {
    const backend = fakeBackend({
      complete_setup: () => sessionWith(["manage_users"]),
      app_status: () => ({ ...app.status!, needsSetup: false }),
    });
    const user = userEvent.setup();
    render(SetupWizard);
    await fillOrganisation(user);
    await fillAdmin(user);
    await user.click(screen.getByTestId("setup-sample-data"));
    await user.click(screen.getByTestId("setup-finish"));
    const setup = backend.calls.find((c) => c.cmd === "complete_setup");
    expect(setup?.args.input).toEqual({
      organisation: {
        name: "องค์การบริหารส่วนตำบลแม่กรณ์",
        shortName: "",
        province: "เชียงราย",
        district: "",
        subdistrict: "",
        address: "",
        phone: "",
      },
      admin: { username: "admin", fullName: "สมชาย ผู้ดูแล", password: "phatsadu-2569" },
      loadSampleData: true,
    });
    expect(app.session?.username).toBe("tester");
  });

  it("takes the user back to the step and field the core complains about", async () => {
    fakeBackend({ complete_setup: () => coreError("invalid_value", { field: "admin.username", reason: "a-z" }) });
    const user = userEvent.setup();
    render(SetupWizard);
    await fillOrganisation(user);
    await fillAdmin(user);
    await user.click(screen.getByTestId("setup-finish"));
    expect(await screen.findByTestId("setup-admin-username")).toBeInTheDocument();
    expect(screen.getAllByText("ชื่อผู้ใช้ของผู้ดูแลระบบไม่ถูกต้อง").length).toBeGreaterThan(0);
    expect(app.session).toBeNull();
  });
});
