/**
 * One tRPC procedure over plain fetch (no tRPC client in the bundle): a query as GET with the
 * input in the URL, a mutation as a JSON POST. Refusals become `ApiError` with the contract's code.
 */
import type { ErrorCode } from '@backprop/contract';

/** A refusal from the server, with the contract's error code. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface TrpcResponse<T> {
  result?: { data: T };
  error?: { message: string; data?: { appCode?: ErrorCode } };
}

export async function trpcCall<T>(
  base: string,
  procedure: string,
  kind: 'query' | 'mutation',
  input: unknown,
  /** 'same-origin' sends the session cookie through the app's /api proxy. */
  credentials: RequestCredentials = 'same-origin',
): Promise<T> {
  const url = `${base}/${procedure}`;
  let response: Response;
  try {
    response =
      kind === 'query'
        ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, {
            cache: 'no-store',
            credentials,
          })
        : await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(input),
            credentials,
          });
  } catch {
    throw new ApiError(
      'NETWORK',
      'The game server cannot be reached. Check the connection and try again.',
    );
  }
  const body = (await response.json().catch(() => ({}))) as TrpcResponse<T>;
  if (body.result) return body.result.data;
  throw new ApiError(
    body.error?.data?.appCode ?? 'INTERNAL',
    body.error?.message ?? response.statusText,
  );
}
