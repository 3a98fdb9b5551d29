/**
 * The FSRS-6 memory model as fsrs-rs trains it: a card's stability and difficulty after each answer,
 * and the predicted recall after some days. With `grad` given, every step also carries the derivative
 * of stability and difficulty with respect to each of the 21 parameters (forward-mode
 * differentiation): a step is a handful of scalar formulas, so pushing 21 derivatives through it
 * costs a few multiply-adds per parameter and needs no tape. Clamps stop the gradient outside their
 * range and pass it at the boundary, as fsrs-rs's analytic gradients (and Burn/PyTorch) do.
 */

export const PARAMETER_COUNT = 21;
export const S_MIN = 0.001;
export const S_MAX = 36500;
export const D_MIN = 1;
export const D_MAX = 10;

const LN_09 = Math.log(0.9);

/** A memory state, and optionally its derivatives with respect to each parameter. */
export interface Memory {
	s: number;
	d: number;
	/** d s / d w[i] */
	gs?: Float64Array;
	/** d d / d w[i] */
	gd?: Float64Array;
}

// Scratch for a step's direct parameter terms (index, value): a step has at most six.
const directIndex = new Int32Array(8);
const directValue = new Float64Array(8);
let directCount = 0;
function direct(i: number, v: number): void {
	directIndex[directCount] = i;
	directValue[directCount++] = v;
}

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);
const passes = (x: number, lo: number, hi: number) => x >= lo && x <= hi;

/** The forgetting curve's shape for `w[20]`: R(t, s) = (1 + factor · t / s)^decay, with R(s, s) = 0.9. */
export interface Curve {
	decay: number;
	factor: number;
	/** d factor / d decay */
	dFactor: number;
}

export function curveFor(w: ArrayLike<number>): Curve {
	const decay = -w[20]!;
	const factor = Math.exp(LN_09 / decay) - 1;
	return { decay, factor, dFactor: Math.exp(LN_09 / decay) * (-LN_09 / (decay * decay)) };
}

/** Predicted probability of recall `t` days after a review that left stability `s`. */
export function retrievability(c: Curve, t: number, s: number): number {
	return Math.pow(1 + (c.factor * Math.max(0, t)) / s, c.decay);
}

/** d R / d s and d R / d w[20] at (t, s), given R there. */
export function retrievabilityPartials(c: Curve, t: number, s: number, r: number): { ds: number; dw20: number } {
	t = Math.max(0, t);
	const base = 1 + (c.factor * t) / s;
	const ds = ((r * c.decay) / base) * ((-t * c.factor) / (s * s));
	const dDecay = r * (Math.log(base) + (c.decay / base) * (t / s) * c.dFactor);
	return { ds, dw20: -dDecay };
}

function initDifficulty(w: ArrayLike<number>, rating: number): number {
	return w[4]! - Math.exp(w[5]! * (rating - 1)) + 1;
}

/** A fresh memory (before the first answer), with zero derivatives when `grad` is set. */
export function emptyMemory(grad: boolean): Memory {
	return grad ? { s: 0, d: 0, gs: new Float64Array(PARAMETER_COUNT), gd: new Float64Array(PARAMETER_COUNT) } : { s: 0, d: 0 };
}

/**
 * The memory after answering `rating` `t` days after the previous answer. `nth` is the answer's
 * index in the card's history: the first answer of a fresh card sets the initial stability and
 * difficulty. Writes into `m` and returns it; `m.gs`/`m.gd`, when present, are updated too.
 */
export function step(w: ArrayLike<number>, c: Curve, m: Memory, t: number, rating: number, nth: number): Memory {
	const gs = m.gs;
	const gd = m.gd;
	if (nth === 0 && m.s === 0) {
		const s0 = w[rating - 1]!;
		const d0 = initDifficulty(w, rating);
		if (gs && gd) {
			gs.fill(0);
			gd.fill(0);
			if (passes(s0, S_MIN, S_MAX)) gs[rating - 1] = 1;
			if (passes(d0, D_MIN, D_MAX)) {
				gd[4] = 1;
				gd[5] = -(rating - 1) * Math.exp((rating - 1) * w[5]!);
			}
		}
		m.s = clamp(s0, S_MIN, S_MAX);
		m.d = clamp(d0, D_MIN, D_MAX);
		return m;
	}

	// The incoming state is clamped before use; its derivative stops where the clamp bites.
	const s = clamp(m.s, S_MIN, S_MAX);
	const d = clamp(m.d, D_MIN, D_MAX);
	if (gs && !passes(m.s, S_MIN, S_MAX)) gs.fill(0);
	if (gd && !passes(m.d, D_MIN, D_MAX)) gd.fill(0);

	const r = retrievability(c, t, s);
	// new s = A·s' + B·d' + direct terms, where ' is the derivative of the incoming state.
	let newS: number;
	let A = 0;
	let B = 0;
	directCount = 0;

	if (t === 0) {
		// Same-day review: the short-term stability multiplier, floored at 1 for a pass.
		const raw = Math.exp(w[17]! * (rating - 3 + w[18]!)) * Math.pow(s, -w[19]!);
		const active = !(rating >= 2 && raw < 1);
		const mult = rating >= 2 ? Math.max(raw, 1) : raw;
		newS = s * mult;
		A = mult;
		if (active && gs) {
			const k = s * raw;
			A += k * (-w[19]! / s);
			direct(17, k * (rating - 3 + w[18]!));
			direct(18, k * w[17]!);
			direct(19, -k * Math.log(s));
		}
	} else if (rating === 1) {
		const rest = w[11]! * Math.pow(d, -w[12]!) * Math.exp((1 - r) * w[14]!);
		const p = Math.pow(s + 1, w[13]!);
		const raw = rest * (p - 1);
		const floor = s / Math.exp(w[17]! * w[18]!);
		newS = floor < raw ? floor : raw;
		if (gs && floor < raw) {
			A = floor / s;
			direct(17, -floor * w[18]!);
			direct(18, -floor * w[17]!);
		} else if (gs) {
			const dr = -raw * w[14]!;
			const rp = retrievabilityPartials(c, t, s, r);
			A = (rest * w[13]! * p) / (s + 1) + dr * rp.ds;
			B = raw * (-w[12]! / d);
			direct(11, raw / w[11]!);
			direct(12, -raw * Math.log(d));
			direct(13, rest * p * Math.log(s + 1));
			direct(14, raw * (1 - r));
			direct(20, dr * rp.dw20);
		}
	} else {
		const hp = rating === 2 ? w[15]! : 1;
		const eb = rating === 4 ? w[16]! : 1;
		const a = Math.exp(w[8]!);
		const b = 11 - d;
		const cs = Math.pow(s, -w[9]!);
		const expE = Math.exp((1 - r) * w[10]!);
		const e = expE - 1;
		const inc = a * b * cs * e * hp * eb;
		newS = s * (inc + 1);
		if (gs) {
			const rp = retrievabilityPartials(c, t, s, r);
			const dInc_dr = a * b * cs * hp * eb * (-w[10]! * expE);
			A = inc + 1 + s * (inc * (-w[9]! / s) + dInc_dr * rp.ds);
			B = -s * a * cs * e * hp * eb;
			direct(8, s * inc);
			direct(9, -s * inc * Math.log(s));
			direct(10, s * a * b * cs * hp * eb * (1 - r) * expE);
			direct(20, s * dInc_dr * rp.dw20);
			if (rating === 2) direct(15, s * a * b * cs * e * eb);
			if (rating === 4) direct(16, s * a * b * cs * e * hp);
		}
	}

	// Difficulty: linear damping towards 10, then mean reversion towards the initial "Easy" difficulty.
	const deltaD = -w[6]! * (rating - 3);
	const nextD = d + ((10 - d) * deltaD) / 9;
	const easyD = initDifficulty(w, 4);
	const meanD = w[7]! * (easyD - nextD) + nextD;

	if (gs && gd) {
		const sPasses = passes(newS, S_MIN, S_MAX);
		for (let i = 0; i < PARAMETER_COUNT; i++) gs[i] = sPasses ? A * gs[i]! + B * gd[i]! : 0;
		if (sPasses) for (let k = 0; k < directCount; k++) gs[directIndex[k]!] = gs[directIndex[k]!]! + directValue[k]!;
		if (passes(meanD, D_MIN, D_MAX)) {
			const C = (1 - w[7]!) * (1 - deltaD / 9);
			for (let i = 0; i < PARAMETER_COUNT; i++) gd[i] = C * gd[i]!;
			gd[6] = gd[6]! + ((1 - w[7]!) * (10 - d) * -(rating - 3)) / 9;
			gd[7] = gd[7]! + (easyD - nextD);
			gd[4] = gd[4]! + w[7]!;
			gd[5] = gd[5]! + w[7]! * -3 * Math.exp(3 * w[5]!);
		} else gd.fill(0);
	}
	m.s = clamp(newS, S_MIN, S_MAX);
	m.d = clamp(meanD, D_MIN, D_MAX);
	return m;
}

/** The memory after a sequence of answers (no derivatives): for evaluation and prediction. */
export function memoryAfter(w: ArrayLike<number>, c: Curve, reviews: readonly { rating: number; deltaT: number }[], count = reviews.length): Memory {
	const m = emptyMemory(false);
	for (let i = 0; i < count; i++) step(w, c, m, reviews[i]!.deltaT, reviews[i]!.rating, i);
	return m;
}
