package dev.junction.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.access.AdminTokenRecord;
import dev.junction.engine.access.AdminTokenStore;
import dev.junction.engine.access.AdminTokens;
import dev.junction.store.JooqSpendSeries;
import dev.junction.web.http.AdminTokensRoutes;
import dev.junction.web.http.SpendSeriesRoutes;
import dev.junction.web.panel.PanelRoutes;
import java.math.BigDecimal;
import java.time.LocalDate;
import dev.junction.engine.invoke.ActiveDeployments;
import dev.junction.engine.invoke.InvokeService;
import dev.junction.engine.log.LogPipelineStats;
import dev.junction.engine.log.RequestMetrics;
import dev.junction.engine.spend.QuotaExceededException;
import dev.junction.engine.support.Ids;
import dev.junction.engine.support.Jackson;
import dev.junction.web.http.ApiKeysRoutes;
import dev.junction.web.http.BodyLimit;
import dev.junction.web.http.HttpServer;
import dev.junction.web.http.InvokeResponder;
import dev.junction.web.http.MetricsRoutes;
import dev.junction.web.http.QuotaGauges;
import dev.junction.web.http.QuotaRefusals;
import dev.junction.web.http.QuotaRoutes;
import dev.junction.web.http.Routes;
import dev.junction.web.http.SignInThrottle;
import dev.junction.web.panel.PanelSessions;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The web side of rate limits and budgets on the real HTTP server ({@link HttpServer}: admin auth, {@code Errors},
 * body limits) without the engine's counters: {@link QuotaRoutes}, {@link ApiKeysRoutes} and {@code /metrics} over
 * {@link MemoryQuotas}, and both invoke doors' paths ({@code /v1/chat/completions}, {@code /v2/deployments/invoke},
 * {@code /v2/deployments/stream}) answering through the production {@link InvokeResponder#serve}, which checks the
 * API key and then throws {@link #refusal}: what the engine throws when a request is over a limit. The panel is
 * served too (sign in with {@link #ADMIN}), with a spend series of $2.50 yesterday and $4.25 today for any member.
 */
final class QuotaServer implements AutoCloseable {
    static final String ADMIN = "quota-admin";

    final MemoryQuotas quotas = new MemoryQuotas();
    final QuotaRefusals refusals = new QuotaRefusals();
    final ApiKeys keys;
    final String apiKey;
    final UUID apiKeyId;
    volatile QuotaExceededException refusal;
    private final Javalin server;
    final TestClient client;

    QuotaServer() {
        Clock clock = Clock.systemUTC();
        ObjectMapper mapper = Jackson.mapper().build();
        Ids ids = new Ids(clock);
        keys = new ApiKeys(new MemoryApiKeyStore(), clock, ids);
        ApiKeys.Created created = keys.create("quota test");
        apiKey = created.key();
        apiKeyId = created.id();
        InvokeResponder responder = new InvokeResponder(keys, new InvokeService(new ActiveDeployments(), log -> { }, clock, ids),
                mapper, refusals);
        Routes doors = new Routes() {
            @Override
            public void register(RoutesConfig routes) {
                for (String path : List.of("/v1/chat/completions", "/v2/deployments/invoke", "/v2/deployments/stream")) {
                    routes.post(path, ctx -> responder.serve(ctx, (key, start) -> {
                        throw refusal;
                    }));
                }
            }
        };
        // with the bootstrap token's hash, so a panel session opened with it is found again (the browser test signs in)
        AdminTokens admins = new AdminTokens(new MemoryAdminTokens(), clock, ids, ADMIN::equals,
                dev.junction.engine.access.Secrets.sha256(ADMIN));
        MemoryUserStore users = new MemoryUserStore();
        dev.junction.engine.access.People people = new dev.junction.engine.access.People(users, clock, ids);
        PanelSessions sessions = new PanelSessions(new dev.junction.engine.access.Sessions(users, people, admins, clock), people);
        server = HttpServer.create("127.0.0.1", 0, mapper, admins::principal, sessions, new BodyLimit(1L << 20, 16L << 20),
                new SignInThrottle(1000, Duration.ofMinutes(1), 100, clock), new dev.junction.web.http.AccessRules(key -> java.util.Optional.empty(), mapper),
                List.of(new PanelRoutes(sessions, mapper), new AdminTokensRoutes(admins, mapper),
                        new QuotaRoutes(quotas, quotas, keys, mapper, clock), new ApiKeysRoutes(keys, mapper),
                        new SpendSeriesRoutes((scope, member, deployments, from, to) -> {
                            List<JooqSpendSeries.Day> days = new java.util.ArrayList<>();
                            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                                days.add(new JooqSpendSeries.Day(d, d.equals(to) ? new BigDecimal("4.25") : d.equals(to.minusDays(1)) ? new BigDecimal("2.5") : BigDecimal.ZERO, d.equals(to) ? 17 : 0));
                            }
                            return days;
                        }, new ActiveDeployments(), clock),
                        new MetricsRoutes(new RequestMetrics(), NO_LOG, admins::principal,
                                new QuotaGauges(refusals, quotas, quotas)),
                        doors))
                .start();
        client = new TestClient(server.port());
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static final LogPipelineStats NO_LOG = new LogPipelineStats() {
        @Override public int queued() { return 0; }
        @Override public long written() { return 0; }
        @Override public long spilled() { return 0; }
        @Override public long spillPending() { return 0; }
        @Override public long spillBytes() { return 0; }
        @Override public long dropped() { return 0; }
    };

}
