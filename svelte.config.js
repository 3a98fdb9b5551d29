import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * CSP hash sources of every inline `<script>` and `<style>` in src/app.html. SvelteKit hashes only the
 * scripts it writes itself; the template's own (the theme and language script that must run before
 * first paint, and its style) are hashed here, from the file as it is, so editing them cannot forget
 * the policy.
 */
/**
 * @param {'script' | 'style'} tag
 * @returns {`sha256-${string}`[]}
 */
function appHtmlHashes(tag) {
	const html = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8');
	return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map(
		([, body]) => /** @type {`sha256-${string}`} */ (`sha256-${createHash('sha256').update(body ?? '').digest('base64')}`)
	);
}

/**
 * The Content-Security-Policy of every page (a `<meta>` in prerendered HTML; README "Deployment" has
 * the same policy as a response header, with what a meta tag cannot carry). Only our own scripts run:
 * same-origin files and hashed inline scripts, no 'unsafe-inline', no eval. README explains each
 * allowance.
 */
/** @type {NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']} */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self', ...appHtmlHashes('script')],
	'worker-src': ['self'],
	// Sync (issue 18) talks to a CouchDB server of the user's choice over HTTPS, or on this machine in development.
	'connect-src': ['self', 'https:', 'http://127.0.0.1:*', 'http://localhost:*'],
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self'],
	'style-src': ['self', ...appHtmlHashes('style')],
	'style-src-elem': ['self', ...appHtmlHashes('style')],
	// Style attributes only, never <style> elements: SvelteKit prerenders `style:` directives as
	// attributes, and KaTeX colours a mistyped formula in an own card with one. A style attribute
	// cannot run script.
	'style-src-attr': ['unsafe-inline'],
	'manifest-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['none'],
	'form-action': ['self'],
	// Chromium enforces these: HTML and script-URL sinks take only values from the named policies
	// (Svelte's for its compiled templates, ours in src/lib/security/trustedTypes.ts); no default policy.
	'require-trusted-types-for': ['script'],
	'trusted-types': ['svelte-trusted-html', 'paperdeck-deck-html', 'paperdeck-script-url']
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every page is prerendered; there is no server of our own. The one exception is a paper of the
		// user's own (`/papers/u_…`): it lives in their IndexedDB, so no file exists for it. `200.html`
		// is an empty app shell that renders any route in the browser: the host serves it for those
		// paths (README, "Hosting"), and the service worker does the same offline (src/service-worker.ts).
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
		// src/service-worker.ts is built by SvelteKit, gets its precache list from vite-plugin-pwa and is
		// registered by the app itself (registerServiceWorker.ts; STACK.md pitfall 3).
		serviceWorker: { register: false },
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
		csp: { mode: 'hash', directives: CSP_DIRECTIVES }
	}
};

export default config;
