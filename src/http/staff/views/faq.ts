/** The console's page of staff Q&A drafts waiting for a second person's approval. */
import type { StaffFaqDraft } from '../../../escalation/index.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { t } from '../messages.js';
import { formatTime } from './format.js';
import { BASE, csrfField, layout } from './layout.js';
import type { Flash, LayoutUser } from './layout.js';

/** What the Q&A page shows: pending drafts with the number of the ticket each came from, when known. */
export interface FaqListView {
  user: LayoutUser;
  /** The signed-in staff member's name as drafts record it (`StaffActor.name`). */
  actorName: string;
  drafts: Array<{ draft: StaffFaqDraft; ticketNumber?: number }>;
  /** Q&As in use whose cited document was replaced, expired, changed or is missing: to check again. */
  review?: Array<{ faqId: string; question: string; reason: string }>;
  flash?: Flash;
}

function decideForm(d: StaffFaqDraft, csrfToken: string, action: 'approve' | 'reject', label: string, cls: string): SafeHtml {
  return html`<form method="post" action="${`${BASE}/faq/${encodeURIComponent(d.id)}/${action}`}" class="inline">
      ${csrfField(csrfToken)}<button type="submit" class="${cls}">${label}</button></form>`;
}

function draftCard(v: FaqListView, d: StaffFaqDraft, ticketNumber: number | undefined): SafeHtml {
  const source = [d.sourceArticle, d.sourceNumber].filter(Boolean).join(' ');
  const ticketLink = `${BASE}/tickets/${encodeURIComponent(d.ticketId)}`;
  return html`<li class="card faq-draft">
      <h2 class="faq-question">${d.question}</h2>
      <p class="quote">${d.answer}</p>
      ${source ? html`<p class="meta">${t('faq.source', { source })}</p>` : ''}
      <p class="meta">${t('faq.author', { name: d.createdBy, time: formatTime(d.createdAt) })} ·
        <a href="${ticketLink}">${ticketNumber !== undefined ? t('faq.ticket', { number: ticketNumber }) : t('faq.ticketUnknown')}</a></p>
      ${d.createdBy === v.actorName ? html`<p class="hint">${t('faq.ownNote')}</p>` : ''}
      <div class="actions">
        ${decideForm(d, v.user.csrfToken, 'approve', t('faq.approve'), 'button primary')}
        ${decideForm(d, v.user.csrfToken, 'reject', t('faq.reject'), 'button')}
      </div>
    </li>`;
}

/** The Q&A approval page. */
export function faqListPage(v: FaqListView): string {
  const body = v.drafts.length
    ? html`<ul class="faq-list">${v.drafts.map((x) => draftCard(v, x.draft, x.ticketNumber))}</ul>`
    : html`<p class="empty">${t('faq.empty')}</p>`;
  const review = v.review?.length
    ? html`<h2>Hỏi đáp cần rà soát lại (${v.review.length})</h2>
      <p class="hint">Văn bản được dẫn trong các hỏi đáp này đã bị thay thế, hết hiệu lực, thay đổi nội dung hoặc không còn trong cơ sở dữ liệu. Cán bộ kiểm tra lại câu trả lời và báo quản trị viên sửa tệp hỏi đáp.</p>
      <ul class="faq-list">${v.review.map((r) => html`<li class="card"><p class="faq-question">${r.question}</p><p class="meta">${r.faqId}: ${r.reason}</p></li>`)}</ul>`
    : '';
  return layout({ title: t('faq.title'), user: v.user, flash: v.flash, current: 'faq', body: html`${body}${review}` });
}
