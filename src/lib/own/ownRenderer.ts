/**
 * Loads the renderer of the user's own Markdown on demand: markdown-it when there is own content to
 * show, KaTeX (about 78 KB gzip) only when that content has math. The deck's cards never need either
 * (they are rendered at build time), so the home screen and the review screen never load them.
 */
import type { OwnRenderer } from './renderOwnMarkdown.ts';

let plain: Promise<OwnRenderer> | null = null;
let withMath: Promise<OwnRenderer> | null = null;

export function loadOwnRenderer(math: boolean): Promise<OwnRenderer> {
	if (math) {
		withMath ??= Promise.all([import('./renderOwnMarkdown.ts'), import('katex')]).then(([r, k]) => r.createOwnRenderer(k.default));
		return withMath;
	}
	if (withMath) return withMath;
	plain ??= import('./renderOwnMarkdown.ts').then((r) => r.createOwnRenderer(null));
	return plain;
}
