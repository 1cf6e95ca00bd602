package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.access.ApiKeyAccess;
import dev.junction.engine.access.ApiKeyScope;
import dev.junction.engine.access.OutOfScopeException;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.log.LogStatus;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scoped API key reaches only its deployments: outside its scope the engine refuses before routing, quota or any
 * provider call, logs the refusal of an existing deployment (403, nothing of what the caller sent), and answers a
 * deployment that does not exist the same way as one that does.
 */
class ScopedKeyInvokeTest {
    private final Clock clock = Clock.systemUTC();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ActiveDeployments active = new ActiveDeployments();
    private final ScriptedProvider provider = new ScriptedProvider("p", ScriptedProvider.Step.answer("hello"));
    private final InvokeService service = new InvokeService(active, logs::add, clock, new Ids(clock));
    private final ConfigService configs = new ConfigService(active, new Ids(clock));
    private final ApiKeyAccess checkout = new ApiKeyAccess(UUID.randomUUID(), "checkout-app",
            new ApiKeyScope(List.of("shop/checkout"), List.of("faq-later")), null);

    @BeforeEach
    void deployments() {
        deploy("pay", "shop", "checkout/eu");
        deploy("cart", "shop", "cart");
    }

    private void deploy(String key, String project, String folder) {
        Variant main = new Variant("main", List.of(PromptMessage.user("{{question}}")), null, ModelConfig.of("p", "m"), null, null);
        DeploymentSpec spec = new DeploymentSpec(key, "", project, folder, null, List.of(main), RoutingTable.defaultOnly("main"));
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, new Providers(List.of(provider)),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0)));
    }

    private InvokeRequest ask(String key) {
        return new InvokeRequest(key, Map.of("tier", "gold"), Map.of("question", "secret of another app"), null, null,
                Map.of("customer", "c-1"), Source.API).withCaller(checkout);
    }

    @Test
    void a_deployment_in_a_subfolder_of_the_scope_is_invoked_and_logged_with_the_key() {
        InvokeResult result = service.invoke(ask("pay"));

        assertThat(result.response().content()).isEqualTo("hello");
        assertThat(logs).singleElement().satisfies(l -> {
            assertThat(l.status()).isEqualTo(LogStatus.SUCCESS);
            assertThat(l.caller().apiKeyId()).isEqualTo(checkout.id());
        });
    }

    @Test
    void a_sibling_folder_is_refused_before_any_provider_call_and_the_refusal_is_logged_without_the_request() {
        assertThatThrownBy(() -> service.invoke(ask("cart")))
                .isInstanceOf(OutOfScopeException.class)
                .hasMessage("API key 'checkout-app' may not invoke deployment 'cart' (its scope: folder shop/checkout, deployment faq-later)");

        assertThat(provider.calls).isEmpty();
        assertThat(logs).singleElement().satisfies(l -> {
            assertThat(l.status()).isEqualTo(LogStatus.ERROR);
            assertThat(l.outcome().httpStatus()).isEqualTo(403);
            assertThat(l.route().deploymentKey()).isEqualTo("cart");
            assertThat(l.route().variantKey()).as("refused before routing").isNull();
            assertThat(l.caller().apiKeyId()).isEqualTo(checkout.id());
            assertThat(l.bodies()).isNull();
            assertThat(l.caller().metadata()).isEmpty();
            assertThat(l.caller().context()).isNullOrEmpty();
        });
    }

    @Test
    void a_deployment_that_does_not_exist_is_refused_alike_and_not_logged_unless_the_scope_names_it() {
        assertThatThrownBy(() -> service.invoke(ask("nothing-here"))).isInstanceOf(OutOfScopeException.class);
        assertThatThrownBy(() -> configs.resolve(ask("nothing-here"))).isInstanceOf(OutOfScopeException.class);
        assertThatThrownBy(() -> service.invoke(ask("faq-later"))).isInstanceOf(DeploymentNotFoundException.class);
        assertThat(logs).isEmpty();
    }

    @Test
    void get_config_is_held_to_the_same_scope() {
        assertThat(configs.resolve(ask("pay")).variant().key()).isEqualTo("main");
        assertThatThrownBy(() -> configs.resolve(ask("cart"))).isInstanceOf(OutOfScopeException.class);
    }

    @Test
    void a_request_without_a_key_or_with_an_unscoped_one_reaches_everything() {
        ApiKeyAccess unscoped = new ApiKeyAccess(UUID.randomUUID(), "all", ApiKeyScope.EVERYTHING, null);
        assertThat(service.invoke(ask("cart").withCaller(unscoped)).response().content()).isEqualTo("hello");
        assertThat(service.invoke(InvokeRequest.of("cart", Map.of(), Map.of("question", "q"))).response().content()).isEqualTo("hello");
        assertThatThrownBy(() -> service.invoke(ask("nothing-here").withCaller(unscoped))).isInstanceOf(DeploymentNotFoundException.class);
    }
}
