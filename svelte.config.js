import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every page is prerendered; there is no server of our own.
		adapter: adapter({ pages: 'build', assets: 'build', strict: true }),
		// vite-plugin-pwa writes and registers the service worker (STACK.md pitfall 3).
		serviceWorker: { register: false },
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
	}
};

export default config;
