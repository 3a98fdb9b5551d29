import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/lib/core/settings.ts';
import { parseSettingsForm, schedulingDiffers, settingsToForm, type SettingsForm } from '../../src/lib/core/settingsForm.ts';
import { settingsErrorText } from '../../src/lib/i18n/settingsErrorText.ts';

const form = (changes: Partial<SettingsForm> = {}): SettingsForm => ({ ...settingsToForm(DEFAULT_SETTINGS), ...changes });

describe('the settings form', () => {
	it('round-trips the defaults unchanged', () => {
		const parsed = parseSettingsForm(form(), DEFAULT_SETTINGS);
		expect(parsed).toEqual({ settings: DEFAULT_SETTINGS });
		expect('settings' in parsed && schedulingDiffers(parsed.settings.scheduler, DEFAULT_SETTINGS.scheduler)).toBe(false);
	});

	it('builds the settings it describes, keeping theme and FSRS parameters from the base', () => {
		const base = { ...DEFAULT_SETTINGS, theme: 'dark' as const, scheduler: { ...DEFAULT_SETTINGS.scheduler, weights: [1, 2, 3] } };
		const parsed = parseSettingsForm(
			form({
				desiredRetention: '0.85',
				maximumInterval: ' 365 ',
				newPerDay: '5',
				reviewsPerDay: '0',
				rolloverHour: '23',
				learningSteps: '2m, 15m  1h',
				relearningSteps: '',
				enableFuzz: false,
				enableShortTerm: false,
				loadBalancing: false,
				easyDays: ['minimal', 'normal', 'normal', 'normal', 'normal', 'normal', 'reduced'],
				reviewOrder: 'recall'
			}),
			base
		);
		expect(parsed).toEqual({
			settings: {
				theme: 'dark',
				scheduler: {
					weights: [1, 2, 3],
					desiredRetention: 0.85,
					maximumInterval: 365,
					learningSteps: ['2m', '15m', '1h'],
					relearningSteps: [],
					enableFuzz: false,
					enableShortTerm: false
				},
				study: { newPerDay: 5, reviewsPerDay: 0, rolloverHour: 23 },
				workload: { ...base.workload, loadBalancing: false, easyDays: ['minimal', 'normal', 'normal', 'normal', 'normal', 'normal', 'reduced'], reviewOrder: 'recall' },
				// What to study is chosen in the library; the settings form keeps it.
				selection: base.selection
			}
		});
		expect('settings' in parsed && schedulingDiffers(parsed.settings.scheduler, base.scheduler)).toBe(true);
	});

	it('reports every bad field with a clear message and returns no settings', () => {
		const parsed = parseSettingsForm(
			form({
				desiredRetention: '0.99',
				maximumInterval: '0',
				newPerDay: '-3',
				reviewsPerDay: 'lots',
				rolloverHour: '24',
				learningSteps: '1m 10x',
				relearningSteps: '0m'
			}),
			DEFAULT_SETTINGS
		);
		expect('errors' in parsed).toBe(true);
		if (!('errors' in parsed)) return;
		expect(parsed.errors).toEqual({
			desiredRetention: { kind: 'not-number', min: 0.7, max: 0.97 },
			maximumInterval: { kind: 'out-of-range', min: 1, max: 36500 },
			newPerDay: { kind: 'not-whole-number', min: 0, max: 9999 },
			reviewsPerDay: { kind: 'not-whole-number', min: 0, max: 99999 },
			rolloverHour: { kind: 'out-of-range', min: 0, max: 23 },
			learningSteps: { kind: 'step-invalid', step: '10x' },
			relearningSteps: { kind: 'step-not-positive', step: '0m' }
		});
		// Said in the interface language, naming the field.
		expect(settingsErrorText('Maximum interval (days)', parsed.errors.maximumInterval!)).toBe('Maximum interval (days) must be from 1 to 36,500.');
		expect(settingsErrorText('Learning steps', parsed.errors.learningSteps!)).toBe('Learning steps: "10x" is not a step; write steps like 1m 10m 1h 1d.');
		expect(settingsErrorText('学习步长', parsed.errors.relearningSteps!, 'zh-CN')).toBe('学习步长：“0m”必须大于零。');
		expect(parseSettingsForm(form({ learningSteps: Array(11).fill('1m').join(' ') }), DEFAULT_SETTINGS)).toEqual({
			errors: { learningSteps: { kind: 'too-many-steps', max: 10 } }
		});
	});

	it('accepts the retention bounds and rejects just outside them, and empty or non-numbers', () => {
		const ok = (r: string) => 'settings' in parseSettingsForm(form({ desiredRetention: r }), DEFAULT_SETTINGS);
		expect([ok('0.7'), ok('0.97'), ok('0.69'), ok('0.971'), ok(''), ok('abc'), ok('1e-1')]).toEqual([true, true, false, false, false, false, false]);
	});
});
