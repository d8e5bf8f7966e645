/** The console's ticket page: the question and its context, relay status and the staff actions. */
import type { Citation } from '../../../answer/index.js';
import type { OutboxItem, Ticket, TicketDetail, TicketWaiter } from '../../../escalation/index.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { t } from '../messages.js';
import { askerName, channelLabel, formatAge, formatTime, isOverdue, safeUrl } from './format.js';
import { BASE, csrfField, layout } from './layout.js';
import type { Flash, LayoutUser } from './layout.js';
import { statePill } from './ticket-list.js';

/** Values typed into the Q&A form, kept when the form comes back with an error. */
export interface FaqFormValues {
  question: string;
  answer: string;
  sourceNumber: string;
  sourceArticle: string;
}

/** What the ticket page shows. */
export interface TicketDetailView {
  user: LayoutUser;
  detail: TicketDetail;
  now: number;
  remindMinutes: number;
  flash?: Flash;
  /** The answer text typed before an error, so it is not lost. */
  answerDraft?: string;
  faqDraft?: FaqFormValues;
  /** Reply-window sentences by `channel:chatId` (Zalo OA officials), shown under each waiter. */
  windows?: ReadonlyMap<string, string>;
}

function facts(v: TicketDetailView): SafeHtml {
  const tk = v.detail.ticket;
  const done = (name: string | undefined, at: number | undefined, key: 'ticket.answeredBy' | 'ticket.closedBy') =>
    name && at ? html`<p class="meta">${t(key, { name, time: formatTime(at) })}</p>` : '';
  return html`<dl class="facts">
      <dt>${t('ticket.asker')}</dt><dd>${askerName(tk.displayName)} (${channelLabel(tk.channel)})</dd>
      <dt>${t('ticket.createdAt')}</dt><dd>${formatTime(tk.createdAt)} (${t('list.age', { age: formatAge(v.now - tk.createdAt) })})</dd>
      <dt>${t('ticket.reason')}</dt><dd>${t(`ticket.reason.${tk.reason}`)}${tk.reopenCount ? html` · ${t('ticket.reopened', { count: tk.reopenCount })}` : ''}</dd>
      ${tk.claimedBy ? html`<dt>${t('ticket.claimedBy')}</dt><dd>${tk.claimedBy}</dd>` : ''}
    </dl>
    ${done(tk.answeredBy, tk.answeredAt, 'ticket.answeredBy')}
    ${done(tk.closedBy, tk.closedAt, 'ticket.closedBy')}`;
}

function source(c: Citation): SafeHtml {
  const url = safeUrl(c.url);
  const name = [c.docNumber, c.docTitle].filter(Boolean).join(' — ');
  const title = url ? html`<a href="${url}" rel="noopener noreferrer" target="_blank">${name}</a>` : html`${name}`;
  return html`<li>
      <p>${title}</p>
      <p class="meta">${c.articleTitle || c.path} · <span class="${c.current ? 'validity ok' : 'validity warn'}">${c.statusLabel}${c.replacedBy ? ` (${c.replacedBy})` : ''}</span></p>
    </li>`;
}

function sources(tk: Ticket): SafeHtml {
  const body = tk.sources.length ? html`<ol class="sources">${tk.sources.map(source)}</ol>` : html`<p class="empty">${t('staff.card.noSources')}</p>`;
  return html`<section aria-labelledby="h-sources"><h2 id="h-sources">${t('ticket.sources')}</h2>${body}</section>`;
}

function excerpt(tk: Ticket): SafeHtml {
  const body = tk.excerpt.length
    ? html`<ol class="excerpt">${tk.excerpt.map((line) => html`<li>${line}</li>`)}</ol>`
    : html`<p class="empty">${t('ticket.excerptEmpty')}</p>`;
  return html`<section aria-labelledby="h-excerpt"><h2 id="h-excerpt">${t('ticket.excerpt')}</h2>${body}</section>`;
}

function waiters(list: TicketWaiter[], windows: ReadonlyMap<string, string> | undefined): SafeHtml {
  const window = (w: TicketWaiter) => {
    const text = windows?.get(`${w.channel}:${w.chatId}`);
    return text ? html`<p class="meta reply-window">${text}</p>` : '';
  };
  return html`<section aria-labelledby="h-waiters"><h2 id="h-waiters">${t('ticket.waiters', { count: list.length })}</h2>
      <ul class="waiters">${list.map(
        (w) => html`<li><strong>${askerName(w.displayName)}</strong> (${channelLabel(w.channel)}, ${t('ticket.waiterJoined', { time: formatTime(w.joinedAt) })})
          <p class="quote">${w.questionText}</p>${window(w)}</li>`,
      )}</ul></section>`;
}

/** The delivery state of one relay, in the words staff read: pending, sent at…, failed: reason. */
export function deliveryLabel(item: OutboxItem): string {
  if (item.state === 'sent') return t('outbox.sent', { time: item.sentAt ? formatTime(item.sentAt) : '' });
  if (item.state === 'failed') return t('outbox.failed', { reason: item.lastError || t('outbox.unknownError') });
  const retry = item.attempts > 0 ? ` (${t('outbox.attempts', { n: item.attempts, error: item.lastError || t('outbox.unknownError') })})` : '';
  return `${t('outbox.pending')}${retry}`;
}

function outbox(items: OutboxItem[]): SafeHtml {
  const body = items.length
    ? html`<ul class="outbox">${items.map(
        (i) => html`<li class="${`delivery delivery-${i.state}`}">
          <span>${t(`outbox.${i.kind}`)} ${t('outbox.to', { channel: channelLabel(i.channel) })}:</span>
          <strong>${deliveryLabel(i)}</strong></li>`,
      )}</ul>`
    : html`<p class="empty">${t('ticket.outboxEmpty')}</p>`;
  return html`<section aria-labelledby="h-outbox"><h2 id="h-outbox">${t('ticket.outbox')}</h2>${body}</section>`;
}

function actionUrl(tk: Ticket, action: string): string {
  return `${BASE}/tickets/${encodeURIComponent(tk.id)}/${action}`;
}

function buttons(v: TicketDetailView): SafeHtml {
  const tk = v.detail.ticket;
  const form = (action: string, label: string, cls: string) =>
    html`<form method="post" action="${actionUrl(tk, action)}" class="inline">${csrfField(v.user.csrfToken)}<button type="submit" class="${cls}">${label}</button></form>`;
  return html`<div class="actions">
      ${tk.state === 'open' ? form('claim', t('staff.button.claim'), 'button primary') : ''}
      ${tk.state !== 'closed' ? form('close', t('staff.button.close'), 'button') : ''}
    </div>`;
}

function answerForm(v: TicketDetailView): SafeHtml {
  const tk = v.detail.ticket;
  if (tk.state === 'closed') return html``;
  const label = tk.answerText ? t('answer.relabel') : t('answer.label');
  return html`<form method="post" action="${actionUrl(tk, 'answer')}" class="card form">
      ${csrfField(v.user.csrfToken)}
      <div class="field">
        <label for="answer-text">${label}</label>
        <textarea id="answer-text" name="text" rows="8" required maxlength="8000" aria-describedby="answer-hint">${v.answerDraft ?? ''}</textarea>
        <p id="answer-hint" class="hint">${t('answer.hint', { count: v.detail.waiters.length })}</p>
      </div>
      <button type="submit" class="button primary">${t('answer.submit')}</button>
    </form>`;
}

function faqForm(v: TicketDetailView): SafeHtml {
  const tk = v.detail.ticket;
  const heading = html`<h2 id="h-faq">${t('faq.form')}</h2>`;
  if (!tk.answerText) return html`<section aria-labelledby="h-faq">${heading}<p class="empty">${t('faq.needAnswer')}</p></section>`;
  const f = v.faqDraft ?? { question: tk.questionText, answer: tk.answerText, sourceNumber: '', sourceArticle: '' };
  return html`<section aria-labelledby="h-faq">${heading}
      <form method="post" action="${actionUrl(tk, 'faq')}" class="card form">
        ${csrfField(v.user.csrfToken)}
        <p class="hint">${t('faq.formHint')}</p>
        <div class="field"><label for="faq-question">${t('faq.question')}</label>
          <textarea id="faq-question" name="question" rows="3" required maxlength="2000">${f.question}</textarea></div>
        <div class="field"><label for="faq-answer">${t('faq.answer')}</label>
          <textarea id="faq-answer" name="answer" rows="8" required maxlength="8000">${f.answer}</textarea></div>
        <div class="field"><label for="faq-number">${t('faq.sourceNumber')}</label>
          <input id="faq-number" name="sourceNumber" type="text" maxlength="100" placeholder="${t('faq.sourceNumberExample')}" value="${f.sourceNumber}"></div>
        <div class="field"><label for="faq-article">${t('faq.sourceArticle')}</label>
          <input id="faq-article" name="sourceArticle" type="text" maxlength="200" placeholder="${t('faq.sourceArticleExample')}" value="${f.sourceArticle}"></div>
        <button type="submit" class="button">${t('faq.submit')}</button>
      </form></section>`;
}

/** The ticket page. */
export function ticketDetailPage(v: TicketDetailView): string {
  const tk = v.detail.ticket;
  const current = tk.answerText
    ? html`<section aria-labelledby="h-current"><h2 id="h-current">${t('ticket.currentAnswer')}</h2><p class="quote answer-text">${tk.answerText}</p></section>`
    : html``;
  const body = html`<p class="ticket-head">${statePill(tk.state)}
      ${isOverdue(tk, v.now, v.remindMinutes) ? html`<span class="badge-sla">${t('list.sla')}</span>` : ''}</p>
    <section aria-labelledby="h-question"><h2 id="h-question">${t('ticket.question')}</h2><p class="quote question-text">${tk.questionText}</p></section>
    ${facts(v)}
    ${excerpt(tk)}
    ${sources(tk)}
    ${waiters(v.detail.waiters, v.windows)}
    ${current}
    ${outbox(v.detail.outbox)}
    <section aria-labelledby="h-actions"><h2 id="h-actions">${t('ticket.actions')}</h2>${buttons(v)}${answerForm(v)}</section>
    ${faqForm(v)}
    <p><a href="${BASE}">${t('page.back')}</a></p>`;
  return layout({ title: t('ticket.title', { number: tk.number }), user: v.user, flash: v.flash, current: 'tickets', body });
}
