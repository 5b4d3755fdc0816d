import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvalRecord } from './eval-record.js';
import type { EvalRecordResult } from './eval-record.js';

function messageOf(result: EvalRecordResult): string {
  if (result.ok) throw new Error('expected an error');
  return result.error.message;
}

describe('parseEvalRecord', () => {
  it('reads a full attack record', () => {
    const line = JSON.stringify({
      id: 7,
      source: 'hand-written',
      method: 'POST',
      url: '/login?next=%2Fhome',
      headers: { Host: 'a.example.com', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: "user=admin'--&pass=x",
      label: 'attack',
      attack_type: 'sqli',
      extra: { ignored: true },
    });
    expect(parseEvalRecord(line, 1)).toEqual({
      ok: true,
      record: {
        id: 7,
        source: 'hand-written',
        method: 'POST',
        url: '/login?next=%2Fhome',
        headers: { host: 'a.example.com', 'content-type': 'application/x-www-form-urlencoded' },
        body: "user=admin'--&pass=x",
        label: 'attack',
        attack_type: 'sqli',
      },
    });
  });

  it('allows a missing label (check mode) and treats null optional fields as absent', () => {
    const result = parseEvalRecord(
      '{"method":"GET","url":"/","headers":{},"label":null,"body":null,"id":null,"source":null}',
      2,
    );
    expect(result).toEqual({ ok: true, record: { method: 'GET', url: '/', headers: {} } });
  });

  it('merges header names that collide once lower-cased, and keeps __proto__ as a header', () => {
    const result = parseEvalRecord(
      '{"method":"GET","url":"/","headers":{"Cookie":"a=1","cookie":["b=2","c=3"],"__proto__":"x"}}',
      1,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.record.headers['cookie']).toEqual(['a=1', 'b=2', 'c=3']);
    expect(Object.getPrototypeOf(result.record.headers)).toBe(Object.prototype);
    expect(Object.keys(result.record.headers)).toEqual(['cookie', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(result.record.headers, '__proto__')?.value).toBe('x');
  });

  it('explains every invalid property with the line number', () => {
    const cases: Array<[string, string]> = [
      ['{"method":', 'line 12: not valid JSON ('],
      ['[1,2]', 'line 12: a record must be a JSON object, got an array'],
      ['"text"', 'line 12: a record must be a JSON object, got the string "text"'],
      [
        '{"url":"/","headers":{}}',
        'line 12: `method` is required and must be a non-empty string, got nothing',
      ],
      ['{"method":"","url":"/","headers":{}}', 'line 12: `method` is required'],
      ['{"method":"GET","headers":{}}', 'line 12: `url` is required and must be a string, got nothing'],
      ['{"method":"GET","url":"/"}', 'line 12: `headers` must be an object of strings or string arrays'],
      [
        '{"method":"GET","url":"/","headers":{"a":1}}',
        'line 12: `headers` must be an object of strings or string arrays',
      ],
      ['{"method":"GET","url":"/","headers":{"a":["x",2]}}', 'line 12: `headers` must be an object'],
      ['{"method":"GET","url":"/","headers":[]}', 'got an array'],
      [
        '{"method":"GET","url":"/","headers":{},"body":{}}',
        'line 12: `body` must be a string, got an object',
      ],
      [
        '{"method":"GET","url":"/","headers":{},"id":true}',
        'line 12: `id` must be a string or a number, got boolean true',
      ],
      [
        '{"method":"GET","url":"/","headers":{},"label":"malicious"}',
        'line 12: `label` must be "attack" or "benign", got the string "malicious"',
      ],
      [
        '{"method":"GET","url":"/","headers":{},"label":"attack","attack_type":5}',
        'line 12: `attack_type` must be a string',
      ],
    ];
    for (const [line, message] of cases) {
      const result = parseEvalRecord(line, 12);
      expect(messageOf(result)).toContain(message);
      if (!result.ok) expect(result.error.line).toBe(12);
    }
  });

  it('never throws, whatever the line', () => {
    const jsonish = fc
      .dictionary(
        fc.constantFrom(
          'method',
          'url',
          'headers',
          'body',
          'label',
          'id',
          'source',
          'attack_type',
          '__proto__',
        ),
        fc.jsonValue(),
      )
      .map((object) => JSON.stringify(object));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), jsonish), fc.nat(), (line, lineNumber) => {
        const result = parseEvalRecord(line, lineNumber);
        if (!result.ok) expect(result.error.message.startsWith(`line ${lineNumber}: `)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
