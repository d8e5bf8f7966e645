import { describe, it, expect } from 'vitest';
import { runSteps, runStepsSliced, TimeSlicer, yieldToEventLoop } from './time-slice.js';
import type { Steps } from './time-slice.js';

function* squares(n: number, log: string[]): Steps<number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    sum += i * i;
    log.push(`step ${i}`);
    yield;
  }
  return sum;
}

describe('time slices', () => {
  it('runs the same steps to the same result at once or in slices', async () => {
    expect(runSteps(squares(4, []))).toBe(30);
    expect(await runStepsSliced(squares(4, []), new TimeSlicer(1e9))).toBe(30);
  });

  it('lets callbacks waiting on the event loop run between slices once a slice is used up', async () => {
    const log: string[] = [];
    const slicer = new TimeSlicer(0); // every step uses up its slice
    setImmediate(() => log.push('waiting callback'));
    const result = await runStepsSliced(squares(3, log), slicer);
    expect(result).toBe(14);
    expect(log).toEqual(['step 1', 'waiting callback', 'step 2', 'step 3']);
    expect(slicer.pauses).toBe(3);
  });

  it('does not pause while the slice lasts', async () => {
    const log: string[] = [];
    const slicer = new TimeSlicer(1e9);
    setImmediate(() => log.push('waiting callback'));
    await runStepsSliced(squares(3, log), slicer);
    expect(log).toEqual(['step 1', 'step 2', 'step 3']);
    expect(slicer.pauses).toBe(0);
    await yieldToEventLoop();
    expect(log).toEqual(['step 1', 'step 2', 'step 3', 'waiting callback']);
  });
});
