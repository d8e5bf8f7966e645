import { describe, expect, it } from 'vitest';
import { isAppError } from '../../common/errors.js';
import { detectFormat, loadSource } from './index.js';
import { buildDocx, paragraph } from '../../../test/fixtures/loaders/build-docx.js';
import { buildPdf } from '../../../test/fixtures/loaders/build-pdf.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('loadSource', () => {
  it('dispatches each format to its loader', async () => {
    const cases = [
      { relPath: 'a.md', bytes: encode('---\nso_hieu: 1/2025\n---\n## Điều 1. **A**') },
      { relPath: 'a.txt', bytes: encode('Điều 1. A') },
      { relPath: 'a.html', bytes: encode('<p><span>Điều</span> 1. A</p>') },
      { relPath: 'a.docx', bytes: await buildDocx(paragraph('Điều 1. A')) },
      { relPath: 'a.pdf', bytes: buildPdf([[{ x: 72, y: 760, text: 'Dieu 1. A' }]]) },
    ];
    for (const { relPath, bytes } of cases) {
      const loaded = await loadSource({ relPath, format: detectFormat(relPath, bytes), bytes });
      expect(loaded.text, relPath).toMatch(/^(Điều|Dieu) 1\. A$/u);
    }
  });

  it('checks the content against the declared format', async () => {
    const bytes = encode('<html><body>Not a PDF</body></html>');
    const error = await loadSource({ relPath: 'gia.pdf', format: 'pdf', bytes }).catch((thrown: unknown) => thrown);
    expect(isAppError(error, 'UNSUPPORTED_FORMAT'), String(error)).toBe(true);
  });
});
