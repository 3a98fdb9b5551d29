import { describe, expect, it } from 'vitest';
import { dataSafety, showInstallHint, type BrowserTraits } from '../../src/lib/core/dataSafety.ts';

const tab = (over: Partial<BrowserTraits> = {}): BrowserTraits => ({ persisted: false, installed: false, appleMobile: false, safariStorage: false, ...over });
const iphoneTab = tab({ appleMobile: true, safariStorage: true });

describe('data safety', () => {
	it('is persistent whenever the browser promised to keep the data', () => {
		expect(dataSafety(tab({ persisted: true }))).toBe('persistent');
		expect(dataSafety({ ...iphoneTab, persisted: true })).toBe('persistent');
	});

	it('warns a Safari tab of clearing after disuse, and not an installed app', () => {
		expect(dataSafety(iphoneTab)).toBe('cleared-when-unused');
		expect(dataSafety(tab({ safariStorage: true }))).toBe('cleared-when-unused');
		expect(dataSafety({ ...iphoneTab, installed: true })).toBe('installed');
	});

	it('says other browsers may clear under storage pressure, also when they do not report', () => {
		expect(dataSafety(tab())).toBe('cleared-when-full');
		expect(dataSafety(tab({ persisted: null }))).toBe('cleared-when-full');
	});
});

describe('the Add to Home Screen guide', () => {
	it('shows in an iPhone or iPad browser tab until dismissed', () => {
		expect(showInstallHint(iphoneTab, false)).toBe(true);
		expect(showInstallHint(iphoneTab, true)).toBe(false);
	});

	it('never shows when installed, nor off Apple mobile devices (they have their own install prompt)', () => {
		expect(showInstallHint({ ...iphoneTab, installed: true }, false)).toBe(false);
		expect(showInstallHint(tab({ safariStorage: true }), false)).toBe(false);
		expect(showInstallHint(tab(), false)).toBe(false);
	});
});
