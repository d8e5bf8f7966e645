import { loadConfig } from '../../config/index.js';
import { glossaryCandidates } from '../../text/glossary.js';
import { SnapshotStore } from '../../search/snapshot.js';
import { glossaryFromJson } from '../../search/snapshot.js';
import type { Command } from '../args.js';
import { loadGlossary } from '../load-glossary.js';

export const glossaryCommand: Command = {
  name: 'glossary',
  summary: 'List abbreviation pairs found in the indexed documents ("Ủy ban nhân dân (UBND)") that the glossary lacks.',
  usage: 'glossary candidates [--min <n>]',
  options: { min: { type: 'string', description: 'Only pairs seen at least this many times', default: '1' } },
  async run({ values, positionals }) {
    if (positionals[0] !== 'candidates') {
      process.stderr.write('glossary: the only sub-command is "candidates"\n');
      return 2;
    }
    const cfg = loadConfig();
    const snapshot = await new SnapshotStore(cfg.dataDir).load();
    if (!snapshot) {
      process.stderr.write('glossary: no index yet; run "npm run cchc -- reindex" first\n');
      return 1;
    }
    const glossary = snapshot.glossary ? glossaryFromJson(snapshot.glossary) : await loadGlossary(cfg.knowledgeDir);
    const text = snapshot.chunks.map((c) => c.text).join('\n');
    const min = Number(values.min ?? 1) || 1;
    const found = glossaryCandidates(text, glossary).filter((c) => c.count >= min);
    if (!found.length) process.stdout.write('No new abbreviation pairs found.\n');
    for (const c of found) process.stdout.write(`${c.abbreviation}: [${c.expansion}]   # seen ${c.count}×\n`);
    return 0;
  },
};
