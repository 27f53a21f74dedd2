import type { ApiClient } from './http';
import type { CreatedVirtualKey, VirtualKey, VirtualKeyInput } from './types';

const BASE = '/admin/keys';

/** The virtual key routes of the admin API. */
export class KeysApi {
  constructor(private readonly http: ApiClient) {}

  list(): Promise<VirtualKey[]> {
    return this.http.get<VirtualKey[]>(BASE);
  }

  get(id: string): Promise<VirtualKey> {
    return this.http.get<VirtualKey>(`${BASE}/${encodeURIComponent(id)}`);
  }

  create(input: VirtualKeyInput): Promise<CreatedVirtualKey> {
    return this.http.post<CreatedVirtualKey>(BASE, input);
  }

  update(id: string, input: VirtualKeyInput): Promise<VirtualKey> {
    return this.http.patch<VirtualKey>(`${BASE}/${encodeURIComponent(id)}`, input);
  }

  remove(id: string): Promise<VirtualKey> {
    return this.http.delete<VirtualKey>(`${BASE}/${encodeURIComponent(id)}`);
  }

  setEnabled(id: string, enabled: boolean): Promise<VirtualKey> {
    return this.http.post<VirtualKey>(`${BASE}/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`);
  }

  regenerate(id: string): Promise<CreatedVirtualKey> {
    return this.http.post<CreatedVirtualKey>(`${BASE}/${encodeURIComponent(id)}/regenerate`);
  }

  /** The public model names (GET /v1/models), for the form's model choice. */
  async modelNames(): Promise<string[]> {
    const list = await this.http.get<{ data: { id: string }[] }>('/v1/models');
    return list.data.map((model) => model.id);
  }
}
