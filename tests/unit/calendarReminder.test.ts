import { describe, expect, it } from 'vitest';
import { isTimeOfDay, reminderCalendar } from '../../src/lib/core/calendarReminder.ts';

const NOW = Date.UTC(2025, 2, 5, 12, 0, 0);
const make = (changes = {}) =>
	reminderCalendar({
		time: '08:30',
		url: 'https://paperdeck.example/',
		title: 'Paperdeck: review your cards',
		description: 'Ten minutes, a day. Open Paperdeck: https://paperdeck.example/',
		nowMillis: NOW,
		uid: 'daily-reminder@paperdeck',
		...changes
	});

/** Unfolds the file's lines (RFC 5545 §3.1) into `NAME` → values. */
function properties(ics: string): Map<string, string[]> {
	const unfolded = ics.replace(/\r\n /g, '');
	const map = new Map<string, string[]>();
	for (const line of unfolded.split('\r\n').filter(Boolean)) {
		const i = line.indexOf(':');
		const name = line.slice(0, i);
		map.set(name, [...(map.get(name) ?? []), line.slice(i + 1)]);
	}
	return map;
}

describe('the daily reminder calendar file', () => {
	it('is one daily event at the chosen local time, with an alarm and the app to open', () => {
		const ics = make();
		const p = properties(ics);
		expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
		expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(p.get('RRULE')).toEqual(['FREQ=DAILY']);
		// Floating time (no Z, no TZID): 8:30 wherever the phone is.
		expect(p.get('DTSTART')![0]).toMatch(/^\d{8}T083000$/);
		expect(p.get('DTSTAMP')).toEqual(['20250305T120000Z']);
		expect(p.get('UID')).toEqual(['daily-reminder@paperdeck']);
		expect(p.get('URL')).toEqual(['https://paperdeck.example/']);
		expect(p.get('TRIGGER')).toEqual(['PT0M']);
		expect(p.get('BEGIN')).toEqual(['VCALENDAR', 'VEVENT', 'VALARM']);
		expect(p.get('END')).toEqual(['VALARM', 'VEVENT', 'VCALENDAR']);
	});

	it('ends every line with CRLF, escapes text and folds long lines at 75 octets without splitting a character', () => {
		const ics = make({ title: 'Paperdeck：复习你的卡片', description: '花十分钟，用间隔重复温习机器学习经典论文的核心思想; 打开 Paperdeck：https://paperdeck.example/' });
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		const description = properties(ics).get('DESCRIPTION')![0]!;
		expect(description).toBe('花十分钟，用间隔重复温习机器学习经典论文的核心思想\\; 打开 Paperdeck：https://paperdeck.example/');
		expect(properties(make({ title: 'a, b; c' })).get('SUMMARY')).toEqual(['a\\, b\\; c']);
		expect(ics).not.toContain('\uFFFD');
	});

	it('accepts only real times of day', () => {
		expect(['00:00', '08:30', '23:59'].map(isTimeOfDay)).toEqual([true, true, true]);
		expect(['24:00', '8:30', '12:60', '', 'noon'].map(isTimeOfDay)).toEqual([false, false, false, false, false]);
		expect(() => make({ time: '25:00' })).toThrow(/Not a time of day/);
	});
});
