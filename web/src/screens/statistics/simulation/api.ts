/** The simulation's API calls, typed by its contract (src/contracts/simulation.ts). */
import type { z } from "zod";
import type * as S from "../../../../../src/contracts/simulation.ts";
import { request } from "../../../api.ts";

export type SimulationIndex = z.infer<typeof S.SimulationIndexSchema>;
export type SimulationRun = z.infer<typeof S.SimulationRunSchema>;
export type SimulationReport = z.infer<typeof S.SimulationReportSchema>;
export type PolicySimulation = z.infer<typeof S.PolicySimulationSchema>;
export type SimulationCell = z.infer<typeof S.SimulationCellSchema>;
export type Proportion = z.infer<typeof S.ProportionSchema>;

const BASE = "/statistics/reapplication-simulations";

export const simulationApi = {
  index: async (signal?: AbortSignal) => (await request<SimulationIndex>("GET", BASE, { signal })).data,
  start: async (body: S.SimulationRequestBody) => (await request<SimulationRun>("POST", BASE, { body })).data,
  run: async (id: string, signal?: AbortSignal) =>
    (await request<SimulationRun>("GET", `${BASE}/${encodeURIComponent(id)}`, { signal })).data,
};
