/**
 * A small client for a running OpenRSD server: commands that touch cases go through the API,
 * never straight at the data directory.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; allowedEvents?: string[] } | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = "ApiError";
  }
}

export function serverUrl(explicit?: string): string {
  if (explicit) return explicit.replace(/\/$/, "");
  if (process.env.OPENRSD_URL) return process.env.OPENRSD_URL.replace(/\/$/, "");
  return `http://127.0.0.1:${process.env.PORT ?? 8080}`;
}

export interface ApiClient {
  base: string;
  request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T; headers: Headers }>;
}

export function apiClient(base: string, auth: { token?: string } = {}): ApiClient {
  return {
    base,
    async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/v1${path}`, {
          method,
          headers: {
            accept: "application/json",
            ...(body !== undefined ? { "content-type": "application/json" } : {}),
            ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
            ...headers,
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch {
        throw new Error(
          `cannot reach an OpenRSD server at ${base}; start one with "openrsd serve" or pass --url`,
        );
      }
      const text = await res.text();
      const parsed: unknown = text ? JSON.parse(text) : null;
      if (!res.ok) throw new ApiError(res.status, parsed as ApiError["problem"]);
      return { status: res.status, body: parsed as T, headers: res.headers };
    },
  };
}
