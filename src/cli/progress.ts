/** A one-line progress bar on stderr (redrawn in place on a terminal, a line per 10% otherwise). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastPct = -1;
  return (done: number, total: number, item: string): void => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      const name = item.length > 40 ? `…${item.slice(-39)}` : item;
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done}/${total} ${name}\x1b[K`);
      if (done >= total) stream.write('\n');
    } else if (pct >= lastPct + 10 || (done >= total && pct !== lastPct)) {
      lastPct = pct;
      stream.write(`${label} ${pct}% (${done}/${total})\n`);
    }
  };
}
