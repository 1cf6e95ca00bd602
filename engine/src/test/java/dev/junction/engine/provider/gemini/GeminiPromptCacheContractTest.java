package dev.junction.engine.provider.gemini;

import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.contract.PromptCacheContractTest;
import java.time.Clock;
import java.time.Duration;

/**
 * The prompt caching contract against Gemini's generateContent: {@code promptTokenCount} already counts the
 * {@code cachedContentTokenCount} (implicit caching), whole and in a stream's last chunk; nothing is marked.
 */
class GeminiPromptCacheContractTest extends PromptCacheContractTest {
    @Override protected String fixtures() { return "gemini"; }

    @Override
    protected ProviderAdapter adapter(String rootUrl, String apiKey, Duration timeout) {
        return new GeminiProvider(new GeminiConnection("gemini", rootUrl, apiKey, timeout), http, Clock.systemUTC());
    }

    // success.json: 2110 prompt tokens, 2048 cached; 8 candidate + 37 thinking tokens of output
    @Override protected String cachedFixture() { return "success.json"; }
    @Override protected Usage cachedUsage() { return new Usage(2110, 45, 2048, 37); }

    @Override protected String cachedStreamFixture() { return "stream-cached.sse"; }
    @Override protected Usage cachedStreamUsage() { return new Usage(2325, 6, 2048, 0); }

    @Override protected boolean marksBreakpoints() { return false; }
}
