/**
 * A small static server for the built app (build/), as any static host would serve it: `/review`
 * serves `review.html`, and a paper of the user's own (`/papers/u_…`, no file of its own) gets the
 * app shell `200.html` with status 200, the rewrite the README asks hosts to set up. The tests own
 * it, so they can start it on a free port and stop it.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
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
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.svg']);

export function startStaticServer(root: string, port = 0, options: ServerOptions = {}): Promise<{ server: Server; url: string }> {
	const hostHeaders = readHostHeaders(join(root, '_headers'));
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		const file = resolve(root, path) ?? (!options.noShellRewrite && SHELL_REWRITE.pattern.test(path) ? resolve(root, `/${SHELL_REWRITE.file}`) : null);
		if (!file) {
			res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
			return;
		}
		const gzip = options.gzip && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
		res.writeHead(200, {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
			// As a real host would: the service worker script must never be served stale.
			'cache-control': file.endsWith('sw.js') ? 'no-cache' : 'public, max-age=0',
			// …and the headers build/_headers asks a host to add (CSP with frame-ancestors, nosniff…),
			// except long caching: tests rebuild the app under the same names.
			...Object.fromEntries(Object.entries(hostHeaders(path)).filter(([name]) => name !== 'cache-control'))
		});
		if (options.transformHtml && file.endsWith('.html')) res.end(options.transformHtml(readFileSync(file, 'utf8')));
		else if (gzip) res.end(gzipSync(readFileSync(file), { level: 9 }));
		else createReadStream(file).pipe(res);
	});
	return new Promise((ok) =>
		server.listen(port, '127.0.0.1', () => {
			const address = server.address();
			const p = typeof address === 'object' && address ? address.port : port;
			ok({ server, url: `http://127.0.0.1:${p}` });
		})
	);
}
