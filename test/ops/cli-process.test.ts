import { describe, it, expect } from 'vitest';
import { runCli } from '../support/cli-process.js';

describe('runCli (test support)', () => {
  it('reports a command that exits without reading its input, instead of failing the run on EPIPE', async () => {
    // 4 MB of input is far more than a pipe holds: the write is still going when the child has exited.
    const r = await runCli(['--no-such-command'], { input: 'x'.repeat(4 * 1024 * 1024) });
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/Unknown command/u);
  });
});
