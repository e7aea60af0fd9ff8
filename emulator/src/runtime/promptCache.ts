/**
 * Prompt caching as Bedrock reports it: a `cachePoint` marks the end of a prefix (tools, then
 * system, then messages). The first request with a prefix writes it to the cache
 * (`cacheWriteInputTokens`); a later request with the same prefix within the TTL reads it
 * (`cacheReadInputTokens`) and refreshes the TTL. Prefixes shorter than the model's minimum
 * are not cached and raise no error (AWS user guide, "Prompt caching").
 */

export interface CacheCheckpoint {
	/** Hash of the model ID and everything before the checkpoint. */
	key: string;
	/** Input tokens before the checkpoint. */
	prefixTokens: number;
	ttlMs: number;
}

export interface CacheUsage {
	cacheReadInputTokens: number;
	cacheWriteInputTokens: number;
}

export const TTL_MS: Record<string, number> = { '5m': 5 * 60 * 1000, '1h': 60 * 60 * 1000 };

export class PromptCache {
	private readonly expiries = new Map<string, number>();

	/** Looks the checkpoints up, writes the missing ones and refreshes the hits. */
	use(checkpoints: CacheCheckpoint[], minTokens: number, now: number): CacheUsage {
		const eligible = checkpoints.filter((checkpoint) => checkpoint.prefixTokens >= minTokens);
		let read = 0;
		for (const checkpoint of eligible) {
			if ((this.expiries.get(checkpoint.key) ?? 0) > now)
				read = Math.max(read, checkpoint.prefixTokens);
		}
		const longest = eligible.reduce((max, checkpoint) => Math.max(max, checkpoint.prefixTokens), 0);
		for (const checkpoint of eligible) this.expiries.set(checkpoint.key, now + checkpoint.ttlMs);
		return { cacheReadInputTokens: read, cacheWriteInputTokens: longest - read };
	}

	clear(): void {
		this.expiries.clear();
	}
}
