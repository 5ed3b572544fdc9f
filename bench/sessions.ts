/**
 * The pool of callers: one lenel account per caller. The peers get each account's lenel access
 * token; every Gatehouse process gets its own session per account through `signIn(upstream: LENEL)`.
 */

/** Runs `task` over `items`, `concurrency` at a time, keeping the order. */
export async function mapLimit<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export async function lenelAccessTokens(lenelUrl: string, usernames: readonly string[], password: string): Promise<string[]> {
  return mapLimit(usernames, 8, async (username) => {
    const response = await fetch(`${lenelUrl}/auth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await response.json()) as { access?: string };
    if (!response.ok || !body.access) throw new Error(`lenel token for ${username}: HTTP ${response.status}`);
    return body.access;
  });
}

export async function gatehouseSessions(graphqlUrl: string, usernames: readonly string[], password: string): Promise<string[]> {
  return mapLimit(usernames, 8, async (login) => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation SignIn($input: SignInInput!) { signIn(input: $input) { token } }',
        variables: { input: { upstream: 'LENEL', login, password } },
      }),
    });
    const body = (await response.json()) as { data?: { signIn?: { token?: string } }; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    const token = body.data?.signIn?.token;
    if (!token) {
      const error = body.errors?.[0];
      throw new Error(`signIn(upstream: LENEL) for ${login}: ${error ? `${error.extensions?.code ?? ''} ${error.message}` : `HTTP ${response.status}`}`);
    }
    return token;
  });
}
