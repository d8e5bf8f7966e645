/** The console's ticket list page with its filters. */
import type { Ticket, TicketState } from '../../../escalation/index.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { t } from '../messages.js';
import { askerName, channelLabel, formatAge, isOverdue, stateLabel, truncate } from './format.js';
import { BASE, layout } from './layout.js';
import type { Flash, LayoutUser } from './layout.js';

/** The state filter: one state, the tickets that still need staff (`active`: open and claimed), or all. */
export type StateFilter = 'active' | TicketState | 'all';

/** Filter values in the order the select shows them. */
export const STATE_FILTERS: readonly StateFilter[] = ['active', 'open', 'claimed', 'answered', 'closed', 'all'];

/** Channels the channel filter offers. */
export const CHANNELS = ['telegram', 'zalo', 'zalo-oa', 'web'] as const;

/** What the list page shows. */
export interface TicketListView {
  user: LayoutUser;
  state: StateFilter;
  channel?: string;
  rows: Array<{ ticket: Ticket; waiting: number }>;
  page: number;
  hasNext: boolean;
  now: number;
  remindMinutes: number;
  flash?: Flash;
}

function stateFilterLabel(f: StateFilter): string {
  if (f === 'active') return t('list.state.active');
  if (f === 'all') return t('list.state.all');
  return stateLabel(f);
}

function option(value: string, label: string, selected: boolean): SafeHtml {
  return selected ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;
}

function filters(v: TicketListView): SafeHtml {
  return html`<form method="get" action="${BASE}" class="filters" aria-label="${t('list.filter')}">
      <div class="field">
        <label for="f-state">${t('list.filter.state')}</label>
        <select id="f-state" name="state">${STATE_FILTERS.map((f) => option(f, stateFilterLabel(f), f === v.state))}</select>
      </div>
      <div class="field">
        <label for="f-channel">${t('list.filter.channel')}</label>
        <select id="f-channel" name="channel">
          ${option('', t('list.channel.all'), !v.channel)}
          ${CHANNELS.map((c) => option(c, channelLabel(c), c === v.channel))}
        </select>
      </div>
      <button type="submit" class="button">${t('list.filter.submit')}</button>
    </form>`;
}

/** The state label as a coloured pill; the class carries the state for the stylesheet. */
export function statePill(state: TicketState): SafeHtml {
  return html`<span class="${`state state-${state}`}">${stateLabel(state)}</span>`;
}

function row(v: TicketListView, ticket: Ticket, waiting: number): SafeHtml {
  const overdue = isOverdue(ticket, v.now, v.remindMinutes);
  return html`<li class="ticket-row">
      <p class="ticket-head">
        <a href="${`${BASE}/tickets/${encodeURIComponent(ticket.id)}`}" class="ticket-number">#${ticket.number}</a>
        ${statePill(ticket.state)}
        ${overdue ? html`<span class="badge-sla" title="${t('list.slaTitle', { minutes: v.remindMinutes })}">${t('list.sla')}</span>` : ''}
      </p>
      <p class="ticket-question">${truncate(ticket.questionText, 160)}</p>
      <p class="meta">
        <span>${t('list.asker', { name: askerName(ticket.displayName), channel: channelLabel(ticket.channel) })}</span>
        <span>${t('list.age', { age: formatAge(v.now - ticket.createdAt) })}</span>
        <span>${t('list.waiting', { count: waiting })}</span>
      </p>
    </li>`;
}

function pageLink(v: TicketListView, page: number, label: string, rel: string): SafeHtml {
  const q = new URLSearchParams({ state: v.state });
  if (v.channel) q.set('channel', v.channel);
  if (page > 1) q.set('page', String(page));
  return html`<a href="${`${BASE}?${q.toString()}`}" rel="${rel}">${label}</a>`;
}

/** The list page. */
export function ticketListPage(v: TicketListView): string {
  const rows = v.rows.length
    ? html`<ul class="ticket-list">${v.rows.map((r) => row(v, r.ticket, r.waiting))}</ul>`
    : html`<p class="empty">${t('list.empty')}</p>`;
  const pager =
    v.page > 1 || v.hasNext
      ? html`<nav class="pager" aria-label="${t('list.title')}">
          ${v.page > 1 ? pageLink(v, v.page - 1, t('list.prev'), 'prev') : ''}
          ${v.hasNext ? pageLink(v, v.page + 1, t('list.next'), 'next') : ''}
        </nav>`
      : html``;
  return layout({ title: t('list.title'), user: v.user, flash: v.flash, current: 'tickets', body: html`${filters(v)}${rows}${pager}` });
}
