/**
 * Compiles `cards/` into the app's deck at build time (and on every change under `vite dev`).
 * A bad card file fails the build with `file:line: reason` lines.
 *
 * Two virtual modules: `virtual:paperdeck-deck` is the whole compiled deck, imported only by
 * prerendered server code (the `/deck/<hash>-<n>.json` endpoint, paper pages), so the deck's text never
 * enters the client's JavaScript; `virtual:paperdeck-deck-version` is its version string, which the
 * client compares with what it last reconciled, its number of cards (a first visit's numbers) and the
 * paths of its files (deckParts.ts).
 * `virtual:paperdeck-translations` is each language's text (`/deck.<lang>.json`), fetched only by
 * people who read the cards in that language;
 * `virtual:paperdeck-translation-versions` is each one's version, so the client downloads a language
 * again only when its text changed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { compileDeck, type DeckSources } from './compileDeck.ts';
import { deckFiles } from './deckParts.ts';
import type { CompiledTranslation } from './compileTranslations.ts';
import { deckData, formatDeckError, type CompiledDeck } from './deckTypes.ts';

const DECK = 'virtual:paperdeck-deck';
const VERSION = 'virtual:paperdeck-deck-version';
const TRANSLATIONS = 'virtual:paperdeck-translations';
const TRANSLATION_VERSIONS = 'virtual:paperdeck-translation-versions';

/** Reads `cards/papers.tsv`, `cards/topics.tsv` and every `cards/<topic>/<id>.md` under `root`. */
export function readDeckSources(root: string): DeckSources {
	const cardsDir = join(root, 'cards');
	const files: DeckSources['files'] = [];
	const translations: Record<string, DeckSources['files']> = Object.fromEntries(DECK_LANGUAGES.map((l) => [l, []]));
	const walk = (dir: string) => {
		for (const name of readdirSync(dir).sort()) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (name.endsWith('.md') && name !== 'README.md') {
				const file = { path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') };
				// `<id>.<lang>.md` is a translation, checked against its English file (compileTranslations).
				const lang = /\.([a-z]{2}(?:-[A-Z]{2})?)\.md$/.exec(name)?.[1];
				if (!lang) files.push(file);
				else (translations[lang] ??= []).push(file);
			}
		}
	};
	walk(cardsDir);
	return {
		papersTsv: readFileSync(join(cardsDir, 'papers.tsv'), 'utf8'),
		topicsTsv: readFileSync(join(cardsDir, 'topics.tsv'), 'utf8'),
		files,
		translations
	};
}

/** The languages the deck is translated into; each must be complete and current, or the build fails. */
export const DECK_LANGUAGES = ['zh-CN'];

/** Compiles the deck under `root`, or throws one error listing every problem. */
export function buildDeck(root: string): { deck: CompiledDeck; translations: Record<string, CompiledTranslation> } {
	const { deck, translations, errors } = compileDeck(readDeckSources(root));
	if (!deck) {
		const lines = errors.map(formatDeckError);
		throw new Error(`The deck has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
	}
	return { deck, translations };
}

export function deckVitePlugin(): Plugin {
	let root = process.cwd();
	let built: ReturnType<typeof buildDeck> | null = null;
	const get = () => (built ??= buildDeck(root));
	return {
		name: 'paperdeck-deck',
		configResolved(config) {
			root = config.root;
		},
		buildStart() {
			try {
				get();
			} catch (e) {
				this.error((e as Error).message);
			}
		},
		resolveId(id) {
			return id === DECK || id === VERSION || id === TRANSLATIONS || id === TRANSLATION_VERSIONS ? `\0${id}` : null;
		},
		load(id) {
			if (id === `\0${DECK}`) return `export default ${JSON.stringify(get().deck)};`;
			if (id === `\0${VERSION}`) {
				const { deck } = get();
				// The paths differ only by their number: written as a loop, they cost the client one hash.
				const files = deckFiles(deckData(deck));
				const stem = files[0]!.path.replace(/0\.json$/, '');
				return `export default ${JSON.stringify(deck.version)};\nexport const cardCount = ${deck.cards.length};\nexport const deckFiles = Array.from({ length: ${files.length} }, (_, n) => ${JSON.stringify(stem)} + n + '.json');`;
			}
			if (id === `\0${TRANSLATIONS}`) return `export default ${JSON.stringify(get().translations)};`;
			if (id === `\0${TRANSLATION_VERSIONS}`) {
				const versions = Object.fromEntries(Object.entries(get().translations).map(([lang, t]) => [lang, t.version]));
				return `export default ${JSON.stringify(versions)};`;
			}
			return null;
		},
		configureServer(server: ViteDevServer) {
			const cardsDir = join(root, 'cards');
			server.watcher.add(cardsDir);
			const onChange = (file: string) => {
				if (!file.startsWith(cardsDir)) return;
				built = null;
				for (const id of [DECK, VERSION, TRANSLATIONS, TRANSLATION_VERSIONS]) {
					const mod = server.moduleGraph.getModuleById(`\0${id}`);
					if (mod) server.moduleGraph.invalidateModule(mod);
				}
				server.ws.send({ type: 'full-reload' });
			};
			server.watcher.on('change', onChange);
			server.watcher.on('add', onChange);
			server.watcher.on('unlink', onChange);
		}
	};
}
