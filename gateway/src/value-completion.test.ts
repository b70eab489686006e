import { GraphQLError } from 'graphql';
import { valueCompletionErrorsPlugin } from './value-completion';

async function send(singleResult: Record<string, unknown>): Promise<Record<string, unknown>> {
  const listener = await valueCompletionErrorsPlugin().requestDidStart!({} as never);
  const response = { body: { kind: 'single', singleResult } };
  await listener!.willSendResponse!({ response } as never);
  return response.body.singleResult;
}

it("moves @apollo/gateway's value-completion errors into errors, so data: null never comes without one", async () => {
  const lost = new GraphQLError('Cannot return null for non-nullable field Center.name.', { path: ['onboardings', 'nodes', 0, 'chosenCenter', 'name'] });
  const result = await send({ data: null, extensions: { valueCompletion: [lost] } });
  expect(result).toEqual({
    data: null,
    extensions: undefined,
    errors: [{ message: lost.message, path: lost.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
  });
});

it('leaves other responses as they are', async () => {
  expect(await send({ data: { centers: [] } })).toEqual({ data: { centers: [] } });
});
