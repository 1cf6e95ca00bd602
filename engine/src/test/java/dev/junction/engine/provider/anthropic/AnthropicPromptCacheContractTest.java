package dev.junction.engine.provider.anthropic;

import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.contract.PromptCacheContractTest;
import java.time.Clock;
import java.time.Duration;

/** The prompt caching contract against Anthropic's Messages API: cache writes whole (1 h), cache reads streamed. */
class AnthropicPromptCacheContractTest extends PromptCacheContractTest {
    @Override protected String fixtures() { return "anthropic"; }

    @Override
    protected ProviderAdapter adapter(String rootUrl, String apiKey, Duration timeout) {
        return new AnthropicProvider(new AnthropicConnection("anthropic", rootUrl, apiKey, timeout), http, Clock.systemUTC());
    }

    // input_tokens 21 + cache_creation_input_tokens 2304 (all of them ephemeral_1h), output 7
    @Override protected String cachedFixture() { return "cache-write-1h.json"; }
    @Override protected Usage cachedUsage() { return new Usage(2325, 7, 0, 0, 2304, 2304); }

    // message_start: input_tokens 21 + cache_read_input_tokens 2304; message_delta: output 7
    @Override protected String cachedStreamFixture() { return "stream-cache-read.sse"; }
    @Override protected Usage cachedStreamUsage() { return new Usage(2325, 7, 2304, 0, 0, 0); }

    @Override protected boolean marksBreakpoints() { return true; }
}
