import { GraphqlLexer, TOKEN, skipIgnored } from './graphql-lexer.js';

/**
 * Options of {@link extractGraphqlArguments}.
 *
 * @example
 * ```ts
 * extractGraphqlArguments(document, { maxArguments: 256 } satisfies GraphqlArgumentOptions);
 * ```
 */
export interface GraphqlArgumentOptions {
  /** Most string arguments returned; extraction stops there. */
  maxArguments: number;
}

/**
 * A string literal found in an argument, an input object, a list, or a variable's default value.
 *
 * @example
 * ```ts
 * const [first]: GraphqlArgument[] = extractGraphqlArguments('{ user(name: "ana") { id } }', { maxArguments: 10 });
 * // { path: 'user.name', value: 'ana', raw: '"ana"' }
 * ```
 */
export interface GraphqlArgument {
  /** Where it is: `user.name`, `createUser.input.email`, `search.tags[1]`, `$id`, `user.@include.if`. */
  path: string;
  /** The string after GraphQL unescaping (block strings: after common-indent removal). */
  value: string;
  /** The literal exactly as written in the document, quotes included. */
  raw: string;
}

// Frame kinds of the bracket stack.
const DOCUMENT = 0; // outside any bracket: operation and fragment headers
const SELECTION = 1; // `{ … }` selection set
const ARGUMENTS = 2; // `( … )` field or directive arguments
const OBJECT = 3; // `{ … }` input object value
const LIST = 4; // `[ … ]` list value
const VARIABLES = 5; // `( … )` variable definitions of an operation
const IGNORED = 6; // brackets with nothing to extract (list types `[ID!]`, misplaced brackets)

const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const DOLLAR = 0x24;
const AT = 0x40;
const EQUALS = 0x3d;

/** Deepest bracket nesting tracked; deeper brackets are only counted, so the work stays linear. */
const MAX_FRAMES = 64;

interface Frame {
  readonly kind: number;
  /** Path of the field / argument / value that opened this bracket (`''` at the root). */
  readonly base: string;
  /** The closing char code, 0 for the document. */
  readonly closer: number;
  /** Selection: current field name. Arguments / object: current name. Variables: current variable. */
  name: string;
  /** Arguments / object / variables: a value is expected next (after `:` or `=`). Document: in a header. */
  expectValue: boolean;
  /** List: index of the next element. */
  index: number;
  /** The next name is a directive name (after `@`). */
  afterAt: boolean;
  /** The next name is a variable name (after `$`). */
  afterDollar: boolean;
  /** Selection: after `...`; the next name is a fragment name or `on`. */
  afterSpread: boolean;
  /** Selection: the next name is a type condition (after `on`). */
  skipName: boolean;
  /** The directive name just read, for a following `(`. */
  directive: string | undefined;
}

function frame(kind: number, base: string, closer: number): Frame {
  return {
    kind,
    base,
    closer,
    name: '',
    expectValue: false,
    index: 0,
    afterAt: false,
    afterDollar: false,
    afterSpread: false,
    skipName: false,
    directive: undefined,
  };
}

function join(base: string, name: string): string {
  if (name.length === 0) return base;
  return base.length === 0 ? name : base + '.' + name;
}

const OPERATION_KEYWORDS = new Set(['query', 'mutation', 'subscription', 'fragment']);

/**
 * True when `text` looks like a GraphQL executable document: after whitespace, commas and `#` comments
 * it starts with `{` (query shorthand) or the keyword `query`, `mutation`, `subscription` or `fragment`,
 * and it contains a `{`. Cheap: meant to pick documents out of `text/plain` bodies or JSON `query` fields.
 *
 * @example
 * ```ts
 * looksLikeGraphql('# list\nquery Q { user { id } }'); // true
 * looksLikeGraphql('{ user { id } }');                 // true
 * looksLikeGraphql('querystring=1');                   // false
 * ```
 */
export function looksLikeGraphql(text: string): boolean {
  const start = skipIgnored(text, 0);
  if (text.charCodeAt(start) === OPEN_BRACE) return true;
  let end = start;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f)) {
      break;
    }
    end++;
  }
  return OPERATION_KEYWORDS.has(text.slice(start, end)) && text.indexOf('{', end) >= 0;
}

/**
 * Extracts every string literal passed as an argument from a GraphQL document, with its path. A small
 * lenient lexer (`GraphqlLexer`, spec October 2021) feeds an iterative bracket-stack tracker, so any input,
 * however nested or broken, is handled in linear time without recursion and without throwing.
 *
 * Paths:
 * - field arguments use the FIELD name (not the alias: the alias is client-chosen, the field is what the
 *   server resolves), nested under parent fields: `{ user { posts(tag: "x") } }` → `user.posts.tag`;
 * - input object fields and list indexes extend the argument path: `createUser.input.email`,
 *   `search.tags[1]`;
 * - directive arguments: `user.@include.if`; variable default values: `$name` (and `$name.field`,
 *   `$name[0]` inside input objects and lists);
 * - fragments and inline fragments add no path step; a fragment definition's fields start at the root.
 *
 * Only string and block-string literals are returned: numbers, booleans, null, enums and `$variables`
 * cannot carry an attack string (variables' values live in the JSON `variables` object, scanned as JSON).
 * Unterminated strings give what was read. At most `maxArguments` results.
 *
 * @example
 * ```ts
 * extractGraphqlArguments('query { search(q: "shoes", tags: ["a", "b"]) { id } }', { maxArguments: 100 });
 * // [ { path: 'search.q', value: 'shoes', raw: '"shoes"' },
 * //   { path: 'search.tags[0]', value: 'a', raw: '"a"' },
 * //   { path: 'search.tags[1]', value: 'b', raw: '"b"' } ]
 * ```
 */
export function extractGraphqlArguments(
  document: string,
  options: GraphqlArgumentOptions,
): GraphqlArgument[] {
  const results: GraphqlArgument[] = [];
  const max = options.maxArguments >= 0 ? options.maxArguments : 0;
  if (max === 0) return results;
  const lexer = new GraphqlLexer(document);
  const stack: Frame[] = [frame(DOCUMENT, '', 0)];
  let overflow = 0; // brackets opened beyond MAX_FRAMES and not yet closed

  const push = (kind: number, base: string, opener: number): void => {
    if (stack.length >= MAX_FRAMES) {
      overflow++;
      return;
    }
    const closer = opener === OPEN_PAREN ? CLOSE_PAREN : opener === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
    stack.push(frame(kind, base, closer));
  };

  for (;;) {
    const kind = lexer.next();
    if (kind === TOKEN.EOF) break;
    const code = lexer.code;
    const isOpener = code === OPEN_PAREN || code === OPEN_BRACE || code === OPEN_BRACKET;
    const isCloser = code === CLOSE_PAREN || code === CLOSE_BRACE || code === CLOSE_BRACKET;

    if (overflow > 0) {
      if (isOpener) overflow++;
      else if (isCloser) overflow--;
      continue;
    }
    if (isCloser) {
      // Pop to the nearest frame this closes; a stray closer is ignored (the stack is at most MAX_FRAMES).
      for (let depth = stack.length - 1; depth > 0; depth--) {
        if (stack[depth]!.closer === code) {
          stack.length = depth;
          break;
        }
      }
      continue;
    }

    const top = stack[stack.length - 1]!;
    switch (top.kind) {
      case DOCUMENT:
      case SELECTION: {
        if (kind === TOKEN.NAME) {
          const name = lexer.value;
          if (top.afterAt) {
            top.afterAt = false;
            top.directive = name;
          } else if (top.kind === DOCUMENT) {
            // In an operation / fragment header (keyword, name, `on Type`) names are no path step; a
            // name outside one is a stray field of a broken document, used as a path step leniently.
            if (OPERATION_KEYWORDS.has(name)) {
              top.expectValue = true; // marks "in a header": `(` then opens variable definitions
              top.name = '';
            } else if (!top.expectValue) {
              top.name = name;
            }
          } else if (top.afterSpread) {
            top.afterSpread = false;
            top.skipName = name === 'on';
          } else if (top.skipName) {
            top.skipName = false;
          } else {
            top.name = name; // a field; after `alias:` the field name replaces the alias
            top.directive = undefined;
          }
        } else if (kind === TOKEN.SPREAD) {
          top.afterSpread = true;
          top.name = '';
          top.directive = undefined;
        } else if (code === AT) {
          top.afterAt = true;
        } else if (code === OPEN_PAREN) {
          if (top.kind === DOCUMENT && top.directive === undefined && top.expectValue) {
            push(VARIABLES, '', code);
          } else {
            let base = join(top.base, top.name);
            if (top.directive !== undefined) base = join(base, '@' + top.directive);
            push(ARGUMENTS, base, code);
          }
          top.directive = undefined;
        } else if (code === OPEN_BRACE) {
          push(SELECTION, join(top.base, top.name), code);
          top.name = '';
          top.directive = undefined;
          top.expectValue = false;
        } else if (code === OPEN_BRACKET) {
          push(IGNORED, '', code);
        }
        break;
      }

      case ARGUMENTS:
      case OBJECT:
      case VARIABLES: {
        const variables = top.kind === VARIABLES;
        if (kind === TOKEN.NAME) {
          if (top.afterDollar) {
            top.afterDollar = false;
            if (variables) {
              top.name = '$' + lexer.value;
              top.expectValue = false;
            } else top.expectValue = false; // `$var` as a value
          } else if (top.afterAt) {
            top.afterAt = false;
            top.directive = lexer.value;
          } else if (top.expectValue) {
            top.expectValue = false; // enum, true, false, null
          } else if (!variables) {
            top.name = lexer.value; // argument or input field name
          }
        } else if (kind === TOKEN.STRING) {
          if (top.expectValue) {
            top.expectValue = false;
            results.push({
              path: join(top.base, top.name),
              value: lexer.value,
              raw: document.slice(lexer.start, lexer.end),
            });
            if (results.length >= max) return results;
          }
        } else if (kind === TOKEN.NUMBER) {
          top.expectValue = false;
        } else if (code === DOLLAR) {
          top.afterDollar = true;
        } else if (code === AT) {
          top.afterAt = true;
        } else if (code === COLON) {
          if (!variables) top.expectValue = true;
        } else if (code === EQUALS) {
          if (variables) top.expectValue = true;
        } else if (isOpener) {
          const path = join(top.base, top.name);
          if (code === OPEN_PAREN) {
            push(ARGUMENTS, top.directive !== undefined ? join(path, '@' + top.directive) : path, code);
            top.directive = undefined;
          } else if (!top.expectValue) {
            push(IGNORED, '', code); // a list type `[ID!]`, or a misplaced bracket
          } else {
            push(code === OPEN_BRACE ? OBJECT : LIST, path, code);
          }
          top.expectValue = false;
        }
        break;
      }

      case LIST: {
        if (kind === TOKEN.STRING) {
          results.push({
            path: `${top.base}[${top.index}]`,
            value: lexer.value,
            raw: document.slice(lexer.start, lexer.end),
          });
          top.index++;
          if (results.length >= max) return results;
        } else if (kind === TOKEN.NUMBER) {
          top.index++;
        } else if (kind === TOKEN.NAME) {
          top.index++; // enum, boolean, null, or the name of a `$variable`
        } else if (isOpener) {
          push(
            code === OPEN_BRACE ? OBJECT : code === OPEN_BRACKET ? LIST : IGNORED,
            `${top.base}[${top.index}]`,
            code,
          );
          top.index++;
        }
        break;
      }

      default: {
        // IGNORED: only keep the brackets balanced.
        if (isOpener) push(IGNORED, '', code);
      }
    }
  }
  return results;
}
