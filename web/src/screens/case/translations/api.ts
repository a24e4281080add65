/**
 * Translation's calls (docs/translation.md, src/translations/routes.ts): a case's translatable
 * texts with their jobs, requesting a translation, one job with its segments, the writes of a
 * segment (save, review, return), finalizing, machine drafts, assignment, and the job's XLIFF
 * file out and in. Types from the contract; problems come back as ApiError.
 */
import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type * as C from "../../../../../src/contracts/translations.ts";
import { ApiError, request, type Problem } from "../../../api.ts";

type Of<S extends z.ZodType> = z.infer<S>;
type In<S extends z.ZodType> = z.input<S>;

export type Translatable = Of<typeof C.TranslatableSchema>;
export type JobSummary = Of<typeof C.JobSummarySchema>;
export type Job = Of<typeof C.JobSchema>;
export type Segment = Of<typeof C.SegmentSchema>;
export type Engine = Of<typeof C.EngineSchema>;
export type ImportResult = Of<typeof C.ImportResultSchema>;
export type RequestTranslation = In<typeof C.RequestTranslationSchema>;
export type SegmentState = C.SegmentState;
export interface JobList {
  items: JobSummary[];
  counts: { awaitingTranslation: number; awaitingReview: number };
}
export interface Person {
  id: string;
  displayName: string;
  role: string;
}

const seg = encodeURIComponent;
const get = async <T>(path: string, signal?: AbortSignal) => (await request<T>("GET", path, { signal })).data;
const send = async <T>(method: string, path: string, body: unknown = {}, headers?: Record<string, string>) =>
  (await request<T>(method, path, { body, ...(headers ? { headers } : {}) })).data;
const job = (jobId: string) => `/translations/${seg(jobId)}`;

/** A problem+json answer as an ApiError (for the calls that do not send JSON). */
async function problemOf(res: Response): Promise<ApiError> {
  let problem: Problem = { type: "about:blank", title: res.statusText, status: res.status, detail: "" };
  try {
    const body = (await res.json()) as Problem;
    if (body && typeof body === "object" && "status" in body) problem = body;
  } catch {
    // not a problem document: its status says enough
  }
  return new ApiError(res.status, problem);
}

export const translationClient = {
  translatables: async (caseId: string, signal?: AbortSignal) =>
    get<Translatable[]>(`/cases/${seg(caseId)}/translatables`, signal),
  request: (caseId: string, body: RequestTranslation) =>
    send<JobSummary[]>("POST", `/cases/${seg(caseId)}/translations`, body),
  /** `query`: case=, state=, assigned=me, awaiting=translation|review */
  list: (query: string, signal?: AbortSignal) =>
    get<JobList>(`/translations${query ? `?${query}` : ""}`, signal),
  job: (jobId: string, signal?: AbortSignal) => get<Job>(job(jobId), signal),
  save: (jobId: string, segmentId: string, target: string, version: number) =>
    send<Segment>("PUT", `${job(jobId)}/segments/${seg(segmentId)}`, { target, version }),
  review: (jobId: string, segmentId: string, version: number, reason?: string) =>
    send<Segment>(
      "POST",
      `${job(jobId)}/segments/${seg(segmentId)}/review`,
      reason === undefined ? { decision: "reviewed", version } : { decision: "returned", reason, version },
    ),
  finalize: (jobId: string, version: number) =>
    send<Job>("POST", `${job(jobId)}/finalize`, {}, { "if-match": `"${version}"` }),
  machineDraft: (jobId: string) => send<Job>("POST", `${job(jobId)}/machine-draft`),
  assign: (jobId: string, translatorId: string | null, reviewerId: string | null) =>
    send<JobSummary>("PUT", `${job(jobId)}/assignment`, { translatorId, reviewerId }),
  cancel: (jobId: string, reason: string) => send<JobSummary>("POST", `${job(jobId)}/cancel`, { reason }),
  /** The engines, for the request form (an engine enabled for the pair may draft). */
  engines: async (signal?: AbortSignal) => get<Engine[]>("/translation-engines", signal),
  /** Who may translate or review, for the request form's pickers. */
  people: async (signal?: AbortSignal) =>
    (await get<{ items: Person[] }>("/translation-people", signal)).items,
  /** An XLIFF 2.1 file (as its text) read into the job: the segments it changed and those refused. */
  importXliff: async (jobId: string, xliff: string): Promise<ImportResult> => {
    let res: Response;
    try {
      res = await fetch(`/api/v1${job(jobId)}/xliff`, {
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/xliff+xml" },
        credentials: "same-origin",
        body: xliff,
      });
    } catch (e) {
      throw new ApiError(0, { type: "network", title: "network", status: 0, detail: String(e) });
    }
    if (!res.ok) throw await problemOf(res);
    return (await res.json()) as ImportResult;
  },
};

/** Where the job's XLIFF file is (a link the browser downloads). */
export const xliffUrl = (jobId: string) => `/api/v1${job(jobId)}/xliff`;

export const translationKeys = {
  all: ["translations"] as const,
  list: (query: string) => ["translations", "list", query] as const,
  job: (jobId: string) => ["translations", "job", jobId] as const,
  translatables: (caseId: string) => ["cases", caseId, "translatables"] as const,
  engines: ["translation-engines"] as const,
  people: ["translation-people"] as const,
};

export const translationQueries = {
  translatables: (caseId: string) =>
    queryOptions({
      queryKey: translationKeys.translatables(caseId),
      queryFn: ({ signal }) => translationClient.translatables(caseId, signal),
    }),
  list: (query: string) =>
    queryOptions({
      queryKey: translationKeys.list(query),
      queryFn: ({ signal }) => translationClient.list(query, signal),
    }),
  job: (jobId: string) =>
    queryOptions({
      queryKey: translationKeys.job(jobId),
      queryFn: ({ signal }) => translationClient.job(jobId, signal),
    }),
  engines: () =>
    queryOptions({
      queryKey: translationKeys.engines,
      queryFn: ({ signal }) => translationClient.engines(signal),
      staleTime: Infinity,
      retry: false,
    }),
  people: () =>
    queryOptions({
      queryKey: translationKeys.people,
      queryFn: ({ signal }) => translationClient.people(signal),
      staleTime: Infinity,
      retry: false,
    }),
};

/** The segments still to translate (initial) and to review (translated) of a job's counts. */
export const awaiting = (c: JobSummary["counts"]) => ({ translation: c.initial, review: c.translated });

/** The `{name}` placeholders of the source a target leaves out. */
export function missingPlaceholders(s: Pick<Segment, "placeholders">, target: string): string[] {
  return s.placeholders.filter((p) => !target.includes(p));
}
