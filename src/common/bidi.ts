/**
 * Bidirectional-text control characters (Unicode UAX #9): embeddings and overrides U+202A–U+202E,
 * isolates U+2066–U+2069, and the marks U+200E/U+200F. A right-to-left override in a question can make
 * what staff read differ from what was written ("Trojan Source", CVE-2021-42574), so they are removed
 * wherever staff read text from officials (staff cards, topic names, the consoles). Vietnamese never needs
 * them.
 */
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** `text` without bidi control characters. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

