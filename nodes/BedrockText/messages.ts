/**
 * The conversation sent to Converse: a single prompt, or a chat history built upstream as a
 * JSON array of `{ role, content }` (OpenAI- and Anthropic-style histories work as they are).
 *
 * Checked before the call with Converse's conversation rules (user first, roles alternating,
 * no empty text), so a broken history fails with the index of the message at fault rather
 * than a ValidationException. `system` messages are moved to the system prompt, where
 * Converse wants them.
 */
import type { ContentBlock, Message } from '@aws-sdk/client-bedrock-runtime';

import { FieldError, parseJson } from '../shared/fields';

export const MESSAGES_FIELD = 'Messages';

export interface Conversation {
	messages: Message[];
	/** Texts of `system` messages, in order. */
	system: string[];
}

function fail(message: string): never {
	throw new FieldError(message);
}

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** The list from the field: an array, a JSON text of one, or an object with a `messages` array. */
function messageList(value: unknown): unknown[] {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '')
			fail(`${MESSAGES_FIELD} is empty: give a JSON array of { role, content } messages`);
		const result = parseJson(value);
		if ('error' in result) fail(`${MESSAGES_FIELD} is not valid JSON: ${result.error}`);
		parsed = result.value;
	}
	if (
		typeof parsed === 'object' &&
		parsed !== null &&
		!Array.isArray(parsed) &&
		Array.isArray((parsed as { messages?: unknown }).messages)
	) {
		parsed = (parsed as { messages: unknown[] }).messages;
	}
	if (!Array.isArray(parsed)) {
		fail(
			`${MESSAGES_FIELD} must be an array of { role, content } messages, got ${describeType(parsed)}`,
		);
	}
	if (parsed.length === 0)
		fail(`${MESSAGES_FIELD} is an empty array: give at least one user message`);
	return parsed;
}

/** Text of one content block: `"text"`, `{ text }` or `{ type: 'text', text }`. */
function blockText(block: unknown, at: string): string {
	if (typeof block === 'string') return block;
	if (
		typeof block === 'object' &&
		block !== null &&
		typeof (block as { text?: unknown }).text === 'string'
	) {
		const type = (block as { type?: unknown }).type;
		if (type === undefined || type === 'text') return (block as { text: string }).text;
	}
	const type =
		typeof block === 'object' && block !== null
			? String((block as { type?: unknown }).type ?? Object.keys(block).join(', '))
			: describeType(block);
	return fail(
		`${at} is not a text block (${type}). Messages carry text; attach images and documents with the Attachments field.`,
	);
}

function contentTexts(content: unknown, at: string): string[] {
	if (typeof content === 'string') return [content];
	if (Array.isArray(content)) {
		if (content.length === 0) fail(`${at}.content is an empty array`);
		return content.map((block, index) => blockText(block, `${at}.content[${index}]`));
	}
	return fail(
		`${at}.content must be text or an array of text blocks, got ${describeType(content)}`,
	);
}

/**
 * Parses and checks a chat history.
 * @throws {FieldError} naming the message at fault
 */
export function parseConversation(value: unknown): Conversation {
	const conversation: Conversation = { messages: [], system: [] };
	messageList(value).forEach((entry, index) => {
		const at = `${MESSAGES_FIELD}[${index}]`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			fail(`${at} must be an object with role and content, got ${describeType(entry)}`);
		}
		const { role, content } = entry as { role?: unknown; content?: unknown };
		if (role !== 'user' && role !== 'assistant' && role !== 'system') {
			fail(`${at}.role must be "user", "assistant" or "system", got ${describeType(role)}`);
		}
		const texts = contentTexts(content, at);
		texts.forEach((text, blockIndex) => {
			if (text.trim() === '') {
				fail(
					`${at}${texts.length > 1 ? `.content[${blockIndex}]` : '.content'} is blank: Bedrock rejects empty text`,
				);
			}
		});
		if (role === 'system') {
			conversation.system.push(...texts);
			return;
		}
		const previous = conversation.messages.at(-1);
		if (!previous && role !== 'user') {
			fail(`${at} is an assistant message, but a conversation must start with a user message`);
		}
		if (previous?.role === role) {
			fail(
				`${at} is the second ${role} message in a row: user and assistant messages must alternate`,
			);
		}
		conversation.messages.push({ role, content: texts.map((text): ContentBlock => ({ text })) });
	});
	if (conversation.messages.length === 0) fail(`${MESSAGES_FIELD} has no user message`);
	return conversation;
}

/** A one-message conversation from the Prompt field (checked non-empty by the field). */
export function promptConversation(prompt: string): Conversation {
	return { messages: [{ role: 'user', content: [{ text: prompt }] }], system: [] };
}

/**
 * Puts the attachments in front of the last user message's text (models read images and
 * documents best before the question about them).
 */
export function withAttachments(messages: Message[], attachments: ContentBlock[]): Message[] {
	if (attachments.length === 0) return messages;
	const lastUser = messages.map((message) => message.role).lastIndexOf('user');
	return messages.map((message, index) =>
		index === lastUser
			? { ...message, content: [...attachments, ...(message.content ?? [])] }
			: message,
	);
}
