package dev.junction.engine.provider.gemini;

import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.contract.ConversationContractTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The conversation contract against Gemini's generateContent wire format. */
class GeminiConversationContractTest extends ConversationContractTest {
    @Override
    protected String fixtures() {
        return "gemini";
    }

    @Override
    protected ProviderAdapter adapter(String rootUrl, String apiKey, Duration timeout) {
        return new GeminiProvider(new GeminiConnection("gemini", rootUrl, apiKey, timeout), http, Clock.systemUTC());
    }

    @Override protected String model() { return "gemini-2.5-flash"; }
    @Override protected String toolCallFixture() { return "function-call.json"; }
    @Override protected List<String> toolCallNames() { return List.of("get_weather"); }
    @Override protected String toolCallStreamFixture() { return "stream-function-call.sse"; }
    @Override protected List<String> streamedToolCallNames() { return List.of("get_weather"); }
    @Override protected String reasoningFixture() { return "thinking.json"; }
    @Override protected String reasoningStreamFixture() { return "stream-thinking.sse"; }
}
