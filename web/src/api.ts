/**
 * The API client of the web workspace: same-origin fetch with the session cookie, problem+json
 * errors as ApiError, and one place that notices an expired session.
 */
import type { z } from "zod";
import type { ProblemSchema } from "../../src/contracts/api.ts";

export type Problem = z.infer<typeof ProblemSchema>;

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title);
    this.status = status;
    this.problem = problem;
  }
}

let unauthenticated: (() => void) | null = null;
/** Called when a request answers 401 outside signing in: the session has ended. */
export function onUnauthenticated(fn: (() => void) | null): void {
  unauthenticated = fn;
}

export interface ApiResult<T> {
  data: T;
  status: number;
  etag: string | null;
}

export async function request<T>(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: "same-origin",
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, { type: "network", title: "network", status: 0, detail: String(e) });
  }
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    const problem =
      body && typeof body === "object" && "status" in body
        ? (body as Problem)
        : { type: "about:blank", title: res.statusText, status: res.status, detail: "" };
    if (res.status === 401 && !path.startsWith("/auth/")) unauthenticated?.();
    throw new ApiError(res.status, problem);
  }
  return { data: body as T, status: res.status, etag: res.headers.get("etag") };
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>("GET", path, signal ? { signal } : {}),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>("POST", path, { body: body ?? {}, ...(headers ? { headers } : {}) }),
  del: <T>(path: string) => request<T>("DELETE", path),
};
