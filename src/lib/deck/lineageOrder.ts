/** The fields of a paper that ordering needs. */
export interface LineageNode {
	id: string;
	tier: number;
	year: number;
	buildsOn: readonly string[];
}

/**
 * Orders papers so that none comes before a paper it builds on (links to papers outside the list are
 * ignored). Among the papers whose foundations are all placed, `rank` picks first; ties go to the
 * older paper, then to the id. Papers on a cycle cannot be ordered: the compiler rejects cycles, and
 * here they are appended last so the function never loses a paper.
 */
export function lineageOrder<T extends LineageNode>(papers: readonly T[], rank: (p: T) => number = () => 0): T[] {
	const byId = new Map(papers.map((p) => [p.id, p]));
	const waitingOn = new Map<string, number>();
	const dependants = new Map<string, T[]>();
	for (const p of papers) {
		const deps = new Set(p.buildsOn.filter((d) => d !== p.id && byId.has(d)));
		waitingOn.set(p.id, deps.size);
		for (const d of deps) {
			const list = dependants.get(d);
			if (list) list.push(p);
			else dependants.set(d, [p]);
		}
	}
	const before = (a: T, b: T) => rank(a) - rank(b) || a.year - b.year || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	const ready = papers.filter((p) => waitingOn.get(p.id) === 0);
	const out: T[] = [];
	while (ready.length > 0) {
		// The deck has a few hundred papers: a linear scan is simpler than a heap and fast enough.
		let best = 0;
		for (let i = 1; i < ready.length; i++) if (before(ready[i]!, ready[best]!) < 0) best = i;
		const p = ready.splice(best, 1)[0]!;
		out.push(p);
		for (const d of dependants.get(p.id) ?? []) {
			const left = waitingOn.get(d.id)! - 1;
			waitingOn.set(d.id, left);
			if (left === 0) ready.push(d);
		}
	}
	if (out.length < papers.length) {
		const placed = new Set(out.map((p) => p.id));
		out.push(...papers.filter((p) => !placed.has(p.id)));
	}
	return out;
}

/**
 * Each paper's tier, lowered to the best tier of anything that builds on it, directly or not: a
 * tier-2 foundation of a tier-1 paper is studied with the tier-1 papers.
 */
export function effectiveTiers(papers: readonly LineageNode[]): Map<string, number> {
	const tiers = new Map(papers.map((p) => [p.id, p.tier]));
	// Relax until stable; chains are short, so this takes a handful of passes.
	for (let changed = true; changed; ) {
		changed = false;
		for (const p of papers) {
			const t = tiers.get(p.id)!;
			for (const d of p.buildsOn) {
				const dt = tiers.get(d);
				if (dt !== undefined && t < dt) {
					tiers.set(d, t);
					changed = true;
				}
			}
		}
	}
	return tiers;
}

/** The cycles' members in `builds_on`, as lists of ids (empty when there is none). */
export function findCycles(papers: readonly LineageNode[]): string[][] {
	const byId = new Map(papers.map((p) => [p.id, p]));
	const colour = new Map<string, 'grey' | 'black'>();
	const cycles: string[][] = [];
	const stack: string[] = [];
	const visit = (id: string) => {
		colour.set(id, 'grey');
		stack.push(id);
		for (const d of byId.get(id)?.buildsOn ?? []) {
			if (!byId.has(d)) continue;
			const c = colour.get(d);
			if (c === 'grey') cycles.push(stack.slice(stack.indexOf(d)));
			else if (!c) visit(d);
		}
		stack.pop();
		colour.set(id, 'black');
	};
	for (const p of papers) if (!colour.has(p.id)) visit(p.id);
	return cycles;
}
