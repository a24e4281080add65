/** Machine translation engines (docs/translation.md, "Engines"): none unless the deployment names them. */
export {
  enginesOf,
  useTranslationEngines,
  engineConfigsFromEnv,
  parseEngineConfigs,
  EngineConfigError,
  DEFAULT_TIMEOUT_MS,
  type ConfiguredEngine,
  type EngineConfig,
  type TranslationEngines,
  type TranslationEngineSettings,
} from "./config.ts";
export { listEngines, machineDraft, maySend, refusalOf, setEnginePair } from "./engines.ts";
export { isExternalUrl, isInsideHost } from "./place.ts";
