/**
 * Constraint violations in the wording of AWS's request validation for JSON protocols, which
 * checks the service model's traits (required, length, range, enum, pattern) before the
 * operation runs:
 *
 *   "2 validation errors detected: Value '1.5' at 'inferenceConfig.temperature' failed to
 *    satisfy constraint: Member must have value less than or equal to 1; Value null at
 *    'messages.1.member.role' failed to satisfy constraint: Member must not be null"
 *
 * Paths use the member names with 1-based list indexes followed by `.member`. Values inside
 * the conversation (`messages`, `system`) are not repeated in the message: "1 validation error
 * detected: Value at 'messages.1.member.content.2.member.document.name' failed to satisfy
 * constraint: Member must have length less than or equal to 200" (vercel/ai fixture
 * `amazon-bedrock-invalid-document-filenames.json`, recorded 2026-09-04; the same form for a
 * tool name in `bedrock-invalid-tool-name-validation-error.json`).
 */
import { validation } from '../errors.ts';

export class Violations {
	readonly messages: string[] = [];

	add(value: unknown, path: string, constraint: string): void {
		const shown = /^(messages|system)\./.test(path) ? '' : `${formatValue(value)} `;
		this.messages.push(`Value ${shown}at '${path}' failed to satisfy constraint: ${constraint}`);
	}

	/** Records "must not be null" and returns false when the value is missing. */
	required(value: unknown, path: string): boolean {
		if (value !== undefined && value !== null) return true;
		this.add(null, path, 'Member must not be null');
		return false;
	}

	enumValue(value: unknown, path: string, allowed: readonly string[]): void {
		if (value === undefined || value === null) return;
		if (typeof value !== 'string' || !allowed.includes(value)) {
			this.add(value, path, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
		}
	}

	range(value: unknown, path: string, minimum?: number, maximum?: number): void {
		if (value === undefined || value === null) return;
		if (typeof value !== 'number') {
			this.add(value, path, 'Member must be a number');
			return;
		}
		if (minimum !== undefined && value < minimum) {
			this.add(value, path, `Member must have value greater than or equal to ${minimum}`);
		} else if (maximum !== undefined && value > maximum) {
			this.add(value, path, `Member must have value less than or equal to ${maximum}`);
		}
	}

	length(value: unknown, path: string, minimum?: number, maximum?: number): void {
		if (value === undefined || value === null) return;
		const length =
			typeof value === 'string'
				? [...value].length
				: Array.isArray(value)
					? value.length
					: undefined;
		if (length === undefined) return;
		if (minimum !== undefined && length < minimum) {
			this.add(value, path, `Member must have length greater than or equal to ${minimum}`);
		} else if (maximum !== undefined && length > maximum) {
			this.add(value, path, `Member must have length less than or equal to ${maximum}`);
		}
	}

	pattern(value: unknown, path: string, pattern: string): void {
		if (typeof value !== 'string') return;
		if (!new RegExp(`^(?:${pattern})$`).test(value)) {
			this.add(value, path, `Member must satisfy regular expression pattern: ${pattern}`);
		}
	}

	/** A JSON type that does not fit the shape (the SDKs never send these). */
	type(
		value: unknown,
		path: string,
		expected: 'list' | 'structure' | 'string' | 'number' | 'boolean',
	): boolean {
		const ok =
			expected === 'list'
				? Array.isArray(value)
				: expected === 'structure'
					? typeof value === 'object' && value !== null && !Array.isArray(value)
					: typeof value === expected;
		if (!ok) this.add(value, path, `Member must be a ${expected}`);
		return ok;
	}

	throwIfAny(): void {
		const count = this.messages.length;
		if (count === 0) return;
		throw validation(
			`${count} validation error${count > 1 ? 's' : ''} detected: ${this.messages.join('; ')}`,
		);
	}
}

function formatValue(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return `'[${value.map((item) => String(item)).join(', ')}]'`;
	if (typeof value === 'object') return `'${JSON.stringify(value)}'`;
	return `'${String(value)}'`;
}
