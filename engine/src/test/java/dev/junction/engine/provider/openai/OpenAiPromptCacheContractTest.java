package dev.junction.engine.provider.openai;

import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.contract.PromptCacheContractTest;
import java.time.Clock;
import java.time.Duration;

/**
 * The prompt caching contract against OpenAI's Chat Completions: {@code prompt_tokens} already counts the
 * {@code prompt_tokens_details.cached_tokens}, whole and in the usage chunk of a stream; nothing is marked.
 */
class OpenAiPromptCacheContractTest extends PromptCacheContractTest {
    @Override protected String fixtures() { return "openai"; }

    @Override
    protected ProviderAdapter adapter(String rootUrl, String apiKey, Duration timeout) {
        return new OpenAiCompatibleProvider(new OpenAiConnection("openai", rootUrl + "/v1", apiKey, "openai", timeout),
                http, Clock.systemUTC());
    }

    @Override protected String cachedFixture() { return "success.json"; }
    @Override protected Usage cachedUsage() { return new Usage(2006, 8, 1920, 0); }

    @Override protected String cachedStreamFixture() { return "stream.sse"; }
    @Override protected Usage cachedStreamUsage() { return new Usage(2006, 8, 1920, 0); }

    @Override protected boolean marksBreakpoints() { return false; }
}
