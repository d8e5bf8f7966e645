import { describe, expect, it } from 'vitest';
import { barChart, escapeXml, lineChart } from './svg-charts.js';

/** The content of every `<text>` element of an SVG string, as written (still escaped). */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

describe('barChart', () => {
  const svg = barChart({
    id: 'by-unit',
    title: 'Số câu hỏi theo cơ quan, đơn vị',
    desc: 'Sở Nội vụ: 1.234; Sở <Tư> pháp & "bạn": 5.',
    bars: [{ label: 'Sở Nội vụ', value: 1234 }, { label: 'Sở <Tư> pháp & "bạn"', value: 5 }, { label: 'Ủy ban nhân dân cấp xã', value: 2.5 }],
  });

  it('is an accessible image: role, title and description referenced by aria-labelledby', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="by-unit-title by-unit-desc"/);
    expect(svg).toContain('<title id="by-unit-title">Số câu hỏi theo cơ quan, đơn vị</title>');
    expect(svg).toContain('<desc id="by-unit-desc">Sở Nội vụ: 1.234; Sở &lt;Tư&gt; pháp &amp; &quot;bạn&quot;: 5.</desc>');
    expect(svg).not.toContain('style=');
  });

  it('draws each label and value as text, in Vietnamese number format, escaped', () => {
    expect(texts(svg)).toEqual(['Sở Nội vụ', '1.234', 'Sở &lt;Tư&gt; pháp &amp; &quot;bạn&quot;', '5', 'Ủy ban nhân dân cấp xã', '2,5']);
    expect(svg).not.toContain('<Tư>');
    expect(svg.match(/<rect /g)).toHaveLength(3);
  });

  it('scales the longest bar to the full width and says when there is nothing to draw', () => {
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBe(640 - 16 - 72);
    expect(widths[1]).toBeCloseTo((5 / 1234) * 552, 0);
    const empty = barChart({ id: 'e', title: 'T', desc: 'D', bars: [], emptyText: 'Không có dữ liệu trong kỳ này.' });
    expect(texts(empty)).toEqual(['Không có dữ liệu trong kỳ này.']);
    expect(empty).toContain('role="img"');
  });
});

describe('lineChart', () => {
  const labels = ['01/03', '02/03', '03/03'];
  const svg = lineChart({
    id: 'daily',
    title: 'Số câu hỏi theo ngày',
    desc: 'Tổng cộng 9 câu hỏi.',
    labels,
    series: [{ name: 'Số câu hỏi', values: [3, 3, 3] }, { name: 'Trả lời <tự động>', values: [2, 0, 2] }],
  });

  it('has a title, a description, a legend, axis labels and one polyline per series', () => {
    expect(svg).toContain('<title id="daily-title">Số câu hỏi theo ngày</title>');
    expect(svg).toContain('<desc id="daily-desc">Tổng cộng 9 câu hỏi.</desc>');
    expect(texts(svg)).toEqual(expect.arrayContaining(['0', '1', '2', '3', '4', '01/03', '02/03', '03/03', 'Số câu hỏi', 'Trả lời &lt;tự động&gt;']));
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg, 'the second series is dashed, not only another colour').toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('<title>02/03 — Trả lời &lt;tự động&gt;: 0</title>');
  });

  it('labels at most about six days on a long period and drops the point markers', () => {
    const many = Array.from({ length: 90 }, (_, i) => `d${i}`);
    const long = lineChart({ id: 'l', title: 'T', desc: 'D', labels: many, series: [{ name: 'S', values: many.map((_, i) => i % 7) }] });
    expect(texts(long).filter((s) => s.startsWith('d')).length).toBeLessThanOrEqual(6);
    expect(long).not.toContain('<circle');
  });
});

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
