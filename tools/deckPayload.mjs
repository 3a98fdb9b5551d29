// The deck data's download, as issue 17 budgets it: every file that carries the cards (`build/deck/`),
// raw, gzip (level 9, as tests/e2e/staticServer.ts serves the build) and Brotli (Node's default,
// quality 11, as many static hosts serve it). Run after `npm run build`: `node tools/deckPayload.mjs [buildDir]`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const dir = join(process.argv[2] ?? 'build', 'deck');
const sizes = readdirSync(dir)
	.filter((name) => name.endsWith('.json'))
	.sort()
	.map((name) => {
		const bytes = readFileSync(join(dir, name));
		return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length };
	});
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
for (const s of sizes) console.log(`${s.name}: ${kb(s.raw)} raw, ${kb(s.gzip)} gzip, ${kb(s.brotli)} brotli`);
const total = (key) => sizes.reduce((sum, s) => sum + s[key], 0);
console.log(`deck data, ${sizes.length} files: ${kb(total('raw'))} raw, ${kb(total('gzip'))} gzip (budget 200 kB), ${kb(total('brotli'))} brotli`);
