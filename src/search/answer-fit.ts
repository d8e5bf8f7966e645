/**
 * Whether what was found speaks of what was asked, beyond sharing its words: the same documents, group of
 * staff, level of government, side of a contrast and "may / may not". Each reading is in its own module; this
 * one reads the question once (`askedFacts`), each curated entry once (cached), and applies the checks to a
 * curated answer (all must hold) and to the passage search found first (the first that fails says what was
 * found instead, for the reply).
 */
import type { FaqEntry } from './types.js';
import { asksAlike, namesSameDocuments, polarityMismatch, polarityOf, samePolarity } from './faq-matcher.js';
import { contrastBetween, contrastsNamed } from './contrasts.js';
import type { ContrastsNamed } from './contrasts.js';
import { groupsNamed, levelsAsked, levelsNamed, otherNamed } from './subject-groups.js';
import type { OtherSubject } from './subject-groups.js';
import { contactMissing } from '../text/question-facts.js';

/** The question as the checks read it: normalised, with abbreviations spelled out, and whether it had diacritics. */
export interface AskedText {
  normalized: string;
  spelled: string;
  accented: boolean;
}

/** What the question names, read once for both checks. */
export interface AskedFacts extends AskedText {
  groups: string[];
  levels: string[];
  contrasts: ContrastsNamed;
  polarity: ReturnType<typeof polarityOf>;
}

/** Reads the question's groups of staff, levels of government, contrasting words and "may / may not". */
export function askedFacts(q: AskedText): AskedFacts {
  const both = `${q.normalized}\n${q.spelled}`;
  return { ...q, groups: groupsNamed(both), levels: levelsAsked(both, q.accented), contrasts: contrastsNamed(both, q.accented), polarity: polarityOf(q.normalized) };
}

/** What a text found (an entry, a passage) names of the same, read with diacritics. */
interface FoundFacts {
  groups: string[];
  levels: string[];
  contrasts: ContrastsNamed;
}

function foundFacts(text: string): FoundFacts {
  return { groups: groupsNamed(text), levels: levelsNamed(text, true), contrasts: contrastsNamed(text, true) };
}

/** The side of a contrast the text found takes instead of the one asked, in the shape of the other checks. */
function otherSide(a: AskedFacts, f: FoundFacts): OtherSubject | undefined {
  const c = contrastBetween(a.contrasts, f.contrasts);
  return c ? { asked: [c.asked], found: [c.found] } : undefined;
}

const ENTRY_FACTS = new WeakMap<FaqEntry, FoundFacts>();

function entryFacts(entry: FaqEntry): FoundFacts {
  let f = ENTRY_FACTS.get(entry);
  if (!f) ENTRY_FACTS.set(entry, (f = foundFacts([entry.question, ...entry.variants, entry.answer].join('\n'))));
  return f;
}

/**
 * Whether a curated entry answers the question: it asks the kind of fact the entry's phrasings ask
 * (`asksAlike`), names no document the entry does not, asks "may" or "may not" as the entry does, and takes
 * the entry's side of every contrast, group of staff and level of government it names.
 */
export function curatedFits(a: AskedFacts, entry: FaqEntry): boolean {
  if (!asksAlike(a.normalized, entry) || !namesSameDocuments(a.normalized, entry)) return false;
  if (a.polarity !== 'neutral' && !samePolarity(a.normalized, entry)) return false;
  // An address or a telephone number asked: an entry that gives none does not answer it.
  if (contactMissing(a.normalized, [entry.answer])) return false;
  const f = entryFacts(entry);
  return !otherNamed(a.groups, f.groups) && !otherNamed(a.levels, f.levels) && !otherSide(a, f);
}

/**
 * What the first passage speaks of instead of what was asked (another group of staff, another level of
 * government, what may not be done, the other side of a contrast), or undefined when it speaks of what was
 * asked. `passage`: its document title, article title and text, read only when the question names something.
 */
export function passageMismatch(a: AskedFacts, passage: () => string, articleTitle: string | undefined): OtherSubject | undefined {
  const f = a.groups.length || a.levels.length || a.contrasts.size ? foundFacts(passage()) : undefined;
  return (
    (f && (otherNamed(a.groups, f.groups) ?? otherNamed(a.levels, f.levels))) ??
    (a.polarity === 'neutral' ? undefined : polarityMismatch(a.normalized, articleTitle)) ??
    (f && otherSide(a, f))
  );
}
