/**
 * Files in an S3-compatible object store (AWS S3, MinIO, Ceph, Garage…): a temporary object is
 * streamed up as a multipart upload (`@aws-sdk/lib-storage`, a few parts in memory at most), then
 * copied to its final name and deleted, once its address is known.
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { PassThrough, type Readable } from "node:stream";
import type { StorageSettings } from "../settings.ts";
import { tempName, type ObjectStore, type ObjectWriter } from "./types.ts";

type S3Settings = Extract<StorageSettings, { kind: "s3" }>;

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NotFound" || e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404;
}

export function s3Store(settings: S3Settings): ObjectStore {
  const client = new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // Checksums only where the protocol needs them: not every S3-compatible store takes the
    // newer streaming checksums; each object's integrity is its own (every segment is sealed).
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = settings.bucket;
  const key = (name: string) => (settings.prefix ? `${settings.prefix}/${name}` : name);

  return {
    kind: "s3",
    createTemp(name): ObjectWriter {
      const body = new PassThrough();
      const upload = new Upload({
        client,
        params: { Bucket, Key: key(name), Body: body },
        queueSize: 2,
        partSize: 8 * 1024 * 1024,
        leavePartsOnError: false,
      });
      // Started now, so the upload reads the body while it is written.
      const finished = upload.done().then(() => undefined);
      // A store that fails mid-way stops the writer too, instead of leaving it waiting to be read.
      finished.catch((err: unknown) => body.destroy(err instanceof Error ? err : new Error(String(err))));
      return {
        stream: body,
        done: () => finished,
        discard: async () => {
          body.destroy();
          await upload.abort().catch(() => {});
          await client.send(new DeleteObjectCommand({ Bucket, Key: key(name) })).catch(() => {});
        },
      };
    },
    async read(name, start = 0, end?) {
      const range =
        end !== undefined ? `bytes=${start}-${end - 1}` : start > 0 ? `bytes=${start}-` : undefined;
      const out = await client.send(
        new GetObjectCommand({ Bucket, Key: key(name), ...(range ? { Range: range } : {}) }),
      );
      if (!out.Body) throw new Error("the object store sent no body");
      return out.Body as Readable;
    },
    async size(name) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key(name) }));
        return head.ContentLength ?? 0;
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    async promote(temp, final) {
      await client.send(
        new CopyObjectCommand({
          Bucket,
          Key: key(final),
          CopySource: `${Bucket}/${key(temp).split("/").map(encodeURIComponent).join("/")}`,
        }),
      );
      await client.send(new DeleteObjectCommand({ Bucket, Key: key(temp) }));
    },
    async listTemp(before) {
      const prefix = key(tempName(""));
      const old: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket,
            Prefix: prefix,
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        for (const o of page.Contents ?? [])
          if (o.Key && o.LastModified && o.LastModified < before)
            old.push(tempName(o.Key.slice(prefix.length)));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return old;
    },
    async remove(name) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key(name) }));
    },
    describe: () =>
      `S3 (s3://${Bucket}${settings.prefix ? `/${settings.prefix}` : ""}${settings.endpoint ? ` at ${settings.endpoint}` : ""})`,
    close: () => client.destroy(),
  };
}
