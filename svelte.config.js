import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every page is prerendered; there is no server of our own. The one exception is a paper of the
		// user's own (`/papers/u_…`): it lives in their IndexedDB, so no file exists for it. `200.html`
		// is an empty app shell that renders any route in the browser: the host serves it for those
		// paths (README, "Hosting"), and the service worker does the same offline (vite.config.ts).
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
		// vite-plugin-pwa writes and registers the service worker (STACK.md pitfall 3).
		serviceWorker: { register: false },
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
	}
};

export default config;
