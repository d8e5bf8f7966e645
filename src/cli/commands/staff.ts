/**
 * `staff`: manages staff console accounts — add, change a password, list, disable. Passwords come from
 * `STAFF_PASSWORD`, else from standard input when it is not a terminal (first line), else from a prompt
 * that does not echo. They are stored only as scrypt hashes.
 */
import type { Readable, Writable } from 'node:stream';
import { AppError } from '../../common/errors.js';
import { loadConfig } from '../../config/index.js';
import type { StaffAccount, StaffAccountStore } from '../../escalation/index.js';
import { hashPassword } from '../../http/staff/index.js';
import { openStore } from '../../storage/index.js';
import type { Command } from '../args.js';

/** The store the command needs: the accounts port, and `close` (an `AppStore` fits). */
export type StaffCliStore = StaffAccountStore & { close(): Promise<void> };

/** Standard input as the command reads it (a TTY stream has `isTTY` and `setRawMode`). */
type Input = Readable & { isTTY?: boolean; setRawMode?(mode: boolean): unknown };

/** Where the command reads and writes, replaceable in tests. */
export interface StaffCommandDeps {
  openStore: () => Promise<StaffCliStore>;
  /** Only `STAFF_PASSWORD` is read, and only when a password is needed. */
  env: Record<string, string | undefined>;
  stdin: Input;
  stdout: Writable;
  stderr: Writable;
  now: () => number;
}

const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,31}$/;
const USAGE = 'staff add <username> --name "<display name>" [--role staff|admin] | staff passwd <username> | staff list | staff disable <username>';

function usageError(detail: string): AppError {
  return new AppError('INVALID_INPUT', `${detail}\nUsage: npm run cchc -- ${USAGE}`);
}

/** The username, lower-cased (the login form lower-cases too) and checked. */
function username(raw: string | undefined): string {
  const u = (raw ?? '').trim().toLowerCase();
  if (!USERNAME_RE.test(u)) throw usageError(`a username needs 2–32 characters: a-z, 0-9, ".", "_" or "-", starting with a letter or digit (got "${raw ?? ''}")`);
  return u;
}

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads one line from a terminal without echoing it. Ctrl-C cancels. */
function promptHidden(input: Input, output: Writable, prompt: string): Promise<string> {
  output.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (err?: Error) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new AppError('INVALID_INPUT', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    input.setRawMode?.(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}

/** The new password: from STAFF_PASSWORD, piped standard input, or a prompt asked twice. */
async function readNewPassword(d: StaffCommandDeps): Promise<string> {
  const fromEnv = d.env.STAFF_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!d.stdin.isTTY) return (await readAll(d.stdin)).split(/\r?\n/)[0];
  const first = await promptHidden(d.stdin, d.stderr, 'New password (at least 10 characters): ');
  const again = await promptHidden(d.stdin, d.stderr, 'Repeat the password: ');
  if (first !== again) throw new AppError('INVALID_INPUT', 'the two passwords differ; nothing was changed');
  return first;
}

async function requireAccount(store: StaffCliStore, name: string): Promise<StaffAccount> {
  const account = await store.getAccount(name);
  if (!account) throw new AppError('NOT_FOUND', `no staff account "${name}" (see: staff list)`);
  return account;
}

type Values = Record<string, string | boolean | undefined>;

async function add(d: StaffCommandDeps, store: StaffCliStore, args: string[], values: Values): Promise<void> {
  const name = username(args[0]);
  const displayName = typeof values.name === 'string' ? values.name.trim() : '';
  if (!displayName || displayName.length > 100) throw usageError('--name "<display name>" is required (at most 100 characters); officials see it under each answer');
  const role = values.role ?? 'staff';
  if (role !== 'staff' && role !== 'admin') throw usageError(`--role must be staff or admin (got "${String(role)}")`);
  if (await store.getAccount(name)) throw new AppError('CONFLICT', `the staff account "${name}" already exists; use "staff passwd ${name}" to change its password`);
  const passwordHash = await hashPassword(await readNewPassword(d));
  await store.createAccount({ username: name, displayName, role, passwordHash, createdAt: d.now(), disabled: false });
  d.stdout.write(`Created ${role} account "${name}" (${displayName}). Sign in at <PUBLIC_URL>/staff/login.\n`);
}

async function passwd(d: StaffCommandDeps, store: StaffCliStore, args: string[]): Promise<void> {
  const account = await requireAccount(store, username(args[0]));
  await store.setPassword(account.username, await hashPassword(await readNewPassword(d)));
  d.stdout.write(`Changed the password of "${account.username}". Sessions already signed in stay valid until they expire (12 hours at most).\n`);
}

async function list(d: StaffCommandDeps, store: StaffCliStore): Promise<void> {
  const accounts = await store.listAccounts();
  if (!accounts.length) {
    d.stdout.write('No staff accounts yet. Add one with: staff add <username> --name "<display name>"\n');
    return;
  }
  const rows = [['USERNAME', 'ROLE', 'STATUS', 'CREATED', 'NAME'], ...accounts.map((a) => [a.username, a.role, a.disabled ? 'disabled' : 'active', new Date(a.createdAt).toISOString().slice(0, 10), a.displayName])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  d.stdout.write(rows.map((r) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]) : cell)).join('  ')).join('\n') + '\n');
}

async function disable(d: StaffCommandDeps, store: StaffCliStore, args: string[]): Promise<void> {
  const account = await requireAccount(store, username(args[0]));
  if (account.disabled) {
    d.stdout.write(`"${account.username}" is already disabled.\n`);
    return;
  }
  await store.setDisabled(account.username, true);
  d.stdout.write(`Disabled "${account.username}": they can no longer sign in, and their open sessions stop working at their next request.\n`);
}

/**
 * Builds the `staff` command; `deps` replaces the real store, environment and terminal (tests).
 *
 * @example
 * STAFF_PASSWORD='…' npm run cchc -- staff add lan --name "Nguyễn Thị Lan" --role admin
 * npm run cchc -- staff list
 */
export function createStaffCommand(deps: Partial<StaffCommandDeps> = {}): Command {
  return {
    name: 'staff',
    summary: 'Manage staff console accounts: add, passwd, list, disable.',
    usage: USAGE,
    options: {
      name: { type: 'string', description: 'Display name shown to officials with each answer (staff add)' },
      role: { type: 'string', description: 'staff or admin (staff add); admins may approve their own Q&A', default: 'staff' },
    },
    async run({ values, positionals }) {
      const d: StaffCommandDeps = {
        openStore: () => ((c) => openStore(c.databaseUrl, { schema: c.databaseSchema }))(loadConfig()),
        env: process.env,
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        now: Date.now,
        ...deps,
      };
      const [sub, ...args] = positionals;
      const actions: Record<string, (store: StaffCliStore) => Promise<void>> = {
        add: (store) => add(d, store, args, values),
        passwd: (store) => passwd(d, store, args),
        list: (store) => list(d, store),
        disable: (store) => disable(d, store, args),
      };
      const action = sub ? actions[sub] : undefined;
      if (!action) {
        d.stderr.write(`staff: expected one of add, passwd, list, disable${sub ? ` (got "${sub}")` : ''}\nUsage: npm run cchc -- ${USAGE}\n`);
        return 2;
      }
      const store = await d.openStore();
      try {
        await action(store);
      } finally {
        await store.close();
      }
      return 0;
    },
  };
}

/** The `staff` command as registered in `cli/main.ts`. */
export const staffCommand: Command = createStaffCommand();
