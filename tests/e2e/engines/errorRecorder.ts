import { createHash } from 'node:crypto';
import type { EnginePage } from './enginePage.ts';

/**
 * A classic script the end-to-end server puts first in every page's <head>, in every engine alike
 * (WebKitWebDriver exposes no console): it records uncaught errors, unhandled rejections,
 * console.error calls and Content-Security-Policy violations in sessionStorage, so errors survive
 * reloads and navigations and a test reads them all at once (`pageErrors`).
 */
export const ERROR_RECORDER = `(function () {
	var KEY = 'pd-test-errors';
	// Loads that a navigation cancels fail in the page it leaves (WebKit reports them): not the app's errors.
	var leaving = false;
	addEventListener('beforeunload', function () { leaving = true; });
	addEventListener('pagehide', function () { leaving = true; });
	addEventListener('pageshow', function () { leaving = false; });
	function push(kind, text) {
		if (leaving) return;
		try {
			var list = JSON.parse(sessionStorage.getItem(KEY) || '[]');
			list.push(kind + ': ' + String(text).slice(0, 2000) + ' @ ' + location.pathname);
			sessionStorage.setItem(KEY, JSON.stringify(list));
		} catch (e) {}
	}
	addEventListener('error', function (e) {
		// A modulepreload link is a hint: Firefox (ESR 153) fires "error" on every one a script inserts, and
		// a module that really fails to load rejects its import(), which is recorded below.
		if (e.target && e.target.rel === 'modulepreload') return;
		if (e.target && e.target !== window) push('resource', (e.target.src || e.target.href || e.target.tagName));
		else push('error', (e.error && e.error.stack) || e.message);
	}, true);
	addEventListener('unhandledrejection', function (e) { push('rejection', (e.reason && e.reason.stack) || e.reason); });
	// Every CSP and Trusted Types violation (Chromium reports a refused sink as 'require-trusted-types-for').
	addEventListener('securitypolicyviolation', function (e) {
		push('csp', e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + (e.sample ? ' sample ' + e.sample : '') + (e.sourceFile ? ' in ' + e.sourceFile + ':' + e.lineNumber : ''));
	}, true);
	var original = console.error;
	console.error = function () {
		// The caller's stack too: an error object from fetch has none of its own in WebKit.
		push('console.error', Array.prototype.map.call(arguments, function (a) { return a && a.stack ? a.stack : String(a); }).join(' ') + ' | from ' + new Error().stack);
		return original.apply(this, arguments);
	};
})();`;

/** The recorder's CSP source expression, for a page whose policy must allow it. */
export const ERROR_RECORDER_HASH = `'sha256-${createHash('sha256').update(ERROR_RECORDER).digest('base64')}'`;

/** Puts the recorder first in `<head>`, and its hash into the page's CSP `script-src`, if it has one. */
export function injectErrorRecorder(html: string): string {
	const withScript = html.replace(/<head>/i, `<head><script>${ERROR_RECORDER}</script>`);
	return withScript.replace(/(<meta http-equiv="content-security-policy" content="[^"]*?script-src )/i, `$1${ERROR_RECORDER_HASH} `);
}

/** Every error the page's origin recorded in this tab so far, plus a 500 page if one is on screen. */
export async function pageErrors(page: EnginePage): Promise<string[]> {
	return page.evaluate(() => {
		const list = JSON.parse(sessionStorage.getItem('pd-test-errors') || '[]') as string[];
		if (/\b500\b[\s\S]*Internal Error/.test(document.body?.innerText ?? '')) list.push(`page: "Internal Error" on ${location.pathname}`);
		return list;
	});
}

/**
 * The CSP violations recorded in the page's tab (its current origin). Every engine's page `close()`
 * calls this (launchEngine.ts) and fails the test on any.
 */
export async function cspViolations(page: EnginePage): Promise<string[]> {
	return (await pageErrors(page)).filter((e) => e.startsWith('csp:'));
}
