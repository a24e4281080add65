/**
 * The office's translation memory (right translation.memory; docs/translation.md, "Memory"): how
 * many units each language pair holds, each pair downloaded as a TMX file, and a TMX file from a
 * CAT tool or another office imported, with what was added, skipped and refused.
 */
import { Alert, Button, FileInput, Label } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Loading } from "../../components/common.tsx";
import { languageName } from "../../components/codes.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { memoryKey, tmxExportUrl, translationMemoryApi } from "./api.ts";

function ImportTmx() {
  const { t, number } = useI18n();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => translationMemoryApi.importTmx(f),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memoryKey }),
  });
  const result = upload.data;
  return (
    <section aria-labelledby="tm-import-heading">
      <h2 id="tm-import-heading">{t("memory.import.heading")}</h2>
      <p>{t("memory.import.intro")}</p>
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (file) upload.mutate(file);
        }}
      >
        <Label htmlFor="tm-file">{t("memory.import.file")}</Label>
        <span className="usa-hint" id="tm-file-hint">
          {t("memory.import.fileHint")}
        </span>
        <FileInput
          id="tm-file"
          name="tmx"
          accept=".tmx,.xml,application/x-tmx+xml,text/xml"
          aria-describedby="tm-file-hint"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            upload.reset();
          }}
        />
        <Button type="submit" className="margin-top-2" disabled={!file || upload.isPending}>
          {t("memory.import.submit")}
        </Button>
      </form>
      {upload.error && <ProblemAlert error={upload.error} />}
      {result && (
        <div role="status" data-testid="tmx-import-result">
          <Alert type={result.refused.length > 0 ? "warning" : "success"} headingLevel="h3" slim>
            {t("memory.import.result", {
              added: number(result.added),
              skipped: number(result.skipped),
              refused: number(result.refused.length),
            })}
          </Alert>
          {result.refused.length > 0 && (
            <table className="usa-table usa-table--borderless usa-table--compact">
              <caption>{t("memory.import.refused")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("memory.import.unit")}</th>
                  <th scope="col">{t("memory.import.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {result.refused.map((r, i) => (
                  <tr key={`${r.unit}-${i}`}>
                    <th scope="row">{r.unit}</th>
                    <td lang="en">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

export function TranslationMemory() {
  const { t, locale, number } = useI18n();
  const stats = useQuery({
    queryKey: memoryKey,
    queryFn: ({ signal }) => translationMemoryApi.stats(signal),
  });
  return (
    <>
      <h1>{t("memory.heading")}</h1>
      <p>{t("memory.intro")}</p>
      <section aria-labelledby="tm-pairs-heading">
        <h2 id="tm-pairs-heading">{t("memory.pairs.heading")}</h2>
        {stats.error ? (
          <ProblemAlert error={stats.error} />
        ) : !stats.data ? (
          <Loading />
        ) : stats.data.pairs.length === 0 ? (
          <p>{t("memory.pairs.none")}</p>
        ) : (
          <table className="usa-table usa-table--borderless" data-testid="memory-pairs">
            <caption className="usa-sr-only">{t("memory.pairs.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("memory.pairs.source")}</th>
                <th scope="col">{t("memory.pairs.target")}</th>
                <th scope="col">{t("memory.pairs.units")}</th>
                <th scope="col">{t("memory.pairs.export")}</th>
              </tr>
            </thead>
            <tbody>
              {stats.data.pairs.map((p) => {
                const pair = t("memory.pairs.pair", {
                  source: languageName(locale, p.source),
                  target: languageName(locale, p.target),
                });
                return (
                  <tr key={`${p.source}-${p.target}`}>
                    <th scope="row">{languageName(locale, p.source)}</th>
                    <td>{languageName(locale, p.target)}</td>
                    <td>{number(p.units)}</td>
                    <td>
                      <a className="usa-link" href={tmxExportUrl(p.source, p.target)} download>
                        {t("memory.pairs.download")}
                        <span className="usa-sr-only"> {pair}</span>
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <ImportTmx />
    </>
  );
}
