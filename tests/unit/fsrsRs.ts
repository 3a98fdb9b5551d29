/**
 * fsrs-rs itself, for the optimizer's peer test: the native node addon from
 * @open-spaced-repetition/binding (v0.5.0, built on the fsrs 6.5 crate). Only its Linux x64 (glibc)
 * build is a dependency: the package's other platform builds are missing from the registry this
 * project installs from, which would break `npm ci`. On other platforms the peer test is skipped with
 * a note; on Linux x64 a missing addon is an error.
 */
import { createRequire } from 'node:module';

export interface FsrsRsReview {
	readonly rating: number;
	readonly deltaT: number;
}
export interface FsrsRsItem {
	readonly reviews: FsrsRsReview[];
}
export interface FsrsRs {
	FSRSBindingReview: new (rating: number, deltaT: number) => FsrsRsReview;
	FSRSBindingItem: new (reviews: FsrsRsReview[]) => FsrsRsItem;
	FSRSBinding: new (parameters?: number[]) => { evaluate(items: FsrsRsItem[]): { logLoss: number; rmseBins: number } };
	computeParameters(items: FsrsRsItem[], options: { enableShortTerm: boolean; numRelearningSteps?: number }): Promise<number[]>;
}

export const fsrsRsSupported = process.platform === 'linux' && process.arch === 'x64';

export function loadFsrsRs(): FsrsRs {
	return createRequire(import.meta.url)('@open-spaced-repetition/binding-linux-x64-gnu') as FsrsRs;
}
