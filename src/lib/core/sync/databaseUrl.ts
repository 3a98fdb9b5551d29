/** Why a database URL cannot be used, or null. Only https, except loopback (a server on this machine, for development). */
export type UrlProblem = 'invalid' | 'insecure' | 'credentials' | 'noDatabase';

// Exactly the loopback hosts the CSP's connect-src admits (svelte.config.js): any other would be
// refused by the browser with no message the app could turn into a reason.
const LOOPBACK = /^(localhost|127\.0\.0\.1)$/;

export function databaseUrlProblem(text: string): UrlProblem | null {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		return 'invalid';
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) return 'insecure';
	// Credentials in the address would end up in history and logs: they have their own fields.
	if (url.username || url.password) return 'credentials';
	if (url.pathname.replace(/\/+$/, '') === '' || url.search || url.hash) return 'noDatabase';
	return null;
}

/** The URL as used for requests: trimmed, without a trailing slash. */
export function normalizeDatabaseUrl(text: string): string {
	const url = new URL(text.trim());
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
