/**
 * The library's commands and queries (docs/coi.md): add and edit documents and their passages
 * (coi.manage), store a document's archived file, read and search (coi.read). The library is
 * national and public-source; its changes are recorded in the access record like every write.
 *
 * Files: the evidence vault keeps files per office; the library's archived files are stored in
 * the same vault (streamed, hashed, type-checked, encrypted, scanned) under the library's own key
 * space, the vault "office" `coi` (COI_VAULT_SPACE), so that no office owns them and every office
 * reads the same copy.
 */
import type { Readable } from "node:stream";
import { v7 as uuidv7 } from "uuid";
import { actorName, audit, type Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import type {
  CoiDocument,
  CoiDocumentSummary,
  CoiPassage,
  CoiSearchQuery,
  CoiSearchResult,
} from "../contracts/coi.ts";
import { FileRefused, openFile, putFile, vaultOf, type OpenedStream } from "../evidence/vault/index.ts";
import type { Queryable } from "../store/db.ts";
import {
  facets,
  findDocument,
  findPassage,
  insertDocument,
  insertPassages,
  listDocuments,
  passagesOf,
  presentDocument,
  presentPassage,
  setDocumentFile,
  updateDocument,
  updatePassage,
  type DocumentFields,
} from "./db.ts";
import { QueryTooComplex } from "./query.ts";
import { EmptyQuery, searchPassages } from "./search.ts";

/** The vault's key space for the library's files (the vault's "office"). */
export const COI_VAULT_SPACE = "coi";

export interface DocumentInput {
  source: string;
  title: string;
  author?: string | null | undefined;
  publishedOn?: string | null | undefined;
  accessedOn?: string | null | undefined;
  url?: string | null | undefined;
  country: string;
  language: string;
  topics: string[];
  profiles: string[];
}

export interface PassageInput {
  text: string;
  locator?: string | null | undefined;
}

const fields = (d: DocumentInput): DocumentFields => ({
  source: d.source,
  title: d.title,
  author: d.author ?? null,
  publishedOn: d.publishedOn ?? null,
  accessedOn: d.accessedOn ?? null,
  url: d.url ?? null,
  country: d.country,
  language: d.language,
  topics: d.topics,
  profiles: d.profiles,
});

async function documentWithPassages(tx: Queryable, id: string): Promise<CoiDocument | null> {
  const d = await findDocument(tx, id);
  if (!d) return null;
  return { ...presentDocument(d), passages: (await passagesOf(tx, id)).map(presentPassage) };
}

/** Add documents with their passages in one transaction, without an access record (the demo, the benchmark). */
export async function insertLibrary(
  tx: Queryable,
  docs: readonly (DocumentInput & { passages: readonly PassageInput[] })[],
  at: Date,
  by: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const d of docs) {
    const id = uuidv7();
    await insertDocument(tx, { ...fields(d), id, at, by });
    await insertPassages(
      tx,
      id,
      d.passages.map((p) => ({ id: uuidv7(), text: p.text, locator: p.locator ?? null })),
      at,
      by,
    );
    ids.push(id);
  }
  return ids;
}

export async function createDocument(
  ctx: AppContext,
  actor: Actor,
  input: DocumentInput & { passages: PassageInput[] },
): Promise<CoiDocument> {
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const [id] = await insertLibrary(tx, [input], at, actorName(actor));
    const doc = await documentWithPassages(tx, id!);
    await audit(tx, actor, at, {
      action: "coi.document.create",
      outcome: "ok",
      details: { documentId: id!, passages: input.passages.length },
    });
    return doc!;
  });
}

export async function editDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: DocumentInput,
): Promise<CoiDocument> {
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    if (!(await updateDocument(tx, { ...fields(input), id, at, by: actorName(actor) })))
      throw notFound(`document ${id}`);
    await audit(tx, actor, at, { action: "coi.document.edit", outcome: "ok", details: { documentId: id } });
    return (await documentWithPassages(tx, id))!;
  });
}

export async function addPassage(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: PassageInput,
): Promise<CoiPassage> {
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.query("SELECT id FROM coi_documents WHERE id = $1 FOR UPDATE", [documentId]);
    if (!locked) throw notFound(`document ${documentId}`);
    const id = uuidv7();
    await insertPassages(
      tx,
      documentId,
      [{ id, text: input.text, locator: input.locator ?? null }],
      at,
      actorName(actor),
    );
    await audit(tx, actor, at, {
      action: "coi.passage.add",
      outcome: "ok",
      details: { documentId, passageId: id },
    });
    return presentPassage((await findPassage(tx, id))!);
  });
}

export async function editPassage(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  passageId: string,
  input: PassageInput,
): Promise<CoiPassage> {
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const row = await updatePassage(tx, {
      documentId,
      id: passageId,
      text: input.text,
      locator: input.locator ?? null,
      at,
      by: actorName(actor),
    });
    if (!row) throw notFound(`passage ${passageId} of document ${documentId}`);
    await audit(tx, actor, at, {
      action: "coi.passage.edit",
      outcome: "ok",
      details: { documentId, passageId },
    });
    return presentPassage(row);
  });
}

export async function getDocument(ctx: AppContext, id: string): Promise<CoiDocument> {
  const doc = await ctx.db.transaction((tx) => documentWithPassages(tx, id));
  if (!doc) throw notFound(`document ${id}`);
  return doc;
}

export async function documentList(
  ctx: AppContext,
  q: { country?: string | undefined; page: number; pageSize: number },
): Promise<{ items: CoiDocumentSummary[]; total: number }> {
  const { rows, total } = await ctx.db.transaction((tx) =>
    listDocuments(tx, { country: q.country, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
  );
  return { items: rows.map(presentDocument), total };
}

export async function libraryFacets(ctx: AppContext) {
  return ctx.db.transaction((tx) => facets(tx));
}

export async function searchLibrary(ctx: AppContext, q: CoiSearchQuery): Promise<CoiSearchResult> {
  try {
    return await ctx.db.transaction((tx) => searchPassages(tx, q));
  } catch (err) {
    if (err instanceof QueryTooComplex || err instanceof EmptyQuery)
      throw new AppError("invalid_input", err.message, { issues: [{ path: "q", message: err.message }] });
    throw err;
  }
}

/** Store the document's archived file in the vault (the library's key space) and link it. */
export async function storeDocumentFile(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: { name: string; stream: Readable; declaredLength?: number },
): Promise<CoiDocument> {
  const exists = await ctx.db.transaction((tx) => findDocument(tx, documentId));
  if (!exists) {
    input.stream.resume();
    throw notFound(`document ${documentId}`);
  }
  const vault = vaultOf(ctx);
  let stored;
  try {
    stored = await putFile(vault, {
      officeId: COI_VAULT_SPACE,
      stream: input.stream,
      ...(input.declaredLength !== undefined ? { declaredLength: input.declaredLength } : {}),
      storedBy: actorName(actor),
    });
  } catch (err) {
    if (!(err instanceof FileRefused)) throw err;
    throw new AppError(
      err.reason === "too_large" ? "content_too_large" : "unsupported_media_type",
      err.message,
    );
  }
  const { file } = stored;
  if (file.scan === "infected")
    throw new AppError(
      "unsupported_media_type",
      "the virus scanner refused this file; it is kept in quarantine",
    );
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const ok = await setDocumentFile(tx, documentId, {
      fileId: file.id,
      sha256: file.sha256,
      name: input.name,
      size: file.size,
      mediaType: file.mediaType,
      at,
      by: actorName(actor),
    });
    if (!ok) throw notFound(`document ${documentId}`);
    await audit(tx, actor, at, {
      action: "coi.document.file",
      outcome: "ok",
      details: { documentId, fileId: file.id, sha256: file.sha256 },
    });
    return (await documentWithPassages(tx, documentId))!;
  });
}

export async function openDocumentFile(
  ctx: AppContext,
  documentId: string,
): Promise<{ opened: OpenedStream; name: string }> {
  const doc = await ctx.db.transaction((tx) => findDocument(tx, documentId));
  if (!doc?.file_id) throw notFound(`the archived file of document ${documentId}`);
  const opened = await openFile(vaultOf(ctx), { officeId: COI_VAULT_SPACE, fileId: doc.file_id });
  if (!opened) throw notFound(`the archived file of document ${documentId}`);
  return { opened, name: doc.file_name ?? "document" };
}
