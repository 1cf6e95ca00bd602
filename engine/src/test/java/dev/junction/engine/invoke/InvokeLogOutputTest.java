package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The log entry of an answer that calls a tool and reasons: the attempt that answered carries its tool calls and
 * reasoning (arguments and text only when the deployment keeps bodies), the request and the attempt their reasoning
 * tokens, counted within the completion tokens.
 */
class InvokeLogOutputTest {
    private final Clock clock = Clock.systemUTC();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ActiveDeployments active = new ActiveDeployments();
    private final InvokeService service = new InvokeService(active, logs::add, clock, new Ids(clock));

    /** Answers every call with a tool call and a reasoning block. */
    static final class ToolCaller implements ProviderAdapter {
        @Override public String name() { return "tools"; }
        @Override public String orqProvider() { return "openai"; }
        @Override public ChatResponse chat(ChatRequest request) {
            return new ChatResponse("", ChatResponse.TOOL_CALLS, new Usage(50, 40, 0, 30), request.model(),
                    List.of(new ToolCall("call_9", "get_weather", "{\"city\":\"Oslo\"}")),
                    List.of(Reasoning.text("Weather needs the tool.", "sig")));
        }
    }

    private void deploy(boolean logBodies) {
        Variant v = new Variant("main", List.of(PromptMessage.user("weather?")), null, ModelConfig.of("tools", "m"), null, null);
        DeploymentSpec spec = new DeploymentSpec("d", "", null, null, null, List.of(v), new RoutingTable(List.of(), "main"),
                null, logBodies);
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, new Providers(List.of(new ToolCaller())),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0)));
    }

    @Test
    void with_bodies_the_answering_attempt_records_the_calls_with_arguments_and_the_reasoning_text() throws Exception {
        deploy(true);
        InvokeResult result = service.invoke(InvokeRequest.of("d", Map.of(), Map.of()));

        RequestLog log = logs.getFirst();
        assertThat(log.usage().reasoningTokens()).isEqualTo(30);
        assertThat(log.usage().completionTokens()).isEqualTo(40);
        Attempt a = log.attempts().getFirst();
        assertThat(a.toolCalls()).containsExactly(new Attempt.CalledTool("call_9", "get_weather", "{\"city\":\"Oslo\"}"));
        assertThat(a.reasoning()).isEqualTo("Weather needs the tool.");
        assertThat(new ObjectMapper().writeValueAsString(a)).endsWith(
                "\"reasoningTokens\":30,\"toolCalls\":[{\"id\":\"call_9\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}],"
                + "\"reasoning\":\"Weather needs the tool.\"}");
        assertThat(log.bodies().finishReason()).isEqualTo("tool_calls");
        assertThat(result.attempts().getFirst().output()).as("the caller's attempts are not changed").isNull();
    }

    @Test
    void without_bodies_only_the_tool_names_and_reasoning_tokens_are_recorded() throws Exception {
        deploy(false);
        service.invoke(InvokeRequest.of("d", Map.of(), Map.of()));

        Attempt a = logs.getFirst().attempts().getFirst();
        assertThat(a.toolCalls()).containsExactly(new Attempt.CalledTool("call_9", "get_weather", null));
        assertThat(a.reasoning()).isNull();
        assertThat(a.reasoningTokens()).isEqualTo(30);
        assertThat(new ObjectMapper().writeValueAsString(a)).doesNotContain("Oslo").doesNotContain("needs the tool");
        assertThat(logs.getFirst().bodies()).isNull();
    }
}
