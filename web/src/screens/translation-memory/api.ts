/**
 * The translation memory's calls (src/translations/memory/routes.ts) and the engines' (src/translations/engines/routes.ts), typed from the contract.
 */
import type { z } from "zod";
import type * as C from "../../../../src/contracts/translations.ts";
import { request } from "../../api.ts";

export type MemoryStats = z.infer<typeof C.MemoryStatsSchema>;
export type TmxImportResult = z.infer<typeof C.TmxImportResultSchema>;
export type Engine = z.infer<typeof C.EngineSchema>;
export type EnginePairInput = z.input<typeof C.SetEnginePairSchema>;

const enc = encodeURIComponent;

export const memoryKey = ["translation-memory"] as const;
export const enginesKey = ["translation-engines"] as const;

/** Where a pair's TMX file is downloaded from (a plain link: the session cookie goes with it). */
export const tmxExportUrl = (source: string, target: string) =>
  `/api/v1/translation-memory/tmx?source=${enc(source)}&target=${enc(target)}`;

export const translationMemoryApi = {
  stats: async (signal?: AbortSignal) =>
    (await request<MemoryStats>("GET", "/translation-memory", { signal })).data,
  /** Send a TMX file as it is (not JSON), as the import route takes it. */
  importTmx: async (file: Blob) =>
    (
      await request<TmxImportResult>("POST", "/translation-memory/tmx", {
        raw: { body: file, type: "application/x-tmx+xml" },
      })
    ).data,
  engines: async (signal?: AbortSignal) =>
    (await request<Engine[]>("GET", "/translation-engines", { signal })).data,
  setPair: async (engineId: string, body: EnginePairInput) =>
    (await request<Engine>("PUT", `/translation-engines/${enc(engineId)}/pairs`, { body })).data,
};
