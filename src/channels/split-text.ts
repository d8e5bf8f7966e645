/**
 * Splits text into pieces of at most `limit` characters, preferring paragraph breaks, then line breaks,
 * then sentence ends, then spaces; a single word longer than the limit is cut. Pieces are trimmed and
 * never empty. `measure` lets Telegram count characters after HTML escaping.
 */
export function splitText(text: string, limit: number, measure: (s: string) => number = (s) => s.length): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest && measure(rest) > limit) {
    let cut = -1;
    for (const sep of ['\n\n', '\n', '. ', ' ']) {
      let idx = rest.lastIndexOf(sep);
      while (idx > 0 && measure(rest.slice(0, idx + (sep === '. ' ? 1 : 0))) > limit) idx = rest.lastIndexOf(sep, idx - 1);
      if (idx > 0) {
        cut = idx + (sep === '. ' ? 1 : 0);
        break;
      }
    }
    if (cut <= 0) {
      cut = limit;
      while (cut > 1 && measure(rest.slice(0, cut)) > limit) cut--;
    }
    const piece = rest.slice(0, cut).trim();
    if (piece) out.push(piece);
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}
