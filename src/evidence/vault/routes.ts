/** Checking the vault's stored files (for `openrsd verify` through a running server). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { EvidenceFileCheckSchema, ProblemSchema } from "../../contracts/api.ts";
import { requireRight } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";
import { checkAllFiles } from "./check-file.ts";
import { vaultOf } from "./vault.ts";

export const vaultRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/integrity/evidence-files",
      {
        schema: {
          tags: ["integrity"],
          operationId: "verifyEvidenceFiles",
          summary: "Read back every stored evidence file and check it against its SHA-256",
          description:
            "Needs the right integrity.verify. Each file is read whole, each of its sealed segments opened and its SHA-256 computed again: a file whose stored bytes were edited, cut, extended or lost is named by its id. Reads every byte stored: slow on a large store.",
          response: { 200: EvidenceFileCheckSchema, 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "integrity.verify");
        const { checked, problems } = await checkAllFiles(vaultOf(deps.ctx));
        return {
          ok: problems.length === 0,
          checked,
          problems: problems.map((p) => ({
            officeId: p.officeId,
            fileId: p.fileId,
            problem: p.problem ?? "",
          })),
        };
      },
    );
  };
