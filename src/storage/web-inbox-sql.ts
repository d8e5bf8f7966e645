/**
 * SQL for the shared web chat inbox (migration `web_inbox`, channels/webchat WebInboxStore): replies
 * waiting for a web session, collected by whichever instance the page polls.
 */
export const WEB_INBOX_SQLITE = `CREATE TABLE web_inbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL,
  reply TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX web_inbox_session ON web_inbox (session_id, seq);`;

export const WEB_INBOX_POSTGRES = `CREATE TABLE web_inbox (
  seq BIGSERIAL PRIMARY KEY,
  session_id TEXT NOT NULL,
  reply TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX web_inbox_session ON web_inbox (session_id, seq);`;
