package dev.junction.engine.provider.openai;

import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.contract.ConversationContractTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The conversation contract against the chat-completions wire format. */
class OpenAiConversationContractTest extends ConversationContractTest {
    @Override
    protected String fixtures() {
        return "openai";
    }

    @Override
    protected ProviderAdapter adapter(String rootUrl, String apiKey, Duration timeout) {
        return new OpenAiCompatibleProvider(new OpenAiConnection("openai", rootUrl + "/v1", apiKey, "openai", timeout),
                http, Clock.systemUTC());
    }

    @Override protected String toolCallFixture() { return "chat-completion-tool-call-spec.json"; }
    @Override protected List<String> toolCallNames() { return List.of("get_current_weather"); }
    @Override protected String toolCallStreamFixture() { return "stream-tool-calls-parallel.sse"; }
    @Override protected List<String> streamedToolCallNames() { return List.of("GetWeatherArgs", "get_stock_price"); }
    @Override protected String reasoningFixture() { return "reasoning-deepseek.json"; }
    @Override protected String reasoningStreamFixture() { return "stream-reasoning-deepseek.sse"; }
}
