import { describe, expect, it } from 'vitest';
import { databaseUrlProblem, normalizeDatabaseUrl } from '../../src/lib/core/sync/databaseUrl.ts';

describe('a sync database URL', () => {
	it('takes an https address that ends with a database name', () => {
		expect(databaseUrlProblem('https://couch.example.org/paperdeck-ann')).toBeNull();
		expect(databaseUrlProblem('  https://couch.example.org:6984/team/paperdeck-ann/ ')).toBeNull();
	});

	it('takes plain http only on the loopback hosts the CSP admits', () => {
		expect(databaseUrlProblem('http://127.0.0.1:5984/deck')).toBeNull();
		expect(databaseUrlProblem('http://localhost:5984/deck')).toBeNull();
		expect(databaseUrlProblem('http://couch.example.org/deck')).toBe('insecure');
		expect(databaseUrlProblem('http://127.0.0.2:5984/deck')).toBe('insecure');
		expect(databaseUrlProblem('http://[::1]:5984/deck')).toBe('insecure');
		expect(databaseUrlProblem('ftp://couch.example.org/deck')).toBe('insecure');
		expect(databaseUrlProblem('javascript:alert(1)//x')).toBe('insecure');
	});

	it('refuses what is not an address, credentials in it, and a server without a database', () => {
		expect(databaseUrlProblem('couch.example.org/deck')).toBe('invalid');
		expect(databaseUrlProblem('https://ann:secret@couch.example.org/deck')).toBe('credentials');
		expect(databaseUrlProblem('https://couch.example.org/')).toBe('noDatabase');
		expect(databaseUrlProblem('https://couch.example.org/deck?x=1')).toBe('noDatabase');
		expect(databaseUrlProblem('https://couch.example.org/deck#x')).toBe('noDatabase');
	});

	it('is used trimmed and without a trailing slash', () => {
		expect(normalizeDatabaseUrl(' https://Couch.Example.org/deck/ ')).toBe('https://couch.example.org/deck');
	});
});
