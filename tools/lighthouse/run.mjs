// `npm run lighthouse`: Lighthouse 12 (mobile defaults) on `/` and `/review` of the built app, served
// locally, with Debian's Chromium. Prints the four category scores, the median of three runs each.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { preview } from 'vite';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const ROUTES = ['/', '/review'];
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const server = await preview({ preview: { host: '127.0.0.1', port: 4174, strictPort: true }, logLevel: 'error' });
const base = 'http://127.0.0.1:4174';
const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: FLAGS });
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
	for (const route of ROUTES) {
		const runs = [];
		for (let i = 0; i < RUNS; i++) {
			const result = await lighthouse(`${base}${route}`, { port: chrome.port, output: 'json', logLevel: 'error' });
			const c = result.lhr.categories;
			runs.push({ performance: c.performance.score, accessibility: c.accessibility.score, 'best-practices': c['best-practices'].score, seo: c.seo.score });
			for (const [id, audit] of Object.entries(result.lhr.audits)) {
				if (audit.score !== null && audit.score < 1 && ['accessibility', 'best-practices'].some((k) => c[k].auditRefs.some((r) => r.id === id && r.weight > 0))) {
					console.log(`  ${route}: failing audit ${id}: ${audit.title}`);
				}
			}
		}
		const score = (k) => Math.round(median(runs.map((r) => r[k])) * 100);
		rows.push([route, score('performance'), score('accessibility'), score('best-practices'), score('seo')]);
	}
} finally {
	await chrome.kill();
	await new Promise((done) => server.httpServer.close(done));
}
console.log(`\nLighthouse ${RUNS > 1 ? `(median of ${RUNS} runs) ` : ''}— budgets: performance ≥ 95, accessibility 100, best practices 100`);
console.log('route      performance  accessibility  best-practices  seo');
for (const [route, p, a, b, s] of rows) console.log(`${route.padEnd(10)} ${String(p).padStart(11)}  ${String(a).padStart(13)}  ${String(b).padStart(14)}  ${String(s).padStart(3)}`);
