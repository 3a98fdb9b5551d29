import type { Rating } from '../core/types.ts';
import { m } from '../paraglide/messages.js';

const NAMES = { 1: m.rating_again, 2: m.rating_hard, 3: m.rating_good, 4: m.rating_easy } as const;

/** A grade's name in the interface language: Again, Hard, Good, Easy. */
export function ratingName(rating: Rating): string {
	return NAMES[rating]();
}
