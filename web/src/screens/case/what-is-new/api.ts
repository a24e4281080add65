/** The what-is-new calls (src/reapplications/what-is-new/routes.ts), typed from the contract. */
import type { z } from "zod";
import type * as C from "../../../../../src/contracts/what-is-new.ts";
import { request } from "../../../api.ts";

export type WhatIsNew = z.infer<typeof C.WhatIsNewSchema>;
export type Element = z.infer<typeof C.WhatIsNewElementSchema>;
export type Classification = z.input<typeof C.ClassificationSchema>;
export type Tag = NonNullable<Element["tag"]>;
export type Kind = Element["refKind"];

export const TAGS: readonly Tag[] = ["arose_after", "existed_not_relied_on", "already_considered"];
export const KINDS: readonly Kind[] = ["fact", "evidence", "audience", "foreign_state_action", "coi", "law"];

const base = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/what-is-new`;

export const whatIsNewKey = (caseId: string) => ["cases", caseId, "what-is-new"] as const;

export const whatIsNewApi = {
  get: async (caseId: string, signal?: AbortSignal) =>
    (await request<WhatIsNew>("GET", base(caseId), { signal })).data,
  classify: async (caseId: string, elements: Classification[]) =>
    (await request<WhatIsNew>("PUT", `${base(caseId)}/elements`, { body: { elements } })).data,
};
