/// <reference types="vitest/config" />
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';
import type { CustomInjectManifestOptions } from 'vite-plugin-pwa';
import { deckVitePlugin } from './src/lib/deck/deckVitePlugin.ts';
import { installLater } from './tools/installLater.ts';
import { intlFormatterCache } from './tools/intlFormatterCache.ts';
import { uplotLocaleGuard } from './tools/uplotLocaleGuard.ts';

const SCHEDULER = /node_modules[\\/]ts-fsrs[\\/]|src[\\/]lib[\\/]core[\\/](scheduler|fuzzFactor)\.ts$/;
// The collection chunk: core and storage code, and the attachment every card view uses (chunks of their
// own would cost more than their code). The deck data's fetch is not in it: a first visit's import runs
// in the task worker (syncCollectionInWorker.ts).
const IN_CORE_OR_DB = /src[\\/]lib[\\/](core[\\/]|db[\\/]|components[\\/]wideMath\.ts$)/;
// Core and storage code that only some pages use (statistics, settings, library, backup & data,
// interview) or the worker stays in those pages' chunks, out of the collection chunk every page loads.
const PAGE_ONLY = new RegExp(
	'src[\\\\/]lib[\\\\/](' +
		[
			'core[\\\\/](stats|optimizer)[\\\\/]',
			'core[\\\\/](settingsForm|simulateWorkload|seededRandom|textSearch|cardSearchText|paperProgress|cardStatus|dueInStudyDays)\\.ts$',
			'core[\\\\/](backupFile|validateBackup|validateSettings|validateSettingsEvent|snapshotRetention|formatBytes)\\.ts$',
			'core[\\\\/]sync[\\\\/]',
			'db[\\\\/](syncStore|mergeSettingsEvents|settlePulledCards|settingsLog)\\.ts$',
			'core[\\\\/]interview\\w*\\.ts$',
			'db[\\\\/](recordInterviewAnswer|scheduleDueBy|workloadActions|refreshTranslation|translationRows)\\.ts$',
			'core[\\\\/](backlog|planReadiness|calendarReminder)\\.ts$',
			// The user's own content (issue 19): only the pages that show or write it.
			'core[\\\\/](contentEvents|foldOwnContent)\\.ts$',
			'db[\\\\/]ownContentStore\\.ts$',
			'db[\\\\/](applySettings|estimateWorkload|saveStudySelection)\\.ts$',
			'db[\\\\/](exportBackup|importBackup|snapshots|rollback|checkIntegrity|gzipText)\\.ts$',
			// Replaying history (imports, syncs, new settings) and the index sweep after a session.
			'db[\\\\/](rebuildStates|sweepStaleIndexEntries)\\.ts$'
		].join('|') +
		')'
);
// What the service worker precaches (vite-plugin-pwa's injectManifest options; installLater adds to them).
const INJECT_MANIFEST: Partial<CustomInjectManifestOptions> = {
	// KaTeX ships woff2, woff and ttf; browsers that run this app all take woff2.
	globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest,woff2}', 'prerendered/**/*.{html,json}'],
	// The README's screenshots are for people reading the repository, not for the app offline.
	// The deck's Chinese text is fetched and kept in IndexedDB only by people who read cards in Chinese.
	// The paper pages (one per paper, hundreds, 5 MB) are not installed: one request after another,
	// they kept a first visit on a slow network from working offline for minutes. The app shell
	// renders any of them from the precached /library.json instead (src/service-worker.ts), and the
	// library (/papers) until its HTML (319 KB, installed later: installLater below) is kept.
	// The task worker's own-content renderer (markdown-it and KaTeX, 360 KB; the page has its own
	// copy, installed later, above) is loaded only when a sync's pull brings own cards,
	// which needs the network anyway: cached when first used (src/service-worker.ts), not installed on every first visit.
	globIgnores: ['client/screenshots/**', 'prerendered/**/deck.zh-CN.json', 'prerendered/pages/papers/**', 'client/_app/immutable/workers/chunks/**'],
	// A part of the deck data is up to 600 KB; it must be precached for offline study.
	maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
	// Files whose names are hashes of their content need no revision: the install fetches them
	// through the HTTP cache, which on a first visit already holds what the page fetched (the
	// deck's files: deckParts.ts). Anything else is fetched past it.
	dontCacheBustURLsMatching: /_app\/immutable\/|\/deck\/[0-9a-f]{14}-\d+\.json$/
};
const THEME = '#1f4e79';
const BACKGROUND = '#f7f5f0';

export default defineConfig({
	// The task worker loads code on demand (the own-content renderer when a sync brings own cards): a
	// module worker, as runTask starts it, so its bundle may be split.
	worker: { format: 'es' },
	build: {
		// Fonts stay files: an inlined one is a data: URL, which the CSP's font-src 'self' refuses.
		assetsInlineLimit: (file: string) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
		rolldownOptions: {
			output: {
				// The scheduler (ts-fsrs) gets a chunk of its own that the home screen never loads. The
				// collection group claims core and storage modules first, so the scheduler chunk does not
				// pull in the small modules (types, settings) that the home screen needs too.
				codeSplitting: {
					groups: [
						{ name: 'collection', priority: 2, test: (id: string) => IN_CORE_OR_DB.test(id) && !SCHEDULER.test(id) && !PAGE_ONLY.test(id) },
						{ name: 'scheduler', priority: 1, test: SCHEDULER }
					]
				}
			}
		}
	},
	plugins: [
		// Messages (messages/<locale>.json) compile to tree-shakable functions in src/lib/paraglide. The
		// locale is the app's own reactive state (src/lib/i18n/locale.svelte.ts), so no strategy but the
		// base locale is needed here. Under vitest the messages are compiled beforehand (`npm run i18n`):
		// the plugin's project loader keeps vitest from exiting for ten seconds.
		...(process.env.VITEST
			? []
			: [paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide', strategy: ['baseLocale'], emitReadme: false })]),
		deckVitePlugin(),
		intlFormatterCache(),
		uplotLocaleGuard(),
		sveltekit(),
		// The page's own-content renderer (KaTeX and markdown-it, 360 KB) is only for the forms that write
		// cards and papers and the pages that show them: the service worker fetches it once its install is
		// done, off a first visit's path to working offline. So is the library's HTML, which makes a
		// later visit to /papers as fast as without the worker (the app shell renders it until then).
		installLater({ modules: ['node_modules/katex/dist/katex.mjs', 'src/lib/own/renderOwnMarkdown.ts'], pages: ['papers'] }, INJECT_MANIFEST),
		SvelteKitPWA({
			// A waiting service worker is announced, never swapped in under a review (see UpdatePrompt).
			registerType: 'prompt',
			injectRegister: false,
			// SvelteKit's relative paths would register `./sw.js` from the page's folder: from a paper's
			// page (/papers/<id>) that is /papers/sw.js, a 404, and a first visit there never installs.
			buildBase: '/',
			scope: '/',
			// Precache adapter-static's fallback page (written after the service worker is generated).
			kit: { adapterFallback: '200.html', spa: { fallbackMapping: '/200.html' } },
			manifest: {
				id: '/',
				name: 'Paperdeck — the key ideas of classic ML papers',
				short_name: 'Paperdeck',
				description:
					'Offline spaced-repetition flashcards on the key ideas of the classic LLM and deep-learning papers, scheduled by FSRS.',
				lang: 'en',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'any',
				theme_color: THEME,
				background_color: BACKGROUND,
				categories: ['education', 'productivity'],
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			// Our own worker, src/service-worker.ts (SvelteKit builds it; the plugin injects the precache list
			// and names it after `filename`: /sw.js, as before). Workbox's generated one installs the
			// precache one file at a time.
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'sw.ts',
			injectManifest: INJECT_MANIFEST
		})
	],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					setupFiles: ['tests/unit/setup.ts'],
					environment: 'node',
					// The random-history property tests take seconds on a busy two-core machine.
					testTimeout: 30_000,
					// `npm run bench`: node benchmarks of the core (figures for the notes, never pass/fail).
					benchmark: { include: ['tests/bench/**/*.bench.ts'] }
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts', ...(process.env.PD_SCRATCH ? ['scratch/*.test.ts'] : [])],
					globalSetup: ['tests/e2e/globalSetup.ts'],
					// One Chromium at a time: the machine has two cores.
					fileParallelism: false,
					// Three engines on a two-core machine: a walk of every page takes a while.
					testTimeout: 120_000,
					hookTimeout: 60_000,
					// Pages open the collection before they show stored state: often more than the default second
					// on a loaded CI machine. Checks of "at once" give their own timeout.
					expect: { poll: { timeout: 10_000 } }
				}
			},
			{
				extends: true,
				test: {
					// `npm run bench:browser`: measurements in Chromium, never part of `npm test`.
					name: 'browser-bench',
					include: ['tests/bench/browser/**/*.test.ts'],
					globalSetup: ['tests/e2e/globalSetup.ts'],
					fileParallelism: false,
					testTimeout: 900_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
