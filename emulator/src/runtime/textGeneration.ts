/**
 * The emulator's deterministic "model": an echo-like answer with a fixed word sequence, so
 * tests can predict text, token counts and where stop sequences and token limits cut it.
 *
 *   Emulated answer to "<first 12 words of the prompt>": alpha bravo charlie … zulu.
 *
 * A token is a whitespace-separated word, for input and output alike (the seed's Titan
 * example counts "Write a poem about sky" as 5 input tokens).
 */
import { createHash } from 'node:crypto';

export const PHONETIC_WORDS = [
	'alpha',
	'bravo',
	'charlie',
	'delta',
	'echo',
	'foxtrot',
	'golf',
	'hotel',
	'india',
	'juliet',
	'kilo',
	'lima',
	'mike',
	'november',
	'oscar',
	'papa',
	'quebec',
	'romeo',
	'sierra',
	'tango',
	'uniform',
	'victor',
	'whiskey',
	'xray',
	'yankee',
	'zulu.',
];
const ECHO_WORDS = 12;

export type GenerationStop = 'end' | 'max_tokens' | 'stop_sequence';

export interface Generation {
	text: string;
	tokens: number;
	stop: GenerationStop;
	/** The stop sequence that ended the text, when `stop` is `stop_sequence`. */
	stopSequence?: string;
}

export function countTokens(text: string): number {
	const trimmed = text.trim();
	return trimmed.length === 0 ? 0 : trimmed.split(/\s+/).length;
}

/** The full answer the emulator gives to a prompt, before limits. */
export function answerFor(prompt: string): string {
	const words = prompt
		.trim()
		.split(/\s+/)
		.filter((word) => word.length > 0);
	const echo = words.slice(0, ECHO_WORDS).join(' ').replace(/"/g, "'");
	return `Emulated answer to "${echo}": ${PHONETIC_WORDS.join(' ')}`;
}

/** The reasoning text a reasoning model shows before its answer. */
export function reasoningFor(prompt: string): string {
	const words = prompt
		.trim()
		.split(/\s+/)
		.filter((word) => word.length > 0);
	return `Thinking about "${words.slice(0, ECHO_WORDS).join(' ').replace(/"/g, "'")}": a short phonetic answer will do.`;
}

/** Deterministic stand-in for the opaque signature Claude attaches to its thinking. */
export function reasoningSignature(reasoning: string): string {
	return createHash('sha256').update(`emulator-thinking:${reasoning}`).digest('base64');
}

/**
 * Applies stop sequences (the earliest match wins, the sequence itself is not returned) and
 * the token limit (whichever comes first).
 */
export function limitText(
	fullText: string,
	maxTokens: number,
	stopSequences: readonly string[],
): Generation {
	let text = fullText;
	let stop: GenerationStop = 'end';
	let stopSequence: string | undefined;
	let cut = fullText.length;
	for (const sequence of stopSequences) {
		const index = fullText.indexOf(sequence);
		if (index >= 0 && index < cut) {
			cut = index;
			stopSequence = sequence;
		}
	}
	if (stopSequence !== undefined) {
		text = fullText.slice(0, cut).replace(/\s+$/, '');
		stop = 'stop_sequence';
	}
	const words = text.trim().length === 0 ? [] : text.trim().split(/\s+/);
	if (words.length > maxTokens) {
		return { text: words.slice(0, maxTokens).join(' '), tokens: maxTokens, stop: 'max_tokens' };
	}
	return {
		text,
		tokens: words.length,
		stop,
		...(stopSequence !== undefined ? { stopSequence } : {}),
	};
}

/** Splits text into stream deltas of a few words, keeping the separating spaces. */
export function streamChunks(text: string, wordsPerChunk = 3): string[] {
	const pieces = text.match(/\S+\s*/g) ?? [];
	const chunks: string[] = [];
	for (let index = 0; index < pieces.length; index += wordsPerChunk) {
		chunks.push(pieces.slice(index, index + wordsPerChunk).join(''));
	}
	if (text.length > 0 && /^\s/.test(text) && chunks.length > 0)
		chunks[0] = text.match(/^\s+/)![0] + chunks[0];
	return chunks.length > 0 ? chunks : [text];
}
