// Data-driven: every .http fixture is parsed and extracted, and its hand-written expectations
// (fixtures/http/expected-fields.json) must hold. Adding a case means adding data, not code.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFields, parseHttpMessage } from '../src/index.js';

const DIR = fileURLToPath(new URL('./fixtures/http/', import.meta.url));

interface Expectation {
  path?: string;
  kind?: 'value' | 'key';
  value?: string;
  contains?: string;
  sensitive?: boolean;
  absent?: string;
}

const expected = JSON.parse(readFileSync(`${DIR}expected-fields.json`, 'utf8')) as Record<
  string,
  Expectation[]
>;
const files = readdirSync(DIR).filter((f) => f.endsWith('.http'));

describe('.http fixtures → fields', () => {
  it('every fixture has expectations', () => {
    expect(files.filter((f) => !(f in expected))).toEqual([]);
  });

  for (const file of files) {
    it(file, () => {
      const parsed = parseHttpMessage(readFileSync(`${DIR}${file}`));
      if (!parsed.ok) throw new Error(parsed.error);
      const { fields } = extractFields(parsed.request);
      for (const exp of expected[file] ?? []) {
        if (exp.absent !== undefined) {
          expect(fields.map((f) => f.path)).not.toContain(exp.absent);
          continue;
        }
        const candidates = fields.filter((f) => f.path === exp.path && f.kind === (exp.kind ?? 'value'));
        expect(candidates, `${file}: no field at ${exp.path}`).not.toHaveLength(0);
        if (exp.value !== undefined) expect(candidates.map((f) => f.value)).toContain(exp.value);
        if (exp.contains !== undefined)
          expect(candidates.some((f) => f.value.includes(exp.contains!))).toBe(true);
        if (exp.sensitive !== undefined)
          expect(candidates.every((f) => f.sensitive === exp.sensitive)).toBe(true);
      }
    });
  }
});
