import type { Plugin } from 'vite';

/** Files found by the client build, for the server build that writes the service worker afterwards. */
const found: string[] = ((globalThis as { paperdeckInstallLater?: string[] }).paperdeckInstallLater ??= []);

/**
 * Leaves the page's chunks made only of modules matching `modules` out of the service worker's
 * precache, by adding their files to `globIgnores` (the array given to vite-plugin-pwa): their names
 * are content hashes, known only once the client build has written them. The service worker fetches
 * them after its install instead (src/service-worker.ts). The build fails when no chunk matches, so a
 * renamed module cannot quietly put them back into the install.
 *
 * SvelteKit runs the client build and then the server build, whose end writes the service worker, in
 * one process, each with vite.config.ts loaded afresh (its own `globIgnores`): what the first finds is
 * kept on globalThis for the second.
 */
export function installLater(modules: RegExp, globIgnores: string[]): Plugin {
	return {
		name: 'paperdeck-install-later',
		apply: 'build',
		// vite-plugin-pwa's SvelteKit plugin is a `pre` one too: coming first in the list, this one runs first.
		enforce: 'pre',
		generateBundle(_options, bundle) {
			if (this.environment.config.build.ssr) return;
			const later = Object.values(bundle).filter((c) => c.type === 'chunk' && c.moduleIds.length > 0 && c.moduleIds.every((id) => modules.test(id)));
			if (later.length === 0) this.error(`No chunk is made only of ${modules}: re-check tools/installLater.ts's caller`);
			found.splice(0, found.length, ...later.map((c) => `client/${c.fileName}`));
		},
		// Before vite-plugin-pwa's closeBundle (this plugin comes first), which builds the precache list.
		closeBundle: {
			sequential: true,
			order: 'pre',
			handler() {
				if (this.environment.config.build.ssr) globIgnores.push(...found.filter((f) => !globIgnores.includes(f)));
			}
		}
	};
}
