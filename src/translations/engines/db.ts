/** Which engine an administrator enabled for which language pair (`translation_engine_pairs`, migration 0046). */
import type { Queryable } from "../../store/db.ts";

export interface PairRow {
  engine_id: string;
  source_lang: string;
  target_lang: string;
  enabled: boolean;
  changed_by: string | null;
  changed_at: string;
}

/** The pairs set for these engines, with the name of who last changed each. */
export async function pairsOf(db: Queryable, engineIds: readonly string[]): Promise<PairRow[]> {
  if (engineIds.length === 0) return [];
  return db.query<PairRow>(
    `SELECT p.engine_id, p.source_lang, p.target_lang, p.enabled, a.username AS changed_by, p.changed_at
       FROM translation_engine_pairs p LEFT JOIN accounts a ON a.id = p.changed_by
      WHERE p.engine_id = ANY ($1::text[])
      ORDER BY p.engine_id, p.source_lang, p.target_lang`,
    [engineIds],
  );
}

export async function isPairEnabled(
  db: Queryable,
  engineId: string,
  sourceLang: string,
  targetLang: string,
): Promise<boolean> {
  const rows = await db.query<{ enabled: boolean }>(
    `SELECT enabled FROM translation_engine_pairs WHERE engine_id = $1 AND source_lang = $2 AND target_lang = $3`,
    [engineId, sourceLang, targetLang],
  );
  return rows[0]?.enabled === true;
}

/** Set a pair; false when it already was so (nothing written). */
export async function setPair(
  db: Queryable,
  p: { engineId: string; sourceLang: string; targetLang: string; enabled: boolean; by: string; at: Date },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO translation_engine_pairs (engine_id, source_lang, target_lang, enabled, changed_by, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (engine_id, source_lang, target_lang) DO UPDATE
       SET enabled = EXCLUDED.enabled, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at
       WHERE translation_engine_pairs.enabled <> EXCLUDED.enabled
     RETURNING 1`,
    [p.engineId, p.sourceLang, p.targetLang, p.enabled, p.by, p.at.toISOString()],
  );
  return rows.length > 0;
}
