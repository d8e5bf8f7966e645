/** The admin console's document list: status badges, parse problems, the upload form and the reindex button. */
import type { DocumentInfo, ReindexJob } from '../../../admin/index.js';
import { statusLabelVi } from '../../../ingest/front-matter.js';
import type { ValidityStatus } from '../../../ingest/legal-unit.js';
import { html } from '../../staff/html.js';
import type { SafeHtml } from '../../staff/html.js';
import { formatTime } from '../../staff/views/format.js';
import { formatBytes, ta } from '../messages.js';
import { ADMIN_BASE, adminLayout, csrfField } from './layout.js';
import type { Flash, LayoutUser, NavEntry } from './layout.js';

/** What the list page shows. */
export interface DocumentListView {
  user: LayoutUser;
  documents: DocumentInfo[];
  snapshot: { version: string; createdAt: string };
  maxBytes: number;
  running?: ReindexJob;
  flash?: Flash;
  extraNav?: readonly NavEntry[];
}

/** The URL of a document's page (ids may hold "/" for files in sub-folders). */
export function documentUrl(id: string, suffix = ''): string {
  return `${ADMIN_BASE}/documents/${encodeURIComponent(id)}${suffix}`;
}

/** Validity as a coloured pill (the staff stylesheet's pill colours: green, amber, red, grey). */
export function statusBadge(status: ValidityStatus): SafeHtml {
  const tone = status === 'in_force' ? 'state-answered' : status === 'expired' || status === 'replaced' ? 'badge-sla' : status === 'unknown' ? 'state-closed' : 'state-open';
  return html`<span class="${`state ${tone} doc-status doc-status-${status}`}">${statusLabelVi(status)}</span>`;
}

/** Where the document stands in the index, as a pill. */
export function stateBadge(d: DocumentInfo): SafeHtml {
  const key = d.state === 'indexed' && d.stale ? 'state.stale' : (`state.${d.state}` as const);
  const tone = d.state === 'failed' ? 'badge-sla' : d.state === 'indexed' && !d.stale ? 'state-answered' : 'state-open';
  return html`<span class="${`state ${tone} doc-state doc-state-${d.state}${d.stale ? ' doc-stale' : ''}`}">${ta(key)}</span>`;
}

function row(d: DocumentInfo): SafeHtml {
  const title = d.meta ? [d.meta.number, d.meta.title].filter(Boolean).join(' — ') : ta('docs.noTitle');
  const problems = d.warnings.length + (d.failure ? 1 : 0);
  return html`<li class="ticket-row doc-row" data-doc="${d.id}">
      <p class="ticket-head">
        ${d.state === 'removed' ? html`<span class="ticket-number">${d.id}</span>` : html`<a href="${documentUrl(d.id)}" class="ticket-number">${d.id}</a>`}
        ${stateBadge(d)}
        ${d.meta ? statusBadge(d.meta.status) : ''}
      </p>
      <p class="ticket-question">${title}</p>
      <p class="meta">
        ${d.state !== 'removed' ? html`<span>${formatBytes(d.size)}</span>` : ''}
        ${d.chunks ? html`<span>${ta('docs.chunks', { count: d.chunks })}</span>` : ''}
        ${problems ? html`<span class="validity warn">${ta('docs.problems', { count: problems })}</span>` : ''}
        ${d.meta?.replacedBy ? html`<span>${ta('detail.replacedBy')}: ${d.meta.replacedBy}</span>` : ''}
      </p>
      ${d.failure ? html`<p class="meta validity warn">${ta('detail.failure', { reason: d.failure })}</p>` : ''}
    </li>`;
}

/** The upload form (multipart) with its CSRF field. */
function uploadForm(v: DocumentListView): SafeHtml {
  return html`<section aria-labelledby="h-upload" class="card">
      <h2 id="h-upload">${ta('upload.title')}</h2>
      <form method="post" action="${ADMIN_BASE}/documents" enctype="multipart/form-data" class="form">
        ${csrfField(v.user.csrfToken)}
        <div class="field">
          <label for="upload-file">${ta('upload.file', { max: formatBytes(v.maxBytes) })}</label>
          <input id="upload-file" name="file" type="file" required accept=".md,.txt,.html,.htm,.docx,.pdf">
        </div>
        <div class="field">
          <label for="upload-name">${ta('upload.name')}</label>
          <input id="upload-name" name="name" type="text" maxlength="120" spellcheck="false" autocapitalize="none">
          <p class="hint">${ta('upload.nameHint')}</p>
        </div>
        <button type="submit" class="button primary">${ta('upload.submit')}</button>
      </form>
    </section>`;
}

/** The "Lập lại chỉ mục" button, or a link to the running job. */
export function reindexBox(user: LayoutUser, running?: ReindexJob): SafeHtml {
  const action = running
    ? html`<p><a href="${`${ADMIN_BASE}/reindex/${encodeURIComponent(running.id)}`}" class="button">${ta('reindex.runningLink')}</a></p>`
    : html`<form method="post" action="${ADMIN_BASE}/reindex" class="inline">
        ${csrfField(user.csrfToken)}
        <button type="submit" class="button primary">${ta('reindex.button')}</button>
      </form>`;
  return html`<section aria-labelledby="h-reindex" class="card">
      <h2 id="h-reindex">${ta('reindex.title')}</h2>
      <p class="hint">${ta('reindex.hint')}</p>
      ${action}
    </section>`;
}

/** The list page. */
export function documentListPage(v: DocumentListView): string {
  const list = v.documents.length ? html`<ul class="ticket-list doc-list">${v.documents.map(row)}</ul>` : html`<p class="empty">${ta('docs.empty')}</p>`;
  const built = Date.parse(v.snapshot.createdAt);
  return adminLayout({
    title: ta('docs.title'),
    user: v.user,
    flash: v.flash,
    current: ADMIN_BASE,
    extraNav: v.extraNav,
    body: html`<p class="meta">${ta('docs.summary', { count: v.documents.length, version: v.snapshot.version, time: Number.isFinite(built) ? formatTime(built) : v.snapshot.createdAt })}</p>
      ${reindexBox(v.user, v.running)}
      ${uploadForm(v)}
      <section aria-labelledby="h-docs"><h2 id="h-docs">${ta('nav.documents')}</h2>${list}</section>`,
  });
}
