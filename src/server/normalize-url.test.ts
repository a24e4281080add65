import { describe, expect, it } from "vitest";
import { normalizeUrl } from "./normalize-url.ts";

describe("normalizeUrl", () => {
  it("decodes escaped letters, digits and - . _ ~ in the path", () => {
    expect(normalizeUrl("/%61pi/%761/%6Fffices")).toBe("/api/v1/offices");
    expect(normalizeUrl("/a%2D%2e%5F%7Eb%30")).toBe("/a-._~b0");
  });

  it("keeps every other escape, in upper case, and a separator stays escaped", () => {
    expect(normalizeUrl("/api%2fv1/x%20y/%e2%82%ac")).toBe("/api%2Fv1/x%20y/%E2%82%AC");
    expect(normalizeUrl("/a/%zz/%")).toBe("/a/%zz/%");
  });

  it("leaves the query string as it was sent", () => {
    expect(normalizeUrl("/%61pi?q=%61%2f")).toBe("/api?q=%61%2f");
  });
});
