/** The audit log page: who uploaded, replaced, deleted, edited, reindexed (newest first), with filters. */
import type { AuditEntry } from '../../../admin/index.js';
import { html } from '../../staff/html.js';
import type { SafeHtml } from '../../staff/html.js';
import { formatTime } from '../../staff/views/format.js';
import { formatBytes, ta } from '../messages.js';
import type { AdminKey } from '../messages.js';
import { ADMIN_BASE, adminLayout } from './layout.js';
import type { LayoutUser, NavEntry } from './layout.js';

/** Actions the filter offers, in order. */
export const AUDIT_ACTIONS = ['document.upload', 'document.replace', 'document.delete', 'document.meta', 'reindex', 'reindex.succeeded', 'reindex.failed', 'faq.approve', 'zalo_oa.connect', 'zalo_oa.disconnect'] as const;

/** The Vietnamese name of an action; an unknown action is shown as written. */
export function actionLabel(action: string): string {
  const key = `action.${action}`;
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? ta(key as AdminKey) : action;
}

function actorLabel(actor: string): string {
  return actor === 'token' ? ta('audit.token') : actor.replace(/^web:/, '');
}

/** Vietnamese names of the detail keys the admin module records. */
const DETAIL_LABELS: Record<string, AdminKey> = {
  name: 'detail.key.name',
  bytes: 'detail.key.bytes',
  previousBytes: 'detail.key.previousBytes',
  sha256: 'detail.key.sha256',
  storage: 'detail.key.storage',
  fields: 'detail.key.fields',
  job: 'detail.key.job',
  added: 'detail.key.added',
  changed: 'detail.key.changed',
  removed: 'detail.key.removed',
  failed: 'detail.key.failed',
  error: 'detail.key.error',
  documents: 'detail.key.documents',
  chunks: 'detail.key.chunks',
  ms: 'detail.key.ms',
};

/** Keys left out of the page (repeated elsewhere, or too long to be useful there). */
const HIDDEN = new Set(['state', 'values', 'articles']);

function detailValue(key: string, v: unknown): string {
  if ((key === 'bytes' || key === 'previousBytes') && typeof v === 'number') return formatBytes(v);
  if (key === 'ms' && typeof v === 'number') return ta('detail.seconds', { n: (v / 1000).toFixed(1).replace('.', ',') });
  if (key === 'storage') return v === 'block' ? ta('detail.key.storage.block') : ta('detail.key.storage.sidecar');
  if (key === 'sha256' && typeof v === 'string') return `${v.slice(0, 12)}…`;
  if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Details as short "label: value" text in Vietnamese, cut at 300 characters. */
function detailsText(details: Record<string, unknown> | undefined): string {
  if (!details) return '';
  const text = Object.entries(details)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k in DETAIL_LABELS ? ta(DETAIL_LABELS[k]) : k}: ${detailValue(k, v)}`)
    .join(' · ');
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function row(e: AuditEntry): SafeHtml {
  const details = detailsText(e.details);
  return html`<li class="ticket-row audit-row">
      <p class="ticket-head"><strong class="audit-action">${actionLabel(e.action)}</strong> <span class="audit-target">${e.target}</span></p>
      <p class="meta"><span class="audit-actor">${actorLabel(e.actor)}</span><span>${formatTime(e.at)}</span></p>
      ${details ? html`<p class="meta audit-details">${details}</p>` : ''}
    </li>`;
}

/** The audit page. */
export function auditPage(o: { user: LayoutUser; entries: AuditEntry[]; action?: string; actor?: string; extraNav?: readonly NavEntry[] }): string {
  const options = [html`<option value="">${ta('audit.allActions')}</option>`, ...AUDIT_ACTIONS.map((a) => (a === o.action ? html`<option value="${a}" selected>${actionLabel(a)}</option>` : html`<option value="${a}">${actionLabel(a)}</option>`))];
  const table = o.entries.length ? html`<ul class="ticket-list audit-list">${o.entries.map(row)}</ul>` : html`<p class="empty">${ta('audit.empty')}</p>`;
  return adminLayout({
    title: ta('audit.title'),
    user: o.user,
    current: `${ADMIN_BASE}/audit`,
    extraNav: o.extraNav,
    body: html`<form method="get" action="${ADMIN_BASE}/audit" class="filters" aria-label="${ta('audit.filter')}">
        <div class="field"><label for="f-action">${ta('audit.action')}</label><select id="f-action" name="action">${options}</select></div>
        <div class="field"><label for="f-actor">${ta('audit.actor')}</label><input id="f-actor" name="actor" type="text" maxlength="80" value="${o.actor ?? ''}"></div>
        <button type="submit" class="button">${ta('audit.submit')}</button>
      </form>
      ${table}`,
  });
}
