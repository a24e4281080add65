/** Schedule an interview of the case (`/cases/:id/interviews/new`); then its page opens. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { todayInSeoul } from "../../../components/common.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { interviewClient, interviewKeys } from "./api.ts";
import { InterviewForm, inputOf, valuesOf } from "./InterviewForm.tsx";

export function ScheduleInterview() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const schedule = useMutation({
    mutationFn: (body: ReturnType<typeof inputOf>) => interviewClient.schedule(id, body),
    onSuccess: (created) => {
      queryClient.setQueryData(interviewKeys.one(id, created.id), created);
      void queryClient.invalidateQueries({ queryKey: interviewKeys.list(id) });
      void navigate(`/cases/${id}/interviews/${created.id}`);
    },
  });
  return (
    <>
      <p>
        <Link className="usa-link" to={`/cases/${id}`}>
          {t("interviews.record.backToCase")}
        </Link>
      </p>
      <h1>{t("interviews.record.schedule")}</h1>
      <InterviewForm
        caseId={id}
        initial={valuesOf(null, todayInSeoul())}
        submitLabel={t("interviews.form.submit")}
        busy={schedule.isPending}
        error={schedule.error}
        onSubmit={(v) => schedule.mutate(inputOf(v))}
      />
    </>
  );
}
