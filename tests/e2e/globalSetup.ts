import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findChromium } from './chromium.ts';
import { injectErrorRecorder } from './engines/errorRecorder.ts';
import { startStaticServer } from './staticServer.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		buildDir: string;
	}
}

/** Serves the built app for every end-to-end test file. */
export default async function setup(project: TestProject) {
	findChromium(); // fail early, with the install hint, when there is no browser
	const buildDir = join(process.cwd(), 'build');
	if (!existsSync(join(buildDir, 'index.html'))) {
		throw new Error('No built app in build/: run `npm run build` before the end-to-end tests.');
	}
	const { server, url } = await startStaticServer(buildDir, 0, { transformHtml: injectErrorRecorder });
	project.provide('baseURL', url);
	project.provide('buildDir', buildDir);
	return () => new Promise<void>((done) => server.close(() => done()));
}
