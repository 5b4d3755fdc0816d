import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractGraphqlArguments, looksLikeGraphql } from './graphql.js';

const opts = { maxArguments: 1000 };
const paths = (document: string): Array<[string, string]> =>
  extractGraphqlArguments(document, opts).map((a) => [a.path, a.value]);

describe('looksLikeGraphql', () => {
  it.each([
    ['{ user { id } }', true],
    ['  # a comment\n query Q { a }', true],
    ['mutation{createUser(name:"a"){id}}', true],
    ['subscription S { onEvent { id } }', true],
    ['fragment F on User { id }', true],
    ['query', false],
    ['queryX { a }', false],
    ['select * from users', false],
    ['q=1&query=2', false],
    ['', false],
  ] as const)('%j → %s', (text, expected) => {
    expect(looksLikeGraphql(text)).toBe(expected);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => typeof looksLikeGraphql(text) === 'boolean'),
    );
  });
});

describe('extractGraphqlArguments', () => {
  it('paths field arguments by field and argument name', () => {
    expect(extractGraphqlArguments('{ user(name: "ana") { id } }', opts)).toEqual([
      { path: 'user.name', value: 'ana', raw: '"ana"' },
    ]);
  });

  it('nests input objects, lists and sub-selections', () => {
    expect(
      paths(`mutation {
        createUser(input: { email: "a@b.c", profile: { bio: "<script>" }, tags: ["x", "y"] }) { id }
        search(tags: ["a", "b"], first: 10, order: ASC, nested: [["p"], {k: "v"}]) {
          items { related(after: "cursor") { id } }
        }
      }`),
    ).toEqual([
      ['createUser.input.email', 'a@b.c'],
      ['createUser.input.profile.bio', '<script>'],
      ['createUser.input.tags[0]', 'x'],
      ['createUser.input.tags[1]', 'y'],
      ['search.tags[0]', 'a'],
      ['search.tags[1]', 'b'],
      ['search.nested[0][0]', 'p'],
      ['search.nested[1].k', 'v'],
      ['search.items.related.after', 'cursor'],
    ]);
  });

  it('uses field names, not aliases; ignores fragments in paths', () => {
    expect(
      paths(`query {
        me: user(id: "1") {
          ... on Admin { logs(level: "debug") { id } }
          ...Extra
          friend: user(id: "2") { id }
        }
      }
      fragment Extra on User { avatar(size: "big") }`),
    ).toEqual([
      ['user.id', '1'],
      ['user.logs.level', 'debug'],
      ['user.user.id', '2'],
      ['avatar.size', 'big'],
    ]);
  });

  it('extracts variable defaults and directive arguments; skips variables, enums, numbers, booleans', () => {
    expect(
      paths(`query Q($id: ID! = "abc", $ids: [ID!] = ["x"], $in: In = {name: "n"}, $n: Int = 3) @live(reason: "r") {
        user(id: $id, active: true, role: ADMIN, n: 1.5, none: null) @include(if: $flag) @tag(name: "t") { id }
      }`),
    ).toEqual([
      ['$id', 'abc'],
      ['$ids[0]', 'x'],
      ['$in.name', 'n'],
      ['@live.reason', 'r'],
      ['user.@tag.name', 't'],
    ]);
  });

  it('decodes strings and block strings and keeps the literal as raw', () => {
    const [a, b] = extractGraphqlArguments(
      '{ q(s: "it\\"s \\u003cb\\u003e", t: """\n   block\n     text\n""") }',
      opts,
    );
    expect(a).toEqual({ path: 'q.s', value: 'it"s <b>', raw: '"it\\"s \\u003cb\\u003e"' });
    expect(b).toEqual({ path: 'q.t', value: 'block\n  text', raw: '"""\n   block\n     text\n"""' });
  });

  it('returns what was read of unterminated strings and broken documents', () => {
    expect(paths('{ q(s: "\' OR 1=1 --')).toEqual([['q.s', "' OR 1=1 --"]]);
    expect(paths('{ a(x: "1")) ) } } b(y: "2") ]')).toEqual([
      ['a.x', '1'],
      ['b.y', '2'],
    ]);
  });

  it('respects maxArguments', () => {
    const document = `{ a(${Array.from({ length: 50 }, (_, i) => `k${i}: "v"`).join(', ')}) }`;
    expect(extractGraphqlArguments(document, { maxArguments: 5 })).toHaveLength(5);
    expect(extractGraphqlArguments(document, { maxArguments: 0 })).toEqual([]);
  });

  it('handles a realistic query with variables', () => {
    const document = `
      query ProductSearch($term: String!, $first: Int = 20, $after: String, $filters: ProductFilter = { inStock: true, brand: "Acme" }) {
        products(search: $term, first: $first, after: $after, filters: $filters, sort: { field: PRICE, direction: ASC }) {
          edges { node { id name price(currency: "EUR") images(size: LARGE) { url } } }
          pageInfo { hasNextPage endCursor }
        }
      }`;
    expect(paths(document)).toEqual([
      ['$filters.brand', 'Acme'],
      ['products.edges.node.price.currency', 'EUR'],
    ]);
  });

  it('stays linear on deeply nested and pathological documents', () => {
    const n = 100_000;
    let start = performance.now();
    const deep = extractGraphqlArguments(
      '{ a(x: '.repeat(1) + '['.repeat(n) + '"v"' + ']'.repeat(n) + ') }',
      opts,
    );
    expect(performance.now() - start).toBeLessThan(1000);
    expect(deep).toEqual([]);

    start = performance.now();
    const stray = extractGraphqlArguments('('.repeat(n) + '}'.repeat(n) + '{ b(y: "ok") }', opts);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(stray).toEqual([]);

    start = performance.now();
    extractGraphqlArguments('{'.repeat(60) + ')'.repeat(n), opts);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('never throws on arbitrary strings and GraphQL-ish garbage', () => {
    const piece = fc.constantFrom(
      '{',
      '}',
      '(',
      ')',
      '[',
      ']',
      ':',
      '$',
      '@',
      '...',
      '"s"',
      '"""b"""',
      '"',
      'a',
      'on',
      '=',
      '#',
      '\n',
      ' ',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
        ),
        (document) => {
          for (const argument of extractGraphqlArguments(document, { maxArguments: 20 })) {
            expect(typeof argument.path).toBe('string');
            expect(document.includes(argument.raw)).toBe(true);
          }
        },
      ),
    );
  });
});
