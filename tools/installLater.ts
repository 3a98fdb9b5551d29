import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import type { CustomInjectManifestOptions } from 'vite-plugin-pwa';

type ManifestTransform = NonNullable<CustomInjectManifestOptions['manifestTransforms']>[number];

/**
 * Marks the files of the client build's dynamic entries `sources` (module paths as in its
 * `.vite/manifest.json`) `later: true` in the precache list, which the service worker then fetches only
 * once its install is done (src/service-worker.ts). Their names are content hashes, known only once the
 * client build has written them; the list is made after it. The build fails when a source is not a
 * dynamic entry of the client build, so a renamed module cannot quietly put its files back into the install.
 *
 * `injectManifest` is the object given to vite-plugin-pwa: its SvelteKit integration sets its own
 * manifest transform there (URL paths from build paths) when the config is resolved, and only when none
 * is set, so this one is added after it.
 */
export function installLater(sources: string[], injectManifest: Partial<CustomInjectManifestOptions>): Plugin {
	let clientDir = '';
	const markLater: ManifestTransform = async (entries) => {
		const manifest = JSON.parse(readFileSync(join(clientDir, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; isDynamicEntry?: boolean }>;
		const files = new Set(
			sources.map((source) => {
				const entry = manifest[source];
				if (!entry?.isDynamicEntry) throw new Error(`installLater: ${source} is not a dynamic entry of the client build (vite.config.ts)`);
				return entry.file;
			})
		);
		const found = entries.filter((e) => files.has(e.url));
		if (found.length !== files.size) throw new Error(`installLater: not all of ${[...files].join(', ')} are in the precache list`);
		const [later, now] = [found, entries.filter((e) => !files.has(e.url))].map((list) => (list.reduce((sum, e) => sum + e.size, 0) / 1024).toFixed(2));
		// Workbox's own line below counts these files too.
		console.log(`precache  ${entries.length - found.length} entries installed (${now} KiB), ${found.length} fetched after the install (${later} KiB)`);
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
