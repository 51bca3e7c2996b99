import { describe, expect, it } from "vitest";
import { fileSize } from "./fileSize";

describe("fileSize", () => {
  it("reads as people write sizes", () => {
    expect(fileSize(512)).toBe("512 B");
    expect(fileSize(839_680)).toBe("820 KB");
    expect(fileSize(5_452_595)).toBe("5.2 MB");
    expect(fileSize(68_700_000)).toBe("66 MB");
  });
});
