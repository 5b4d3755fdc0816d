// Helpers shared by this folder's tests: temporary log files, log lines and bounded waits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh temporary directory and a function that removes it. */
export function tempDir(): { dir: string; file(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'wafer-log-processor-'));
  return {
    dir,
    file: (name) => path.join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Polls `condition` every 10 ms until it holds; fails with `what` after `timeoutMs`. Tests wait for effects this
 * way instead of sleeping a fixed time, so they are fast when things work and bounded when they do not.
 */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves after `ms`: for checking that something does *not* happen within a few poll intervals. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One Combined Log Format line (with its newline) requesting `target`. */
export function combinedLine(target: string, ip = '198.51.100.2', status = 200): string {
  return `${ip} - - [21/Nov/2026:10:00:00 +0000] "GET ${target} HTTP/1.1" ${status} 512 "-" "Mozilla/5.0 (X11; Linux x86_64)"\n`;
}

/** `count` lines requesting `/page/<first>`, `/page/<first + 1>`, …: distinct, so each can be found once. */
export function pageLines(first: number, count: number): string {
  let text = '';
  for (let i = first; i < first + count; i++) text += combinedLine(`/page/${i}`);
  return text;
}
