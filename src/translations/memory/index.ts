/** The office's translation memory (docs/translation.md, "Memory"). */
export {
  addToMemory,
  memoryMatches,
  CANDIDATES_PER_SOURCE,
  CASE_ONLY_SCORE,
  type AddToMemory,
  type AddedToMemory,
  type MemoryUnitInput,
} from "./store.ts";
export { FUZZY_THRESHOLD, normalizeSource, similarity } from "./text.ts";
