package dev.junction.engine.spend;

import dev.junction.engine.deployment.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a rate limit or a budget as the API received it and names every problem by its field
 * ({@code requestsPerMinute: must be at least 1}); what passes becomes a {@link RateLimit} or {@link Budget}.
 * <ul>
 *   <li>scope: one of {@link Scope#wires}; rate limits take neither {@code provider} nor {@code model};</li>
 *   <li>target: {@code *} (each member on its own) or one member: an {@code api_key} target is the key's id (a UUID),
 *       a {@code model} target is {@code provider/model}, the {@code workspace}'s only target is {@code *} (the
 *       default when it is left out); other members are 1 to {@value #MAX_TARGET} characters;</li>
 *   <li>rate limits: at least one of requests per minute, tokens per minute, concurrent; each 1 to
 *       {@link Integer#MAX_VALUE};</li>
 *   <li>budgets: an amount over 0 and at most {@link #MAX_AMOUNT_USD} with at most 9 decimals (counters hold
 *       nano-dollars); period {@code day}, {@code month} or {@code fixed}: a fixed one has {@code startsAt} and an
 *       {@code endsAt} after it, the others neither; thresholds each 1..100, strictly ascending, at most
 *       {@value #MAX_THRESHOLDS}.</li>
 * </ul>
 */
public final class QuotaValidator {
    public static final int MAX_TARGET = 200;
    public static final BigDecimal MAX_AMOUNT_USD = new BigDecimal("1000000000");
    public static final int MAX_THRESHOLDS = 10;
    private static final Pattern MODEL = Pattern.compile("[^/\\s]+/\\S+");

    /** A rate limit as given: null members were left out. */
    public record LimitInput(String scope, String target, Long requestsPerMinute, Long tokensPerMinute, Long concurrent) {}

    /** A budget as given: null members were left out ({@code hard} then defaults to true, thresholds to 50/80/100). */
    public record BudgetInput(String scope, String target, BigDecimal amountUsd, String period, Instant startsAt,
                              Instant endsAt, Boolean hard, List<Integer> thresholds) {}

    /** Either the value, or the fields at fault (never both). */
    public record Checked<T>(T value, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private QuotaValidator() {}

    /** {@code id}, {@code createdAt}: the limit's (a new one's or the one it replaces); {@code now}: its update time. */
    public static Checked<RateLimit> rateLimit(LimitInput in, UUID id, Instant createdAt, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Scope scope = scope(in.scope(), true, errors);
        String target = target(scope, in.target(), errors);
        boolean any = in.requestsPerMinute() != null || in.tokensPerMinute() != null || in.concurrent() != null;
        if (!any) {
            errors.add(new FieldError("requestsPerMinute", "a rate limit needs at least one of requestsPerMinute, tokensPerMinute, concurrent"));
        }
        Integer rpm = count("requestsPerMinute", in.requestsPerMinute(), errors);
        Integer tpm = count("tokensPerMinute", in.tokensPerMinute(), errors);
        Integer concurrent = count("concurrent", in.concurrent(), errors);
        if (!errors.isEmpty()) return new Checked<>(null, List.copyOf(errors));
        return new Checked<>(new RateLimit(id, scope, target, rpm, tpm, concurrent, createdAt, now), List.of());
    }

    public static Checked<Budget> budget(BudgetInput in, UUID id, Instant createdAt, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Scope scope = scope(in.scope(), false, errors);
        String target = target(scope, in.target(), errors);
        BigDecimal amount = in.amountUsd();
        if (amount == null) {
            errors.add(new FieldError("amountUsd", "required: the budget in US dollars"));
        } else if (amount.signum() <= 0) {
            errors.add(new FieldError("amountUsd", "must be more than 0"));
        } else if (amount.compareTo(MAX_AMOUNT_USD) > 0) {
            errors.add(new FieldError("amountUsd", "must be at most " + MAX_AMOUNT_USD.toPlainString()));
        } else if (amount.stripTrailingZeros().scale() > 9) {
            errors.add(new FieldError("amountUsd", "at most 9 decimals (a nano-dollar)"));
        }
        BudgetPeriod period = null;
        if (in.period() == null) {
            errors.add(new FieldError("period", "required: one of day, month, fixed"));
        } else {
            period = BudgetPeriod.parse(in.period()).orElse(null);
            if (period == null) errors.add(new FieldError("period", "unknown period '" + in.period() + "': one of day, month, fixed"));
        }
        if (period == BudgetPeriod.FIXED) {
            if (in.startsAt() == null) errors.add(new FieldError("startsAt", "required for a fixed period"));
            if (in.endsAt() == null) errors.add(new FieldError("endsAt", "required for a fixed period"));
            if (in.startsAt() != null && in.endsAt() != null && !in.endsAt().isAfter(in.startsAt())) {
                errors.add(new FieldError("endsAt", "must be after startsAt (" + in.startsAt() + ")"));
            }
        } else if (period != null) {
            String why = "only a fixed period has dates: a " + period.wire() + " budget resets every UTC " + period.wire();
            if (in.startsAt() != null) errors.add(new FieldError("startsAt", why));
            if (in.endsAt() != null) errors.add(new FieldError("endsAt", why));
        }
        List<Integer> thresholds = in.thresholds();
        if (thresholds != null) {
            if (thresholds.size() > MAX_THRESHOLDS) errors.add(new FieldError("thresholds", "at most " + MAX_THRESHOLDS));
            for (int i = 0; i < thresholds.size(); i++) {
                Integer t = thresholds.get(i);
                String path = "thresholds[" + i + "]";
                if (t == null || t < 1 || t > 100) {
                    errors.add(new FieldError(path, "must be a percentage from 1 to 100"));
                } else if (i > 0 && thresholds.get(i - 1) != null && t <= thresholds.get(i - 1)) {
                    errors.add(new FieldError(path, "thresholds must be in ascending order, each once (" + thresholds.get(i - 1) + " before " + t + ")"));
                }
            }
        }
        if (!errors.isEmpty()) return new Checked<>(null, List.copyOf(errors));
        boolean fixed = period == BudgetPeriod.FIXED;
        return new Checked<>(new Budget(id, scope, target, amount, period, fixed ? in.startsAt() : null,
                fixed ? in.endsAt() : null, in.hard() == null || in.hard(), thresholds, createdAt, now), List.of());
    }

    private static Scope scope(String wire, boolean rateLimit, List<FieldError> errors) {
        String valid = String.join(", ", Scope.wires(rateLimit));
        if (wire == null) {
            errors.add(new FieldError("scope", "required: one of " + valid));
            return null;
        }
        Scope scope = Scope.parse(wire).orElse(null);
        if (scope == null) {
            errors.add(new FieldError("scope", "unknown scope '" + wire + "': one of " + valid));
        } else if (rateLimit && !scope.forRateLimits()) {
            errors.add(new FieldError("scope", "rate limits cannot be scoped to a " + wire + " (budgets can): one of " + valid));
            return null;
        }
        return scope;
    }

    private static String target(Scope scope, String target, List<FieldError> errors) {
        if (scope == null) return target;
        if (target == null || target.isBlank()) {
            if (scope == Scope.WORKSPACE) return Scope.EACH;
            errors.add(new FieldError("target", "required: one " + scope.wire() + ", or \"*\" for each " + scope.wire() + " on its own"));
            return null;
        }
        if (target.equals(Scope.EACH)) return target;
        switch (scope) {
            case WORKSPACE -> errors.add(new FieldError("target", "the workspace's only target is \"*\""));
            case API_KEY -> {
                if (!isUuid(target)) errors.add(new FieldError("target", "an API key's id (a UUID, as GET /api/keys lists), or \"*\""));
                else return UUID.fromString(target).toString(); // ids are compared in lower case
            }
            case MODEL -> {
                if (!MODEL.matcher(target).matches() || target.length() > MAX_TARGET) {
                    errors.add(new FieldError("target", "a model is \"provider/model\" (e.g. openai/gpt-4o-mini), or \"*\""));
                }
            }
            default -> {
                if (target.length() > MAX_TARGET || !target.strip().equals(target)) {
                    errors.add(new FieldError("target", "1 to " + MAX_TARGET + " characters, no leading or trailing space"));
                }
            }
        }
        return target;
    }

    private static boolean isUuid(String s) {
        if (s.length() != 36) return false;
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Integer count(String field, Long value, List<FieldError> errors) {
        if (value == null) return null;
        if (value < 1) {
            errors.add(new FieldError(field, "must be at least 1 (leave it out for no limit)"));
            return null;
        }
        if (value > Integer.MAX_VALUE) {
            errors.add(new FieldError(field, "must be at most " + Integer.MAX_VALUE));
            return null;
        }
        return value.intValue();
    }
}
