/**
 * Abuse limits (issue 11): which proxies' X-Forwarded-For is believed, and the web chat's rates and
 * escalation budgets. Kept apart from `config.ts` so that file's other blocks can change independently.
 */
import { addressEntryProblem } from '../common/address-list.js';

/** The abuse-limit part of {@link import('./config.js').Config}. */
export interface AbuseConfig {
  /** `TRUST_PROXY_ADDRESSES` (default `loopback,private`): proxies whose X-Forwarded-For is believed when TRUST_PROXY > 0. */
  trustProxyAddresses: string[];
  webchatLimits: {
    /** `WEBCHAT_RATE_PER_ADDRESS` (default 20): messages and presses per client address per minute. */
    perAddressPerMinute: number;
    /** `WEBCHAT_RATE_GLOBAL` (default 600): messages and presses per minute, all clients together. */
    globalPerMinute: number;
    /** `WEBCHAT_ESCALATIONS_PER_ADDRESS` (default 3): questions sent to staff per client address per hour. */
    escalationsPerAddressPerHour: number;
    /** `WEBCHAT_ESCALATIONS_PER_HOUR` (default 30): questions sent to staff from the web per hour. */
    escalationsPerHour: number;
  };
}

type Int = (name: string, def: number, min: number, max: number) => number;

/** Reads the abuse limits with `loadConfig`'s validator; problems go to `problems`. */
export function abuseSettings(env: Record<string, string | undefined>, int: Int, problems: string[]): AbuseConfig {
  const raw = env.TRUST_PROXY_ADDRESSES?.trim() || 'loopback,private';
  const trustProxyAddresses = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of trustProxyAddresses) {
    const problem = addressEntryProblem(entry);
    if (problem) problems.push(`TRUST_PROXY_ADDRESSES: ${problem}`);
  }
  return {
    trustProxyAddresses,
    webchatLimits: {
      perAddressPerMinute: int('WEBCHAT_RATE_PER_ADDRESS', 20, 1, 10_000),
      globalPerMinute: int('WEBCHAT_RATE_GLOBAL', 600, 1, 1_000_000),
      escalationsPerAddressPerHour: int('WEBCHAT_ESCALATIONS_PER_ADDRESS', 3, 1, 1000),
      escalationsPerHour: int('WEBCHAT_ESCALATIONS_PER_HOUR', 30, 1, 100_000),
    },
  };
}
