import { describe, expect, it } from 'vitest';
import { createExtractor } from '../extract/extractor.js';
import type { AttackFinding } from '../waf/decision.js';
import { evidenceInContext, fieldOfFinding } from './format-decision.js';

describe('evidenceInContext', () => {
  const value = "1' union select password from users--";

  it('brackets the span inside its value', () => {
    expect(evidenceInContext(value, { start: 3, end: 15, text: 'union select', score: 1 })).toBe(
      "1' [[union select]] password from users--",
    );
  });

  it('cuts long context on each side and marks the cut', () => {
    const long = `${'a'.repeat(50)}<script>${'b'.repeat(50)}`;
    const shown = evidenceInContext(long, { start: 50, end: 58, text: '<script>', score: 1 }, undefined, 5);
    expect(shown).toBe('…aaaaa[[<script>]]bbbbb…');
  });

  it('escapes control characters so a payload cannot drive the terminal', () => {
    const shown = evidenceInContext('a\x1b[2Jb\nc', { start: 1, end: 5, text: '\x1b[2J', score: 1 });
    expect(shown).toBe('a[[\\u001b[2J]]b\\nc');
    expect(shown).not.toContain('\x1b');
  });

  it('clamps a span outside the value', () => {
    expect(evidenceInContext('abc', { start: 2, end: 99, text: 'c', score: 1 })).toBe('ab[[c]]');
  });
});

describe('fieldOfFinding', () => {
  const request = {
    method: 'GET',
    target: '/a?id=1&id=1%27%20or%201=1--',
    httpVersion: '1.1',
    headers: [] as [string, string][],
  };
  const fields = createExtractor().extract(request).fields;
  const finding = (path: string, evidence?: AttackFinding['evidence']): AttackFinding => ({
    kind: 'attack',
    class: 'sqli',
    classes: ['sqli'],
    score: 0.999,
    location: 'query',
    path,
    fieldKind: 'value',
    transforms: ['url-decode'],
    ...(evidence ? { evidence } : {}),
  });

  it('finds the field by path, a repeated parameter included', () => {
    const field = fieldOfFinding(
      fields,
      finding('query.id(2)', { start: 1, end: 5, text: "' or", score: 1 }),
    );
    expect(field?.value).toBe("1' or 1=1--");
    expect(fieldOfFinding(fields, finding('query.id'))?.value).toBe('1');
    expect(fieldOfFinding(fields, finding('query.nope'))).toBeUndefined();
  });
});
