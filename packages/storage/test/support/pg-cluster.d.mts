export declare function findPostgresBin(): string | undefined;
export declare function startPostgres(options?: {
  durable?: boolean;
}): Promise<{ url: string; dir: string; stop(): void } | { skipped: string }>;
