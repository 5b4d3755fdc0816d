import type { JsonValue } from '../draft.js';
import type { GenContext } from './gen-context.js';
import { resourceId } from './values.js';

/** A GraphQL operation: document, variables and operation name. */
export interface GraphqlOperation {
  readonly operationName: string;
  readonly query: string;
  readonly variables: { [key: string]: JsonValue };
}

/** Ordinary GraphQL queries and mutations with variables (free text in variables, never inlined). */
export function graphqlOperation(ctx: GenContext): GraphqlOperation {
  const { rng } = ctx;
  const ops: ReadonlyArray<() => GraphqlOperation> = [
    () => ({
      operationName: 'GetProduct',
      query:
        'query GetProduct($id: ID!) { product(id: $id) { id name price { amount currency } images { url alt } } }',
      variables: { id: resourceId(rng, ctx.fakers) },
    }),
    () => ({
      operationName: 'SearchProducts',
      query:
        'query SearchProducts($query: String!, $first: Int, $after: String) { search(query: $query, first: $first, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }',
      variables: {
        query: ctx.text('search'),
        first: rng.pick([10, 20, 50]),
        after: rng.chance(0.5) ? null : 'YXJyYXljb25uZWN0aW9uOjE5',
      },
    }),
    () => ({
      operationName: 'AddComment',
      query:
        'mutation AddComment($input: AddCommentInput!) { addComment(input: $input) { comment { id body createdAt } } }',
      variables: { input: { subjectId: resourceId(rng, ctx.fakers), body: ctx.text('comment') } },
    }),
    () => ({
      operationName: 'UpdateProfile',
      query:
        'mutation UpdateProfile($name: String, $bio: String) { updateProfile(name: $name, bio: $bio) { id name bio } }',
      variables: { name: ctx.text('name'), bio: ctx.text('bio') },
    }),
    () => ({
      operationName: 'Viewer',
      query: 'query Viewer { viewer { id login email avatarUrl notifications(first: 5) { totalCount } } }',
      variables: {},
    }),
    () => ({
      operationName: 'CreateOrder',
      query:
        'mutation CreateOrder($items: [OrderItemInput!]!, $note: String) { createOrder(items: $items, note: $note) { order { id total } errors { field message } } }',
      variables: {
        items: [{ sku: `SKU-${rng.int(1000, 9999)}`, quantity: rng.int(1, 4) }],
        note: ctx.text('note'),
      },
    }),
  ];
  return rng.pick(ops)();
}
