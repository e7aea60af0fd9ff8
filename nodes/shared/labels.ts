/**
 * Alphabetical order for labels in node descriptions (options, collection fields), the order
 * `localeCompare` gives for them, without it.
 *
 * Why: the first `localeCompare` in a process sets up an ICU collator, which took about a
 * quarter of the pack's start-up time, paid by every n8n start (docs/benchmark.md). Labels are
 * ASCII, where the default collation is simple: spaces, then punctuation and symbols, then
 * digits, then letters regardless of case; only then lower case before upper case.
 */
function rank(code: number): number {
	if (code === 0x20 || code === 0x09) return 0x100 + code;
	if (code >= 0x30 && code <= 0x39) return 0x300 + code;
	if (code >= 0x61 && code <= 0x7a) return 0x400 + code;
	if (code < 0x80) return 0x200 + code;
	return 0x10000 + code;
}

export function compareLabels(a: string, b: string): number {
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	const length = Math.min(x.length, y.length);
	for (let i = 0; i < length; i++) {
		const difference = rank(x.charCodeAt(i)) - rank(y.charCodeAt(i));
		if (difference !== 0) return difference;
	}
	if (x.length !== y.length) return x.length - y.length;
	// Same letters: lower case first (a lower-case letter has the higher code point).
	return a === b ? 0 : a > b ? -1 : 1;
}
