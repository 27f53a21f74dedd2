import { readFileSync } from 'node:fs';
import { GoogleAuth, type AuthClient } from 'google-auth-library';
import { isRecord } from '../vendor-params';

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
/** Where google-auth-library sends a service account's JWT grant, whatever the key file says. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** OAuth2 access tokens for Google APIs: the one I/O seam Model Armor's file needs besides the vendor HTTP client. */
export interface GoogleAccessTokens {
  /** A valid access token; cached by the library until shortly before it expires. */
  token(): Promise<string>;
  /** The project named by the credentials (or ADC), if any. */
  projectId(): Promise<string | undefined>;
}

/**
 * google-auth-library: a service account key (a path, its JSON text or a mapping, as LiteLLM's `credentials`) or, when
 * none is given, application default credentials. Tokens are cached per credential until shortly before they expire
 * (the library refreshes 5 minutes early). A key's own `token_uri` is honoured (Python's google-auth does so; Node's
 * library posts to Google's fixed URL), which is also how tests point it at a mock.
 */
export class LibraryGoogleTokens implements GoogleAccessTokens {
  private readonly auth: GoogleAuth;
  private readonly key?: Record<string, unknown>;
  private client?: Promise<AuthClient>;

  constructor(credentials: unknown) {
    this.key = readKey(credentials);
    this.auth = new GoogleAuth({
      scopes: [CLOUD_PLATFORM],
      // Node's own fetch: gaxios would otherwise import node-fetch dynamically on first use.
      clientOptions: { transporterOptions: { fetchImplementation: fetch } },
      ...(this.key
        ? {
            credentials: this.key as never,
            ...(typeof this.key.project_id === 'string' ? { projectId: this.key.project_id } : {}),
          }
        : {}),
    });
  }

  async token(): Promise<string> {
    const client = await this.authClient();
    const { token } = await client.getAccessToken();
    if (!token) {
      throw new Error('Google credentials gave no access token');
    }
    return token;
  }

  async projectId(): Promise<string | undefined> {
    if (typeof this.key?.project_id === 'string') {
      return this.key.project_id;
    }
    try {
      return (await this.auth.getProjectId()) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private authClient(): Promise<AuthClient> {
    this.client ??= this.auth.getClient().then((client) => {
      const tokenUri = typeof this.key?.token_uri === 'string' ? this.key.token_uri : undefined;
      if (tokenUri !== undefined && tokenUri !== GOOGLE_TOKEN_URL) {
        client.transporter.interceptors.request.add({
          resolved: (options) => {
            if (String(options.url) === GOOGLE_TOKEN_URL) {
              options.url = new URL(tokenUri);
            }
            return Promise.resolve(options);
          },
        });
      }
      return client;
    });
    this.client.catch(() => (this.client = undefined));
    return this.client;
  }
}

/** LiteLLM's `credentials`: a mapping, a JSON string, or a path to a key file. Undefined: use ADC. */
function readKey(credentials: unknown): Record<string, unknown> | undefined {
  if (isRecord(credentials)) {
    return credentials;
  }
  if (typeof credentials !== 'string' || credentials.trim() === '') {
    return undefined;
  }
  const text = credentials.trim().startsWith('{') ? credentials : readFileSync(credentials, 'utf8');
  const parsed = JSON.parse(text) as unknown;
  if (!isRecord(parsed)) {
    throw new Error('credentials must hold a JSON object');
  }
  return parsed;
}

/** A load-time check of `credentials`: the file must exist and hold a JSON object. */
export function credentialsProblem(credentials: unknown): string | undefined {
  try {
    readKey(credentials);
    return undefined;
  } catch (error) {
    return `credentials cannot be read: ${(error as Error).message}`;
  }
}
