/** The interview pages of a case (`/cases/:id/interviews/…`): scheduling one, and one interview's record. */
import { Route, Routes } from "react-router";
import { InterviewPage } from "./InterviewPage.tsx";
import { ScheduleInterview } from "./ScheduleInterview.tsx";
import "./interviews.css";

export function CaseInterviews() {
  return (
    <Routes>
      <Route path="new" element={<ScheduleInterview />} />
      <Route path=":interviewId" element={<InterviewPage />} />
    </Routes>
  );
}
