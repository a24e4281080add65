/**
 * The interview record's calls and queries (docs/interviews.md): a case's interviews, one
 * interview, the writes of the record, the interpreters to choose from, and the portal's copy.
 */
import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type * as C from "../../../../../src/contracts/interviews.ts";
import { request } from "../../../api.ts";

export type InterviewRecord = z.infer<typeof C.InterviewRecordSchema>;
export type Segment = InterviewRecord["segments"][number];
export type SegmentVersion = Segment["current"];
export type ChangeRequest = InterviewRecord["changeRequests"][number];
export type ScheduleInput = z.input<typeof C.ScheduleInterviewSchema>;
export type SegmentInput = z.input<typeof C.SegmentContentSchema>;
export type CorrectionInput = z.input<typeof C.SegmentCorrectionSchema>;
export type SignatureInput = z.input<typeof C.SignatureInputSchema>;
export type PortalInterview = z.infer<typeof C.PortalInterviewSchema>;
export interface PendingChange {
  requestId: string;
  caseId: string;
  caseNumber: string | null;
  interviewId: string;
  interviewOn: string;
  position: number;
  requestedBy: string;
  requestedAt: string;
}

const seg = encodeURIComponent;
const get = async <T>(path: string, signal?: AbortSignal) => (await request<T>("GET", path, { signal })).data;
const send = async <T>(method: string, path: string, body: unknown = {}) =>
  (await request<T>(method, path, { body })).data;
const base = (caseId: string) => `/cases/${seg(caseId)}/interviews`;
const one = (caseId: string, interviewId: string) => `${base(caseId)}/${seg(interviewId)}`;

export const interviewClient = {
  list: (caseId: string, signal?: AbortSignal) => get<{ items: InterviewRecord[] }>(base(caseId), signal),
  get: (caseId: string, interviewId: string, signal?: AbortSignal) =>
    get<InterviewRecord>(one(caseId, interviewId), signal),
  interpreters: (signal?: AbortSignal) =>
    get<{ items: { id: string; displayName: string }[] }>("/interview-interpreters", signal),
  schedule: (caseId: string, body: ScheduleInput) => send<InterviewRecord>("POST", base(caseId), body),
  update: (caseId: string, interviewId: string, body: Partial<ScheduleInput>) =>
    send<InterviewRecord>("PATCH", one(caseId, interviewId), body),
  addSegment: (caseId: string, interviewId: string, body: SegmentInput) =>
    send<InterviewRecord>("POST", `${one(caseId, interviewId)}/segments`, body),
  confirm: (caseId: string, interviewId: string, segmentId: string) =>
    send<InterviewRecord>("POST", `${one(caseId, interviewId)}/segments/${seg(segmentId)}/confirm`),
  correct: (caseId: string, interviewId: string, segmentId: string, body: CorrectionInput) =>
    send<InterviewRecord>("POST", `${one(caseId, interviewId)}/segments/${seg(segmentId)}/corrections`, body),
  sign: (caseId: string, interviewId: string, body: SignatureInput) =>
    send<InterviewRecord>("POST", `${one(caseId, interviewId)}/signature`, body),
  requestChange: (caseId: string, interviewId: string, segmentId: string, body: CorrectionInput) =>
    send<InterviewRecord>(
      "POST",
      `${one(caseId, interviewId)}/segments/${seg(segmentId)}/change-requests`,
      body,
    ),
  approveChange: (caseId: string, interviewId: string, requestId: string) =>
    send<InterviewRecord>("POST", `${one(caseId, interviewId)}/change-requests/${seg(requestId)}/approve`),
  returnChange: (caseId: string, interviewId: string, requestId: string, reason: string) =>
    send<InterviewRecord>("POST", `${one(caseId, interviewId)}/change-requests/${seg(requestId)}/return`, {
      reason,
    }),
  pending: (signal?: AbortSignal) => get<{ items: PendingChange[] }>("/interview-change-requests", signal),
  portalList: (caseId: string, signal?: AbortSignal) =>
    get<{ items: PortalInterview[] }>(`/portal/cases/${seg(caseId)}/interviews`, signal),
  requestCopy: (caseId: string, interviewId: string) =>
    send<PortalInterview>(
      "POST",
      `/portal/cases/${seg(caseId)}/interviews/${seg(interviewId)}/copy-requests`,
    ),
};

/** Where the portal's download of a signed record is (a link the browser follows). */
export const recordDownloadUrl = (caseId: string, interviewId: string) =>
  `/api/v1/portal/cases/${seg(caseId)}/interviews/${seg(interviewId)}/record`;

export const interviewKeys = {
  list: (caseId: string) => ["cases", caseId, "interviews"] as const,
  one: (caseId: string, interviewId: string) => ["cases", caseId, "interviews", interviewId] as const,
  interpreters: ["interview-interpreters"] as const,
  portal: (caseId: string) => ["portal", "cases", caseId, "interviews"] as const,
};

export const interviewQueries = {
  list: (caseId: string) =>
    queryOptions({
      queryKey: interviewKeys.list(caseId),
      queryFn: async ({ signal }) => (await interviewClient.list(caseId, signal)).items,
    }),
  one: (caseId: string, interviewId: string) =>
    queryOptions({
      queryKey: interviewKeys.one(caseId, interviewId),
      queryFn: ({ signal }) => interviewClient.get(caseId, interviewId, signal),
    }),
  interpreters: () =>
    queryOptions({
      queryKey: interviewKeys.interpreters,
      queryFn: async ({ signal }) => (await interviewClient.interpreters(signal)).items,
    }),
  pending: () =>
    queryOptions({
      queryKey: ["interview-change-requests"] as const,
      queryFn: async ({ signal }) => (await interviewClient.pending(signal)).items,
    }),
  portal: (caseId: string) =>
    queryOptions({
      queryKey: interviewKeys.portal(caseId),
      queryFn: async ({ signal }) => (await interviewClient.portalList(caseId, signal)).items,
    }),
};

/** Seconds as h:mm:ss (or m:ss under an hour). */
export function formatSeconds(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** "m:ss", "h:mm:ss" or plain seconds, as seconds; null when it is none of these. */
export function parseSeconds(text: string): number | null {
  const t = text.trim();
  if (/^\d{1,5}$/.test(t)) return Number(t);
  const m = /^(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)$/.exec(t);
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}
