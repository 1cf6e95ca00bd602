package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptCachingSettings;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.PromptCache;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The variant's fixed prefix reaches the adapter ({@link ChatRequest#promptCache()}) as the variant set it, and the
 * log entry carries the cache writes and what the cached tokens saved.
 */
class PromptCacheInvokeTest {
    private final Clock clock = Clock.systemUTC();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final List<ChatRequest> sent = new CopyOnWriteArrayList<>();
    private final ActiveDeployments active = new ActiveDeployments();
    private final InvokeService service = new InvokeService(active, logs::add, clock, new Ids(clock));

    /** Answers with 2304 tokens read from the cache and 100 written, like Anthropic's usage. */
    private final class Cached implements ProviderAdapter {
        @Override public String name() { return "anthropic"; }
        @Override public String orqProvider() { return "anthropic"; }
        @Override public ChatResponse chat(ChatRequest request) {
            sent.add(request);
            return new ChatResponse("shipping", "stop", new Usage(2425, 7, 2304, 0, 100, 0), request.model());
        }
    }

    private void deploy(PromptCachingSettings settings, ModelParameters parameters) {
        Variant v = new Variant("main", List.of(PromptMessage.system("You classify tickets."),
                PromptMessage.user("Ticket: my parcel never came"), PromptMessage.assistant("shipping"),
                PromptMessage.user("Ticket: {{ticket}}")), null,
                ModelConfig.of("anthropic", "claude-sonnet-4-5").withParameters(parameters), null, null)
                .withPromptCaching(settings);
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(v), RoutingTable.defaultOnly("main"));
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        InMemoryModelCatalog catalog = new InMemoryModelCatalog(List.of(new CatalogModel("anthropic", "claude-sonnet-4-5",
                200_000, 64_000, new BigDecimal("3.00"), new BigDecimal("15.00"), new BigDecimal("0.30"), true)));
        InvokeRuntime runtime = InvokeRuntime.of(new Providers(List.of(new Cached())),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0), InvokeLimits.DEFAULTS, catalog);
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, runtime));
    }

    private static InvokeRequest request(List<PromptMessage> prefix, ModelParameters overrides) {
        return new InvokeRequest("d", Map.of(), Map.of("ticket", "charged twice"), prefix,
                List.of(PromptMessage.user("and the app crashes")), Map.of(), Source.API,
                new RequestOptions(overrides, null, null, null, null, null));
    }

    @Test
    void the_whole_prompt_is_the_prefix_without_prefix_messages_and_only_the_system_prompt_with_them() {
        deploy(null, ModelParameters.DEFAULTS);

        service.invoke(request(List.of(), ModelParameters.DEFAULTS));
        service.invoke(request(List.of(PromptMessage.user("earlier turn")), ModelParameters.DEFAULTS));

        assertThat(sent.get(0).promptCache()).isEqualTo(new PromptCache(4, PromptCache.ALL_TOOLS, PromptCachingSettings.DEFAULT));
        assertThat(sent.get(0).messages().get(3).content()).as("a template message is prefix as rendered").isEqualTo("Ticket: charged twice");
        assertThat(sent.get(1).promptCache().messages()).isEqualTo(1);
        assertThat(sent.get(1).messages().get(1).content()).isEqualTo("earlier turn");
    }

    @Test
    void the_variants_setting_and_tools_the_request_added_reach_the_adapter() {
        ToolSpec lookup = new ToolSpec("lookup", "Finds an order", Map.of("type", "object"));
        deploy(new PromptCachingSettings(true, "1h"), ModelParameters.DEFAULTS.withTools(List.of(lookup)));

        service.invoke(request(List.of(), ModelParameters.DEFAULTS));
        service.invoke(request(List.of(), ModelParameters.DEFAULTS.withTools(List.of(
                new ToolSpec("refund", "Refunds", Map.of("type", "object"))))));

        assertThat(sent.get(0).promptCache().settings().effectiveTtl()).isEqualTo("1h");
        assertThat(sent.get(0).promptCache().tools()).isEqualTo(PromptCache.ALL_TOOLS);
        assertThat(sent.get(1).promptCache().tools()).as("only the variant's own tool is fixed").isEqualTo(1);
    }

    @Test
    void off_reaches_the_adapter_as_off() {
        deploy(new PromptCachingSettings(false, null), ModelParameters.DEFAULTS);
        service.invoke(request(List.of(), ModelParameters.DEFAULTS));
        assertThat(sent.getFirst().promptCache().enabled()).isFalse();
    }

    @Test
    void the_log_carries_cached_and_written_tokens_the_cost_and_what_the_cache_saved() throws Exception {
        deploy(null, ModelParameters.DEFAULTS);
        service.invoke(request(List.of(), ModelParameters.DEFAULTS));

        RequestLog.Usage u = logs.getFirst().usage();
        assertThat(u.promptTokens()).isEqualTo(2425);
        assertThat(u.cachedTokens()).isEqualTo(2304);
        assertThat(u.cacheWriteTokens()).isEqualTo(100);
        // 21 x 3 + 2304 x 0.30 + 100 x 3.75 + 7 x 15 = 63 + 691.2 + 375 + 105 = 1234.2 per 1e6
        assertThat(u.costUsd()).isEqualByComparingTo("0.0012342");
        assertThat(u.cacheSavedUsd()).isEqualByComparingTo("0.0062208"); // 2304 x 2.70 / 1e6
        String attempt = new ObjectMapper().writeValueAsString(logs.getFirst().attempts().getFirst());
        assertThat(attempt).contains("\"cachedTokens\":2304", "\"cacheWriteTokens\":100", "\"cacheSavedUsd\":0.0062208000");
    }
}
