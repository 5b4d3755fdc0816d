import { describe, expect, it } from 'vitest';
import { readEvalLine } from './eval-line.js';

describe('readEvalLine', () => {
  it('keeps a labelled record', () => {
    const line = readEvalLine(
      '{"id":7,"method":"GET","url":"/","headers":{},"label":"attack","attack_type":"sqli"}',
      3,
    );
    expect(line.kind).toBe('labelled');
    expect(line.kind === 'labelled' && line.record.attack_type).toBe('sqli');
  });

  it('keeps a record without a label, or with an unknown one, as unlabelled with the reason', () => {
    expect(readEvalLine('{"method":"GET","url":"/","headers":{}}', 1)).toMatchObject({
      kind: 'unlabelled',
      line: 1,
      reason: 'no `label`',
    });
    const odd = readEvalLine('{"id":"x","method":"GET","url":"/","headers":{},"label":"malicious"}', 2);
    expect(odd).toMatchObject({ kind: 'unlabelled', line: 2, record: { id: 'x', url: '/' } });
    expect(odd.kind === 'unlabelled' && odd.reason).toMatch(/^`label` must be "attack" or "benign"/);
  });

  it('reports lines that are not records, without the "line N:" prefix', () => {
    expect(readEvalLine('{"method":"GET","url":"/oops', 5)).toMatchObject({ kind: 'unparseable', line: 5 });
    const missing = readEvalLine('{"method":"GET","headers":{},"label":"benign"}', 6);
    expect(missing).toEqual({
      kind: 'unparseable',
      line: 6,
      reason: '`url` is required and must be a string, got nothing',
    });
    // A bad label does not rescue a record that is broken otherwise.
    expect(readEvalLine('{"method":"GET","headers":{},"label":"evil"}', 7).kind).toBe('unparseable');
    expect(readEvalLine('[1,2]', 8).kind).toBe('unparseable');
  });
});
