import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * Runs a full garbage collection now, so that the typed arrays the caller has just dropped return their
 * memory to the system. A typed array's bytes live outside the JS heap and are freed only when the GC
 * finds the array unreachable; a loop that drops big arrays but allocates nothing on the JS heap (the
 * index builder laying out its postings) would otherwise hold every one of them until it ends, and the
 * build's peak RSS would be the collected postings plus the final arrays. Uses `global.gc` when Node runs
 * with --expose-gc, else enables it for a new context once (`v8.setFlagsFromString`, as Node documents
 * for flags set at run time). A full collection of the build's small heap takes a few tens of ms; callers
 * run it a handful of times per build, never per query.
 */
export function releaseMemory(): void {
  if (!collect) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
}
