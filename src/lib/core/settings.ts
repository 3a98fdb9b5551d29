import { DEFAULT_SCHEDULER_SETTINGS } from './scheduler.ts';
import { DEFAULT_STUDY_SELECTION, type StudySelection } from './studySelection.ts';
import type { SchedulerSettings, StudySettings } from './types.ts';

export type Theme = 'system' | 'light' | 'dark';

/** Everything the user can set. Stored whole in the database's meta table and in backups. */
export interface Settings {
	scheduler: SchedulerSettings;
	study: StudySettings;
	/** Which topics and papers introduce new cards, and in what order. */
	selection: StudySelection;
	theme: Theme;
}

export const DEFAULT_STUDY_SETTINGS: StudySettings = Object.freeze({ newPerDay: 20, reviewsPerDay: 200, rolloverHour: 4 });

export const DEFAULT_SETTINGS: Settings = Object.freeze({
	scheduler: DEFAULT_SCHEDULER_SETTINGS,
	study: DEFAULT_STUDY_SETTINGS,
	selection: DEFAULT_STUDY_SELECTION,
	theme: 'system'
});
