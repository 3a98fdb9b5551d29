/**
 * The settings page's state: the form, its errors, saving (with rescheduling progress), the theme, and
 * the workload preview for the settings being edited.
 */
import type { Settings, Theme } from '../core/settings.ts';
import { parseSettingsForm, schedulingDiffers, settingsToForm, type SettingsErrors, type SettingsForm } from '../core/settingsForm.ts';
import type { WorkloadDay } from '../core/simulateWorkload.ts';
import { chooseTheme, storeUnstoredTheme } from './chooseTheme.ts';
import { commitSettings } from './commitSettings.ts';
import { openApp } from './openApp.ts';
import { m } from '../paraglide/messages.js';
import type { TaskStep } from '../workers/handleTask.ts';
import { runTask, TaskCancelled, type RunningTask } from './runTask.ts';

export interface WorkloadSummary {
	perDay: number;
	busiest: number;
	days: WorkloadDay[];
}

function summarize(days: WorkloadDay[]): WorkloadSummary {
	const totals = days.map((d) => d.learn + d.review);
	return { perDay: Math.round(totals.reduce((a, b) => a + b, 0) / Math.max(1, days.length)), busiest: Math.max(0, ...totals), days };
}

export class SettingsEditor {
	status = $state<'loading' | 'ready' | 'saving' | 'error'>('loading');
	form = $state<SettingsForm | null>(null);
	errors = $state<SettingsErrors>({});
	theme = $state<Theme>('system');
	/** Rescheduling progress while saving. */
	progress = $state<{ fraction: number; step: TaskStep } | null>(null);
	/** The outcome of the last save, for a live region. */
	message = $state<string | null>(null);
	/** Estimated workload with the saved settings, and with the settings in the form. */
	workloadNow = $state.raw<WorkloadSummary | null>(null);
	workloadEdited = $state.raw<WorkloadSummary | null>(null);
	saved = $state.raw<Settings | null>(null);

	dirty = $derived(!!this.form && !!this.saved && JSON.stringify(this.form) !== JSON.stringify(settingsToForm(this.saved)));

	#save: RunningTask<void> | null = null;
	#previews: Record<'now' | 'edited', RunningTask<WorkloadDay[]> | null> = { now: null, edited: null };
	#previewTimer: ReturnType<typeof setTimeout> | undefined;
	#themeChosen = false;

	async load(): Promise<void> {
		try {
			const app = await openApp();
			// A theme tapped on a page left before the collection opened is newer than the stored one.
			const unstored = await storeUnstoredTheme();
			this.saved = app.settings;
			this.form = settingsToForm(app.settings);
			// A theme tapped while the collection opened is newer still.
			if (!this.#themeChosen) this.theme = unstored ?? app.settings.theme;
			this.status = 'ready';
			this.#startPreview(app.settings, 'now');
		} catch (e) {
			this.status = 'error';
			this.message = m.settings_open_failed({ reason: (e as Error).message });
		}
	}

	/** Validates the form; when valid, saves it (rescheduling every card when scheduling changed). */
	async save(): Promise<void> {
		if (!this.form || this.status !== 'ready') return;
		// On top of the settings in use now: the optimizer may have changed the parameters meanwhile.
		const current = (await openApp()).settings;
		const parsed = parseSettingsForm($state.snapshot(this.form), current);
		if ('errors' in parsed) {
			this.errors = parsed.errors;
			this.message = m.settings_not_saved_fields();
			return;
		}
		this.errors = {};
		const reschedule = schedulingDiffers(current.scheduler, parsed.settings.scheduler);
		this.status = 'saving';
		this.message = null;
		this.progress = reschedule ? { fraction: 0, step: { kind: 'starting' } } : null;
		this.#save = commitSettings(parsed.settings, (fraction, step) => (this.progress = { fraction, step }));
		try {
			await this.#save.result;
			this.saved = parsed.settings;
			this.form = settingsToForm(parsed.settings);
			this.workloadEdited = null;
			this.#startPreview(parsed.settings, 'now');
			this.message = reschedule ? m.settings_saved_rescheduled() : m.settings_saved();
		} catch (e) {
			this.message = e instanceof TaskCancelled ? m.settings_cancelled() : m.settings_not_saved({ reason: (e as Error).message });
		} finally {
			this.status = 'ready';
			this.progress = null;
			this.#save = null;
		}
	}

	cancelSave(): void {
		this.#save?.cancel();
	}

	/** Applies a theme at once and keeps it. */
	async setTheme(theme: Theme): Promise<void> {
		this.#themeChosen = true;
		this.theme = theme;
		if (this.saved) this.saved = { ...this.saved, theme };
		await chooseTheme(theme);
	}

	/** Call when the form changes: re-estimates the workload for it, once typing pauses. */
	formChanged(): void {
		clearTimeout(this.#previewTimer);
		if (!this.form || !this.saved) return;
		const parsed = parseSettingsForm($state.snapshot(this.form), this.saved);
		if ('errors' in parsed || !this.dirty) {
			this.#previews.edited?.cancel();
			this.workloadEdited = null;
			return;
		}
		this.#previewTimer = setTimeout(() => this.#startPreview(parsed.settings, 'edited'), 400);
	}

	stop(): void {
		clearTimeout(this.#previewTimer);
		this.#previews.now?.cancel();
		this.#previews.edited?.cancel();
	}

	#startPreview(settings: Settings, slot: 'now' | 'edited'): void {
		this.#previews[slot]?.cancel();
		void openApp().then((app) => {
			const task = runTask({ type: 'workload', settings: structuredClone(settings), nowMillis: Date.now(), clock: app.clock });
			this.#previews[slot] = task;
			task.result
				.then((days) => {
					if (slot === 'now') this.workloadNow = summarize(days);
					else this.workloadEdited = summarize(days);
				})
				.catch(() => {
					// A cancelled or failed preview keeps the last estimate: it is a hint, never a blocker.
				});
		});
	}
}
