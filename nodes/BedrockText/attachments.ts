/**
 * Files from the item's binary properties as Converse image and document blocks, checked
 * against Bedrock's limits before anything is sent:
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_DocumentBlock.html and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-api-restrictions.html:
 * - images: png, jpeg, gif, webp; at most 20 per request, 3.75 MB and 8,000 px per side each;
 * - documents: pdf, csv, doc, docx, xls, xlsx, html, txt, md; at most 5 per request, 4.5 MB
 *   each; names of letters, digits, single spaces, hyphens, parentheses and square brackets.
 *
 * The format comes from the bytes where they tell (images, PDF, Office containers), else from
 * the file name's extension or the MIME type.
 */
import type { ContentBlock, DocumentFormat } from '@aws-sdk/client-bedrock-runtime';
import type { IExecuteFunctions } from 'n8n-workflow';

import { imageInfo } from '../shared/imageInfo';
import { FieldError } from '../shared/fields';

export const MAX_IMAGES = 20;
export const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 8000;
export const MAX_DOCUMENTS = 5;
export const MAX_DOCUMENT_BYTES = 4.5 * 1024 * 1024;
const MAX_DOCUMENT_NAME = 200;

export const ATTACHMENTS_FIELD = 'Attachments (Binary Properties)';

export interface BinaryFile {
	/** The binary property the file came from. */
	property: string;
	fileName?: string;
	mimeType?: string;
	bytes: Buffer;
}

export async function readBinaryFiles(
	context: IExecuteFunctions,
	itemIndex: number,
	properties: string[],
): Promise<BinaryFile[]> {
	const files: BinaryFile[] = [];
	for (const property of properties) {
		const binary = context.helpers.assertBinaryData(itemIndex, property);
		files.push({
			property,
			fileName: binary.fileName,
			mimeType: binary.mimeType,
			bytes: await context.helpers.getBinaryDataBuffer(itemIndex, property),
		});
	}
	return files;
}

const DOCUMENT_EXTENSIONS: Record<string, DocumentFormat> = {
	pdf: 'pdf',
	csv: 'csv',
	doc: 'doc',
	docx: 'docx',
	xls: 'xls',
	xlsx: 'xlsx',
	html: 'html',
	htm: 'html',
	txt: 'txt',
	text: 'txt',
	md: 'md',
	markdown: 'md',
};

const DOCUMENT_MIME_TYPES: Record<string, DocumentFormat> = {
	'application/pdf': 'pdf',
	'text/csv': 'csv',
	'application/msword': 'doc',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.ms-excel': 'xls',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'text/html': 'html',
	'text/plain': 'txt',
	'text/markdown': 'md',
	'text/x-markdown': 'md',
};

const ZIP_SIGNATURE = 0x504b0304;
const OLE_SIGNATURE = 0xd0cf11e0;

function extensionOf(fileName?: string): string | undefined {
	const match = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '');
	return match?.[1].toLowerCase();
}

function declaredFormat(file: BinaryFile): DocumentFormat | undefined {
	const byExtension = DOCUMENT_EXTENSIONS[extensionOf(file.fileName) ?? ''];
	const mime = (file.mimeType ?? '').split(';')[0].trim().toLowerCase();
	return byExtension ?? DOCUMENT_MIME_TYPES[mime];
}

function isUtf8Text(bytes: Buffer): boolean {
	return !bytes.includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

function describe(file: BinaryFile): string {
	const details = [file.fileName, file.mimeType].filter(Boolean).join(', ');
	return `The file in binary property "${file.property}"${details ? ` (${details})` : ''}`;
}

/**
 * The document format of a non-image file. Office files are told apart by their container:
 * Word and Excel 2007+ are ZIP archives with `word/` or `xl/` parts, the older ones OLE
 * compound files with a `WordDocument` or `Workbook` stream.
 */
export function documentFormatOf(file: BinaryFile): DocumentFormat {
	const { bytes } = file;
	const declared = declaredFormat(file);
	if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
	const signature = bytes.length >= 4 ? bytes.readUInt32BE(0) : 0;
	if (signature === ZIP_SIGNATURE) {
		if (declared === 'docx' || declared === 'xlsx') return declared;
		if (bytes.includes('word/')) return 'docx';
		if (bytes.includes('xl/')) return 'xlsx';
		throw new FieldError(
			`${describe(file)} is a ZIP archive but not a Word (.docx) or Excel (.xlsx) file. Bedrock accepts images (png, jpeg, gif, webp) and documents (pdf, csv, doc, docx, xls, xlsx, html, txt, md).`,
		);
	}
	if (signature === OLE_SIGNATURE) {
		if (declared === 'doc' || declared === 'xls') return declared;
		if (bytes.includes(Buffer.from('WordDocument', 'utf16le'))) return 'doc';
		if (bytes.includes(Buffer.from('Workbook', 'utf16le'))) return 'xls';
	}
	if (isUtf8Text(bytes)) {
		if (declared === 'csv' || declared === 'html' || declared === 'md' || declared === 'txt') {
			return declared;
		}
		if (!declared) {
			return /^\s*(<!doctype html|<html)/i.test(bytes.subarray(0, 512).toString('utf8'))
				? 'html'
				: 'txt';
		}
	}
	throw new FieldError(
		`${describe(file)} is not a format Bedrock accepts${declared ? ` (it claims to be ${declared}, but the content does not match)` : ''}. Attach images (png, jpeg, gif, webp) or documents (pdf, csv, doc, docx, xls, xlsx, html, txt, md).`,
	);
}

/**
 * A document name Bedrock accepts, from the file name without its extension: accents dropped,
 * other characters outside the allowed set become hyphens, whitespace runs one space, at most
 * 200 characters.
 */
export function documentName(fileName: string | undefined, fallback: string): string {
	const stem = (fileName ?? '').replace(/\.[A-Za-z0-9]+$/, '');
	const name = stem
		// Accented letters keep their base letter: "résumé" → "resume".
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9\s\-()[\]]+/g, '-')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, MAX_DOCUMENT_NAME)
		.trim();
	return name.length > 0 ? name : fallback;
}

/** Bedrock's rule for document names (Converse `DocumentBlock.name`). */
export const DOCUMENT_NAME_PATTERN = /^[A-Za-z0-9\-()[\]]+( [A-Za-z0-9\-()[\]]+)*$/;

function uniqueName(name: string, taken: Set<string>): string {
	let candidate = name;
	for (let n = 2; taken.has(candidate); n++) {
		candidate = `${name.slice(0, MAX_DOCUMENT_NAME - 5)} (${n})`;
	}
	taken.add(candidate);
	return candidate;
}

interface KindLimits {
	plural: string;
	maxCount: number;
	maxBytes: number;
	maxSize: string;
}

const IMAGE_LIMITS: KindLimits = {
	plural: 'images',
	maxCount: MAX_IMAGES,
	maxBytes: MAX_IMAGE_BYTES,
	maxSize: '3.75 MB',
};
const DOCUMENT_LIMITS: KindLimits = {
	plural: 'documents',
	maxCount: MAX_DOCUMENTS,
	maxBytes: MAX_DOCUMENT_BYTES,
	maxSize: '4.5 MB',
};

function checkLimits(limits: KindLimits, count: number, file: BinaryFile): void {
	const fail = (message: string) => {
		throw new FieldError(message);
	};
	if (count > limits.maxCount) {
		fail(
			`Too many ${limits.plural}: ${count} attached, Bedrock accepts at most ${limits.maxCount} per request.`,
		);
	}
	if (file.bytes.length > limits.maxBytes) {
		fail(
			`${describe(file)} is ${file.bytes.length} bytes; Bedrock accepts ${limits.plural} up to ${limits.maxSize} (${limits.maxBytes} bytes).`,
		);
	}
}

/**
 * Converse content blocks for the files, in order: images as image blocks, everything else
 * as document blocks.
 * @throws {FieldError} a format Bedrock does not accept, or a limit exceeded
 */
export function attachmentBlocks(files: BinaryFile[]): ContentBlock[] {
	const blocks: ContentBlock[] = [];
	const names = new Set<string>();
	let images = 0;
	let documents = 0;
	for (const file of files) {
		if (file.bytes.length === 0) {
			throw new FieldError(`${describe(file)} is empty.`);
		}
		const image = imageInfo(file.bytes);
		if (image) {
			checkLimits(IMAGE_LIMITS, ++images, file);
			if (Math.max(image.width, image.height) > MAX_IMAGE_SIDE) {
				throw new FieldError(
					`${describe(file)} is ${image.width}×${image.height} px; Bedrock accepts images up to ${MAX_IMAGE_SIDE} px per side.`,
				);
			}
			blocks.push({ image: { format: image.format, source: { bytes: file.bytes } } });
			continue;
		}
		const format = documentFormatOf(file);
		checkLimits(DOCUMENT_LIMITS, ++documents, file);
		const name = uniqueName(documentName(file.fileName, `document-${documents}`), names);
		blocks.push({ document: { format, name, source: { bytes: file.bytes } } });
	}
	return blocks;
}
