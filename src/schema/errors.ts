// The user-error channel: failures a caller can cause are typed results of mutations, each with a
// stable code and the input field it is about. Everything else stays a masked GraphQL error.
import { builder } from '../builder.js';
import { TalkgraphError } from '../errors.js';

export const ErrorInterface = builder.interfaceRef<TalkgraphError>('Error').implement({
  description: 'A failure the caller can fix; `message` says how.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable machine-readable code, e.g. NOT_FOUND, CONFLICT, INVALID_INPUT.' }),
    message: t.exposeString('message'),
    field: t.exposeString('field', { nullable: true, description: 'The input field the error is about, as a dotted path.' }),
  }),
});

builder.objectType(TalkgraphError, {
  name: 'UserError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof TalkgraphError,
});
