/**
 * PostgreSQL implementation of the reports' {@link ReportStore} port: the questions and tickets of a
 * period, read in one query each. `PgStore` owns the pool and builds one on it.
 */
import type {
  RawReportQuestion, RawReportTicket, ReportPeriod, ReportQuestionRow, ReportStore, ReportTicketRow,
} from '../../reports/index.js';
// The mappers come straight from their module: the reports index would also load exceljs into every store.
import { reportQuestionFromRaw, reportTicketFromRaw } from '../../reports/report-rows.js';
import type { PgContext } from './pg-context.js';

/** The channel and unit conditions of a period on table `alias`, numbering parameters after `params`. */
function narrow(p: ReportPeriod, alias: string, params: unknown[]): string {
  let sql = '';
  if (p.channel !== undefined) {
    params.push(p.channel);
    sql += ` AND ${alias}.channel = $${params.length}`;
  }
  if (p.unitId === null) sql += ` AND ${alias}.unit_id IS NULL`;
  else if (p.unitId !== undefined) {
    params.push(p.unitId);
    sql += ` AND ${alias}.unit_id = $${params.length}`;
  }
  return sql;
}

/**
 * The report rows of a period on PostgreSQL. The latest vote of a question is picked by `created_at`
 * (then user id); ids sort with `COLLATE "C"` so the order matches SQLite's byte order.
 */
export class PgReportStore implements ReportStore {
  constructor(private readonly ctx: Pick<PgContext, 'query'>) {}

  /** Questions created in [from, to), oldest first, with their latest vote and ticket. */
  async reportQuestions(p: ReportPeriod): Promise<ReportQuestionRow[]> {
    const params: unknown[] = [p.from, p.to];
    const extra = narrow(p, 'q', params);
    const res = await this.ctx.query<RawReportQuestion & Record<string, unknown>>('reportQuestions',
      `SELECT q.id, q.channel, q.user_id AS "userId", q.unit_id AS "unitId", q.text,
          q.answered, q.source, q.confidence, q.citations, q.created_at AS "createdAt", q.reply_kind AS "replyKind",
          (SELECT f.value FROM feedback f WHERE f.question_id = q.id
            ORDER BY f.created_at DESC, f.user_id COLLATE "C" DESC LIMIT 1) AS feedback,
          w.ticket_id AS "ticketId"
        FROM questions q LEFT JOIN ticket_waiters w ON w.question_id = q.id
        WHERE q.created_at >= $1 AND q.created_at < $2${extra}
        ORDER BY q.created_at, q.id COLLATE "C"`, params);
    return res.rows.map(reportQuestionFromRaw);
  }

  /** Tickets created or answered in [from, to), or still open or claimed and created before `to`; by number. */
  async reportTickets(p: ReportPeriod): Promise<ReportTicketRow[]> {
    const params: unknown[] = [p.from, p.to];
    const extra = narrow(p, 't', params);
    const res = await this.ctx.query<RawReportTicket & Record<string, unknown>>('reportTickets',
      `SELECT t.id, t.number, t.channel, t.unit_id AS "unitId", t.state,
          t.created_at AS "createdAt", t.claimed_at AS "claimedAt", t.answered_at AS "answeredAt",
          t.closed_at AS "closedAt", t.reminded_at AS "remindedAt"
        FROM tickets t
        WHERE ((t.created_at >= $1 AND t.created_at < $2)
          OR (t.answered_at >= $1 AND t.answered_at < $2)
          OR (t.state IN ('open', 'claimed') AND t.created_at < $2))${extra}
        ORDER BY t.number`, params);
    return res.rows.map(reportTicketFromRaw);
  }
}
