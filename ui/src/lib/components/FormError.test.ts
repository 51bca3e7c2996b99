import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { describeError } from "$lib/errors";
import { coreError } from "../../test-support";
import FormError from "./FormError.svelte";

describe("the error box of a form", () => {
  it("shows a refusal as an error", () => {
    render(FormError, { message: "กรุณากรอกชื่อ" });
    expect(screen.getByRole("alert")).toHaveTextContent("กรุณากรอกชื่อ");
  });

  it("shows an edit of nothing as a note that nothing was saved, not as an error", () => {
    let message = "";
    try {
      coreError("nothing_changed", { entity: "asset" });
    } catch (e) {
      message = describeError(e);
    }
    render(FormError, { message });
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByTestId("form-unchanged")).toHaveTextContent("ไม่มีข้อมูลใดเปลี่ยนแปลง");
  });
});
