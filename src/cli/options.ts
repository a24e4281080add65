import { InvalidArgumentError, Option } from "commander";

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive whole number");
  return n;
}

export function legalDate(value: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(d.getTime()) ||
    d.toISOString().slice(0, 10) !== value
  ) {
    throw new InvalidArgumentError("expected a date as YYYY-MM-DD");
  }
  return value;
}

export const dataOption = () =>
  new Option("--data <dir>", "data directory of the embedded database (env OPENRSD_DATA, default ./data)");
export const urlOption = () =>
  new Option(
    "--url <url>",
    "address of a running OpenRSD server (env OPENRSD_URL, default http://127.0.0.1:$PORT or :8080)",
  );

export const tokenOption = () =>
  new Option(
    "--token <token>",
    "API token (env OPENRSD_TOKEN; default: the local operator's, for a server on --data)",
  );
