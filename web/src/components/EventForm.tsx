/**
 * A form for one event of the procedure, made from the event's own zod schema
 * (src/domain/procedure/kr-refugee-act/events.ts): the same definition the server validates with.
 * Each field's widget follows its type: dates, choices, yes/no, text; nested objects as a group.
 */
import {
  Button,
  Checkbox,
  ErrorMessage,
  Fieldset,
  FormGroup,
  Label,
  Select,
  Textarea,
  TextInput,
} from "@trussworks/react-uswds";
import { useState, type FormEvent, type ReactNode } from "react";
import type { z } from "zod";
import { LegalDateSchema } from "../../../src/contracts/api.ts";
import { EventSchemas, type EventType } from "../../../src/profiles/kr-refugee-act/events.ts";
import {
  EXCLUSION_GROUNDS,
  NON_REFERRAL_GROUNDS,
} from "../../../src/profiles/kr-refugee-act/rules.ts";
import { useI18n, type I18n } from "../i18n/index.tsx";
import { PlainInput, todayInSeoul } from "./common.tsx";

interface Def {
  type: string;
  innerType?: Introspectable;
  defaultValue?: unknown;
  values?: unknown[];
  options?: Introspectable[];
  shape?: Record<string, Introspectable>;
}
interface Introspectable {
  _zod: { def: Def };
  maxLength?: number | null;
  options?: readonly string[];
  shape?: Record<string, Introspectable>;
}

export interface FieldSpec {
  name: string;
  path: string;
  kind: "date" | "text" | "textarea" | "boolean" | "choice" | "fixed" | "group";
  required: boolean;
  options?: (string | number)[];
  numeric?: boolean;
  fixed?: unknown;
  defaultValue?: unknown;
  children?: FieldSpec[];
}

const NUMBER_CHOICES: Record<string, readonly number[]> = {
  exclusionGround: EXCLUSION_GROUNDS,
  nonReferralGround: NON_REFERRAL_GROUNDS,
};

/** The fields of a schema, in order, as the form shows them. */
export function fieldsOf(shape: Record<string, Introspectable>, prefix = ""): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    if (name === "type") continue;
    let s = schema;
    let required = true;
    let defaultValue: unknown;
    for (;;) {
      const d = s._zod.def;
      if (d.type === "optional" || d.type === "nullable") required = false;
      else if (d.type === "default") defaultValue = d.defaultValue;
      else break;
      s = d.innerType as Introspectable;
    }
    const d = s._zod.def;
    const base = { name, path: prefix + name, required, defaultValue };
    if ((s as unknown) === (LegalDateSchema as unknown)) out.push({ ...base, kind: "date" });
    else if (d.type === "string")
      out.push({ ...base, kind: (s.maxLength ?? 0) > 1000 ? "textarea" : "text" });
    else if (d.type === "boolean") out.push({ ...base, kind: "boolean" });
    else if (d.type === "enum") out.push({ ...base, kind: "choice", options: [...(s.options ?? [])] });
    else if (d.type === "literal") out.push({ ...base, kind: "fixed", fixed: d.values?.[0] });
    else if (d.type === "union")
      out.push({
        ...base,
        kind: "choice",
        numeric: true,
        options: (d.options ?? []).map((o) => o._zod.def.values?.[0] as number),
      });
    else if (d.type === "number")
      out.push({ ...base, kind: "choice", numeric: true, options: [...(NUMBER_CHOICES[name] ?? [])] });
    else if (d.type === "object" && s.shape)
      out.push({ ...base, kind: "group", children: fieldsOf(s.shape, `${prefix}${name}.`) });
  }
  return out;
}

type Values = Record<string, string | boolean>;

function initialValues(fields: FieldSpec[], defaults: Values): Values {
  const v: Values = {};
  for (const f of fields) {
    if (f.kind === "group") Object.assign(v, initialValues(f.children ?? [], defaults));
    else if (f.kind === "boolean") v[f.path] = f.defaultValue === true;
    else if (f.kind === "date" && f.name === "occurredOn") v[f.path] = todayInSeoul();
    else if (f.kind === "choice" && f.required && f.options?.length === 1) v[f.path] = String(f.options[0]);
    else v[f.path] = "";
    if (defaults[f.path] !== undefined) v[f.path] = defaults[f.path] as string | boolean;
  }
  return v;
}

function build(fields: FieldSpec[], values: Values): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const f of fields) {
    const raw = values[f.path];
    if (f.kind === "fixed") {
      out[f.name] = f.fixed;
      continue;
    }
    if (f.kind === "group") {
      const child = build(f.children ?? [], values);
      if (child) {
        out[f.name] = child;
        any = true;
      }
      continue;
    }
    if (f.kind === "boolean") {
      out[f.name] = raw === true;
      if (raw === true) any = true;
      continue;
    }
    const text = typeof raw === "string" ? raw.trim() : "";
    if (text === "") continue;
    out[f.name] = f.numeric ? Number(text) : text;
    any = true;
  }
  return any || prefixless(fields) ? out : undefined;
}
const prefixless = (fields: FieldSpec[]) => !fields[0]?.path.includes(".");

/** Which optional fields matter given the others (the server checks the rest). */
function visible(f: FieldSpec, v: Values): boolean {
  if (f.name === "nonReferralGround") return v.referred === false;
  if (f.name === "exclusionGround") return v.outcome === "excluded";
  return true;
}

export function fieldLabel(i18n: I18n, path: string): string {
  const last = path.split(".").pop() ?? path;
  return i18n.tv("field", last);
}

function optionLabel(i18n: I18n, f: FieldSpec, o: string | number): string {
  if (f.name === "exclusionGround") return i18n.t("enum.exclusionGround", { n: o });
  if (f.name === "nonReferralGround") return i18n.t("enum.nonReferralGround", { n: o });
  return i18n.tv(`enum.${f.name}`, o);
}

function messageOf(i18n: I18n, issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined)
    return i18n.t("validation.required");
  if (issue.code === "too_big") return i18n.t("validation.tooLong");
  if (issue.code === "too_small") return i18n.t("validation.required");
  return i18n.t("validation.invalid");
}

export interface EventFormProps {
  type: EventType;
  defaults?: Values;
  submit(event: Record<string, unknown>): Promise<void>;
  onCancel(): void;
  problem?: ReactNode;
}

export function EventForm({ type, defaults = {}, submit, onCancel, problem }: EventFormProps) {
  const i18n = useI18n();
  const { t, tv } = i18n;
  const schema = EventSchemas[type];
  const fields = fieldsOf((schema as unknown as Introspectable).shape ?? {});
  const [values, setValues] = useState<Values>(() => initialValues(fields, defaults));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (path: string, v: string | boolean) => setValues((old) => ({ ...old, [path]: v }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const data = { type, ...build(fields, values) };
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const issue of parsed.error.issues)
        errs[issue.path.join(".") || "form"] ??= messageOf(i18n, issue);
      setErrors(errs);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await submit(data);
    } finally {
      setBusy(false);
    }
  }

  const render = (f: FieldSpec): ReactNode => {
    if (f.kind === "fixed" || !visible(f, values)) return null;
    const id = `ev-${type}-${f.path.replace(/\./g, "-")}`;
    const label = (
      <>
        {fieldLabel(i18n, f.path)}
        {!f.required && f.kind !== "boolean" && <span className="usa-hint"> {t("common.optional")}</span>}
      </>
    );
    const error = errors[f.path];
    const hint = i18n.tv("hint", f.name);
    const hasHint = hint !== f.name;
    if (f.kind === "group") {
      return (
        <Fieldset key={f.path} legend={fieldLabel(i18n, f.path)} className="margin-top-2 event-form__group">
          {(f.children ?? []).map(render)}
        </Fieldset>
      );
    }
    if (f.kind === "boolean") {
      return (
        <Checkbox
          key={f.path}
          id={id}
          name={f.path}
          className="margin-top-2"
          label={fieldLabel(i18n, f.path)}
          checked={values[f.path] === true}
          onChange={(e) => set(f.path, e.target.checked)}
        />
      );
    }
    const common = {
      id,
      name: f.path,
      validationStatus: error ? ("error" as const) : undefined,
      "aria-describedby":
        [error ? `${id}-error` : "", hasHint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined,
    };
    return (
      <FormGroup key={f.path} error={!!error}>
        <Label htmlFor={id} error={!!error}>
          {label}
        </Label>
        {hasHint && (
          <span className="usa-hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
        {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
        {f.kind === "date" && (
          <PlainInput
            {...common}
            invalid={!!error}
            type="date"
            value={String(values[f.path] ?? "")}
            onChange={(e) => set(f.path, e.target.value)}
          />
        )}
        {f.kind === "text" && (
          <TextInput
            {...common}
            type="text"
            value={String(values[f.path] ?? "")}
            onChange={(e) => set(f.path, e.target.value)}
          />
        )}
        {f.kind === "textarea" && (
          <Textarea
            {...common}
            value={String(values[f.path] ?? "")}
            onChange={(e) => set(f.path, e.target.value)}
          />
        )}
        {f.kind === "choice" && (
          <Select
            {...common}
            value={String(values[f.path] ?? "")}
            onChange={(e) => set(f.path, e.target.value)}
          >
            <option value="">{t("common.choose")}</option>
            {(f.options ?? []).map((o) => (
              <option key={String(o)} value={String(o)}>
                {optionLabel(i18n, f, o)}
              </option>
            ))}
          </Select>
        )}
      </FormGroup>
    );
  };

  return (
    <form className="usa-form usa-form--large event-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3 className="margin-top-0">{tv("event", type)}</h3>
      {Object.keys(errors).length > 0 && (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("validation.summary")}</p>
          </div>
        </div>
      )}
      {problem}
      {fields.map(render)}
      <div className="margin-top-3">
        <Button type="submit" disabled={busy}>
          {busy ? t("common.working") : t("case.actions.record")}
        </Button>
        <Button type="button" outline onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
