import { readFile } from 'node:fs/promises';
import { readEvalRecords } from '../eval-record/read-eval-records.js';
import { fromEvalRecord } from '../request/from-eval-record.js';
import { parseHttpMessage } from '../request/from-http-text.js';
import type { WafRequest } from '../request/waf-request.js';

/** One request read from the CLI's input, or why it could not be read. */
export type InputRequest =
  | { readonly ok: true; readonly label: string; readonly request: WafRequest }
  | { readonly ok: false; readonly label: string; readonly error: string };

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads requests from a file or stdin: a `.http` file (raw HTTP/1.1 text), or evaluation records
 * (one JSON object, or JSON lines). The format is chosen from the content, not the file name,
 * so `cat x.http | wafer fields` works too.
 */
export async function readInputRequests(file: string | undefined): Promise<InputRequest[]> {
  const bytes = file === undefined || file === '-' ? await readStdin() : await readFile(file);
  const text = bytes.toString('utf8');
  const firstChar = text.trimStart()[0];
  if (firstChar !== '{') {
    const parsed = parseHttpMessage(bytes);
    const label = file ?? 'stdin';
    return [
      parsed.ok ? { ok: true, label, request: parsed.request } : { ok: false, label, error: parsed.error },
    ];
  }
  const trimmed = text.trim();
  // A single pretty-printed record spans lines: parse it whole before falling back to JSON lines.
  if (trimmed.includes('\n')) {
    try {
      const single: unknown = JSON.parse(trimmed);
      const result = readEvalRecords(JSON.stringify(single))[0];
      if (result) return [toInput(result, 1)];
    } catch {
      // not one JSON document: JSON lines
    }
  }
  return readEvalRecords(text).map((result, index) => toInput(result, index + 1));
}

function toInput(result: ReturnType<typeof readEvalRecords>[number], index: number): InputRequest {
  if (!result.ok) return { ok: false, label: `line ${result.error.line}`, error: result.error.message };
  const id = result.record.id;
  return {
    ok: true,
    label: id === undefined ? `record ${index}` : `record ${String(id)}`,
    request: fromEvalRecord(result.record),
  };
}
