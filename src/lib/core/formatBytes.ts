/**
 * A byte count as people read it: `812 B`, `4.2 KB`, `18.7 MB`, `1.3 GB` (decimal units, as
 * browsers and operating systems report storage).
 *
 * @example
 * formatBytes(18_700_000); // '18.7 MB'
 */
export function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${bytes} B`;
	const units = ['KB', 'MB', 'GB', 'TB'];
	let value = bytes / 1000;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
