package dev.junction.web.orq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answer as Orquesta's message (reference section 4): which type, what goes where. */
class OrqInvokeResponseTest {

    @Test
    void text_with_tool_calls_is_a_tool_calls_message_keeping_the_text_and_indexing_the_calls() {
        ChatResponse r = new ChatResponse("Let me check.", "tool_calls", Usage.NONE, "m",
                List.of(new ToolCall("a", "get_weather", "{\"city\":\"Paris\"}"), new ToolCall("b", "get_time", null)), null);

        OrqInvokeResponse.Message m = OrqInvokeResponse.answer(r);

        assertThat(m.type()).isEqualTo("tool_calls");
        assertThat(m.content()).isEqualTo("Let me check.");
        assertThat(m.toolCalls()).containsExactly(OrqInvokeResponse.OrqToolCall.of("a", 0, "get_weather", "{\"city\":\"Paris\"}"),
                OrqInvokeResponse.OrqToolCall.of("b", 1, "get_time", "{}"));
    }

    @Test
    void reasoning_blocks_are_joined_with_the_last_signature_and_the_first_redacted_block() {
        ChatResponse r = new ChatResponse("Sunny.", "stop", Usage.NONE, "m", null,
                List.of(Reasoning.text("First, ", "s1"), Reasoning.redacted("opaque-1"), Reasoning.text("then.", "s2"),
                        Reasoning.redacted("opaque-2")));

        OrqInvokeResponse.Message m = OrqInvokeResponse.answer(r);

        assertThat(m.type()).isEqualTo("content");
        assertThat(m.content()).isEqualTo("Sunny.");
        assertThat(m.reasoning()).isEqualTo("First, then.");
        assertThat(m.reasoningSignature()).isEqualTo("s2");
        assertThat(m.redactedReasoning()).isEqualTo("opaque-1");
        assertThat(m.toolCalls()).isNull();
    }

    @Test
    void usage_details_appear_only_when_not_zero() {
        assertThat(OrqInvokeResponse.OrqUsage.of(new Usage(10, 5, 0, 0)).completionTokensDetails()).isNull();
        OrqInvokeResponse.OrqUsage u = OrqInvokeResponse.OrqUsage.of(new Usage(10, 5, 4, 3));
        assertThat(u.promptTokensDetails()).isEqualTo(Map.of("cached_tokens", 4));
        assertThat(u.completionTokensDetails()).isEqualTo(Map.of("reasoning_tokens", 3));
        assertThat(u.totalTokens()).isEqualTo(15);
    }
}
