/** Who works the case; a supervisor assigns it to an examiner of the office. */
import { Button, Label, Select } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { client, type CaseView } from "../api.ts";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { keys, queries } from "../queries.ts";

export function CaseAssignment({ view }: { view: CaseView }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const assignees = useQuery(queries.assignees());
  const [chosen, setChosen] = useState(view.assignee?.id ?? "");
  // The case as read again (after saving, or someone else's change) shows its assignee; the
  // confirmation stays (remounting the form to reset it would take the confirmation away too).
  const current = view.assignee?.id ?? "";
  useEffect(() => setChosen(current), [current]);
  const assign = useMutation({
    mutationFn: () => client.assignCase(view.id, chosen || null),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.case(view.id) });
      void queryClient.invalidateQueries({ queryKey: keys.deadlines });
      void queryClient.invalidateQueries({ queryKey: keys.inbox });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    assign.mutate();
  }
  return (
    <form className="usa-form case-assign" onSubmit={submit}>
      <Label htmlFor="case-assignee">{t("case.assign.label")}</Label>
      <div className="case-assign__row">
        <Select id="case-assignee" name="assignee" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t("worklist.nobody")}</option>
          {(assignees.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.displayName}
            </option>
          ))}
        </Select>
        <Button type="submit" outline disabled={assign.isPending}>
          {t("case.assign.button")}
        </Button>
      </div>
      {assign.isError && <ProblemAlert error={assign.error} />}
      {assign.isSuccess && (
        <p role="status" className="usa-hint">
          {t("case.assign.done")}
        </p>
      )}
    </form>
  );
}
