/**
 * The reindex page: progress while the job runs (updated by `/admin.js`, which polls the API and
 * reloads the page when the job ends), then the change report or the reason it failed.
 */
import type { ReindexJob } from '../../../admin/index.js';
import type { ReindexReport } from '../../../search/reindex.js';
import type { FailedFile } from '../../../search/snapshot.js';
import { ERROR_CODES } from '../../../common/errors.js';
import { html } from '../../staff/html.js';
import type { SafeHtml } from '../../staff/html.js';
import { formatTime } from '../../staff/views/format.js';
import { refusalText, ta } from '../messages.js';
import type { AdminKey } from '../messages.js';
import { reindexBox } from './documents.js';
import { ADMIN_API_BASE, ADMIN_BASE, adminLayout } from './layout.js';
import type { LayoutUser, NavEntry } from './layout.js';

function actorLabel(actor: string): string {
  return actor === 'token' ? ta('audit.token') : actor.replace(/^web:/, '');
}

function progress(job: ReindexJob): SafeHtml {
  const { done, total, file } = job.progress;
  return html`<div id="reindex-progress" class="card" data-job-url="${`${ADMIN_API_BASE}/reindex/${encodeURIComponent(job.id)}`}"
      data-text-progress="${ta('reindex.progress', { done: '{done}', total: '{total}' })}" data-text-current="${ta('reindex.current', { file: '{file}' })}">
      <p role="status" aria-live="polite"><strong>${ta('reindex.running')}</strong></p>
      <progress id="reindex-bar" max="${Math.max(total, 1)}" value="${done}">${done}/${total}</progress>
      <p class="meta" id="reindex-count">${ta('reindex.progress', { done, total })}</p>
      <p class="meta" id="reindex-file">${file ? ta('reindex.current', { file }) : ''}</p>
      <noscript><p class="hint">${ta('reindex.noScript')}</p></noscript>
    </div>`;
}

function list(key: AdminKey, items: readonly string[], cls: string): SafeHtml {
  return html`<section class="${cls}"><h2>${ta(key)} (${items.length})</h2>${items.length ? html`<ul class="sources">${items.map((i) => html`<li>${i}</li>`)}</ul>` : html`<p class="empty">${ta('report.none')}</p>`}</section>`;
}

/** The change report of a finished reindex. */
export function reportSection(r: ReindexReport): SafeHtml {
  const a = r.articles;
  const articleIds = [...a.added.map((x) => `+ ${x}`), ...a.changed.map((x) => `~ ${x}`), ...a.removed.map((x) => `− ${x}`)];
  const warnings = Object.entries(r.warnings).flatMap(([file, ws]) => ws.map((w) => `${file}: ${w}`));
  return html`<div class="reindex-report">
      <p>${ta('report.summary', { documents: r.documents, chunks: r.chunks, faq: r.faqEntries })} ${ta('report.unchanged', { count: r.unchanged })}</p>
      ${list('report.added', r.added, 'report-added')}
      ${list('report.changed', r.changed, 'report-changed')}
      ${list('report.removed', r.removed, 'report-removed')}
      <section class="report-articles"><h2>${ta('report.articlesList')}</h2>
        <p>${ta('report.articles', { added: a.added.length, changed: a.changed.length, removed: a.removed.length })}</p>
        ${articleIds.length ? html`<details><summary>${ta('report.articlesList')} (${articleIds.length})</summary><ul class="sources">${articleIds.map((i) => html`<li>${i}</li>`)}</ul></details>` : ''}
      </section>
      ${list('report.failed', r.failed.map(failureLine), 'report-failed')}
      ${list('report.warnings', warnings, 'report-warnings')}
      ${r.faqProblems.length ? list('report.faqProblems', r.faqProblems, 'report-faq') : ''}
      ${r.courseProblems?.length ? list('report.courseProblems', r.courseProblems, 'report-courses') : ''}
    </div>`;
}

/**
 * One failed file: the Vietnamese explanation of its error code or broken limit (issue 11), then the
 * English detail as the technical note. Reports from before codes were recorded show the detail only.
 */
export function failureLine(f: FailedFile): string {
  if (f.limit) return `${f.file}: ${ta(`limit.${f.limit}`)} ${ta('error.detail', { detail: f.reason })}`;
  if (f.code) return `${f.file}: ${refusalText(f.code, ERROR_CODES[f.code].messageKey)} ${ta('error.detail', { detail: f.reason })}`;
  return `${f.file}: ${f.reason}`;
}

/** The page of one job; `job` undefined means unknown (e.g. after a restart). */
export function reindexPage(o: { user: LayoutUser; job?: ReindexJob; extraNav?: readonly NavEntry[] }): string {
  const job = o.job;
  if (!job) {
    return adminLayout({ title: ta('reindex.title'), user: o.user, extraNav: o.extraNav, flash: { kind: 'error', text: ta('reindex.unknown') }, body: html`${reindexBox(o.user)}<p><a href="${ADMIN_BASE}">${ta('detail.back')}</a></p>` });
  }
  const started = html`<p class="meta">${ta('reindex.startedBy', { time: formatTime(job.startedAt), actor: actorLabel(job.actor) })}${job.finishedAt ? html` · ${ta('reindex.finishedAt', { time: formatTime(job.finishedAt), seconds: Math.max(0, Math.round((job.finishedAt - job.startedAt) / 1000)) })}` : ''}</p>`;
  const flash =
    job.state === 'succeeded' ? { kind: 'ok' as const, text: ta('reindex.succeeded', { version: job.report?.version ?? '' }) }
    : job.state === 'failed' ? { kind: 'error' as const, text: ta('reindex.failed', { error: job.error ?? '' }) }
    : undefined;
  const body = job.state === 'running' ? progress(job) : job.report ? reportSection(job.report) : reindexBox(o.user);
  return adminLayout({
    title: ta('reindex.title'),
    user: o.user,
    flash,
    extraNav: o.extraNav,
    scripts: job.state === 'running' ? ['/admin.js'] : [],
    body: html`${started}${body}<p><a href="${ADMIN_BASE}">${ta('detail.back')}</a></p>`,
  });
}
