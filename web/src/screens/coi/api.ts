/**
 * The COI library's calls (src/contracts/coi.ts): search, documents and passages, the archived
 * file, and a case's citations. Problems arrive as ApiError, like every other call.
 */
import type { z } from "zod";
import type * as C from "../../../../src/contracts/coi.ts";
import { ApiError, type Problem } from "../../api.ts";

type Of<T extends z.ZodType> = z.output<T>;
type In<T extends z.ZodType> = z.input<T>;

export type CoiSearchResult = Of<typeof C.CoiSearchResultSchema>;
export type CoiHit = CoiSearchResult["items"][number];
export type CoiFacets = Of<typeof C.CoiFacetsSchema>;
export type CoiDocument = Of<typeof C.CoiDocumentSchema>;
export type CoiPassage = Of<typeof C.CoiPassageSchema>;
export type CoiDocumentInput = In<typeof C.CoiDocumentInputSchema>;
export type CoiDocumentUpdate = In<typeof C.CoiDocumentUpdateSchema>;
export type CaseCitation = Of<typeof C.CaseCitationSchema>;
export type CitationTranslation = Of<typeof C.CitationTranslationSchema>;

async function call<T>(method: string, path: string, body?: unknown, raw?: { file: File }): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  let payload: BodyInit | undefined;
  if (raw) {
    headers["content-type"] = raw.file.type || "application/octet-stream";
    headers["x-file-name"] = encodeURIComponent(raw.file.name);
    payload = raw.file;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: "same-origin",
      ...(payload !== undefined ? { body: payload } : {}),
    });
  } catch (e) {
    throw new ApiError(0, { type: "network", title: "network", status: 0, detail: String(e) });
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const problem =
      parsed && typeof parsed === "object" && "status" in parsed
        ? (parsed as Problem)
        : { type: "about:blank", title: res.statusText, status: res.status, detail: "" };
    throw new ApiError(res.status, problem);
  }
  return parsed as T;
}

const seg = encodeURIComponent;

export const coi = {
  search: (params: URLSearchParams) => call<CoiSearchResult>("GET", `/coi/search?${params.toString()}`),
  facets: () => call<CoiFacets>("GET", "/coi/facets"),
  document: (id: string) => call<CoiDocument>("GET", `/coi/documents/${seg(id)}`),
  createDocument: (body: CoiDocumentInput) => call<CoiDocument>("POST", "/coi/documents", body),
  editDocument: (id: string, body: CoiDocumentUpdate) =>
    call<CoiDocument>("PUT", `/coi/documents/${seg(id)}`, body),
  addPassage: (id: string, body: { text: string; locator?: string | null }) =>
    call<CoiPassage>("POST", `/coi/documents/${seg(id)}/passages`, body),
  editPassage: (id: string, passageId: string, body: { text: string; locator?: string | null }) =>
    call<CoiPassage>("PUT", `/coi/documents/${seg(id)}/passages/${seg(passageId)}`, body),
  uploadFile: (id: string, file: File) =>
    call<CoiDocument>("PUT", `/coi/documents/${seg(id)}/file`, undefined, { file }),
  fileUrl: (id: string) => `/api/v1/coi/documents/${seg(id)}/file`,
  citations: (caseId: string) => call<{ items: CaseCitation[] }>("GET", `/cases/${seg(caseId)}/citations`),
  cite: (caseId: string, passageId: string) =>
    call<CaseCitation>("POST", `/cases/${seg(caseId)}/citations`, { passageId }),
  removeCitation: (caseId: string, citationId: string) =>
    call<null>("DELETE", `/cases/${seg(caseId)}/citations/${seg(citationId)}`),
  chooseTranslation: (caseId: string, citationId: string, language: string) =>
    call<CitationTranslation>(
      "PUT",
      `/cases/${seg(caseId)}/citations/${seg(citationId)}/translations/${seg(language)}`,
    ),
};

export const coiKeys = {
  facets: ["coi", "facets"] as const,
  search: (params: string) => ["coi", "search", params] as const,
  document: (id: string) => ["coi", "documents", id] as const,
  citations: (caseId: string) => ["cases", caseId, "citations"] as const,
};
