/** The parts of the JSON-stat JavaScript Toolkit (jsonstat-toolkit 2) that the tests use. */
declare module "jsonstat-toolkit" {
  interface JsonStatCategory {
    label: string;
  }
  interface JsonStatDimension {
    label: string;
    id: string[];
    length: number;
    role: string;
    Category(id: string | number): JsonStatCategory | null;
  }
  interface JsonStatItem {
    class: string;
    href?: string;
    label?: string;
  }
  export interface JsonStat {
    class: "collection" | "dataset" | "dimension" | "bundle";
    label: string | null;
    length: number;
    id: string[];
    href: string | null;
    updated: string | null;
    note: string[] | null;
    size: number[];
    role: Record<string, string[]> | null;
    value: (number | null)[];
    Item(): JsonStatItem[];
    Item(index: number): JsonStatItem | null;
    Dataset(index: number | string): JsonStat | null;
    Dimension(id: string | number): JsonStatDimension | null;
    Data(selection: Record<string, string>): { value: number | null; status: string | null } | null;
  }
  /** Reads a JSON-stat object, or fetches a URL (with the global fetch) and reads the answer. */
  function JSONstat(input: string, init?: RequestInit): Promise<JsonStat>;
  function JSONstat(input: object): JsonStat;
  export default JSONstat;
}
