/**
 * The first number of Johannes Baagøe's Alea generator (2010, MIT licence) seeded with `seed`: the draw
 * ts-fsrs makes to fuzz an interval. ts-fsrs re-seeds a generator for each of the up to four intervals
 * of one review; drawing once and reusing the number gives the same intervals for a fraction of the
 * cost. tests/unit/scheduler.test.ts checks the result against ts-fsrs's own fuzz.
 */

/** Alea's "Mash" hash step over `data`, from hash state `n`; returns the new state and the output. */
function mash(n: number, data: string): [number, number] {
	for (let i = 0; i < data.length; i++) {
		n += data.charCodeAt(i);
		let h = 0.02519603282416938 * n;
		n = h >>> 0;
		h -= n;
		h *= n;
		n = h >>> 0;
		h -= n;
		n += h * 0x100000000;
	}
	return [n, (n >>> 0) * 2.3283064365386963e-10];
}

// Alea seeds its three state words by mashing ' ' three times before the seed: that prefix is constant.
const [afterFirst, firstWord] = mash(0xefc8249d, ' ');
const [afterSecond] = mash(afterFirst, ' ');
const [prefixState] = mash(afterSecond, ' ');

export function fuzzFactor(seed: string): number {
	// Only the first state word feeds the first output, so only the first mash of the seed is needed.
	let s0 = firstWord - mash(prefixState, seed)[1];
	if (s0 < 0) s0 += 1;
	// The generator's first step: t = 2091639·s0 + c·2^-32 with c = 1; the output is t's fraction.
	const t = 2091639 * s0 + 2.3283064365386963e-10;
	return t - (t | 0);
}
