/**
 * Delivers the outbox (outbox.ts) through the deployment's mail server, when it has one. Each round
 * claims the messages that are due for a few minutes (so two servers never send one twice, and no
 * transaction is held open while the mail server answers), sends them, and records each as sent or
 * as failed with the next attempt backed off (1, 2, 4… minutes, at most six hours); after
 * MAX_ATTEMPTS the message is dropped with its last error, which the log reports.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { Logger } from "pino";
import type { Database } from "../store/db.ts";
import { messageOf } from "./messages.ts";
import type { NotificationKind } from "./outbox.ts";

export const MAX_ATTEMPTS = 12;
const CLAIM_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 6 * 3600_000;

export interface MailSettings {
  transport: Transporter;
  /** The sender's address, e.g. `OpenRSD <no-reply@example.org>`. */
  from: string;
  /** The workspace's origin, for links. */
  origin: string;
}

/**
 * The mail settings from the environment: `OPENRSD_SMTP_URL` (e.g. `smtps://user:pass@mail.example.org:465`
 * or `smtp://127.0.0.1:2525`) and `OPENRSD_MAIL_FROM`; null (no e-mail) when the URL is not set.
 */
export function mailSettingsFromEnv(env: NodeJS.ProcessEnv, origin: string): MailSettings | null {
  const url = env.OPENRSD_SMTP_URL;
  if (!url) return null;
  if (!/^smtps?:\/\//.test(url)) throw new Error("OPENRSD_SMTP_URL must be an smtp:// or smtps:// URL");
  return {
    transport: nodemailer.createTransport(url),
    from: env.OPENRSD_MAIL_FROM ?? "OpenRSD <no-reply@localhost>",
    origin,
  };
}

interface Due {
  office: string;
  id: string;
  kind: NotificationKind;
  attempts: number;
  email: string | null;
  caseId: string;
  caseNumber: string | null;
}

export interface DeliveryRound {
  sent: number;
  failed: number;
  dropped: number;
}

/** One round: deliver up to `limit` due messages. */
export async function deliverDue(
  db: Database,
  mail: MailSettings,
  now: Date,
  log?: Logger,
  limit = 20,
): Promise<DeliveryRound> {
  const due = await db.transaction((tx) =>
    tx.query<Due>(
      `UPDATE notification_outbox o SET next_attempt_at = $2
         FROM accounts a, cases c
        WHERE (o.office_id, o.id) IN (SELECT office_id, id FROM notification_outbox
                        WHERE sent_at IS NULL AND dropped_at IS NULL AND next_attempt_at <= $1
                        ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          AND a.id = o.account_id AND c.office_id = o.office_id AND c.id = o.case_id
        RETURNING o.office_id AS office, o.id, o.kind, o.attempts, a.email, o.case_id AS "caseId", c.case_number AS "caseNumber"`,
      [now.toISOString(), new Date(now.getTime() + CLAIM_MS).toISOString(), limit],
    ),
  );
  const round: DeliveryRound = { sent: 0, failed: 0, dropped: 0 };
  for (const m of due) {
    if (m.email === null) {
      await db.query(
        `UPDATE notification_outbox SET dropped_at = $3, last_error = 'the account has no address now'
          WHERE office_id = $1 AND id = $2`,
        [m.office, m.id, now.toISOString()],
      );
      round.dropped++;
      continue;
    }
    const link = `${mail.origin}${m.kind === "approval_waiting" ? "/approvals" : `/cases/${m.caseId}`}`;
    const message = messageOf(m.kind, { caseNumber: m.caseNumber ?? m.caseId, link });
    try {
      await mail.transport.sendMail({ from: mail.from, to: m.email, ...message });
      await db.query(
        `UPDATE notification_outbox SET sent_at = $3, attempts = attempts + 1 WHERE office_id = $1 AND id = $2`,
        [m.office, m.id, now.toISOString()],
      );
      round.sent++;
    } catch (e) {
      const attempts = m.attempts + 1;
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      const give = attempts >= MAX_ATTEMPTS;
      const next = new Date(now.getTime() + Math.min(2 ** (attempts - 1) * 60_000, MAX_BACKOFF_MS));
      await db.query(
        `UPDATE notification_outbox SET attempts = $3, last_error = $4, next_attempt_at = $5,
                dropped_at = CASE WHEN $6 THEN $7::timestamptz END
          WHERE office_id = $1 AND id = $2`,
        [m.office, m.id, attempts, error, next.toISOString(), give, now.toISOString()],
      );
      if (give) round.dropped++;
      else round.failed++;
      log?.warn(
        { notification: m.id, attempts, error },
        give ? "notification dropped" : "notification not sent yet",
      );
    }
  }
  return round;
}

/** Deliver every `intervalMs` until stopped; a round never overlaps the previous one. */
export function startSender(
  db: Database,
  mail: MailSettings,
  clock: () => Date,
  log?: Logger,
  intervalMs = 10_000,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(async () => {
      if (stopped) return;
      await deliverDue(db, mail, clock(), log).catch((err: unknown) =>
        log?.error({ err }, "notification round failed"),
      );
    });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      mail.transport.close();
    },
  };
}
