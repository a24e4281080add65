/**
 * Resumable uploads to a case (tus 1.0, `POST /api/v1/cases/{id}/uploads`), several files at once,
 * each with its own progress. Requests are same-origin with the session cookie, as every other
 * request of the workspace. A dropped connection is retried from the offset the server has
 * (`HEAD`), and an upload that gave up (the browser went offline, the server was unreachable)
 * resumes from there when the connection is back or when the user asks. Nothing is kept in the
 * browser's storage: a file's name is the applicant's business, and a shared computer keeps none.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { Upload, type DetailedError } from "tus-js-client";
import type { Problem } from "../../../api.ts";

/** Bytes per PATCH: a dropped connection loses at most this much, and the bar moves per chunk at worst. */
export const CHUNK_SIZE = 4 * 1024 * 1024;
/** Retries of a failed request before the upload waits for the user or the connection (ms). */
const RETRY_DELAYS = [0, 1000, 3000, 5000];

export type UploadState =
  | "sending"
  /** Stopped by a lost connection: resumes from the server's offset. */
  | "interrupted"
  /** All bytes are in; the server's verdict (type, scan) is being read. */
  | "checking"
  | "complete"
  | "quarantined"
  /** Refused by the server: a type it does not accept, a file too large, no right. */
  | "refused";

export interface FileUpload {
  key: string;
  name: string;
  size: number;
  sent: number;
  state: UploadState;
  /** The upload's id on the server, once it was created. */
  uploadId: string | null;
  /** The server's problem when refused (its status and detail). */
  problem: Problem | null;
  /** What the server found, once the bytes are in: the detected type, the hash, the scan's verdict. */
  file: Checked["file"] | null;
}

/** The server's view of a finished upload (GET /uploads/{id}), as far as this form needs it. */
export interface Checked {
  status: string;
  refusal?: string | undefined;
  file?: { mediaType: string; size: number; sha256: string; scan: string } | undefined;
}

function problemOf(err: Error | DetailedError): Problem | null {
  const res = "originalResponse" in err ? err.originalResponse : null;
  const status = res?.getStatus() ?? 0;
  if (!res || status === 0) return null;
  try {
    const body = JSON.parse(res.getBody()) as Problem;
    if (body && typeof body === "object" && "status" in body) return body;
  } catch {
    // not JSON
  }
  return { type: "about:blank", title: String(status), status, detail: "" };
}

const idOf = (url: string | null) => (url ? (url.split("/").pop() ?? null) : null);

/**
 * The uploads of one form. `add` starts uploading files at once; `resume` continues an
 * interrupted one; `remove` forgets one (aborting it if it is still sending). `check` reads the
 * server's verdict of a finished upload (type, scan, hash): it is called when the bytes are in.
 */
export function useUploads(caseId: string, check: (uploadId: string) => Promise<Checked>) {
  const [uploads, setUploads] = useState<FileUpload[]>([]);
  const running = useRef(new Map<string, Upload>());
  const counter = useRef(0);
  const checkRef = useRef(check);
  checkRef.current = check;

  const patch = useCallback((key: string, change: Partial<FileUpload>) => {
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }, []);

  const add = useCallback(
    (files: readonly File[]) => {
      const added: FileUpload[] = [];
      for (const file of files) {
        counter.current += 1;
        const key = `u${counter.current}`;
        added.push({
          key,
          name: file.name,
          size: file.size,
          sent: 0,
          state: "sending",
          uploadId: null,
          problem: null,
          file: null,
        });
        const upload: Upload = new Upload(file, {
          endpoint: `/api/v1/cases/${encodeURIComponent(caseId)}/uploads`,
          metadata: { filename: file.name, filetype: file.type || "application/octet-stream" },
          chunkSize: CHUNK_SIZE,
          retryDelays: RETRY_DELAYS,
          storeFingerprintForResuming: false,
          removeFingerprintOnSuccess: true,
          onUploadUrlAvailable: () => patch(key, { uploadId: idOf(upload.url) }),
          onProgress: (sent) => patch(key, { sent, state: "sending" }),
          onSuccess: () => {
            running.current.delete(key);
            const uploadId = idOf(upload.url);
            patch(key, { sent: file.size, state: "checking", uploadId });
            if (!uploadId) return;
            checkRef
              .current(uploadId)
              .then((u) =>
                patch(key, {
                  state:
                    u.status === "quarantined"
                      ? "quarantined"
                      : u.status === "refused"
                        ? "refused"
                        : "complete",
                  file: u.file ?? null,
                  problem: u.refusal
                    ? { type: "about:blank", title: "refused", status: 415, detail: u.refusal }
                    : null,
                }),
              )
              .catch(() => patch(key, { state: "complete" }));
          },
          onError: (err) => {
            const problem = problemOf(err);
            // A refusal (4xx) is final; anything else (the network, the server) can be resumed.
            if (problem && problem.status >= 400 && problem.status < 500 && problem.status !== 409) {
              running.current.delete(key);
              patch(key, { state: "refused", problem });
            } else {
              patch(key, { state: "interrupted", problem });
            }
          },
        });
        running.current.set(key, upload);
        upload.start();
      }
      setUploads((list) => [...list, ...added]);
    },
    [caseId, patch],
  );

  /** Continue an interrupted upload from the server's offset (tus asks with HEAD first). */
  const resume = useCallback(
    (key: string) => {
      const upload = running.current.get(key);
      if (!upload) return;
      patch(key, { state: "sending", problem: null });
      upload.start();
    },
    [patch],
  );

  const remove = useCallback((key: string) => {
    const upload = running.current.get(key);
    running.current.delete(key);
    if (upload) void upload.abort(false);
    setUploads((list) => list.filter((u) => u.key !== key));
  }, []);

  /** Forget every upload (after they were attached to an item). */
  const clear = useCallback(() => {
    for (const u of running.current.values()) void u.abort(false);
    running.current.clear();
    setUploads([]);
  }, []);

  // When the connection comes back, interrupted uploads go on by themselves.
  const latest = useRef(uploads);
  latest.current = uploads;
  useEffect(() => {
    const online = () => {
      for (const u of latest.current) if (u.state === "interrupted") resume(u.key);
    };
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [resume]);

  // Leaving the page stops what is still sending (the server keeps what it received).
  useEffect(() => {
    const map = running.current;
    return () => {
      for (const u of map.values()) void u.abort(false);
    };
  }, []);

  return { uploads, add, resume, remove, clear };
}
