import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyGlossary, parseGlossary } from '../text/glossary.js';
import type { Glossary } from '../text/glossary.js';

/** Loads the admin glossary from the knowledge folder (empty when absent). */
export async function loadGlossary(knowledgeDir: string): Promise<Glossary> {
  try {
    return parseGlossary(await readFile(join(knowledgeDir, 'glossary.yaml'), 'utf8')).glossary;
  } catch {
    return emptyGlossary();
  }
}
