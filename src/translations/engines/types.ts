/** What an engine adapter answers: one translation per text, and what made them. */
export interface EngineTranslation {
  texts: string[];
  /** The model the engine answered with, or the one configured. */
  model: string;
  /** The engine's version or fingerprint, when it says one (or the configuration does). */
  version: string | null;
}
