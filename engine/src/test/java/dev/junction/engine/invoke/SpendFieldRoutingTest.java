package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.SpendFields;
import dev.junction.engine.spend.BudgetPeriod;
import dev.junction.engine.spend.MapSpendView;
import dev.junction.engine.spend.Scope;
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
 * "When this customer has spent more than $50 this month, use the economy variant", end to end at the engine level:
 * {@link InvokeService} reads the spend of the request's identity, API key and deployment from its {@code SpendView}
 * before routing, a caller cannot fake it, the simulator's values win, and the log keeps the values routed on.
 */
class SpendFieldRoutingTest {
    private static final String MONTH = SpendFields.monthUsd(Scope.IDENTITY);
    private static final String KEY_DAY = SpendFields.dayUsd(Scope.API_KEY);
    private static final String LEFT = SpendFields.remainingPct(Scope.DEPLOYMENT);
    private static final UUID KEY = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    private final Clock clock = Clock.systemUTC();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ActiveDeployments active = new ActiveDeployments();
    private final MapSpendView spend = new MapSpendView()
            .spent(Scope.IDENTITY, "big-customer", BudgetPeriod.MONTH, "50.01")
            .spent(Scope.IDENTITY, "small-customer", BudgetPeriod.MONTH, "49.99")
            .spent(Scope.API_KEY, KEY.toString(), BudgetPeriod.DAY, "3.20");
    private final InvokeService service = new InvokeService(active, logs::add, clock, new Ids(clock), InvokeLimits.DEFAULTS,
            RequestLog.DEFAULT_TEXT_MAX_BYTES, Ticker.SYSTEM, new InvokeService.Controls(null, spend, null));
    private final ScriptedProvider premium = new ScriptedProvider("premium", ScriptedProvider.Step.answer("a careful answer"));
    private final ScriptedProvider cheap = new ScriptedProvider("cheap", ScriptedProvider.Step.answer("a short answer"));

    SpendFieldRoutingTest() {
        deploy("spendy", new RoutingTable(List.of(
                RoutingRule.of("big-spender", "economy", Condition.of(MONTH, Operator.GT, 50)),
                RoutingRule.of("low-budget", "economy", Condition.of(LEFT, Operator.LT, 20))), "standard"));
        deploy("plain", new RoutingTable(List.of(RoutingRule.of("gold", "economy", Condition.of("tier", Operator.EQUALS, "gold"))), "standard"));
    }

    private void deploy(String key, RoutingTable table) {
        Variant standard = new Variant("standard", List.of(PromptMessage.system("Answer in depth.")), ModelConfig.of("premium", "large"), null, null);
        Variant economy = new Variant("economy", List.of(PromptMessage.system("Answer briefly.")), ModelConfig.of("cheap", "small"), null, null);
        DeploymentSpec spec = new DeploymentSpec(key, "", "shop", null, List.of(), List.of(standard, economy), table, List.of());
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, new Providers(List.of(premium, cheap)),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0)));
    }

    private static InvokeRequest request(String deployment, String identity, Map<String, Object> context, Source source) {
        RequestOptions options = new RequestOptions(null, null, identity == null ? null : Map.of("id", identity), null, null, null);
        return new InvokeRequest(deployment, context, Map.of(), null, List.of(PromptMessage.user("hello")), null, source, options, KEY);
    }

    @Test
    void a_customer_over_50_dollars_this_month_goes_to_the_economy_variant_and_the_log_keeps_the_spend() {
        InvokeResult big = service.invoke(request("spendy", "big-customer", Map.of(), Source.SDK));

        assertThat(big.decision()).isEqualTo(new RoutingDecision.Matched("economy", "big-spender"));
        assertThat(big.response().content()).isEqualTo("a short answer");
        assertThat(premium.calls).isEmpty();
        assertThat(logs.getFirst().caller().context()).containsEntry(MONTH, new BigDecimal("50.01"))
                .as("no budget on the deployment: absent, and 'lt 20' does not hold").doesNotContainKey(LEFT)
                .as("not read by the table: not computed").doesNotContainKey(KEY_DAY);

        InvokeResult small = service.invoke(request("spendy", "small-customer", Map.of(), Source.SDK));
        assertThat(small.decision()).isEqualTo(new RoutingDecision.DefaultMatched("standard"));
        assertThat(small.response().content()).isEqualTo("a careful answer");
        assertThat(service.invoke(request("spendy", null, Map.of(), Source.SDK)).decision())
                .as("no identity: the field is absent").isEqualTo(new RoutingDecision.DefaultMatched("standard"));
        assertThat(logs.getLast().caller().context()).doesNotContainKey(MONTH);
    }

    @Test
    void a_budget_running_low_on_the_deployment_routes_too() {
        spend.remaining(Scope.DEPLOYMENT, "spendy", 15);

        assertThat(service.invoke(request("spendy", "small-customer", Map.of(), Source.API)).decision())
                .isEqualTo(new RoutingDecision.Matched("economy", "low-budget"));
        assertThat(logs.getFirst().caller().context()).containsEntry(LEFT, 15.0);
    }

    @Test
    void a_client_cannot_fake_its_spend_in_its_context() {
        Map<String, Object> faked = Map.of(MONTH, 0, LEFT, 100, KEY_DAY, 0, "spend.identity.week_usd", 0, "tier", "silver");

        InvokeResult result = service.invoke(request("spendy", "big-customer", faked, Source.SDK));

        assertThat(result.decision()).isEqualTo(new RoutingDecision.Matched("economy", "big-spender"));
        assertThat(logs.getFirst().caller().context()).containsEntry(MONTH, new BigDecimal("50.01")).containsEntry("tier", "silver")
                .doesNotContainKeys(LEFT, KEY_DAY, "spend.identity.week_usd");
    }

    @Test
    void the_simulators_values_win() {
        InvokeResult result = service.invoke(request("spendy", "small-customer", Map.of(MONTH, 75), Source.SIMULATOR));

        assertThat(result.decision()).isEqualTo(new RoutingDecision.Matched("economy", "big-spender"));
        assertThat(logs.getFirst().caller().context()).containsEntry(MONTH, 75);
    }

    @Test
    void a_deployment_whose_table_reads_no_spend_reads_nothing_and_still_drops_faked_values() {
        InvokeResult result = service.invoke(request("plain", "big-customer", Map.of("tier", "gold", MONTH, 1), Source.SDK));

        assertThat(result.decision()).isEqualTo(new RoutingDecision.Matched("economy", "gold"));
        assertThat(spend.reads).isEmpty();
        assertThat(logs.getFirst().caller().context()).containsEntry("tier", "gold").doesNotContainKey(MONTH);
    }
}
