import type { SettingsError } from '../core/settingsForm.ts';
import { m } from '../paraglide/messages.js';
import { getLocale, type Locale } from '../paraglide/runtime.js';

/**
 * A settings field's problem in words, naming the field by its label: `Maximum interval (days) must be
 * from 1 to 36,500.` `locale` defaults to the interface language.
 */
export function settingsErrorText(field: string, error: SettingsError, locale: Locale = getLocale()): string {
	const options = { locale };
	const num = (n: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: error.kind === 'not-number' ? 2 : 0 }).format(n);
	switch (error.kind) {
		case 'not-number':
			return m.settings_error_number({ field, min: num(error.min), max: num(error.max) }, options);
		case 'not-whole-number':
			return m.settings_error_whole({ field, min: num(error.min), max: num(error.max) }, options);
		case 'out-of-range':
			return m.settings_error_range({ field, min: num(error.min), max: num(error.max) }, options);
		case 'step-not-positive':
			return m.settings_error_step_zero({ field, step: error.step }, options);
		case 'step-invalid':
			return m.settings_error_step_invalid({ field, step: error.step }, options);
		case 'too-many-steps':
			return m.settings_error_steps_max({ field, max: error.max }, options);
	}
}
