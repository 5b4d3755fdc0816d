import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shippedModelDir, type ModelSource, type Waf } from '@wafer/core';

function labelsOf(manifest: unknown): string[] | undefined {
  const labels = (manifest as { labels?: unknown } | null)?.labels;
  if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string')) return undefined;
  // labels[0] is `benign`, the model's "no attack" class.
  return labels.slice(1) as string[];
}

function parse(value: Uint8Array | string | object): unknown {
  if (value instanceof Uint8Array) return JSON.parse(new TextDecoder().decode(value));
  if (typeof value === 'string') return JSON.parse(value);
  return value;
}

/**
 * The attack classes of the model the middleware will use, read synchronously at construction so a class
 * name misspelled in `thresholds` fails there, with a suggestion, and not later at model load. `undefined`
 * when they cannot be known yet (a model fetched from a URL; an unreadable manifest, which `createWaf`
 * reports with its own error).
 */
export function modelLabels(engine: Waf | undefined, model: ModelSource | undefined): string[] | undefined {
  try {
    if (engine !== undefined) return engine.model.labels.slice(1);
    if (model === undefined) return labelsOf(parse(readFileSync(join(shippedModelDir(), 'manifest.json'))));
    if ('bytes' in model) return labelsOf(parse(model.bytes.manifest));
    if ('path' in model) {
      const path = resolve(model.path);
      const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'manifest.json') : path;
      return labelsOf(parse(readFileSync(file)));
    }
    return undefined;
  } catch {
    return undefined;
  }
}
