/**
 * Translations through HTTP on a real server and database (test/security/fixture.ts), with small
 * resolvers of their own for two kinds of text: a fact's statement and an interview's transcript,
 * held in memory so that a test can change a source and see its segments follow.
 */
import type { LightMyRequestResponse } from "fastify";
import type { SourceKind } from "../../src/contracts/translations.ts";
import { useSourceResolver } from "../../src/translations/resolve.ts";
import type { SourceResolver, SourceText } from "../../src/translations/sources/types.ts";

/** The texts of the tests' cases, by case and ref. */
export class TestSources {
  readonly texts = new Map<string, SourceText>();
  private restore: (() => void)[] = [];

  set(caseId: string, ref: string, text: SourceText): void {
    this.texts.set(`${caseId}/${ref}`, text);
  }

  install(): void {
    for (const [kind, machineAllowed] of [
      ["fact_statement", true],
      ["interview_transcript", false],
    ] as [SourceKind, boolean][]) {
      const prefix = `${kind}:`;
      const resolver: SourceResolver = {
        kind,
        machineAllowed,
        list: async (_ctx, _tx, c) =>
          [...this.texts]
            .filter(([key]) => key.startsWith(`${c.caseId}/${prefix}`))
            .map(([key, t]) => ({
              ref: key.slice(c.caseId.length + 1 + prefix.length),
              label: t.label,
              language: t.language,
            })),
        read: async (_ctx, _tx, c, ref) => this.texts.get(`${c.caseId}/${prefix}${ref}`) ?? null,
      };
      this.restore.push(useSourceResolver(resolver));
    }
  }

  /** Set the text of a kind's ref in a case. */
  put(caseId: string, kind: SourceKind, ref: string, text: SourceText): void {
    this.set(caseId, `${kind}:${ref}`, text);
  }

  uninstall(): void {
    for (const r of this.restore.reverse()) r();
    this.restore = [];
  }
}

export interface SegmentView {
  id: string;
  position: number;
  unit: string;
  source: string;
  target: string | null;
  state: string;
  origin: { origin: string };
  placeholders: string[];
  translatedBy: { id: string; name: string } | null;
  reviewedBy: { id: string; name: string } | null;
  returned: { reason: string; by: { id: string }; at: string } | null;
  sourceChanged: boolean;
  version: number;
}
export interface JobView {
  id: string;
  caseId: string;
  state: string;
  version: number;
  label: string;
  translator: { id: string } | null;
  reviewer: { id: string } | null;
  counts: { initial: number; translated: number; reviewed: number; final: number };
  segments: SegmentView[];
}

export const body = <T>(res: LightMyRequestResponse): T => res.json<T>();
