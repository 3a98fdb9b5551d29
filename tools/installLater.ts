import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import type { CustomInjectManifestOptions } from 'vite-plugin-pwa';

type ManifestTransform = NonNullable<CustomInjectManifestOptions['manifestTransforms']>[number];

/**
 * Marks entries of the precache list `later: true`; the service worker fetches them only once its install
 * is done (src/service-worker.ts). `modules` are dynamic entries of the client build (module paths as in
 * its `.vite/manifest.json`), whose files are named by content hashes known only once the client build
 * has written them, so the list is marked after it; `pages` are prerendered pages by their precache URL
 * (`papers`), revisioned. The build fails when one is not found, so a rename cannot quietly put its
 * files back into the install.
 *
 * `injectManifest` is the object given to vite-plugin-pwa: its SvelteKit integration sets its own
 * manifest transform there (URL paths from build paths) when the config is resolved, and only when none
 * is set, so this one is added after it.
 */
export function installLater(later: { modules: string[]; pages: string[] }, injectManifest: Partial<CustomInjectManifestOptions>): Plugin {
	let clientDir = '';
	const markLater: ManifestTransform = async (entries) => {
		const manifest = JSON.parse(readFileSync(join(clientDir, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; isDynamicEntry?: boolean }>;
		const files = new Set([
			...later.modules.map((source) => {
				const entry = manifest[source];
				if (!entry?.isDynamicEntry) throw new Error(`installLater: ${source} is not a dynamic entry of the client build (vite.config.ts)`);
				return entry.file;
			}),
			...later.pages
		]);
		const found = entries.filter((e) => files.has(e.url));
		if (found.length !== files.size) throw new Error(`installLater: not all of ${[...files].join(', ')} are in the precache list`);
		const [kb, now] = [found, entries.filter((e) => !files.has(e.url))].map((list) => (list.reduce((sum, e) => sum + e.size, 0) / 1024).toFixed(2));
		// Workbox's own line below counts these files too.
		console.log(`precache  ${entries.length - found.length} entries installed (${now} KiB), ${found.length} fetched after the install (${kb} KiB)`);
		return { manifest: entries.map((e) => (files.has(e.url) ? { ...e, later: true } : e)) };
	};
	return {
		name: 'paperdeck-install-later',
		apply: 'build',
		// After vite-plugin-pwa's configResolved, which sets SvelteKit's transform.
		enforce: 'post',
		configResolved(config) {
			clientDir = join(config.root, '.svelte-kit/output/client');
			const transforms = injectManifest.manifestTransforms;
			if (!transforms) throw new Error('installLater: vite-plugin-pwa set no manifest transform before this one');
			if (!transforms.includes(markLater)) transforms.push(markLater);
		}
	};
}
