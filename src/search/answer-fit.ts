/**
 * Whether what was found speaks of what was asked, beyond sharing its words: the same documents, group of
 * staff, level of government, side of a contrast and "may / may not". Each check is in its own module; this
 * one applies them to a curated answer (all must hold) and to the passage search found first (the first that
 * fails says what was found instead, for the reply).
 */
import type { FaqEntry } from './types.js';
import { asksAlike, namesSameDocuments, polarityMismatch, samePolarity } from './faq-matcher.js';
import { contrastMismatch } from './contrasts.js';
import { levelMismatch, subjectMismatch } from './subject-groups.js';
import type { OtherSubject } from './subject-groups.js';

/** The question as the checks read it: normalised, with abbreviations spelled out, and whether it had diacritics. */
export interface AskedText {
  normalized: string;
  spelled: string;
  accented: boolean;
}

/**
 * Whether a curated entry answers the question: it asks the kind of fact the entry's phrasings ask
 * (`asksAlike`), names no document the entry does not, asks "may" or "may not" as the entry does, and takes
 * the entry's side of every contrast, group of staff and level of government it names.
 */
export function curatedFits(q: AskedText, entry: FaqEntry): boolean {
  const texts = [entry.question, ...entry.variants, entry.answer];
  const both = `${q.normalized}\n${q.spelled}`;
  return (
    asksAlike(q.normalized, entry) &&
    namesSameDocuments(q.normalized, entry) &&
    samePolarity(q.normalized, entry) &&
    !contrastMismatch(q.normalized, q.accented, texts) &&
    !subjectMismatch(both, () => texts) &&
    !levelMismatch(both, q.accented, () => texts)
  );
}

/**
 * What the first passage speaks of instead of what was asked (another group of staff, another level of
 * government, what may not be done, the other side of a contrast), or undefined when it speaks of what was
 * asked. `passage`: its document title, article title and text; `articleTitle` alone for "may / may not".
 */
export function passageMismatch(q: AskedText, passage: () => readonly string[], articleTitle: string | undefined): OtherSubject | undefined {
  const both = `${q.normalized}\n${q.spelled}`;
  const contrast = () => {
    const c = contrastMismatch(q.normalized, q.accented, passage());
    return c ? { asked: [c.asked], found: [c.found] } : undefined;
  };
  return subjectMismatch(both, passage) ?? levelMismatch(both, q.accented, passage) ?? polarityMismatch(q.normalized, articleTitle) ?? contrast();
}
