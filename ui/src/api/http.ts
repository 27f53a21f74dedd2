/** An error answer of the gateway, in its OpenAI shape: `message`, and `param` naming the first failing field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Every call to the gateway: sends the master key as a Bearer token, turns error answers into ApiError, and reports
 * a 401 (a wrong or revoked key) to `onUnauthorized` before throwing.
 */
export class ApiClient {
  constructor(
    private readonly key: () => string | null,
    private readonly onUnauthorized: (message: string) => void,
  ) {}

  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        search.set(name, String(value));
      }
    }
    const suffix = search.size > 0 ? `?${search.toString()}` : '';
    return this.request<T>('GET', `${path}${suffix}`);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  private async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.key() ?? ''}` };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    const payload = parse(await response.text());
    if (!response.ok) {
      const error = toApiError(response.status, payload);
      if (response.status === 401) {
        this.onUnauthorized(error.message);
      }
      throw error;
    }
    return payload as T;
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  const error = typeof payload === 'object' && payload !== null ? (payload as { error?: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const { message, param } = error as { message?: unknown; param?: unknown };
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    return new ApiError(status, text, typeof param === 'string' && param !== 'None' ? param : null);
  }
  return new ApiError(status, `HTTP ${status}${typeof payload === 'string' && payload ? `: ${payload}` : ''}`, null);
}
