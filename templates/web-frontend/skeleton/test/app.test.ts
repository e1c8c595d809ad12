import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, renderPage, resolveRoute } from '../src/app.ts';

describe('app', () => {
  it('escapes HTML', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('resolves known routes, ignoring a trailing slash', () => {
    assert.equal(resolveRoute('/')?.title, 'Home');
    assert.equal(resolveRoute('/about/')?.title, 'About');
    assert.equal(resolveRoute('/missing'), undefined);
  });

  it('renders a not-found view without injecting the path as HTML', () => {
    const html = renderPage('/<script>', 'demo');
    assert.match(html, /Not found/);
    assert.ok(!html.includes('<script>'));
  });
});
