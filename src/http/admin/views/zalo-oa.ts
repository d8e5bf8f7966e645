/**
 * The "Kết nối Zalo OA" page of the admin console: which OA is connected and until when its tokens
 * run, the problem when Zalo refused the refresh token (with the fix), the buttons to connect and to
 * disconnect, and the values to register on the Zalo developer site. Also the callback's result page.
 */
import type { OaConnectionView } from '../../../channels/zalo-oa/index.js';
import { formatDuration, formatVnTime } from '../../../channels/zalo-oa/index.js';
import { html } from '../../staff/html.js';
import type { SafeHtml } from '../../staff/html.js';
import { ADMIN_BASE, adminLayout, csrfField } from './layout.js';
import type { AdminLayoutUser, Flash, NavEntry } from './layout.js';

/** Where the page lives under the console. */
export const ZALO_OA_ADMIN_PATH = '/zalo-oa';

/** Vietnamese texts of the page. `{name}` placeholders are filled by {@link tz}. */
export const ZALO_OA_VI = {
  'nav': 'Kết nối Zalo OA',
  'title': 'Kết nối Zalo OA',
  'intro': 'Trợ lý trả lời cán bộ ngay trên Official Account (OA) của cơ quan. Quản trị viên OA cấp quyền một lần; Trợ lý giữ cặp mã truy cập (đã mã hóa) và tự làm mới trước khi hết hạn.',
  'status.connected': 'Đã kết nối OA {name}.',
  'status.disconnected': 'Chưa kết nối OA nào. Trợ lý chưa gửi được tin qua Zalo OA.',
  'status.reauth': 'Cần kết nối lại OA {name}.',
  'fact.oa': 'OA',
  'fact.oaId': 'mã OA {id}',
  'fact.access': 'Mã truy cập hết hạn',
  'fact.accessLeft': '{time} (còn {left}; Trợ lý tự làm mới trước khi hết hạn)',
  'fact.accessExpired': '{time} (đã hết hạn)',
  'fact.refresh': 'Mã làm mới hết hạn',
  'fact.refreshValue': 'khoảng {time} nếu không được dùng (mỗi lần làm mới, mã được cấp lại)',
  'fact.refreshedAt': 'Làm mới lần cuối',
  'fact.connectedBy': 'Kết nối bởi',
  'fact.connectedByValue': '{who}, lúc {time}',
  'fact.seed': 'mã làm mới trong cấu hình (ZALO_OA_REFRESH_TOKEN)',
  'problem': 'Lúc {time}, Zalo đã từ chối mã làm mới của OA: “{problem}”. Trợ lý không thể tự gia hạn quyền gửi tin qua OA.',
  'problem.stillValid': 'Mã truy cập hiện tại vẫn dùng được đến {time}.',
  'problem.fix': 'Cách khắc phục: bấm “Kết nối lại OA”, đăng nhập bằng tài khoản quản trị của OA và cấp quyền cho ứng dụng. Nếu vẫn bị từ chối, kiểm tra ZALO_OA_APP_SECRET có khớp với khóa bí mật của ứng dụng trên developers.zalo.me không.',
  'keyChanged': 'Cặp mã đã lưu được mã hóa bằng một khóa khác với ZALO_OA_TOKEN_KEY hiện tại. Hãy khôi phục khóa cũ hoặc kết nối lại OA.',
  'connect': 'Kết nối OA',
  'reconnect': 'Kết nối lại OA',
  'connect.hint': 'Bạn sẽ được chuyển sang trang của Zalo để chọn OA và cấp quyền, rồi quay lại trang này (trong vòng 10 phút).',
  'connect.needPublicUrl': 'Chưa đặt PUBLIC_URL nên Zalo không có địa chỉ để đưa quản trị viên quay lại. Đặt PUBLIC_URL (địa chỉ HTTPS của máy chủ) rồi khởi động lại, hoặc dùng cách không giao diện: đặt ZALO_OA_REFRESH_TOKEN.',
  'disconnect': 'Ngắt kết nối',
  'disconnect.confirm': 'Tôi hiểu: sau khi ngắt, Trợ lý không gửi được tin qua Zalo OA cho đến khi kết nối lại.',
  'disconnect.hint': 'Trợ lý xóa cặp mã đã lưu. Để thu hồi hẳn quyền, quản trị viên OA gỡ ứng dụng trong phần quản lý OA của Zalo.',
  'setup.title': 'Thông tin khai báo trên developers.zalo.me',
  'setup.appId': 'ID ứng dụng (ZALO_OA_APP_ID)',
  'setup.callback': 'URL gọi lại (Callback URL) của ứng dụng',
  'setup.webhook': 'URL Webhook',
  'setup.events': 'Sự kiện cần bật',
  'setup.eventList': 'user_send_text, user_send_image, user_send_file, user_send_sticker, follow, unfollow',
  'setup.none': '(cần PUBLIC_URL)',
  'flash.disconnected': 'Đã ngắt kết nối Zalo OA.',
  'flash.confirmMissing': 'Vui lòng đánh dấu ô xác nhận trước khi ngắt kết nối.',
  'callback.title': 'Kết nối Zalo OA',
  'callback.ok': 'Đã kết nối OA {name}. Trợ lý bắt đầu trả lời qua OA này.',
  'callback.failed': 'Chưa kết nối được OA: {reason}',
  'callback.reason.state': 'phiên cấp quyền không hợp lệ, đã dùng hoặc quá 10 phút. Vui lòng bắt đầu lại từ trang Kết nối Zalo OA.',
  'callback.reason.browser': 'phiên cấp quyền được bắt đầu ở một trình duyệt khác. Vui lòng bắt đầu lại từ trình duyệt này.',
  'callback.reason.noCode': 'Zalo không gửi mã cấp quyền (có thể quản trị viên OA đã từ chối).',
  'callback.reason.refused': 'Zalo từ chối mã cấp quyền: “{detail}”.',
  'callback.reason.other': 'không liên lạc được với Zalo ({detail}). Vui lòng thử lại sau ít phút.',
  'callback.back': 'Về trang Kết nối Zalo OA',
  'banner': 'Zalo OA cần được kết nối lại: Zalo đã từ chối mã làm mới nên Trợ lý sẽ không gửi được tin qua OA khi mã truy cập hết hạn. Vào “Kết nối Zalo OA” để kết nối lại.',
  'oaUnnamed': '(chưa rõ tên)',
} as const;

/** Key of a text of this page. */
export type ZaloOaKey = keyof typeof ZALO_OA_VI;

/** The text for `key` with `{name}` placeholders filled. */
export function tz(key: ZaloOaKey, params: Record<string, string | number> = {}): string {
  return ZALO_OA_VI[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? ''));
}

/** What the page shows. */
export interface ZaloOaPageView {
  user: AdminLayoutUser;
  view: OaConnectionView;
  now: number;
  flash?: Flash;
  extraNav: readonly NavEntry[];
}

function oaName(v: OaConnectionView): string {
  return v.oaName ?? (v.oaId ? tz('fact.oaId', { id: v.oaId }) : tz('oaUnnamed'));
}

function facts(v: OaConnectionView, now: number): SafeHtml {
  if (v.status === 'disconnected') return html``;
  const row = (k: ZaloOaKey, value: string) => html`<dt>${tz(k)}</dt><dd>${value}</dd>`;
  const access = v.accessExpiresAt !== undefined
    ? row('fact.access', v.accessExpiresAt > now ? tz('fact.accessLeft', { time: formatVnTime(v.accessExpiresAt), left: formatDuration(v.accessExpiresAt - now) }) : tz('fact.accessExpired', { time: formatVnTime(v.accessExpiresAt) }))
    : '';
  const who = v.connectedBy === 'seed' ? tz('fact.seed') : (v.connectedBy ?? '').replace(/^web:/, '');
  return html`<dl class="facts">
      ${row('fact.oa', `${v.oaName ?? tz('oaUnnamed')}${v.oaId ? ` (${tz('fact.oaId', { id: v.oaId })})` : ''}`)}
      ${access}
      ${v.refreshExpiresAt !== undefined ? row('fact.refresh', tz('fact.refreshValue', { time: formatVnTime(v.refreshExpiresAt) })) : ''}
      ${v.refreshedAt !== undefined ? row('fact.refreshedAt', formatVnTime(v.refreshedAt)) : ''}
      ${v.connectedAt !== undefined ? row('fact.connectedBy', tz('fact.connectedByValue', { who, time: formatVnTime(v.connectedAt) })) : ''}
    </dl>`;
}

function problem(v: OaConnectionView, now: number): SafeHtml {
  const parts: SafeHtml[] = [];
  if (!v.keyMatches) parts.push(html`<p class="flash flash-error" role="alert">${tz('keyChanged')}</p>`);
  if (v.status === 'reauth_required') {
    const still = v.accessExpiresAt !== undefined && v.accessExpiresAt > now ? ` ${tz('problem.stillValid', { time: formatVnTime(v.accessExpiresAt) })}` : '';
    parts.push(html`<div class="flash flash-error" role="alert"><p>${tz('problem', { time: formatVnTime(v.problemAt ?? now), problem: v.problem ?? '' })}${still}</p><p>${tz('problem.fix')}</p></div>`);
  }
  return html`${parts}`;
}

function actions(v: OaConnectionView, csrfToken: string): SafeHtml {
  const connect = v.redirectUri
    ? html`<p><a class="button primary" href="${`${ADMIN_BASE}${ZALO_OA_ADMIN_PATH}/connect`}">${v.status === 'disconnected' ? tz('connect') : tz('reconnect')}</a></p><p class="hint">${tz('connect.hint')}</p>`
    : html`<p class="flash flash-error">${tz('connect.needPublicUrl')}</p>`;
  const disconnect = v.status === 'disconnected' ? html`` : html`<form method="post" action="${`${ADMIN_BASE}${ZALO_OA_ADMIN_PATH}/disconnect`}" class="card form">
      ${csrfField(csrfToken)}
      <div class="field"><label><input type="checkbox" name="confirm" value="yes" required> ${tz('disconnect.confirm')}</label></div>
      <p class="hint">${tz('disconnect.hint')}</p>
      <button type="submit" class="button">${tz('disconnect')}</button>
    </form>`;
  return html`${connect}${disconnect}`;
}

function setup(v: OaConnectionView): SafeHtml {
  const code = (s: string | undefined) => (s ? html`<code>${s}</code>` : html`${tz('setup.none')}`);
  return html`<section aria-labelledby="h-setup"><h2 id="h-setup">${tz('setup.title')}</h2><dl class="facts">
      <dt>${tz('setup.appId')}</dt><dd>${code(v.appId)}</dd>
      <dt>${tz('setup.callback')}</dt><dd>${code(v.redirectUri)}</dd>
      <dt>${tz('setup.webhook')}</dt><dd>${code(v.webhookUrl)}</dd>
      <dt>${tz('setup.events')}</dt><dd>${tz('setup.eventList')}</dd>
    </dl></section>`;
}

/** The connection page. */
export function zaloOaPage(p: ZaloOaPageView): string {
  const v = p.view;
  const headline = v.status === 'connected' ? tz('status.connected', { name: oaName(v) }) : v.status === 'reauth_required' ? tz('status.reauth', { name: oaName(v) }) : tz('status.disconnected');
  const body = html`<p class="intro">${tz('intro')}</p>
    <section aria-labelledby="h-status" class="card"><h2 id="h-status">${headline}</h2>${problem(v, p.now)}${facts(v, p.now)}</section>
    ${actions(v, p.user.csrfToken)}
    ${setup(v)}`;
  return adminLayout({ title: tz('title'), user: p.user, flash: p.flash, body, current: `${ADMIN_BASE}${ZALO_OA_ADMIN_PATH}`, extraNav: p.extraNav });
}

/** The page the OAuth callback shows (the browser arrives from Zalo, possibly without the session cookie). */
export function zaloOaCallbackPage(o: { ok: boolean; text: string }): string {
  const body = html`<p><a class="button primary" href="${`${ADMIN_BASE}${ZALO_OA_ADMIN_PATH}`}">${tz('callback.back')}</a></p>`;
  return adminLayout({ title: tz('callback.title'), flash: { kind: o.ok ? 'ok' : 'error', text: o.text }, body });
}
