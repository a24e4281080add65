/**
 * Every page of the web workspace can be reloaded or opened from a link: each route of
 * web/src/App.tsx is one the server answers with the app's index.html (WEB_ROUTES).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WEB_ROUTES } from "../src/server/app.ts";

const app = readFileSync(new URL("../web/src/App.tsx", import.meta.url), "utf8");
const pages = [...app.matchAll(/<Route\s+path="([^"]+)"/g)].map((m) => m[1] ?? "").filter((p) => p !== "*");

/** Whether a served pattern (`/cases/*`) covers a page's path (`/cases/:id`, `/admin/*`). */
const covers = (served: string, page: string) =>
  served === page || (served.endsWith("/*") && page.startsWith(served.slice(0, -1)));

describe("the web workspace's pages", () => {
  it("are found in App.tsx", () => {
    expect(pages).toContain("/worklist");
    expect(pages.length).toBeGreaterThan(10);
  });
  it.each(pages)("%s is served with the app", (page) => {
    expect(WEB_ROUTES.some((served) => covers(served, page))).toBe(true);
  });
});
