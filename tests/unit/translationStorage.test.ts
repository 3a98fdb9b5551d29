/** The deck's Chinese text on the device: downloaded once, again only when its version changes, read offline. */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompiledTranslation } from '../../src/lib/deck/compileTranslations.ts';
import { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { refreshTranslation } from '../../src/lib/db/refreshTranslation.ts';
import {
	loadCardTranslations,
	loadPaperTranslations,
	loadTranslationRows,
	storedTranslationVersion
} from '../../src/lib/db/translationRows.ts';

let n = 0;
const open: PaperdeckDatabase[] = [];
afterEach(async () => {
	for (const db of open.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

async function database(): Promise<PaperdeckDatabase> {
	const db = new PaperdeckDatabase(`translations-${++n}`);
	open.push(db);
	await db.open();
	return db;
}

function translation(version: string, cards: string[] = ['lora/freeze', 'lora/zero-init']): CompiledTranslation {
	return {
		lang: 'zh-CN',
		version,
		papers: [{ id: 'lora', summaryHtml: `<p>LoRA 摘要 ${version}</p>`, summaryText: `LoRA 摘要 ${version}` }],
		cards: cards.map((id) => ({ id, promptHtml: `<p>问题 ${id} ${version}</p>`, answerHtml: `<p>答案 ${id}</p>`, noteHtml: '', text: `问题 ${id} ${version}` }))
	};
}

/** A download that counts its calls and answers with `answer` (or fails, as offline). */
function downloads(answer: () => unknown) {
	const calls = { count: 0 };
	const download = async () => {
		calls.count++;
		return answer();
	};
	return { calls, download };
}

const offline = () => {
	throw new TypeError('Failed to fetch');
};

describe('the stored translation', () => {
	it('is downloaded once, then read from the database with no download', async () => {
		const db = await database();
		const { calls, download } = downloads(() => translation('v1'));
		expect(await refreshTranslation(db, 'zh-CN', 'v1', download)).toBe('updated');
		expect(await refreshTranslation(db, 'zh-CN', 'v1', download)).toBe('current');
		expect(calls.count).toBe(1);
		expect(await storedTranslationVersion(db, 'zh-CN')).toBe('v1');
		const cards = await loadCardTranslations(db, 'zh-CN', ['lora/freeze', 'lora/missing']);
		expect([...cards.keys()]).toEqual(['lora/freeze']);
		expect(cards.get('lora/freeze')).toEqual({ promptHtml: '<p>问题 lora/freeze v1</p>', answerHtml: '<p>答案 lora/freeze</p>', noteHtml: '' });
		expect(await loadPaperTranslations(db, 'zh-CN', ['lora', 'bert'])).toEqual(new Map([['lora', '<p>LoRA 摘要 v1</p>']]));
	});

	it('is downloaded again when the build ships a new version, replacing the old text whole', async () => {
		const db = await database();
		await refreshTranslation(db, 'zh-CN', 'v1', async () => translation('v1'));
		// v2 dropped a card: its old translation must not linger.
		const { calls, download } = downloads(() => translation('v2', ['lora/freeze']));
		expect(await refreshTranslation(db, 'zh-CN', 'v2', download)).toBe('updated');
		expect(calls.count).toBe(1);
		expect(await storedTranslationVersion(db, 'zh-CN')).toBe('v2');
		const rows = await loadTranslationRows(db, 'zh-CN', 'card');
		expect(rows.map((r) => [r.id, r.text])).toEqual([['lora/freeze', '问题 lora/freeze v2']]);
		expect((await loadTranslationRows(db, 'zh-CN', 'paper')).map((r) => r.text)).toEqual(['LoRA 摘要 v2']);
	});

	it('is missing when the first download fails (offline), and nothing is stored', async () => {
		const db = await database();
		expect(await refreshTranslation(db, 'zh-CN', 'v1', async () => offline())).toBe('missing');
		expect(await storedTranslationVersion(db, 'zh-CN')).toBeNull();
		expect(await db.translations.count()).toBe(0);
		// Back online: the next attempt downloads it.
		expect(await refreshTranslation(db, 'zh-CN', 'v1', async () => translation('v1'))).toBe('updated');
		expect(await db.translations.count()).toBe(3);
	});

	it('keeps the older text when a newer one cannot be downloaded', async () => {
		const db = await database();
		await refreshTranslation(db, 'zh-CN', 'v1', async () => translation('v1'));
		expect(await refreshTranslation(db, 'zh-CN', 'v2', async () => offline())).toBe('stale');
		expect(await storedTranslationVersion(db, 'zh-CN')).toBe('v1');
		expect((await loadCardTranslations(db, 'zh-CN', ['lora/freeze'])).size).toBe(1);
	});

	it('refuses a download that is not the translation (a portal page, another language)', async () => {
		const db = await database();
		expect(await refreshTranslation(db, 'zh-CN', 'v1', async () => '<html>sign in</html>')).toBe('missing');
		expect(await refreshTranslation(db, 'zh-CN', 'v1', async () => ({ ...translation('v1'), lang: 'ja' }))).toBe('missing');
		expect(await db.translations.count()).toBe(0);
	});

	it('keeps languages apart', async () => {
		const db = await database();
		await refreshTranslation(db, 'zh-CN', 'v1', async () => translation('v1'));
		await refreshTranslation(db, 'ja', 'j1', async () => ({ ...translation('j1'), lang: 'ja' }));
		await refreshTranslation(db, 'zh-CN', 'v2', async () => translation('v2', []));
		expect(await loadTranslationRows(db, 'zh-CN', 'card')).toEqual([]);
		expect((await loadTranslationRows(db, 'ja', 'card')).length).toBe(2);
	});
});
