import { describe, expect, it } from "vitest";
import { ROLES as ACCESS_ROLES } from "../access/rights.ts";
import { isRole, ROLES } from "./roles.ts";

describe("roles", () => {
  it("names the twelve roles of docs/security.md requirement 4, the same as the rights table", () => {
    expect(ROLES).toHaveLength(12);
    expect([...ROLES]).toEqual([...ACCESS_ROLES]);
  });

  it("tells a role from any other string", () => {
    expect(isRole("examiner")).toBe(true);
    expect(isRole("root")).toBe(false);
    expect(isRole("Examiner")).toBe(false);
  });
});
