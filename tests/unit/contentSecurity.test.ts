import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/lib/deck/compileDeck.ts';
import { readDeckSources } from '../../src/lib/deck/deckVitePlugin.ts';
import { renderMarkdown } from '../../src/lib/deck/renderMarkdown.ts';
import { checkDeckHtml, checkScriptUrl } from '../../src/lib/security/trustedTypes.ts';
import { CSP_DIRECTIVES as DIRECTIVES } from '../../svelte.config.js';

const CSP_DIRECTIVES = DIRECTIVES!;

const ORIGIN = 'https://paperdeck.example/review';

describe('the page policy (svelte.config.js)', () => {
	it('runs only our own scripts: no unsafe-inline, no eval, no host but our own', () => {
		for (const source of CSP_DIRECTIVES['script-src']!) expect(source).toMatch(/^(self|sha256-[A-Za-z0-9+/]+=*)$/);
		expect(CSP_DIRECTIVES['object-src']).toEqual(['none']);
		expect(CSP_DIRECTIVES['base-uri']).toEqual(['none']);
		expect(CSP_DIRECTIVES['require-trusted-types-for']).toEqual(['script']);
		expect(CSP_DIRECTIVES['trusted-types']).not.toContain('default');
		expect(CSP_DIRECTIVES['style-src-elem']).not.toContain('unsafe-inline');
	});

	it('hashes the inline script of app.html as it is', () => {
		const html = readFileSync('src/app.html', 'utf8');
		const body = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
		expect(CSP_DIRECTIVES['script-src']).toContain(`sha256-${createHash('sha256').update(body ?? '').digest('base64')}`);
	});
});

describe('the deck HTML policy', () => {
	const { deck } = compileDeck(readDeckSources(process.cwd()));

	it('accepts every card and summary of the real deck (KaTeX included)', () => {
		for (const c of deck!.cards) for (const html of [c.promptHtml, c.answerHtml, c.noteHtml]) expect(checkDeckHtml(html)).toBe(html);
		for (const p of deck!.papers) expect(checkDeckHtml(p.summaryHtml)).toBe(p.summaryHtml);
	});

	it.each([
		'<script>alert(1)</script>',
		'<img src=x onerror="alert(1)">',
		'<svg onload=alert(1)>',
		'<a href="javascript:alert(1)">x</a>',
		'<a href=" data:text/html,<script>alert(1)</script>">x</a>',
		'<iframe src="https://evil.example"></iframe>',
		'<base href="https://evil.example/">'
	])('refuses %s', (html) => {
		expect(() => checkDeckHtml(html)).toThrow(TypeError);
	});

	it('the Markdown renderer turns the payloads into text and KaTeX refuses \\href{javascript:…}', () => {
		for (const source of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '$\\href{javascript:alert(1)}{x}$', '$\\htmlData{foo=bar}{x}$']) {
			const html = renderMarkdown(source);
			expect(checkDeckHtml(html)).toBe(html);
			expect(html).not.toMatch(/<script|<img|href="javascript/i);
		}
	});
});

describe('the script URL policy', () => {
	it('allows the service worker and built workers of this origin only', () => {
		expect(checkScriptUrl('/sw.js', ORIGIN)).toBe('https://paperdeck.example/sw.js');
		expect(checkScriptUrl('/_app/immutable/workers/taskWorker-abc.js', ORIGIN)).toMatch(/workers\/taskWorker-abc\.js$/);
		for (const url of ['https://evil.example/sw.js', 'data:text/javascript,alert(1)', 'blob:https://paperdeck.example/x', '/_app/immutable/chunks/x.js', '/sw.js?x=1', 'javascript:alert(1)']) {
			expect(() => checkScriptUrl(url, ORIGIN), url).toThrow(TypeError);
		}
	});
});
