import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyKind, parseContentType } from './content-type.js';

describe('parseContentType', () => {
  it('lower-cases the media type and parses parameters', () => {
    const parsed = parseContentType(
      ' Multipart/Form-Data ; boundary="----WebKitFormBoundaryX"; charset=utf-8',
    );
    expect(parsed?.mediaType).toBe('multipart/form-data');
    expect({ ...parsed?.params }).toEqual({ boundary: '----WebKitFormBoundaryX', charset: 'utf-8' });
  });

  it('returns undefined for a missing or empty type, keeps an invalid one', () => {
    expect(parseContentType(undefined)).toBeUndefined();
    expect(parseContentType('')).toBeUndefined();
    expect(parseContentType(' ; charset=x')).toBeUndefined();
    expect(parseContentType('json')?.mediaType).toBe('json');
    expect({ ...parseContentType('application/json')?.params }).toEqual({});
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (header) => {
        const parsed = parseContentType(header);
        if (parsed !== undefined) expect(parsed.mediaType).toBe(parsed.mediaType.toLowerCase());
      }),
    );
  });
});

describe('bodyKind', () => {
  it.each([
    ['application/json', 'json'],
    ['application/vnd.api+json', 'json'],
    ['application/problem+json', 'json'],
    ['text/json', 'json'],
    ['APPLICATION/JSON; charset=utf-8', 'json'],
    ['application/x-ndjson', 'text'],
    ['application/x-www-form-urlencoded', 'form'],
    ['multipart/form-data', 'multipart'],
    ['multipart/mixed', 'multipart'],
    ['application/xml', 'xml'],
    ['text/xml', 'xml'],
    ['application/soap+xml', 'xml'],
    ['image/svg+xml', 'xml'],
    ['application/graphql', 'graphql'],
    ['text/plain', 'text'],
    ['text/html', 'text'],
    ['application/javascript', 'text'],
    ['application/x-yaml', 'text'],
    ['image/png', 'binary'],
    ['audio/mpeg', 'binary'],
    ['video/mp4', 'binary'],
    ['application/octet-stream', 'binary'],
    ['application/zip', 'binary'],
    ['application/pdf', 'binary'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'binary'],
    ['application/x-unknown', 'unknown'],
    ['json', 'unknown'],
    ['', 'unknown'],
    [undefined, 'unknown'],
  ] as const)('%s → %s', (mediaType, kind) => {
    expect(bodyKind(mediaType)).toBe(kind);
  });
});
