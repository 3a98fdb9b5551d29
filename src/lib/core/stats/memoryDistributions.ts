import { Phase, type CardState } from '../types.ts';

export interface Histogram {
	labels: string[];
	counts: number[];
	/** Mean of the values, or null when there are none. */
	mean: number | null;
}

function histogram(values: number[], edges: number[], labels: string[]): Histogram {
	const counts = new Array<number>(labels.length).fill(0);
	for (const v of values) {
		let i = 0;
		while (i < edges.length && v >= edges[i]!) i++;
		counts[i]!++;
	}
	return { labels, counts, mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null };
}

/**
 * How the memory of every studied card (not new) is spread: stability in days, difficulty (1–10) and
 * the predicted recall now. `recall` is the scheduler's forgetting curve.
 */
export function memoryDistributions(
	states: readonly CardState[],
	nowMillis: number,
	recall: (state: CardState, nowMillis: number) => number
): { stability: Histogram; difficulty: Histogram; recall: Histogram } {
	const studied = states.filter((s) => s.phase !== Phase.New);
	return {
		stability: histogram(
			studied.map((s) => s.stability),
			[1, 3, 7, 14, 30, 90, 180, 365],
			['<1d', '1–3d', '3–7d', '1–2w', '2w–1mo', '1–3mo', '3–6mo', '6mo–1y', '>1y']
		),
		difficulty: histogram(
			studied.map((s) => s.difficulty),
			[2, 3, 4, 5, 6, 7, 8, 9],
			['1–2', '2–3', '3–4', '4–5', '5–6', '6–7', '7–8', '8–9', '9–10']
		),
		recall: histogram(
			studied.map((s) => recall(s, nowMillis)),
			[0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95],
			['<50%', '50–60%', '60–70%', '70–80%', '80–85%', '85–90%', '90–95%', '95–100%']
		)
	};
}
