package dev.junction.engine.provider.anthropic;

import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.contract.ConversationContractTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The conversation contract against Anthropic's Messages API wire format. */
class AnthropicConversationContractTest extends ConversationContractTest {
    @Override
    protected String fixtures() {
        return "anthropic";
    }

    @Override
    protected ProviderAdapter adapter(String rootUrl, String apiKey, Duration timeout) {
        return new AnthropicProvider(new AnthropicConnection("anthropic", rootUrl, apiKey, timeout), http, Clock.systemUTC());
    }

    @Override protected String toolCallFixture() { return "tool-use.json"; }
    @Override protected List<String> toolCallNames() { return List.of("get_weather", "get_weather"); }
    @Override protected String toolCallStreamFixture() { return "stream-tool-use.sse"; }
    @Override protected List<String> streamedToolCallNames() { return List.of("get_weather", "get_weather"); }
    @Override protected String reasoningFixture() { return "thinking.json"; }
    @Override protected String reasoningStreamFixture() { return "stream-thinking.sse"; }
}
