/**
 * A small static server for the built app (build/), as any static host would serve it: `/review`
 * serves `review.html`, and a paper of the user's own (`/papers/u_…`, no file of its own) gets the
 * app shell `200.html` with status 200, the rewrite the README asks hosts to set up. The tests own
 * it, so they can start it on a free port and stop it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.ttf': 'font/ttf',
	'.ics': 'text/calendar'
};

function resolve(root: string, urlPath: string): string | null {
	const path = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
	for (const candidate of [join(root, path), join(root, `${path}.html`), join(root, path, 'index.html')]) {
		if (candidate.startsWith(root) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

/**
 * The host headers of `_headers` (Netlify / Cloudflare Pages format: a path, `*` at its end matching
 * any rest, then indented `Name: value` lines), so the tests run under them as a deployment would.
 */
export function readHostHeaders(file: string): (path: string) => Record<string, string> {
	const rules: { prefix: string; exact: boolean; headers: Record<string, string> }[] = [];
	if (existsSync(file)) {
		for (const line of readFileSync(file, 'utf8').split('\n')) {
			if (!line.trim() || line.trimStart().startsWith('#')) continue;
			if (!/^\s/.test(line)) {
				const path = line.trim();
				rules.push({ prefix: path.replace(/\*$/, ''), exact: !path.endsWith('*'), headers: {} });
			} else if (rules.at(-1)) {
				const at = line.indexOf(':');
				rules.at(-1)!.headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
			}
		}
	}
	return (path) => Object.assign({}, ...rules.filter((r) => (r.exact ? path === r.prefix : path.startsWith(r.prefix))).map((r) => r.headers));
}

/** The host rewrite of the README ("Hosting"): own papers' pages are rendered by the app shell. */
export const SHELL_REWRITE = { pattern: /^\/papers\/u_[^/]+$/, file: '200.html' };

export interface ServerOptions {
	/** Leaves out the README's rewrite, as a host that was not set up would (to show the test bites). */
	noShellRewrite?: boolean;
	/** Rewrites every HTML page before it is served (the end-to-end tests add their error recorder). */
	transformHtml?: (html: string) => string;
	/** Compresses text with gzip when the browser accepts it, as static hosts do (`npm run lighthouse`). */
	gzip?: boolean;
	/**
	 * Sends the `Cache-Control` of `_headers` too (long caching of hashed files), as a host does: for a
	 * first visit's figures, where the service worker's install may reuse what the page already fetched.
	 * Off by default because the end-to-end tests rebuild the app under the same names.
	 */
	hostCaching?: boolean;
	/**
	 * A slow link shared by every response (the page's and the service worker's alike, which Chromium's
	 * per-page network emulation is not: it leaves a service worker's fetches unthrottled): each response
	 * starts after `latencyMs`, and all bodies together go out at `bytesPerSecond`.
	 */
	link?: { bytesPerSecond: number; latencyMs: number };
	/** Told of each request as it arrives and as its response ends (a test counts requests in flight). */
	watch?: (path: string, phase: 'start' | 'end') => void;
}

/** Sends `body` over `link`: after its latency, in 8 KB slices, each in turn on the one shared link. */
function sendOverLink(res: ServerResponse, headers: Record<string, string>, body: Buffer, link: NonNullable<ServerOptions['link']> & { busyUntil: number }) {
	setTimeout(() => {
		res.writeHead(200, { ...headers, 'content-length': String(body.length) });
		const SLICE = 8192;
		const next = (at: number) => {
			if (at >= body.length) {
				res.end();
				return;
			}
			const slice = body.subarray(at, at + SLICE);
			link.busyUntil = Math.max(link.busyUntil, Date.now()) + (slice.length / link.bytesPerSecond) * 1000;
			setTimeout(() => {
				res.write(slice);
				next(at + SLICE);
			}, link.busyUntil - Date.now());
		};
		next(0);
	}, link.latencyMs);
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.svg']);

export function startStaticServer(root: string, port = 0, options: ServerOptions = {}): Promise<{ server: Server; url: string }> {
	const hostHeaders = readHostHeaders(join(root, '_headers'));
	const link = options.link && { ...options.link, busyUntil: 0 };
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		if (options.watch) {
			options.watch(path, 'start');
			res.once('close', () => options.watch!(path, 'end'));
		}
		const file = resolve(root, path) ?? (!options.noShellRewrite && SHELL_REWRITE.pattern.test(path) ? resolve(root, `/${SHELL_REWRITE.file}`) : null);
		if (!file) {
			res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
			return;
		}
		const gzip = options.gzip && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
		const headers: Record<string, string> = {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
			// As a real host would: the service worker script must never be served stale.
			'cache-control': file.endsWith('sw.js') ? 'no-cache' : 'public, max-age=0',
			// …and the headers build/_headers asks a host to add (CSP with frame-ancestors, nosniff…),
			// long caching only when asked (hostCaching).
			...Object.fromEntries(Object.entries(hostHeaders(path)).filter(([name]) => options.hostCaching || name !== 'cache-control'))
		};
		const text = options.transformHtml && file.endsWith('.html') ? Buffer.from(options.transformHtml(readFileSync(file, 'utf8'))) : readFileSync(file);
		const body = gzip ? gzipSync(text, { level: 9 }) : text;
		if (link) sendOverLink(res, headers, body, link);
		else res.writeHead(200, headers).end(body);
	});
	return new Promise((ok) =>
		server.listen(port, '127.0.0.1', () => {
			const address = server.address();
			const p = typeof address === 'object' && address ? address.port : port;
			ok({ server, url: `http://127.0.0.1:${p}` });
		})
	);
}
