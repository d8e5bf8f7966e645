import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from './html.js';

describe('html', () => {
  it('escapes every interpolation', () => {
    const evil = `<script>alert("x")</script> & 'y' \`z\``;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;</p>',
    );
  });

  it('keeps Vietnamese text as is', () => {
    expect(html`<p>${'Thủ tục hành chính — “một cửa”'}</p>`.value).toBe('<p>Thủ tục hành chính — “một cửa”</p>');
  });

  it('inserts nested html and raw() markup without escaping it again', () => {
    const inner = html`<b>${'a<b'}</b>`;
    expect(html`<div>${inner}${raw('<hr>')}</div>`.value).toBe('<div><b>a&lt;b</b><hr></div>');
  });

  it('renders arrays item by item and null, undefined and false as nothing', () => {
    expect(html`<ul>${['<1>', html`<li>2</li>`]}</ul>`.value).toBe('<ul>&lt;1&gt;<li>2</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });

  it('escapes a string that merely looks like markup from an object', () => {
    expect(escapeHtml('"><img src=x onerror=alert(1)>')).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});
