/** One document's page (facts, parse problems, metadata form, replace form) and the delete confirmation. */
import type { DocumentInfo, DocumentMetaView, MetaField, MetaValues } from '../../../admin/index.js';
import { STATUS_CHOICES } from '../../../admin/index.js';
import { statusLabelVi } from '../../../ingest/front-matter.js';
import { html } from '../../staff/html.js';
import type { SafeHtml } from '../../staff/html.js';
import { formatTime, safeUrl } from '../../staff/views/format.js';
import { formatBytes, ta } from '../messages.js';
import type { AdminKey } from '../messages.js';
import { documentUrl, stateBadge, statusBadge } from './documents.js';
import { ADMIN_BASE, adminLayout, csrfField } from './layout.js';
import type { Flash, LayoutUser, NavEntry } from './layout.js';

/** What the document page shows. */
export interface DocumentDetailView {
  user: LayoutUser;
  doc: DocumentInfo;
  meta: DocumentMetaView;
  flash?: Flash;
  /** Values typed before a refused save, shown instead of the stored ones. */
  typed?: Partial<MetaValues>;
  extraNav?: readonly NavEntry[];
}

const LABELS: Record<MetaField, AdminKey> = {
  number: 'detail.number',
  title: 'detail.title',
  issuer: 'detail.issuer',
  issued: 'detail.issued',
  effective: 'detail.effective',
  status: 'detail.status',
  replaced_by: 'detail.replacedBy',
  source_url: 'detail.sourceUrl',
};

/** What the index currently holds for a field, shown under the input. */
function indexedValue(doc: DocumentInfo, field: MetaField): string | undefined {
  const m = doc.meta;
  if (!m) return undefined;
  const byField: Record<MetaField, string | undefined> = {
    number: m.number,
    title: m.title,
    issuer: m.issuer,
    issued: m.issuedDate,
    effective: m.effectiveDate,
    status: statusLabelVi(m.status),
    replaced_by: m.replacedBy,
    source_url: m.sourceUrl,
  };
  return byField[field] || undefined;
}

function facts(doc: DocumentInfo): SafeHtml {
  const m = doc.meta;
  const url = safeUrl(m?.sourceUrl);
  const dd = (key: AdminKey, value: SafeHtml | string | undefined) => (value ? html`<dt>${ta(key)}</dt><dd>${value}</dd>` : '');
  return html`<dl class="facts">
      <dt>${ta('detail.file')}</dt><dd>${doc.id} · ${ta('detail.fileFacts', { size: formatBytes(doc.size), time: formatTime(doc.modifiedAt) })} ${stateBadge(doc)}</dd>
      ${dd('detail.number', m?.number)}
      ${dd('detail.title', m?.title)}
      ${dd('detail.issuer', m?.issuer)}
      ${dd('detail.issued', m?.issuedDate)}
      ${dd('detail.effective', m?.effectiveDate)}
      ${m ? html`<dt>${ta('detail.status')}</dt><dd>${statusBadge(m.status)}${m.statusNote ? html` <span class="meta">(${m.statusNote})</span>` : ''}</dd>` : ''}
      ${dd('detail.replacedBy', m?.replacedBy)}
      ${url ? html`<dt>${ta('detail.sourceUrl')}</dt><dd><a href="${url}" rel="noopener noreferrer" target="_blank">${url}</a></dd>` : ''}
    </dl>`;
}

function problems(doc: DocumentInfo): SafeHtml {
  const items = [...(doc.failure ? [ta('detail.failure', { reason: doc.failure })] : []), ...doc.warnings];
  const body = items.length ? html`<ul class="sources doc-problems">${items.map((p) => html`<li>${p}</li>`)}</ul>` : html`<p class="empty">${ta('detail.noProblems')}</p>`;
  const hint = items.length ? html`<p class="hint">${ta('detail.problemsHint')}</p>` : '';
  return html`<section aria-labelledby="h-problems"><h2 id="h-problems">${ta('detail.problems')}</h2>${hint}${body}</section>`;
}

function input(v: DocumentDetailView, field: MetaField): SafeHtml {
  const value = v.typed?.[field] ?? v.meta.values[field];
  const indexed = indexedValue(v.doc, field);
  const hint = indexed ? html`<p class="hint">${ta('meta.indexed', { value: indexed })}</p>` : '';
  const id = `meta-${field}`;
  if (field === 'status') {
    const known = STATUS_CHOICES.map((s) => statusLabelVi(s));
    const options = [html`<option value="">${ta('meta.statusNone')}</option>`, ...known.map((label) => (label === value ? html`<option selected>${label}</option>` : html`<option>${label}</option>`))];
    // A status written in other words ("bị thay thế bởi Nghị định 118/2025/NĐ-CP") is kept as an option.
    if (value && !known.includes(value)) options.push(html`<option selected>${value}</option>`);
    return html`<div class="field"><label for="${id}">${ta(LABELS[field])}</label><select id="${id}" name="${field}">${options}</select>${hint}</div>`;
  }
  // type="text" for the URL too: the staff stylesheet styles text inputs; inputmode still gives a URL keyboard.
  const mode = field === 'source_url' ? 'url' : 'text';
  const dateHint = field === 'issued' || field === 'effective' ? html`<p class="hint">${ta('meta.dateHint')}</p>` : '';
  return html`<div class="field"><label for="${id}">${ta(LABELS[field])}</label><input id="${id}" name="${field}" type="text" inputmode="${mode}" maxlength="1000" value="${value}">${dateHint}${hint}</div>`;
}

function metaForm(v: DocumentDetailView): SafeHtml {
  const where = v.meta.storage === 'block' ? ta('meta.hintBlock') : ta('meta.hintSidecar', { file: `${v.doc.id}.meta.yaml` });
  const fields: MetaField[] = ['number', 'title', 'issuer', 'issued', 'effective', 'status', 'replaced_by', 'source_url'];
  return html`<section aria-labelledby="h-meta" class="card">
      <h2 id="h-meta">${ta('meta.title')}</h2>
      <p class="hint">${where}</p>
      <form method="post" action="${documentUrl(v.doc.id, '/meta')}" class="form">
        ${csrfField(v.user.csrfToken)}
        ${fields.map((f) => input(v, f))}
        <button type="submit" class="button primary">${ta('meta.submit')}</button>
      </form>
    </section>`;
}

function replaceForm(v: DocumentDetailView): SafeHtml {
  return html`<section aria-labelledby="h-replace" class="card">
      <h2 id="h-replace">${ta('replace.title')}</h2>
      <form method="post" action="${documentUrl(v.doc.id, '/replace')}" enctype="multipart/form-data" class="form">
        ${csrfField(v.user.csrfToken)}
        <div class="field">
          <label for="replace-file">${ta('replace.hint', { format: v.doc.format })}</label>
          <input id="replace-file" name="file" type="file" required accept="${`.${v.doc.format}`}">
        </div>
        <button type="submit" class="button">${ta('replace.submit')}</button>
      </form>
    </section>`;
}

/** A document's page. */
export function documentDetailPage(v: DocumentDetailView): string {
  return adminLayout({
    title: v.doc.meta?.number || v.doc.id,
    user: v.user,
    flash: v.flash,
    extraNav: v.extraNav,
    body: html`<p><a href="${ADMIN_BASE}">${ta('detail.back')}</a></p>
      ${v.doc.meta?.title ? html`<p class="faq-question">${v.doc.meta.title}</p>` : ''}
      <section aria-labelledby="h-facts"><h2 id="h-facts">${ta('detail.facts')}</h2>${facts(v.doc)}</section>
      ${problems(v.doc)}
      ${metaForm(v)}
      ${replaceForm(v)}
      <p class="actions"><a href="${documentUrl(v.doc.id, '/delete')}" class="button">${ta('delete.link')}</a></p>`,
  });
}

/** The delete confirmation (a POST with CSRF; the GET alone never deletes). */
export function confirmDeletePage(o: { user: LayoutUser; doc: DocumentInfo; extraNav?: readonly NavEntry[] }): string {
  return adminLayout({
    title: ta('delete.title'),
    user: o.user,
    extraNav: o.extraNav,
    body: html`<p class="flash flash-error" role="alert">${ta('delete.confirm', { file: o.doc.id })}</p>
      <form method="post" action="${documentUrl(o.doc.id, '/delete')}" class="actions">
        ${csrfField(o.user.csrfToken)}
        <button type="submit" class="button primary">${ta('delete.submit')}</button>
        <a href="${documentUrl(o.doc.id)}" class="button">${ta('delete.cancel')}</a>
      </form>`,
  });
}
