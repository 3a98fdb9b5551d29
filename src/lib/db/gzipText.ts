/**
 * Text to gzip bytes and back with the platform's own streams (browsers and Node both have them), so
 * no compression library ships. A backup's JSON shrinks about five-fold.
 */
export async function gzipText(text: string): Promise<Uint8Array> {
	const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function gunzipText(bytes: Uint8Array): Promise<string> {
	const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
	return new Response(stream).text();
}
