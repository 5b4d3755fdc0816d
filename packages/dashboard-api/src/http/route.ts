import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { Context, Hono } from 'hono';
import { allows, type Principal, type Scope } from './auth.js';
import { envelope, HttpError } from './envelope.js';

/** Hono bindings under @hono/node-server: the raw Node request (peer address) and response. */
export type NodeEnv = { Bindings: { incoming: IncomingMessage; outgoing: ServerResponse } };

/** What a handler gets: inputs already validated against the route's schemas. */
export interface RouteInput<Q, P, B> {
  readonly query: Q;
  readonly params: P;
  readonly body: B;
  readonly principal: Principal;
  readonly c: Context<NodeEnv>;
}

/**
 * One endpoint, described once: the same TypeBox schemas validate its input and produce its OpenAPI entry,
 * so the document cannot drift from what the server accepts.
 */
export interface RouteSpec<
  Q extends TObject = TObject,
  P extends TObject = TObject,
  B extends TSchema = TSchema,
> {
  readonly method: 'get' | 'post';
  /** Hono path, `:name` for parameters. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  /** Who may call it; `public` needs no key. */
  readonly scope: Scope | 'public';
  readonly query?: Q;
  readonly params?: P;
  readonly body?: B;
  /** Schema of `data` in the success envelope. */
  readonly response: TSchema;
  /** Success status. Default 200. */
  readonly status?: 200 | 202;
  /** Extra error statuses this route documents (400, 401, 403, 429 and 500 are implied). */
  readonly errors?: readonly number[];
  readonly handler: (input: RouteInput<Static<Q>, Static<P>, Static<B>>) => Promise<unknown> | unknown;
}

/** Builds a route with its types inferred from its schemas. */
export function route<Q extends TObject, P extends TObject, B extends TSchema>(
  spec: RouteSpec<Q, P, B>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

/** Collaborators the registry needs: authentication and the clock. */
export interface RouteContext {
  authenticate(c: Context<NodeEnv>, scope: Scope): Promise<Principal>;
  readonly now: () => number;
}

function firstError(check: TypeCheck<TSchema>, value: unknown, what: string): string {
  const error = check.Errors(value).First();
  if (!error) return `Invalid ${what}.`;
  const at = error.path ? error.path.replace(/^\//, '').replace(/\//g, '.') : '';
  return `Invalid ${what}${at ? ` \`${at}\`` : ''}: ${error.message}${error.value !== undefined && typeof error.value !== 'object' ? ` (got ${JSON.stringify(error.value)})` : ''}.`;
}

function validator(schema: TSchema | undefined, what: string, coerce: boolean) {
  if (!schema) return (value: unknown) => value;
  const check = TypeCompiler.Compile(schema);
  return (value: unknown) => {
    // Query strings and path parameters are text: convert "50" to 50 where the schema wants a number.
    const input = coerce ? Value.Convert(schema, Value.Default(schema, value)) : value;
    if (!check.Check(input)) throw new HttpError(400, firstError(check, input, what));
    return input;
  };
}

async function readJson(c: Context<NodeEnv>): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type))
    throw new HttpError(415, 'Send the body as JSON with `Content-Type: application/json`.');
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The body is not valid JSON.');
  }
}

/** Registers routes on the app: authentication, validation, the envelope. */
export function registerRoutes(app: Hono<NodeEnv>, routes: readonly RouteSpec[], ctx: RouteContext): void {
  for (const spec of routes) {
    const query = validator(spec.query, 'query parameter', true);
    const params = validator(spec.params, 'path parameter', true);
    const body = validator(spec.body, 'body', false);
    app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const principal: Principal =
        spec.scope === 'public' ? { key: null, scopes: [] } : await ctx.authenticate(c, spec.scope);
      if (spec.scope !== 'public' && !allows(principal, spec.scope))
        throw new HttpError(403, `This API key lacks the \`${spec.scope}\` scope.`);
      const input = {
        query: query(c.req.query()),
        params: params(c.req.param()),
        body: spec.body ? body(await readJson(c)) : undefined,
        principal,
        c,
      };
      const data = await spec.handler(input as RouteInput<never, never, never>);
      if (data instanceof Response) return data;
      return c.json(envelope(data, ctx.now()), spec.status ?? 200);
    });
  }
}
