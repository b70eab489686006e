import type { ApolloError } from '@apollo/client';

interface Problem {
  message: string;
  code?: string;
  /** BAD_USER_INPUT lists every problem with the field it concerns. */
  problems?: Array<{ field: string; message: string }>;
}

/** The graph's own words for each error (its message and code), never a generic "something went wrong". */
export function problemsOf(error: unknown): Problem[] {
  if (!error) return [];
  const apollo = error as Partial<ApolloError>;
  const fromGraph = (apollo.graphQLErrors ?? []).map((graphQLError) => {
    const extensions = graphQLError.extensions ?? {};
    return {
      message: graphQLError.message,
      code: typeof extensions.code === 'string' ? extensions.code : undefined,
      problems: Array.isArray(extensions.problems) ? (extensions.problems as Problem['problems']) : undefined,
    };
  });
  if (fromGraph.length > 0) return fromGraph;
  // An HTTP route's refusal (the CSV export's) carries the same list as a GraphQL answer.
  const refused = (error as { errors?: unknown }).errors;
  if (Array.isArray(refused) && refused.length > 0) {
    return (refused as Array<{ message: string; extensions?: { code?: string } }>).map((item) => ({ message: item.message, code: item.extensions?.code }));
  }
  const network = apollo.networkError as (Error & { result?: { errors?: Array<{ message: string; extensions?: { code?: string } }> } }) | null | undefined;
  const answered = network?.result?.errors;
  if (answered?.length) return answered.map((item) => ({ message: item.message, code: item.extensions?.code }));
  if (network) return [{ message: `The gateway could not be reached: ${network.message}` }];
  return [{ message: error instanceof Error ? error.message : String(error) }];
}

/** Refusals and failures, as an alert a screen reader reads at once. */
export function ErrorNotice({ error, title = 'The graph refused this' }: { error: unknown; title?: string }) {
  const problems = problemsOf(error);
  if (problems.length === 0) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.problems && problem.problems.length > 1 ? (
              <ul>
                {problem.problems.map((item) => (
                  <li key={`${item.field}:${item.message}`}>
                    <strong>{item.field}</strong>: {item.message}
                  </li>
                ))}
              </ul>
            ) : (
              <span>{problem.message}</span>
            )}
            {problem.code ? <span className="error-code"> ({problem.code})</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
