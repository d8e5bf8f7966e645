/**
 * The reindex honours metadata sidecars (`<file>.meta.yaml`): their keys override the file's own, editing
 * only the sidecar re-parses the document on an incremental reindex, and the sidecar itself is never
 * reported as a document. Needs the three sidecar calls in search/reindex.ts (see src/admin/README.md).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sampleDocs, startAdminApp, waitForJob } from './support.js';
import type { AdminHarness } from './support.js';

let h: AdminHarness | undefined;
afterAll(async () => {
  await h?.close();
});

describe('reindex with metadata sidecars', () => {
  it('applies sidecar metadata over the HTML title, re-parses on a sidecar-only edit and never lists the sidecar', async () => {
    h = await startAdminApp();
    const docs = h.documents;
    const samples = await sampleDocs();
    await docs.upload(samples.html.name, samples.html.bytes, 'web:quantri');
    await docs.updateMeta('thong-bao.html', { number: '20/TB-UBND', title: 'Thông báo triển khai dịch vụ công', status: 'còn hiệu lực' }, 'web:quantri');
    const first = await waitForJob(docs, (await docs.reindex('web:quantri')).id);
    expect(first.report?.failed, 'the sidecar is not a document (help: apply the isSidecarFile filter in search/reindex.ts)').toEqual([]);
    expect(h.knowledge.snapshot.files['thong-bao.html']?.meta, 'help: apply withSidecar in search/reindex.ts').toMatchObject({ number: '20/TB-UBND', title: 'Thông báo triển khai dịch vụ công', status: 'in_force' });
    expect(Object.keys(h.knowledge.snapshot.files)).not.toContain('thong-bao.html.meta.yaml');

    await docs.updateMeta('thong-bao.html', { status: 'hết hiệu lực', replaced_by: '21/TB-UBND' }, 'web:quantri');
    expect((await docs.get('thong-bao.html')).stale).toBe(true);
    const second = await waitForJob(docs, (await docs.reindex('web:quantri')).id);
    expect(second.report?.changed, 'a sidecar-only edit must change the hash (help: use documentHash in search/reindex.ts)').toEqual(['thong-bao.html']);
    expect(h.knowledge.snapshot.files['thong-bao.html']?.meta).toMatchObject({ number: '20/TB-UBND', status: 'expired', replacedBy: '21/TB-UBND' });
  });
});
