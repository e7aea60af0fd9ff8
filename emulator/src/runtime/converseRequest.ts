/**
 * Parses and validates a Converse / ConverseStream request body in two layers, as Bedrock does:
 *
 * 1. The service model's constraints (the `bedrock-runtime` Smithy service model;
 *    https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html),
 *    reported together in AWS's "N validation errors detected" wording.
 * 2. Bedrock's conversation rules, one error at a time, with the messages seen in public
 *    reports: "A conversation must start with a user message…", "…must alternate between user
 *    and assistant roles…" (microsoft/semantic-kernel#10277), "The content field in the Message
 *    object at messages.1 is empty…" (vercel/ai fixture
 *    `packages/amazon-bedrock/src/__fixtures__/amazon-bedrock-empty-message-validation-error.json`).
 *
 * Model-specific checks (system prompts, images, limits, caching, reasoning) are in
 * `converseModelRules.ts`. Unknown top-level members are ignored, as AWS's JSON protocols do.
 */
import { validation } from '../errors.ts';
import { Violations } from './coralValidation.ts';

export const CONTENT_BLOCK_MEMBERS = [
	'text',
	'image',
	'document',
	'video',
	'audio',
	'toolUse',
	'toolResult',
	'guardContent',
	'cachePoint',
	'reasoningContent',
	'citationsContent',
	'searchResult',
] as const;
const SYSTEM_BLOCK_MEMBERS = ['text', 'guardContent', 'cachePoint'] as const;
const TOOL_MEMBERS = ['toolSpec', 'systemTool', 'cachePoint'] as const;
const TOOL_CHOICE_MEMBERS = ['auto', 'any', 'tool'] as const;

export const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp'];
export const DOCUMENT_FORMATS = ['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md'];
const VIDEO_FORMATS = ['mkv', 'mov', 'mp4', 'webm', 'flv', 'mpeg', 'mpg', 'wmv', 'three_gp'];
const GUARDRAIL_IDENTIFIER_PATTERN =
	'(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))';
const GUARDRAIL_VERSION_PATTERN = '(([1-9][0-9]{0,7})|(DRAFT))';
const TOOL_NAME_PATTERN = '[a-zA-Z0-9_-]+';

export type Json = Record<string, unknown>;

export interface ConverseMessage {
	role: 'user' | 'assistant';
	content: Json[];
}

export interface ConverseRequest {
	messages: ConverseMessage[];
	system: Json[];
	maxTokens?: number;
	temperature?: number;
	topP?: number;
	stopSequences: string[];
	tools: Json[];
	toolChoice?: Json;
	guardrail?: { identifier: string; version: string; trace: string };
	additionalFields: Json;
	responseFieldPaths: string[];
}

export function parseConverseRequest(body: unknown, stream: boolean): ConverseRequest {
	if (!isObject(body)) throw validation('The request body must be a JSON object.');
	const violations = new Violations();
	const unionProblems: string[] = [];

	const messages = body.messages;
	if (messages !== undefined && violations.type(messages, 'messages', 'list')) {
		(messages as unknown[]).forEach((message, index) =>
			checkMessage(message, index, violations, unionProblems),
		);
	}
	if (body.system !== undefined && violations.type(body.system, 'system', 'list')) {
		(body.system as unknown[]).forEach((block, index) =>
			checkUnion(
				block,
				`system.${index + 1}.member`,
				`system.${index}`,
				SYSTEM_BLOCK_MEMBERS,
				'SystemContentBlock',
				violations,
				unionProblems,
				(member, value, path) => {
					if (member === 'text' && violations.type(value, `${path}.text`, 'string'))
						violations.length(value, `${path}.text`, 1);
					if (member === 'cachePoint') checkCachePoint(value, `${path}.cachePoint`, violations);
				},
			),
		);
	}
	checkInferenceConfig(body.inferenceConfig, violations);
	checkToolConfig(body.toolConfig, violations, unionProblems);
	checkGuardrailConfig(body.guardrailConfig, stream, violations);
	if (
		body.additionalModelResponseFieldPaths !== undefined &&
		violations.type(
			body.additionalModelResponseFieldPaths,
			'additionalModelResponseFieldPaths',
			'list',
		)
	) {
		const paths = body.additionalModelResponseFieldPaths as unknown[];
		violations.length(paths, 'additionalModelResponseFieldPaths', 0, 10);
		paths.forEach((path, index) =>
			violations.length(path, `additionalModelResponseFieldPaths.${index + 1}.member`, 1, 256),
		);
	}
	if (isObject(body.performanceConfig)) {
		violations.enumValue(body.performanceConfig.latency, 'performanceConfig.latency', [
			'standard',
			'optimized',
		]);
	}
	if (isObject(body.serviceTier)) {
		violations.enumValue(body.serviceTier.type, 'serviceTier.type', [
			'priority',
			'default',
			'flex',
			'reserved',
		]);
	}
	violations.throwIfAny();
	if (unionProblems.length > 0) throw validation(unionProblems[0]);

	const request = toRequest(body);
	checkConversation(request.messages, body.toolConfig !== undefined && body.toolConfig !== null);
	return request;
}

function checkMessage(
	message: unknown,
	index: number,
	violations: Violations,
	unionProblems: string[],
): void {
	const path = `messages.${index + 1}.member`;
	if (!violations.type(message, path, 'structure')) return;
	const { role, content } = message as Json;
	if (violations.required(role, `${path}.role`))
		violations.enumValue(role, `${path}.role`, ['user', 'assistant']);
	if (
		!violations.required(content, `${path}.content`) ||
		!violations.type(content, `${path}.content`, 'list')
	)
		return;
	(content as unknown[]).forEach((block, blockIndex) =>
		checkUnion(
			block,
			`${path}.content.${blockIndex + 1}.member`,
			`messages.${index}.content.${blockIndex}`,
			CONTENT_BLOCK_MEMBERS,
			'ContentBlock',
			violations,
			unionProblems,
			(member, value, memberPath) =>
				checkContentMember(member, value, `${memberPath}.${member}`, violations),
		),
	);
}

/** A union must have exactly one member set. */
function checkUnion(
	block: unknown,
	path: string,
	zeroBasedPath: string,
	members: readonly string[],
	shapeName: string,
	violations: Violations,
	unionProblems: string[],
	checkMember: (member: string, value: unknown, path: string) => void,
): void {
	if (!violations.type(block, path, 'structure')) return;
	const set = members.filter(
		(member) => (block as Json)[member] !== undefined && (block as Json)[member] !== null,
	);
	if (set.length !== 1) {
		unionProblems.push(
			`The ${shapeName} object at ${zeroBasedPath} must set exactly one of the following keys: ${members.join(', ')}. Found ${set.length}.`,
		);
		return;
	}
	checkMember(set[0], (block as Json)[set[0]], path);
}

function checkContentMember(
	member: string,
	value: unknown,
	path: string,
	violations: Violations,
): void {
	switch (member) {
		case 'text':
			violations.type(value, path, 'string');
			return;
		case 'image':
			if (!violations.type(value, path, 'structure')) return;
			if (violations.required((value as Json).format, `${path}.format`))
				violations.enumValue((value as Json).format, `${path}.format`, IMAGE_FORMATS);
			checkSource((value as Json).source, `${path}.source`, ['bytes', 's3Location'], violations);
			return;
		case 'document': {
			if (!violations.type(value, path, 'structure')) return;
			const document = value as Json;
			if (violations.required(document.format, `${path}.format`))
				violations.enumValue(document.format, `${path}.format`, DOCUMENT_FORMATS);
			if (violations.required(document.name, `${path}.name`))
				violations.length(document.name, `${path}.name`, 1, 200);
			checkSource(
				document.source,
				`${path}.source`,
				['bytes', 's3Location', 'text', 'content'],
				violations,
			);
			return;
		}
		case 'video':
			if (!violations.type(value, path, 'structure')) return;
			if (violations.required((value as Json).format, `${path}.format`))
				violations.enumValue((value as Json).format, `${path}.format`, VIDEO_FORMATS);
			checkSource((value as Json).source, `${path}.source`, ['bytes', 's3Location'], violations);
			return;
		case 'toolUse': {
			if (!violations.type(value, path, 'structure')) return;
			const toolUse = value as Json;
			if (violations.required(toolUse.toolUseId, `${path}.toolUseId`)) {
				violations.length(toolUse.toolUseId, `${path}.toolUseId`, 1, 64);
				violations.pattern(toolUse.toolUseId, `${path}.toolUseId`, TOOL_NAME_PATTERN);
			}
			if (violations.required(toolUse.name, `${path}.name`)) {
				violations.length(toolUse.name, `${path}.name`, 1, 64);
				violations.pattern(toolUse.name, `${path}.name`, TOOL_NAME_PATTERN);
			}
			violations.required(toolUse.input, `${path}.input`);
			return;
		}
		case 'toolResult': {
			if (!violations.type(value, path, 'structure')) return;
			const toolResult = value as Json;
			violations.required(toolResult.toolUseId, `${path}.toolUseId`);
			if (violations.required(toolResult.content, `${path}.content`))
				violations.type(toolResult.content, `${path}.content`, 'list');
			violations.enumValue(toolResult.status, `${path}.status`, ['success', 'error']);
			return;
		}
		case 'cachePoint':
			checkCachePoint(value, path, violations);
			return;
		default:
			violations.type(value, path, 'structure');
	}
}

function checkSource(
	source: unknown,
	path: string,
	members: string[],
	violations: Violations,
): void {
	if (!violations.required(source, path) || !violations.type(source, path, 'structure')) return;
	const set = members.filter(
		(member) => (source as Json)[member] !== undefined && (source as Json)[member] !== null,
	);
	if (set.length !== 1) {
		violations.add(
			Object.keys(source as Json),
			path,
			`Member must have exactly one of the following members set: [${members.join(', ')}]`,
		);
		return;
	}
	const value = (source as Json)[set[0]];
	if (set[0] === 'bytes' && violations.type(value, `${path}.bytes`, 'string'))
		violations.length(value, `${path}.bytes`, 1);
	if (set[0] === 's3Location' && violations.type(value, `${path}.s3Location`, 'structure')) {
		const uri = (value as Json).uri;
		if (violations.required(uri, `${path}.s3Location.uri`)) {
			violations.length(uri, `${path}.s3Location.uri`, 1, 1024);
			violations.pattern(
				uri,
				`${path}.s3Location.uri`,
				's3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?',
			);
		}
	}
}

function checkCachePoint(value: unknown, path: string, violations: Violations): void {
	if (!violations.type(value, path, 'structure')) return;
	if (violations.required((value as Json).type, `${path}.type`))
		violations.enumValue((value as Json).type, `${path}.type`, ['default']);
	violations.enumValue((value as Json).ttl, `${path}.ttl`, ['5m', '1h']);
}

function checkInferenceConfig(config: unknown, violations: Violations): void {
	if (
		config === undefined ||
		config === null ||
		!violations.type(config, 'inferenceConfig', 'structure')
	)
		return;
	const { maxTokens, temperature, topP, stopSequences } = config as Json;
	if (maxTokens !== undefined && (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens))) {
		violations.add(maxTokens, 'inferenceConfig.maxTokens', 'Member must be an integer');
	} else {
		violations.range(maxTokens, 'inferenceConfig.maxTokens', 1);
	}
	violations.range(temperature, 'inferenceConfig.temperature', 0, 1);
	violations.range(topP, 'inferenceConfig.topP', 0, 1);
	if (
		stopSequences !== undefined &&
		violations.type(stopSequences, 'inferenceConfig.stopSequences', 'list')
	) {
		const sequences = stopSequences as unknown[];
		violations.length(sequences, 'inferenceConfig.stopSequences', 0, 2500);
		if (sequences.some((sequence) => typeof sequence !== 'string' || sequence.length === 0)) {
			// List members are reported on the list itself.
			violations.add(
				sequences,
				'inferenceConfig.stopSequences',
				'Member must satisfy constraint: [Member must have length greater than or equal to 1]',
			);
		}
	}
}

function checkToolConfig(config: unknown, violations: Violations, unionProblems: string[]): void {
	if (
		config === undefined ||
		config === null ||
		!violations.type(config, 'toolConfig', 'structure')
	)
		return;
	const { tools, toolChoice } = config as Json;
	if (
		violations.required(tools, 'toolConfig.tools') &&
		violations.type(tools, 'toolConfig.tools', 'list')
	) {
		violations.length(tools, 'toolConfig.tools', 1);
		(tools as unknown[]).forEach((tool, index) =>
			checkUnion(
				tool,
				`toolConfig.tools.${index + 1}.member`,
				`toolConfig.tools.${index}`,
				TOOL_MEMBERS,
				'Tool',
				violations,
				unionProblems,
				(member, value, path) => {
					if (member === 'cachePoint') checkCachePoint(value, `${path}.cachePoint`, violations);
					if (member !== 'toolSpec' || !violations.type(value, `${path}.toolSpec`, 'structure'))
						return;
					const spec = value as Json;
					if (violations.required(spec.name, `${path}.toolSpec.name`)) {
						violations.length(spec.name, `${path}.toolSpec.name`, 1, 64);
						violations.pattern(spec.name, `${path}.toolSpec.name`, TOOL_NAME_PATTERN);
					}
					violations.length(spec.description, `${path}.toolSpec.description`, 1);
					if (
						violations.required(spec.inputSchema, `${path}.toolSpec.inputSchema`) &&
						violations.type(spec.inputSchema, `${path}.toolSpec.inputSchema`, 'structure')
					) {
						violations.required(
							(spec.inputSchema as Json).json,
							`${path}.toolSpec.inputSchema.json`,
						);
					}
				},
			),
		);
	}
	if (toolChoice !== undefined && toolChoice !== null) {
		checkUnion(
			toolChoice,
			'toolConfig.toolChoice',
			'toolConfig.toolChoice',
			TOOL_CHOICE_MEMBERS,
			'ToolChoice',
			violations,
			unionProblems,
			(member, value, path) => {
				if (
					member === 'tool' &&
					violations.type(value, `${path}.tool`, 'structure') &&
					violations.required((value as Json).name, `${path}.tool.name`)
				) {
					violations.length((value as Json).name, `${path}.tool.name`, 1, 64);
				}
			},
		);
	}
}

function checkGuardrailConfig(config: unknown, stream: boolean, violations: Violations): void {
	if (
		config === undefined ||
		config === null ||
		!violations.type(config, 'guardrailConfig', 'structure')
	)
		return;
	const { guardrailIdentifier, guardrailVersion, trace, streamProcessingMode } = config as Json;
	if (violations.required(guardrailIdentifier, 'guardrailConfig.guardrailIdentifier')) {
		violations.length(guardrailIdentifier, 'guardrailConfig.guardrailIdentifier', 0, 2048);
		violations.pattern(
			guardrailIdentifier,
			'guardrailConfig.guardrailIdentifier',
			GUARDRAIL_IDENTIFIER_PATTERN,
		);
	}
	if (violations.required(guardrailVersion, 'guardrailConfig.guardrailVersion')) {
		violations.pattern(
			guardrailVersion,
			'guardrailConfig.guardrailVersion',
			GUARDRAIL_VERSION_PATTERN,
		);
	}
	violations.enumValue(trace, 'guardrailConfig.trace', ['enabled', 'disabled', 'enabled_full']);
	if (stream)
		violations.enumValue(streamProcessingMode, 'guardrailConfig.streamProcessingMode', [
			'sync',
			'async',
		]);
}

function toRequest(body: Json): ConverseRequest {
	const inference = (isObject(body.inferenceConfig) ? body.inferenceConfig : {}) as Json;
	const toolConfig = (isObject(body.toolConfig) ? body.toolConfig : {}) as Json;
	const guardrail = isObject(body.guardrailConfig) ? body.guardrailConfig : undefined;
	return {
		messages: (body.messages as ConverseMessage[] | undefined) ?? [],
		system: (body.system as Json[] | undefined) ?? [],
		maxTokens: inference.maxTokens as number | undefined,
		temperature: inference.temperature as number | undefined,
		topP: inference.topP as number | undefined,
		stopSequences: (inference.stopSequences as string[] | undefined) ?? [],
		tools: (toolConfig.tools as Json[] | undefined) ?? [],
		toolChoice: toolConfig.toolChoice as Json | undefined,
		guardrail: guardrail
			? {
					identifier: guardrail.guardrailIdentifier as string,
					version: guardrail.guardrailVersion as string,
					trace: (guardrail.trace as string | undefined) ?? 'disabled',
				}
			: undefined,
		additionalFields: isObject(body.additionalModelRequestFields)
			? body.additionalModelRequestFields
			: {},
		responseFieldPaths: (body.additionalModelResponseFieldPaths as string[] | undefined) ?? [],
	};
}

function checkConversation(messages: ConverseMessage[], hasToolConfig: boolean): void {
	if (messages.length === 0 || messages[0].role !== 'user') {
		throw validation(
			'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
		);
	}
	messages.forEach((message, index) => {
		if (index > 0 && messages[index - 1].role === message.role) {
			throw validation(
				'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
			);
		}
		if (message.content.length === 0) {
			throw validation(
				`The content field in the Message object at messages.${index} is empty. Add a ContentBlock object to the content field and try again.`,
			);
		}
		message.content.forEach((block, blockIndex) => {
			if (typeof block.text === 'string' && block.text.trim().length === 0) {
				throw validation(
					`The text field in the ContentBlock object at messages.${index}.content.${blockIndex} is blank. Add text to the text field, and try again.`,
				);
			}
			if (
				message.role === 'assistant' &&
				(block.image !== undefined || block.document !== undefined)
			) {
				throw validation(
					`The ContentBlock object at messages.${index}.content.${blockIndex} has an image or document, which only user messages may include. Move it to a user message and try again.`,
				);
			}
			// vercel/ai fixture `issue-7034-error.json` (Claude 3 Haiku, recorded 2026-07-21).
			if (message.role === 'user' && block.reasoningContent !== undefined) {
				throw validation(
					'User messages cannot contain reasoning content. Please remove the reasoning content and try again.',
				);
			}
		});
	});
	// ren8k/aws-bedrock-converse-app-use-tools README (Claude 3, 2024-06): a history with tool
	// blocks needs the tool configuration.
	const toolBlocks = messages.some((message) =>
		message.content.some((block) => block.toolUse !== undefined || block.toolResult !== undefined),
	);
	if (toolBlocks && !hasToolConfig) {
		throw validation(
			'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
		);
	}
}

export function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
