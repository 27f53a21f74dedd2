import { Injectable } from '@nestjs/common';
import type { ProviderKind } from '../../config/config.schema';
import { AnthropicProvider } from './anthropic.provider';
import { AzureProvider } from './azure.provider';
import type { LlmProvider } from './llm-provider.interface';
import { MockProvider } from './mock.provider';
import { OpenAiProvider } from './openai.provider';
import { UpstreamHttpClient } from './upstream-http.client';

/** One provider per `<provider>/` prefix; a missing entry fails the build. */
@Injectable()
export class ProviderRegistry {
  private readonly providers: Readonly<Record<ProviderKind, LlmProvider>>;

  constructor(http: UpstreamHttpClient) {
    this.providers = {
      openai: new OpenAiProvider(http),
      azure: new AzureProvider(http),
      anthropic: new AnthropicProvider(http),
      mock: new MockProvider(),
    } satisfies Record<ProviderKind, LlmProvider>;
  }

  get(kind: ProviderKind): LlmProvider {
    return this.providers[kind];
  }
}
