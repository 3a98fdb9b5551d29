/**
 * `npm run deck:stamp -- <file.zh-CN.md>…` (or `--all`): records in each translation which English
 * text it translates, after a person has checked it against the current English. Stamps are what let
 * the build call a translation stale when its English card later changes (src/lib/deck/compileTranslations.ts).
 * Only cards whose English exists are stamped; the build still checks kinds, math and deletions.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { compileDeck } from '../src/lib/deck/compileDeck.ts';
import { cardStamp, summaryStamp } from '../src/lib/deck/compileTranslations.ts';
import { parseCardFile } from '../src/lib/deck/parseCardFile.ts';
import { DECK_LANGUAGES, readDeckSources } from '../src/lib/deck/deckVitePlugin.ts';

const args = process.argv.slice(2);
const sources = readDeckSources(process.cwd());
const targets = args.includes('--all') ? DECK_LANGUAGES.flatMap((l) => (sources.translations?.[l] ?? []).map((f) => f.path)) : args;
if (targets.length === 0) {
	console.error('usage: npm run deck:stamp -- cards/<topic>/<id>.<lang>.md … | --all');
	process.exit(2);
}
const english = new Map(sources.files.map((f) => [f.path, f.text]));
let stamped = 0;
for (const path of targets) {
	const enPath = path.replace(/\.[a-z]{2}(-[A-Z]{2})?\.md$/, '.md');
	const enText = english.get(enPath);
	if (!enText) {
		console.error(`${path}: no English file ${enPath}`);
		process.exitCode = 1;
		continue;
	}
	const { paper } = parseCardFile(enPath, enText);
	if (!paper) {
		console.error(`${enPath}: fix the English file first`);
		process.exitCode = 1;
		continue;
	}
	const stamps = new Map(paper.cards.map((c) => [c.slug, cardStamp(c)]));
	const lines = readFileSync(path, 'utf8').replace(/\r\n?/g, '\n').split('\n');
	const out: string[] = [];
	let inFront = false;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		if (i === 0 && line.trim() === '---') inFront = true;
		else if (inFront && line.trim() === '---') {
			inFront = false;
			out.push(`source: "${summaryStamp(paper.summary)}"`);
		} else if (inFront && line.startsWith('source:')) continue;
		if (/^<!-- source: [0-9a-f]{8} -->\s*$/.test(line)) continue;
		out.push(line);
		const slug = line.startsWith('## ') ? line.slice(3).trim() : null;
		if (slug && stamps.has(slug)) out.push(`<!-- source: ${stamps.get(slug)} -->`);
	}
	writeFileSync(path, out.join('\n'));
	stamped++;
}
const { errors } = compileDeck(readDeckSources(process.cwd()));
console.log(`stamped ${stamped} file${stamped === 1 ? '' : 's'}; the deck now has ${errors.length} problem${errors.length === 1 ? '' : 's'}`);
for (const e of errors.slice(0, 20)) console.log(`${e.file}:${e.line}: ${e.reason}`);
