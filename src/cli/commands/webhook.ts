import { loadConfig } from '../../config/index.js';
import { AppError, describeError, isAppError } from '../../common/errors.js';
import { deleteWebhook, selectPlatforms, setWebhook, webhookInfo } from '../../app/ops/platform-webhooks.js';
import type { WebhookStatus } from '../../app/ops/platform-webhooks.js';
import type { Command } from '../args.js';

const ACTIONS = ['set', 'info', 'delete'] as const;

/** Human lines for one webhook status. */
export function describeWebhook(s: WebhookStatus): string[] {
  const match = !s.url ? '' : !s.expectedUrl ? ' (PUBLIC_URL not set, cannot compare)' : s.url === s.expectedUrl ? ' (matches PUBLIC_URL)' : ` (DIFFERS from PUBLIC_URL: ${s.expectedUrl})`;
  const lines = [`${s.channel}: ${s.url ? `webhook ${s.url}${match}` : 'no webhook set (the bot would have to long-poll)'}`];
  if (s.pendingUpdates !== undefined) lines.push(`  pending updates: ${s.pendingUpdates}`);
  if (s.lastError) lines.push(`  last delivery error: ${new Date(s.lastError.at).toISOString()} ${s.lastError.message}`);
  if (s.maxConnections !== undefined) lines.push(`  max connections: ${s.maxConnections}`);
  if (s.allowedUpdates?.length) lines.push(`  update kinds: ${s.allowedUpdates.join(', ')}`);
  if (s.updatedAt !== undefined && s.url) lines.push(`  set at: ${new Date(s.updatedAt).toISOString()}`);
  return lines;
}

export const webhookCommand: Command = {
  name: 'webhook',
  summary: 'Register, show or remove the Telegram/Zalo webhooks (PUBLIC_URL + secret); "set" also sets the Telegram command menu.',
  usage: 'webhook set|info|delete [--channel telegram|zalo] [--drop-pending] [--json]',
  options: {
    channel: { type: 'string', description: 'Only this platform (default: every configured one)' },
    'drop-pending': { type: 'boolean', description: 'Telegram: discard updates waiting for delivery (set, delete)' },
    json: { type: 'boolean', description: 'Print JSON' },
  },
  async run({ values, positionals }) {
    const action = positionals[0] as (typeof ACTIONS)[number] | undefined;
    if (!action || !ACTIONS.includes(action) || positionals.length > 1) {
      throw new AppError('INVALID_INPUT', `say what to do: webhook ${ACTIONS.join('|')} (got "${positionals.join(' ')}")`);
    }
    const config = loadConfig();
    const platforms = selectPlatforms(config, values.channel as string | undefined);
    const dropPending = Boolean(values['drop-pending']);
    const results: Array<WebhookStatus | { channel: string; error: string }> = [];
    let failed = false;
    for (const channel of platforms) {
      try {
        const status = action === 'set' ? await setWebhook(config, channel, { dropPending }) : action === 'delete' ? await deleteWebhook(config, channel, { dropPending }) : await webhookInfo(config, channel);
        results.push(status);
        if (action === 'info' && (!status.url || (status.expectedUrl && status.url !== status.expectedUrl))) failed = true;
      } catch (err: unknown) {
        failed = true;
        results.push({ channel, error: isAppError(err) ? err.detail : describeError(err) });
      }
    }
    if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else {
      const done = { set: 'registered', delete: 'removed', info: '' }[action];
      const lines = results.flatMap((r) => ('error' in r ? [`${r.channel}: FAILED: ${r.error}`] : [...(done ? [`${r.channel}: webhook ${done}${action === 'set' && r.channel === 'telegram' ? ', command menu set' : ''}`] : []), ...describeWebhook(r)]));
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return failed ? 1 : 0;
  },
};
