/**
 * A single progress line on stderr (`\r`-rewritten on a TTY, one line per stage otherwise,
 * so CI logs stay readable).
 */
export class Progress {
  private readonly started = Date.now();
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly enabled = true) {}

  /** Reports the current stage. */
  stage(text: string): void {
    if (!this.enabled) return;
    const line = `[corpus ${((Date.now() - this.started) / 1000).toFixed(1)}s] ${text}`;
    if (this.tty) process.stderr.write(`\r\u001b[2K${line}`);
    else process.stderr.write(`${line}\n`);
  }

  /** Ends the line. */
  done(text: string): void {
    this.stage(text);
    if (this.enabled && this.tty) process.stderr.write('\n');
  }
}
