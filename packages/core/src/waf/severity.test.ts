import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedModelDir } from './node/load-model-dir.js';
import { ATTACK_CLASS_SEVERITY, severityOf } from './severity.js';

describe('severityOf', () => {
  it('rates code and query execution critical, reading and forging high, the rest medium', () => {
    expect(severityOf('sqli')).toBe('critical');
    expect(severityOf('log4shell')).toBe('critical');
    expect(severityOf('path_traversal')).toBe('high');
    expect(severityOf('crlf')).toBe('medium');
    expect(severityOf('a_class_from_a_newer_model')).toBe('medium');
    expect(severityOf('constructor')).toBe('medium');
    expect(severityOf('__proto__')).toBe('medium');
  });

  it('knows every attack class of the shipped model', () => {
    const manifest = JSON.parse(readFileSync(path.join(shippedModelDir(), 'manifest.json'), 'utf8')) as {
      labels: string[];
    };
    // Rated on purpose, not by the fallback: a new class must be added to the table.
    for (const label of manifest.labels.slice(1))
      expect(Object.keys(ATTACK_CLASS_SEVERITY), label).toContain(label);
  });
});
