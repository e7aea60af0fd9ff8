/**
 * The documentation keeps one home per topic (issue 13, item 5): README.md is the short entry
 * point (at most 15 KB) and the detail lives in docs/*.md. This file fails when
 * - a paragraph, list item, table row or code block of a docs/*.md file (160 characters or more
 *   once whitespace is normalised) appears again in README.md or in another docs file, naming both
 *   places;
 * - README.md is larger than 15 KB;
 * - a relative link in README.md or docs/*.md points to a file that does not exist, or to a
 *   heading (`#anchor`) that the target file does not have;
 * - the docs cite material that is not public (local paths, notes outside the repository).
 * Each rule is also run on synthetic input that breaks it, so the checks are seen to fail.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const MIN_DUPLICATE_LENGTH = 160;
const README_LIMIT_BYTES = 15 * 1024;

interface DocFile {
	/** Repository-relative path, e.g. `docs/scale.md`. */
	name: string;
	text: string;
}

function repositoryDocs(): DocFile[] {
	const docs = readdirSync(path.join(ROOT, 'docs'))
		.filter((file) => file.endsWith('.md'))
		.sort()
		.map((file) => `docs/${file}`);
	return ['README.md', ...docs].map((name) => ({
		name,
		text: readFileSync(path.join(ROOT, name), 'utf8'),
	}));
}

/** A line without its blockquote markers and list or table decoration at the start. */
function bareLine(line: string): string {
	return line.replace(/^\s*(>\s?)*/, '');
}

interface Unit {
	line: number;
	text: string;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The units a duplicate is looked for by: prose paragraphs (consecutive non-blank lines), each
 * list item, each table row and each fenced code block, whitespace collapsed.
 */
function units(markdown: string): Unit[] {
	const lines = markdown.split('\n');
	const found: Unit[] = [];
	let current: Unit | undefined;
	const flush = () => {
		if (current) found.push({ line: current.line, text: collapse(current.text) });
		current = undefined;
	};
	for (let index = 0; index < lines.length; index++) {
		const line = bareLine(lines[index]);
		if (/^\s*(```|~~~)/.test(line)) {
			flush();
			const start = index;
			const body: string[] = [];
			for (
				index++;
				index < lines.length && !/^\s*(```|~~~)/.test(bareLine(lines[index]));
				index++
			) {
				body.push(bareLine(lines[index]));
			}
			found.push({ line: start + 1, text: collapse(body.join('\n')) });
			continue;
		}
		if (line.trim() === '') {
			flush();
			continue;
		}
		const listItem = /^\s*([-*+]|\d+[.)])\s+/.exec(line);
		const tableRow = /^\s*\|/.test(line);
		if (tableRow) {
			flush();
			if (/^\s*\|[\s|:-]+\|\s*$/.test(line)) continue; // the header separator
			// The row, and each cell on its own: a cell may be copied into prose.
			found.push({ line: index + 1, text: collapse(line) });
			for (const cell of line.split('|').slice(1, -1)) {
				found.push({ line: index + 1, text: collapse(cell) });
			}
			continue;
		}
		if (listItem || /^#{1,6}\s/.test(line)) {
			flush();
			current = { line: index + 1, text: listItem ? line.slice(listItem[0].length) : line };
			if (!listItem) flush();
			continue;
		}
		if (current) current.text += `\n${line}`;
		else current = { line: index + 1, text: line };
	}
	flush();
	return found;
}

/** The file's text with whitespace collapsed, and the line each character came from. */
function flatten(markdown: string): { text: string; lineAt: number[] } {
	let text = '';
	const lineAt: number[] = [];
	markdown.split('\n').forEach((raw, index) => {
		const line = collapse(bareLine(raw));
		if (line === '') return;
		if (text !== '') {
			text += ' ';
			lineAt.push(index + 1);
		}
		text += line;
		for (let i = 0; i < line.length; i++) lineAt.push(index + 1);
	});
	return { text, lineAt };
}

interface Duplicate {
	home: string;
	homeLine: number;
	copy: string;
	copyLine: number;
	excerpt: string;
}

/**
 * Every unit of a docs file (not README.md itself) of at least `minLength` characters that also
 * appears in README.md or another file, with both places.
 */
function findDuplicates(files: DocFile[], minLength = MIN_DUPLICATE_LENGTH): Duplicate[] {
	const flat = new Map(files.map((file) => [file.name, flatten(file.text)]));
	const duplicates: Duplicate[] = [];
	for (const home of files) {
		if (!home.name.startsWith('docs/')) continue;
		for (const unit of units(home.text)) {
			if (unit.text.length < minLength) continue;
			for (const other of files) {
				if (other.name === home.name) continue;
				const { text, lineAt } = flat.get(other.name)!;
				const at = text.indexOf(unit.text);
				if (at < 0) continue;
				duplicates.push({
					home: home.name,
					homeLine: unit.line,
					copy: other.name,
					copyLine: lineAt[at],
					excerpt: `${unit.text.slice(0, 80)}…`,
				});
			}
		}
	}
	return duplicates;
}

const describeDuplicate = (d: Duplicate) =>
	`${d.home}:${d.homeLine} appears again in ${d.copy}:${d.copyLine}: "${d.excerpt}"`;

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, -1, -2 for repeats. */
function anchors(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const result = new Set<string>();
	let inFence = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
		const heading = inFence ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const slug = heading[1]
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		result.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return result;
}

interface BrokenLink {
	file: string;
	line: number;
	target: string;
	reason: string;
}

/** Relative links (`[text](target)`, images too) outside code, whose file or heading is missing. */
function brokenLinks(
	files: DocFile[],
	exists: (repoPath: string) => boolean,
	read: (repoPath: string) => string,
): BrokenLink[] {
	const broken: BrokenLink[] = [];
	for (const file of files) {
		let inFence = false;
		file.text.split('\n').forEach((raw, index) => {
			if (/^\s*(>\s?)*\s*(```|~~~)/.test(raw)) {
				inFence = !inFence;
				return;
			}
			if (inFence) return;
			const line = raw.replace(/`[^`]*`/g, '');
			for (const match of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
				const target = match[1];
				if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
				const [filePart, anchor] = target.split('#', 2);
				const resolved = filePart
					? path.posix.normalize(path.posix.join(path.posix.dirname(file.name), filePart))
					: file.name;
				const where = { file: file.name, line: index + 1, target };
				if (resolved.startsWith('..')) {
					broken.push({ ...where, reason: 'points outside the repository' });
				} else if (!exists(resolved)) {
					broken.push({ ...where, reason: `${resolved} does not exist` });
				} else if (anchor && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor)) {
					broken.push({ ...where, reason: `${resolved} has no heading #${anchor}` });
				}
			}
		});
	}
	return broken;
}

const onDisk = {
	exists: (repoPath: string) => existsSync(path.join(ROOT, repoPath)),
	read: (repoPath: string) => readFileSync(path.join(ROOT, repoPath), 'utf8'),
};

/** Citations of material that readers of the repository cannot open. */
const NON_PUBLIC = [
	/\/work\//,
	/\bbedrock-api\.md\b/,
	/\bpeers\.md\b/,
	/\bfield-2026-\d+\.md\b/,
	/\bn8n-reference\.md\b/,
	/\bstyle-anchors\.md\b/,
	/\bseed \d{3}\b/i,
];

function nonPublicCitations(files: DocFile[]): string[] {
	const found: string[] = [];
	for (const file of files) {
		file.text.split('\n').forEach((line, index) => {
			for (const pattern of NON_PUBLIC) {
				if (pattern.test(line))
					found.push(`${file.name}:${index + 1} cites ${pattern}: ${line.trim()}`);
			}
		});
	}
	return found;
}

describe('the repository documentation', () => {
	const files = repositoryDocs();

	test('reads README.md and the docs/*.md files', () => {
		expect(files[0].name).toBe('README.md');
		expect(files.filter((file) => file.name.startsWith('docs/')).length).toBeGreaterThan(5);
	});

	test('no docs paragraph appears again in README.md or another docs file', () => {
		expect(findDuplicates(files).map(describeDuplicate)).toEqual([]);
	});

	test(`README.md is at most ${README_LIMIT_BYTES} bytes (15 KB)`, () => {
		expect(Buffer.byteLength(files[0].text, 'utf8')).toBeLessThanOrEqual(README_LIMIT_BYTES);
	});

	test('every relative link points to an existing file and heading', () => {
		expect(brokenLinks(files, onDisk.exists, onDisk.read)).toEqual([]);
	});

	test('no citation of material outside the repository', () => {
		expect(nonPublicCitations(files)).toEqual([]);
	});
});

describe('the checks fail on broken input', () => {
	const paragraph =
		'Bedrock quotas (requests or images per minute, per account, region and model) are shared by ' +
		'every worker, so keep the calls in flight of all workers together below the quota per minute.';

	test('a docs paragraph planted in the README is reported with both places', () => {
		expect(paragraph.length).toBeGreaterThanOrEqual(MIN_DUPLICATE_LENGTH);
		const files: DocFile[] = [
			{
				name: 'README.md',
				text: `# Pack\n\nIntro.\n\n## Scale\n\n${wrap(paragraph, 60)}\nMore.\n`,
			},
			{ name: 'docs/scale.md', text: `# Scale\n\nFirst.\n\n${wrap(paragraph, 90)}\n` },
		];
		expect(findDuplicates(files).map(describeDuplicate)).toEqual([
			`docs/scale.md:5 appears again in README.md:7: "${paragraph.slice(0, 80)}…"`,
		]);
	});

	test('a list item or table row copied between docs files is reported', () => {
		const files: DocFile[] = [
			{ name: 'README.md', text: '# Pack\n' },
			{ name: 'docs/a.md', text: `# A\n\n- **Quotas.** ${paragraph}\n- other\n` },
			{
				name: 'docs/b.md',
				text: `# B\n\n| Topic | Text |\n|---|---|\n| Quotas | ${paragraph} |\n`,
			},
			{
				name: 'docs/c.md',
				text: `# C\n\n> - **Quotas.**   ${wrap(paragraph, 50).replace(/\n/g, '\n>   ')}\n`,
			},
		];
		const found = findDuplicates(files).map(
			(d) => `${d.home}:${d.homeLine} → ${d.copy}:${d.copyLine}`,
		);
		expect(found).toEqual([
			'docs/a.md:3 → docs/c.md:3',
			'docs/b.md:5 → docs/a.md:3',
			'docs/b.md:5 → docs/c.md:3',
			'docs/c.md:3 → docs/a.md:3',
		]);
	});

	test('short paragraphs and the README itself are not units', () => {
		const short = 'Secrets never appear in node output, error messages or logs.';
		const files: DocFile[] = [
			{ name: 'README.md', text: `${short}\n\n${paragraph}\n` },
			{ name: 'docs/a.md', text: `${short}\n` },
		];
		expect(findDuplicates(files)).toEqual([]);
	});

	test('a missing file, a missing heading and a path outside the repository are broken links', () => {
		const files: DocFile[] = [
			{
				name: 'README.md',
				text: [
					'See [scale](docs/scale.md#figures), [gone](docs/gone.md), [web](https://aws.amazon.com/).',
					'Also [nowhere](docs/scale.md#no-such-heading) and [out](../outside.md) and [here](#tests).',
					'`[in code](docs/missing.md)` is not a link.',
					'',
					'## Tests',
				].join('\n'),
			},
			{
				name: 'docs/scale.md',
				text: '# Scale\n\n## Figures\n\nBack to [the README](../README.md#tests).\n',
			},
		];
		const known = new Map(files.map((file) => [file.name, file.text]));
		const broken = brokenLinks(
			files,
			(repoPath) => known.has(repoPath),
			(repoPath) => known.get(repoPath)!,
		);
		expect(broken).toEqual([
			{ file: 'README.md', line: 1, target: 'docs/gone.md', reason: 'docs/gone.md does not exist' },
			{
				file: 'README.md',
				line: 2,
				target: 'docs/scale.md#no-such-heading',
				reason: 'docs/scale.md has no heading #no-such-heading',
			},
			{
				file: 'README.md',
				line: 2,
				target: '../outside.md',
				reason: 'points outside the repository',
			},
		]);
	});

	test('anchors follow GitHub: code, punctuation and repeats', () => {
		expect([
			...anchors(
				'# The pack in n8n queue mode: `npm run scale`\n## Figures\n## Figures\n## Try it: `npm start`',
			),
		]).toEqual([
			'the-pack-in-n8n-queue-mode-npm-run-scale',
			'figures',
			'figures-1',
			'try-it-npm-start',
		]);
	});

	test('citations of non-public notes are reported', () => {
		const files: DocFile[] = [
			{
				name: 'docs/a.md',
				text: 'As bedrock-api.md §3 says.\nThe key `bedrock-api-key-emulator`.\nSee seed 004.\n',
			},
		];
		expect(nonPublicCitations(files)).toEqual([
			'docs/a.md:1 cites /\\bbedrock-api\\.md\\b/: As bedrock-api.md §3 says.',
			'docs/a.md:3 cites /\\bseed \\d{3}\\b/i: See seed 004.',
		]);
	});
});

/** The words of `text` re-wrapped at `width` columns, as an editor or prettier would. */
function wrap(text: string, width: number): string {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines.join('\n');
}
