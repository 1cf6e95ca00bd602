package dev.junction.engine.spend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QuotaValidatorTest {
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String KEY = "8f2b7c1e-1111-4a2b-9c3d-0123456789ab";

    private static QuotaValidator.Checked<RateLimit> limit(String scope, String target, Long rpm, Long tpm, Long concurrent) {
        return QuotaValidator.rateLimit(new QuotaValidator.LimitInput(scope, target, rpm, tpm, concurrent), ID, NOW, NOW);
    }

    private static QuotaValidator.Checked<Budget> budget(String scope, String target, String amount, String period,
                                                         String starts, String ends, Integer... thresholds) {
        return QuotaValidator.budget(new QuotaValidator.BudgetInput(scope, target, amount == null ? null : new BigDecimal(amount),
                period, starts == null ? null : Instant.parse(starts), ends == null ? null : Instant.parse(ends), null,
                thresholds.length == 0 ? null : Arrays.asList(thresholds)), ID, NOW, NOW);
    }

    private static List<String> paths(QuotaValidator.Checked<?> c) {
        return c.errors().stream().map(FieldError::path).toList();
    }

    private static String message(QuotaValidator.Checked<?> c, String path) {
        return c.errors().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow().message();
    }

    @Test
    void aValidRateLimitBecomesOne() {
        var c = limit("api_key", KEY.toUpperCase(), 100L, null, 5L);
        assertThat(c.ok()).isTrue();
        assertThat(c.value()).isEqualTo(new RateLimit(ID, Scope.API_KEY, KEY, 100, null, 5, NOW, NOW)); // id in lower case
    }

    @Test
    void zeroOrNegativeLimitsAreRefusedByName() {
        var c = limit("identity", "*", 0L, -5L, null);
        assertThat(paths(c)).containsExactly("requestsPerMinute", "tokensPerMinute");
        assertThat(message(c, "requestsPerMinute")).contains("at least 1");
        assertThat(paths(limit("identity", "*", null, null, 3_000_000_000L))).containsExactly("concurrent");
    }

    @Test
    void aRateLimitWithNoLimitAtAllIsRefused() {
        var c = limit("deployment", "support", null, null, null);
        assertThat(paths(c)).containsExactly("requestsPerMinute");
        assertThat(message(c, "requestsPerMinute")).contains("requestsPerMinute, tokensPerMinute, concurrent");
    }

    @Test
    void anUnknownScopeListsTheValidOnes() {
        var c = limit("team", "*", 10L, null, null);
        assertThat(message(c, "scope")).isEqualTo("unknown scope 'team': one of workspace, project, deployment, api_key, identity");
        assertThat(message(budget("team", "*", "5", "day", null, null), "scope"))
                .endsWith("one of workspace, project, deployment, api_key, identity, provider, model");
        assertThat(paths(limit(null, "*", 10L, null, null))).containsExactly("scope");
    }

    @Test
    void providerAndModelScopesAreForBudgetsOnly() {
        assertThat(message(limit("model", "openai/gpt-4o", 10L, null, null), "scope")).contains("rate limits cannot be scoped to a model");
        assertThat(message(limit("provider", "openai", 10L, null, null), "scope")).contains("provider");
        assertThat(budget("model", "openai/gpt-4o", "5", "day", null, null).ok()).isTrue();
    }

    @Test
    void targetRules() {
        assertThat(message(limit("api_key", "demo", 1L, null, null), "target")).contains("UUID");
        assertThat(limit("api_key", "*", 1L, null, null).ok()).isTrue();
        assertThat(message(limit("workspace", "acme", 1L, null, null), "target")).contains("only target is \"*\"");
        assertThat(limit("workspace", null, 1L, null, null).value().target()).isEqualTo("*");
        assertThat(message(budget("model", "gpt-4o", "5", "day", null, null), "target")).contains("provider/model");
        assertThat(message(limit("identity", null, 1L, null, null), "target")).startsWith("required");
        assertThat(message(limit("project", " x", 1L, null, null), "target")).contains("no leading or trailing space");
        assertThat(message(limit("project", "x".repeat(201), 1L, null, null), "target")).contains("1 to 200");
    }

    @Test
    void aValidBudgetBecomesOneWithDefaults() {
        var c = budget("identity", "customer-7", "50.00", "month", null, null);
        assertThat(c.ok()).isTrue();
        assertThat(c.value().period()).isEqualTo(BudgetPeriod.MONTH);
        assertThat(c.value().hard()).isTrue();
        assertThat(c.value().thresholds()).containsExactly(50, 80, 100);
        var fixed = budget("project", "sales", "1000", "fixed", "2026-03-01T00:00:00Z", "2026-04-15T00:00:00Z", 25, 75);
        assertThat(fixed.ok()).isTrue();
        assertThat(fixed.value().endsAt()).isEqualTo(Instant.parse("2026-04-15T00:00:00Z"));
        assertThat(fixed.value().thresholds()).containsExactly(25, 75);
    }

    @Test
    void amountMustBePositiveBoundedAndNanoDollarPrecise() {
        assertThat(message(budget("project", "p", "0", "day", null, null), "amountUsd")).isEqualTo("must be more than 0");
        assertThat(message(budget("project", "p", "-3", "day", null, null), "amountUsd")).isEqualTo("must be more than 0");
        assertThat(paths(budget("project", "p", null, "day", null, null))).containsExactly("amountUsd");
        assertThat(paths(budget("project", "p", "1000000001", "day", null, null))).containsExactly("amountUsd");
        assertThat(message(budget("project", "p", "0.0000000001", "day", null, null), "amountUsd")).contains("9 decimals");
        assertThat(budget("project", "p", "0.000000001", "day", null, null).ok()).isTrue();
    }

    @Test
    void periodRules() {
        assertThat(message(budget("project", "p", "5", "week", null, null), "period")).contains("one of day, month, fixed");
        assertThat(paths(budget("project", "p", "5", null, null, null))).containsExactly("period");
        assertThat(paths(budget("project", "p", "5", "fixed", null, null))).containsExactly("startsAt", "endsAt");
        var backwards = budget("project", "p", "5", "fixed", "2026-05-01T00:00:00Z", "2026-04-01T00:00:00Z");
        assertThat(paths(backwards)).containsExactly("endsAt");
        assertThat(message(backwards, "endsAt")).contains("must be after startsAt");
        assertThat(paths(budget("project", "p", "5", "fixed", "2026-05-01T00:00:00Z", "2026-05-01T00:00:00Z"))).containsExactly("endsAt");
        assertThat(paths(budget("project", "p", "5", "day", "2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z")))
                .containsExactly("startsAt", "endsAt");
    }

    @Test
    void thresholdsAreInRangeAndAscending() {
        assertThat(paths(budget("project", "p", "5", "day", null, null, 0, 50, 101))).containsExactly("thresholds[0]", "thresholds[2]");
        var c = budget("project", "p", "5", "day", null, null, 80, 50);
        assertThat(paths(c)).containsExactly("thresholds[1]");
        assertThat(message(c, "thresholds[1]")).contains("ascending");
        assertThat(paths(budget("project", "p", "5", "day", null, null, 50, 50))).containsExactly("thresholds[1]");
        assertThat(paths(budget("project", "p", "5", "day", null, null, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))).containsExactly("thresholds");
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        var c = budget("team", "*", "-1", "week", null, null, 200);
        assertThat(paths(c)).containsExactly("scope", "amountUsd", "period", "thresholds[0]");
        assertThat(c.value()).isNull();
    }
}
