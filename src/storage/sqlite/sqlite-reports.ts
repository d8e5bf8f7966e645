/**
 * SQLite implementation of the reports' {@link ReportStore} port: the questions and tickets of a period,
 * read in one query each. `SqliteStore` owns the connection and builds one on it.
 */
import type {
  RawReportQuestion, RawReportTicket, ReportPeriod, ReportQuestionRow, ReportStore, ReportTicketRow,
} from '../../reports/index.js';
// The mappers come straight from their module: the reports index would also load exceljs into every store.
import { reportQuestionFromRaw, reportTicketFromRaw } from '../../reports/report-rows.js';
import type { SqliteContext } from './sqlite-context.js';

/** The channel and unit conditions of a period on table `alias` (only six shapes, so statements cache well). */
function narrow(p: ReportPeriod, alias: string): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (p.channel !== undefined) {
    parts.push(`${alias}.channel = ?`);
    params.push(p.channel);
  }
  if (p.unitId === null) parts.push(`${alias}.unit_id IS NULL`);
  else if (p.unitId !== undefined) {
    parts.push(`${alias}.unit_id = ?`);
    params.push(p.unitId);
  }
  return { sql: parts.map((c) => ` AND ${c}`).join(''), params };
}

/**
 * The report rows of a period on SQLite. The latest vote of a question is picked by `created_at` (then
 * user id, so ties are deterministic); the ticket comes from `ticket_waiters`, where a question waits on
 * at most one ticket.
 */
export class SqliteReportStore implements ReportStore {
  constructor(private readonly ctx: Pick<SqliteContext, 'run' | 'stmt'>) {}

  /** Questions created in [from, to), oldest first, with their latest vote and ticket. */
  reportQuestions(p: ReportPeriod): Promise<ReportQuestionRow[]> {
    const extra = narrow(p, 'q');
    return this.ctx.run('reportQuestions', () => {
      const rows = this.ctx.stmt(`SELECT q.id, q.channel, q.user_id AS "userId", q.unit_id AS "unitId", q.text,
          q.answered, q.source, q.confidence, q.citations, q.created_at AS "createdAt", q.reply_kind AS "replyKind",
          (SELECT f.value FROM feedback f WHERE f.question_id = q.id
            ORDER BY f.created_at DESC, f.user_id DESC LIMIT 1) AS feedback,
          w.ticket_id AS "ticketId"
        FROM questions q LEFT JOIN ticket_waiters w ON w.question_id = q.id
        WHERE q.created_at >= ? AND q.created_at < ?${extra.sql}
        ORDER BY q.created_at, q.id`).all(p.from, p.to, ...extra.params) as RawReportQuestion[];
      return rows.map(reportQuestionFromRaw);
    });
  }

  /** Tickets created or answered in [from, to), or still open or claimed and created before `to`; by number. */
  reportTickets(p: ReportPeriod): Promise<ReportTicketRow[]> {
    const extra = narrow(p, 't');
    return this.ctx.run('reportTickets', () => {
      const rows = this.ctx.stmt(`SELECT t.id, t.number, t.channel, t.unit_id AS "unitId", t.state,
          t.created_at AS "createdAt", t.claimed_at AS "claimedAt", t.answered_at AS "answeredAt",
          t.closed_at AS "closedAt", t.reminded_at AS "remindedAt"
        FROM tickets t
        WHERE ((t.created_at >= ? AND t.created_at < ?)
          OR (t.answered_at >= ? AND t.answered_at < ?)
          OR (t.state IN ('open', 'claimed') AND t.created_at < ?))${extra.sql}
        ORDER BY t.number`).all(p.from, p.to, p.from, p.to, p.to, ...extra.params) as RawReportTicket[];
      return rows.map(reportTicketFromRaw);
    });
  }
}
