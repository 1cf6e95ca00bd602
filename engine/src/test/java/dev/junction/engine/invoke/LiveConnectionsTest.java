package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderFailure;
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
import org.junit.jupiter.api.Test;

/** The invoke path looks a model's connection up on every call: changes apply at once, a missing one fails clearly. */
class LiveConnectionsTest {
    private final Providers providers = new Providers(List.of());
    private final ActiveDeployments active = new ActiveDeployments();
    private final InvokeService service = new InvokeService(active, log -> {}, Clock.systemUTC(), new Ids(Clock.systemUTC()));

    private static ProviderAdapter answering(String name, String text) {
        return new ProviderAdapter() {
            public String name() { return name; }
            public String orqProvider() { return "openai"; }
            public ChatResponse chat(ChatRequest request) { return new ChatResponse(text, "stop", new Usage(1, 1), request.model()); }
        };
    }

    private void deployOn(String provider) {
        Variant v = new Variant("main", List.of(PromptMessage.user("hi")), ModelConfig.of(provider, "m").withRetries(3), null, null);
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(v), new RoutingTable(List.of(), "main"));
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, providers,
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0)));
    }

    @Test
    void a_replaced_connection_answers_the_next_call_without_redeploying() {
        providers.put(answering("acme", "old"));
        deployOn("acme");
        assertThat(service.invoke(InvokeRequest.of("d", Map.of(), Map.of())).response().content()).isEqualTo("old");

        providers.put(answering("acme", "new"));

        assertThat(service.invoke(InvokeRequest.of("d", Map.of(), Map.of())).response().content()).isEqualTo("new");
    }

    @Test
    void a_model_whose_connection_is_gone_fails_once_without_retries_and_says_why() {
        providers.put(answering("acme", "old"));
        deployOn("acme");
        providers.remove("acme");

        AllAttemptsFailedException e = catchThrowableOfType(AllAttemptsFailedException.class,
                () -> service.invoke(InvokeRequest.of("d", Map.of(), Map.of())));

        assertThat(e.attempts()).singleElement().satisfies(a -> {
            assertThat(a.reason()).isEqualTo("no_connection");
            assertThat(a.provider()).isEqualTo("acme");
            assertThat(a.error()).contains("no provider connection named 'acme'");
        });
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(new ProviderFailure.NotConnected("x").retryable()).isFalse();
    }
}
