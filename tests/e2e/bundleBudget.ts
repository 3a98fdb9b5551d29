/**
 * The JavaScript budgets of the first screens, and the check that holds them. Pure, so a unit test can
 * prove the check fails when a budget is exceeded.
 */
export const JS_BUDGETS_KB: Record<string, number> = { '/': 85, '/review': 100 };

export interface Chunk {
	/** The file as served, e.g. `/_app/immutable/chunks/C99fpGki.js`. */
	file: string;
	/** What it holds, from Vite's manifest (`src/lib/...`, `node_modules/dexie`, …). */
	name: string;
	gzipBytes: number;
}

/** Named chunk sizes from the last accepted build, to say which chunks grew. */
export type Baseline = Record<string, number>;

export function kb(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * Null when `chunks` fit `budgetKb`; otherwise a message naming every chunk, largest first, with how much
 * each grew since the baseline.
 */
export function budgetViolation(route: string, chunks: Chunk[], budgetKb: number, baseline: Baseline = {}): string | null {
	const total = chunks.reduce((sum, c) => sum + c.gzipBytes, 0);
	if (total <= budgetKb * 1024) return null;
	const lines = chunks
		.slice()
		.sort((a, b) => b.gzipBytes - a.gzipBytes)
		.map((c) => {
			const before = baseline[c.name];
			const growth = before === undefined ? ' (new)' : c.gzipBytes > before ? ` (+${kb(c.gzipBytes - before)})` : '';
			return `  ${kb(c.gzipBytes).padStart(9)}  ${c.name}${growth}`;
		});
	return `${route} loads ${kb(total)} of JavaScript (gzip), over its budget of ${budgetKb} KB:\n${lines.join('\n')}`;
}
