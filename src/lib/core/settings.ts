import { DEFAULT_STUDY_SELECTION, type StudySelection } from './studySelection.ts';
import type { SchedulerSettings, StudySettings } from './types.ts';
import { DEFAULT_WORKLOAD_SETTINGS, type WorkloadSettings } from './workload.ts';

/** FSRS-6's default parameters (ts-fsrs's `default_w`), used until the user trains their own. */
export const DEFAULT_WEIGHTS: readonly number[] = Object.freeze([
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483,
	0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542
]);

/** Anki's defaults for FSRS: 90% desired retention, fuzz on, 1m/10m learning and 10m relearning steps. */
export const DEFAULT_SCHEDULER_SETTINGS: SchedulerSettings = Object.freeze({
	weights: DEFAULT_WEIGHTS,
	desiredRetention: 0.9,
	maximumInterval: 36500,
	learningSteps: Object.freeze(['1m', '10m']),
	relearningSteps: Object.freeze(['10m']),
	enableFuzz: true,
	enableShortTerm: true
});

export type Theme = 'system' | 'light' | 'dark';

/** Everything the user can set. Stored whole in the database's meta table and in backups. */
export interface Settings {
	scheduler: SchedulerSettings;
	study: StudySettings;
	/** Which topics and papers introduce new cards, and in what order. */
	selection: StudySelection;
	/** Load balancing, easy days, review order and the interview plan (none of it needs a replay). */
	workload: WorkloadSettings;
	theme: Theme;
}

export const DEFAULT_STUDY_SETTINGS: StudySettings = Object.freeze({ newPerDay: 20, reviewsPerDay: 200, rolloverHour: 4 });

export const DEFAULT_SETTINGS: Settings = Object.freeze({
	scheduler: DEFAULT_SCHEDULER_SETTINGS,
	study: DEFAULT_STUDY_SETTINGS,
	selection: DEFAULT_STUDY_SELECTION,
	workload: DEFAULT_WORKLOAD_SETTINGS,
	theme: 'system'
});
