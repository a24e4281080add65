/**
 * The notices' calls: the issued notices of a case (staff, or a mandated lawyer through the
 * portal), their PDFs' addresses, and the preview as a file. Problems come back as ApiError.
 */
import type { z } from "zod";
import type { NoticeListSchema } from "../../../../../src/contracts/notices.ts";
import { ApiError, type Problem } from "../../../api.ts";

export type IssuedNotice = z.infer<typeof NoticeListSchema>["items"][number];
export type Door = "workspace" | "portal";

const base = (door: Door, caseId: string) =>
  `/api/v1${door === "portal" ? "/portal" : ""}/cases/${encodeURIComponent(caseId)}/notices`;

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

export async function listNotices(door: Door, caseId: string, signal?: AbortSignal): Promise<IssuedNotice[]> {
  const res = await fetch(base(door, caseId), {
    headers: { accept: "application/json" },
    credentials: "same-origin",
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) throw await problemOf(res);
  return ((await res.json()) as { items: IssuedNotice[] }).items;
}

export const noticePdfUrl = (door: Door, caseId: string, documentId: string, download: boolean) =>
  `${base(door, caseId)}/${encodeURIComponent(documentId)}/pdf${download ? "?download=1" : "?download=0"}`;

/** The preview of the case's notice, as a PDF file of the browser's. */
export async function previewNotice(caseId: string, language?: string): Promise<Blob> {
  const query = language ? `?language=${encodeURIComponent(language)}` : "";
  const res = await fetch(`${base("workspace", caseId)}/preview${query}`, {
    headers: { accept: "application/pdf, application/problem+json" },
    credentials: "same-origin",
  });
  if (!res.ok) throw await problemOf(res);
  return res.blob();
}

/**
 * Under the case's events' key: a notice is issued with an event, so recording one (which
 * invalidates the case's events) reads the notices again too.
 */
export const noticeKeys = {
  list: (door: Door, caseId: string) => ["cases", caseId, "events", "notices", door] as const,
};
