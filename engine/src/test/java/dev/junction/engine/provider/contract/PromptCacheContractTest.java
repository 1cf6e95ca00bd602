package dev.junction.engine.provider.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptCachingSettings;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.PromptCache;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.StreamSink;
import dev.junction.engine.provider.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The prompt caching half of the adapter contract: the provider's cache counts read into {@link Usage} from a whole
 * answer and from a stream, in each provider's own wire format ({@link #cachedFixture()},
 * {@link #cachedStreamFixture()}), with {@code promptTokens} always the whole prompt; and a request with the variant's
 * prefix marked for caching sends breakpoints only to a provider that takes them ({@link #marksBreakpoints()}:
 * Anthropic), while the others (OpenAI, Gemini cache on their own) get the very same body as with caching off.
 */
public abstract class PromptCacheContractTest extends ReplayServerTest {
    protected static final String KEY = "sk-contract-Zq81mXw0vLr4TgPb2HcN7890";
    private static final ObjectMapper JSON = new ObjectMapper();

    protected abstract ProviderAdapter adapter(String rootUrl, String apiKey, Duration timeout);

    /** A whole answer whose usage reports cached (or cache-written) prompt tokens. */
    protected abstract String cachedFixture();

    protected abstract Usage cachedUsage();

    /** A stream whose usage reports cached (or cache-written) prompt tokens. */
    protected abstract String cachedStreamFixture();

    protected abstract Usage cachedStreamUsage();

    /** Whether the provider takes cache breakpoints in the request (Anthropic's {@code cache_control}). */
    protected abstract boolean marksBreakpoints();

    private ProviderAdapter adapter() {
        return adapter(server.rootUrl(), KEY, Duration.ofSeconds(5));
    }

    private static ChatRequest request(PromptCachingSettings settings) {
        List<PromptMessage> messages = List.of(
                PromptMessage.system("You are the support assistant of Acme. Answer from the order policy below."),
                PromptMessage.user("Where is my order 1042?"));
        return new ChatRequest("test-model", messages, ModelParameters.DEFAULTS.withMaxTokens(100), 1,
                Duration.ofSeconds(5), Duration.ofSeconds(5), new PromptCache(1, PromptCache.ALL_TOOLS, settings));
    }

    @Test
    void a_whole_answer_reads_the_cache_counts() {
        server.replyWithFixture(200, cachedFixture(), "Content-Type", "application/json");

        ChatResponse response = adapter().chat(request(PromptCachingSettings.DEFAULT));

        assertThat(response.usage()).isEqualTo(cachedUsage());
        assertThat(response.usage().cachedPromptTokens() + response.usage().cacheWriteTokens())
                .as("the prompt counts every cached and written token").isLessThanOrEqualTo(response.usage().promptTokens());
    }

    @Test
    void a_stream_reads_the_cache_counts() {
        server.streamFixture(cachedStreamFixture(), 0);
        List<String> pieces = new ArrayList<>();

        ChatResponse response = adapter().stream(request(PromptCachingSettings.DEFAULT), StreamSink.texts(pieces::add));

        assertThat(pieces).isNotEmpty();
        assertThat(response.usage()).isEqualTo(cachedStreamUsage());
    }

    @Test
    void breakpoints_go_only_to_a_provider_that_takes_them() throws Exception {
        server.replyWithFixture(200, cachedFixture(), "Content-Type", "application/json");
        adapter().chat(request(PromptCachingSettings.DEFAULT));
        String on = server.onlyRequest().body();
        server.reset();
        server.replyWithFixture(200, cachedFixture(), "Content-Type", "application/json");
        adapter().chat(request(new PromptCachingSettings(false, null)));
        String off = server.onlyRequest().body();

        assertThat(off).doesNotContain("cache_control");
        if (marksBreakpoints()) {
            assertThat(on).contains("\"cache_control\"");
        } else {
            assertThat(JSON.readTree(on)).isEqualTo(JSON.readTree(off));
        }
        JsonNode parsed = JSON.readTree(on);
        assertThat(parsed.toString()).contains("Where is my order 1042?");
    }
}
