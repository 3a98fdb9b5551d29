/**
 * The app's Trusted Types policy for script URLs (workers, the service worker), apart from the HTML
 * policy (trustedTypes.ts) so that starting a worker does not load the HTML checks. Where Trusted
 * Types do not exist (Firefox, WebKit), `scriptUrl` returns the checked string.
 */

interface TrustedTypesLike {
	createPolicy(name: string, rules: { createScriptURL: (s: string) => string }): { createScriptURL(input: string): unknown };
}

/** The policy's name; svelte.config.js lists it in `trusted-types`. */
export const SCRIPT_URL_POLICY = 'paperdeck-script-url';

/** Workers and the service worker: same-origin scripts under these paths only. */
export function checkScriptUrl(url: string, base: string): string {
	const resolved = new URL(url, base);
	const origin = new URL(base).origin;
	// `vite dev` serves the worker from its source path with a query (`?worker_file&type=module`).
	const devWorker = resolved.pathname.startsWith('/src/lib/workers/');
	const built = resolved.pathname === '/sw.js' || resolved.pathname.startsWith('/_app/immutable/workers/');
	if (resolved.origin !== origin || !(built || devWorker) || (built && resolved.search) || resolved.hash) {
		throw new TypeError(`Refused script URL ${resolved.href}`);
	}
	return resolved.href;
}

const factory = (globalThis as unknown as { trustedTypes?: TrustedTypesLike }).trustedTypes;
const policy = factory?.createPolicy(SCRIPT_URL_POLICY, { createScriptURL: (url) => checkScriptUrl(url, location.href) });

/** A worker's or the service worker's script URL, as a TrustedScriptURL where the engine has them. */
export function scriptUrl(url: string): string {
	return (policy ? policy.createScriptURL(url) : checkScriptUrl(url, location.href)) as string;
}
