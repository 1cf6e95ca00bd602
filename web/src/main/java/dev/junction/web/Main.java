package dev.junction.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.AdminTokens;
import dev.junction.engine.audit.AuditEvent;
import dev.junction.engine.audit.AuditActor;
import dev.junction.engine.access.User;
import dev.junction.engine.deployment.Deployment;
import dev.junction.engine.deployment.DeploymentQuery;
import dev.junction.engine.access.People;
import dev.junction.engine.access.Sessions;
import dev.junction.store.JooqUserStore;
import dev.junction.web.http.AccessRules;
import dev.junction.web.http.PeopleRoutes;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.catalog.ModelGarden;
import dev.junction.engine.catalog.PriceTableFile;
import dev.junction.engine.catalog.SimulatorModels;
import dev.junction.engine.deployment.DeploymentService;
import dev.junction.engine.review.ReviewService;
import dev.junction.engine.invoke.ActiveDeployments;
import dev.junction.engine.invoke.ConfigService;
import dev.junction.engine.invoke.InvokeService;
import dev.junction.engine.invoke.InvokeRuntime;
import dev.junction.engine.guard.GuardEnv;
import dev.junction.engine.eval.EvaluatorRunner;
import dev.junction.engine.experiment.Experiments;
import dev.junction.engine.invoke.RetrySettings;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderConnections;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.http.UpstreamHttp;
import dev.junction.engine.provider.simulator.SimulatorProvider;
import dev.junction.engine.support.Ids;
import dev.junction.engine.support.Jackson;
import dev.junction.engine.support.SecretBox;
import dev.junction.rules.DroolsRouterCompiler;
import dev.junction.store.BatchingLogWriter;
import dev.junction.store.JooqScores;
import dev.junction.store.JooqArmStats;
import dev.junction.store.DataDirectory;
import dev.junction.store.Database;
import dev.junction.store.JooqAdminTokenStore;
import dev.junction.store.JooqApiKeyStore;
import dev.junction.store.JooqConnectionStore;
import dev.junction.store.JooqDeploymentStore;
import dev.junction.store.JooqModelStore;
import dev.junction.store.JooqRequestLogReader;
import dev.junction.store.JooqReviewStore;
import dev.junction.store.JooqProjectSettingsStore;
import dev.junction.store.JooqAnalytics;
import dev.junction.store.JooqFeedback;
import dev.junction.store.JooqLogQueries;
import dev.junction.store.LogPartitions;
import dev.junction.store.RollupJob;
import dev.junction.engine.log.LogPipelineStats;
import dev.junction.engine.log.MeteredLogSink;
import dev.junction.engine.log.RequestMetrics;
import dev.junction.store.Notifications;
import dev.junction.store.JooqQuotaStore;
import dev.junction.store.JooqResponseCache;
import dev.junction.store.JooqSharedCounters;
import dev.junction.engine.spend.Quotas;
import dev.junction.engine.cache.AnswerCache;
import dev.junction.web.http.ResponseCacheRoutes;
import dev.junction.web.http.ExperimentRoutes;
import dev.junction.store.StartupFailure;
import dev.junction.engine.audit.Audit;
import dev.junction.store.JooqAuditStore;
import dev.junction.web.audit.AuditRecorder;
import dev.junction.web.audit.AuditSnapshots;
import dev.junction.web.audit.AuditTrail;
import dev.junction.web.http.AdminTokensRoutes;
import dev.junction.web.http.AuditRoutes;
import dev.junction.web.http.AuditedRoutes;
import dev.junction.web.http.AnalyticsRoutes;
import dev.junction.web.http.BodyLimit;
import dev.junction.web.http.SignInThrottle;
import dev.junction.web.http.FeedbackRoutes;
import dev.junction.web.http.LogsRoutes;
import dev.junction.web.http.MetricsRoutes;
import dev.junction.web.http.QuotaGauges;
import dev.junction.web.http.QuotaRefusals;
import dev.junction.web.http.QuotaRoutes;
import dev.junction.web.http.Routes;
import dev.junction.web.http.SpendSeriesRoutes;
import dev.junction.engine.spend.QuotaStore;
import dev.junction.store.JooqSpendSeries;
import dev.junction.web.http.ApiKeysRoutes;
import dev.junction.web.http.ChatCompletionsRoutes;
import dev.junction.web.http.ConfigRoutes;
import dev.junction.web.http.DeploymentRoutes;
import dev.junction.web.http.HttpServer;
import dev.junction.web.http.InvokeResponder;
import dev.junction.web.http.InvokeRoutes;
import dev.junction.web.http.ModelGardenRoutes;
import dev.junction.web.http.OpenApiRoutes;
import dev.junction.web.http.OrqDeploymentsRoutes;
import dev.junction.web.http.ProviderRoutes;
import dev.junction.web.http.SheetRoutes;
import dev.junction.web.http.SimulatorRoutes;
import dev.junction.web.http.ReviewRoutes;
import dev.junction.web.http.SnippetsRoutes;
import dev.junction.web.openai.ChatCompletionRequests;
import dev.junction.web.orq.OrqRequests;
import dev.junction.web.panel.PanelRoutes;
import dev.junction.web.panel.PanelSessions;
import dev.junction.store.JooqOidcPendingLogins;
import dev.junction.web.sso.OidcLogin;
import dev.junction.web.sso.OidcRoutes;
import dev.junction.web.sso.OidcSettings;
import dev.junction.web.sso.OidcSignIn;
import dev.junction.web.sso.SessionCookie;
import dev.junction.web.sso.SignInRefused;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line, and the one composition root: every object of the gateway is made and wired here. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** How often the analytics rollup job looks for hours to settle. */
    static final Duration ROLLUP_PERIOD = Duration.ofSeconds(60);
    /** Daily request log partitions are created this many days ahead. */
    static final int LOG_PARTITION_DAYS_AHEAD = 7;
    /** Failed sign-ins (401s) per client address and minute before it gets 429s; addresses tracked at most. */
    static final int SIGN_IN_FAILURES = 10;
    static final int SIGN_IN_ADDRESSES = 10_000;

    private Main() {}

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        List<String> argv = Arrays.asList(args);
        String command = argv.isEmpty() ? "help" : argv.getFirst();
        switch (command) {
            case "serve" -> serve(argv.subList(1, argv.size()));
            case "rules" -> System.exit(RulesCli.run(argv.subList(1, argv.size()), System.out, System.err));
            case "audit" -> System.exit(AuditCli.run(argv.subList(1, argv.size()), System.getenv(), System.out, System.err));
            case "help", "-h", "--help" -> System.out.print(Settings.HELP);
            default -> {
                System.err.println("junction: unknown command '" + command + "'\n");
                System.err.print(Settings.HELP);
                System.exit(2);
            }
        }
    }

    private static void serve(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print(Settings.HELP);
            return;
        }
        long start = System.nanoTime();
        Settings settings;
        Optional<OidcSettings> oidc;
        try {
            settings = Settings.parse(args, System.getenv());
            oidc = OidcSettings.fromEnv(System.getenv(), settings.bind(), settings.port());
        } catch (Settings.InvalidSettings e) {
            System.err.println("junction: " + e.getMessage());
            System.exit(2);
            return;
        }
        Gateway gateway;
        try {
            gateway = start(settings, Clock.systemUTC(), oidc);
        } catch (StartupFailure e) {
            LOG.error("junction could not start: {}", e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            LOG.error("junction could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "junction-shutdown"));
        LOG.info("Junction ready on http://{}:{} in {} ms", settings.bind(), gateway.port(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Starts a gateway: database, schema, live deployments, then the HTTP server. */
    public static Gateway start(Settings settings, Clock clock) {
        return start(settings, clock, Optional.empty());
    }

    /** Starts a gateway with OpenID Connect sign-in when {@code oidc} is present. */
    public static Gateway start(Settings settings, Clock clock, Optional<OidcSettings> oidc) {
        DataDirectory.prepare(settings.dataDir()); // owner only: it holds secrets, prompts and identities
        Database database = settings.databaseUrl() == null
                ? Database.embedded(settings.dataDir())
                : Database.external(settings.databaseUrl());
        BatchingLogWriter logs = null;
        LogPartitions logPartitions = null;
        Notifications notifications = null;
        RollupJob rollups = null;
        UpstreamHttp providerHttp = null;
        Quotas quotas = null;
        AuditTrail auditTrail = null;
        EvaluatorRunner evaluators = null;
        JooqScores scores = null;
        try {
            Ids ids = new Ids(clock);
            ObjectMapper mapper = Jackson.mapper().build(); // requests run on virtual threads
            SecretBox secrets = SecretKeyFile.resolve(settings.secretKey(), settings.dataDir());
            providerHttp = UpstreamHttp.start();
            UpstreamHttp upstream = providerHttp;
            List<ProviderAdapter> bootstrap = BootstrapProviders.of(settings, providerHttp);
            Providers providers = new Providers(bootstrap);
            ProviderConnections connections = new ProviderConnections(new JooqConnectionStore(database.dsl(), secrets),
                    providers, connection -> dev.junction.engine.provider.ProviderAdapters.create(connection, upstream, clock),
                    bootstrap.stream().filter(a -> !a.name().equals(SimulatorProvider.NAME))
                            .collect(Collectors.toMap(ProviderAdapter::name, a -> a)),
                    clock);

            JooqDeploymentStore deploymentStore = new JooqDeploymentStore(database.dsl(), clock, ids);
            ApiKeys apiKeys = new ApiKeys(new JooqApiKeyStore(database.dsl()), clock, ids);
            ActiveDeployments active = new ActiveDeployments();
            InMemoryModelCatalog catalog = new InMemoryModelCatalog(List.of());
            ModelGarden garden = new ModelGarden(new JooqModelStore(database.dsl(), clock), catalog);
            garden.load(PriceTableFile.shipped(), SimulatorModels.all());
            // guardrails: the judges are deployments of this gateway, the callouts reach the hosts the operator allows
            GuardEnv guardEnv = GuardEnv.of(settings.guards().calloutHosts());
            guardEnv.liveSpecs(key -> active.get(key).map(a -> a.version().spec()));
            InvokeRuntime runtime = InvokeRuntime.of(providers, RetrySettings.DEFAULTS, settings.limits(), catalog)
                    .withGuards(guardEnv);
            runtime.tokens().warmUp();
            DeploymentService deployments = new DeploymentService(deploymentStore, active, new DroolsRouterCompiler(), runtime);
            deployments.warmUp(DemoDeployment.spec());
            logs = new BatchingLogWriter(BatchingLogWriter.ConnectionSource.of(database.jdbcUrl()),
                    BatchingLogWriter.Options.defaults(settings.dataDir().resolve("log-spill"))
                            .withMemoryBytes(settings.logs().memoryMb() << 20)
                            .withSpillMaxBytes(settings.logs().spillMaxMb() << 20));
            logPartitions = new LogPartitions(database.dsl(), clock, settings.logs().retentionDays(), LOG_PARTITION_DAYS_AHEAD)
                    .start(java.time.Duration.ofHours(1));
            // request, attempt, retry and fallback metrics come from the log entries, off the invoke path
            RequestMetrics requestMetrics = new RequestMetrics();
            AnswerCache answerCache = new AnswerCache(AnswerCache.DEFAULT_MEMORY_BYTES,
                    new JooqResponseCache(database.dsl(), clock), clock, cacheWriter(), LOG::warn);
            // rate limits and budgets: allowances claimed from counters every instance on this database shares
            QuotaStore quotaStore = new JooqQuotaStore(database.dsl());
            quotas = new Quotas(quotaStore, new JooqSharedCounters(database.dsl(), clock), clock,
                    java.util.UUID.randomUUID().toString());
            quotas.start(QUOTA_SYNC);
            scores = new JooqScores(database.dsl(), clock);
            evaluators = new EvaluatorRunner(scores, guardEnv, clock, ids, settings.guards().evaluatorThreads());
            InvokeService invokeService = new InvokeService(active, new MeteredLogSink(logs, requestMetrics), clock, ids,
                    settings.limits(), settings.logs().bodyMaxKb() * 1024, dev.junction.engine.invoke.Ticker.SYSTEM,
                    InvokeService.Controls.of(quotas, answerCache).withEvaluators(evaluators));
            guardEnv.judge(invokeService::judge);
            rollups = new RollupJob(database.dsl(), clock).start(ROLLUP_PERIOD);
            scores.onLate(rollups::reopen); // a score written hours after its request is counted again
            logs.onReplayed(rollups::reopen); // rows written late from the spill file are counted again
            JooqFeedback feedback = new JooqFeedback(database.dsl(), clock, ids::next);
            JooqLogQueries logQueries = new JooqLogQueries(database.dsl(), feedback, settings.logs().bodyMaxKb() * 1024);
            AdminToken adminToken = AdminToken.resolve(settings.adminToken(), settings.dataDir());
            AdminTokens adminTokens = new AdminTokens(new JooqAdminTokenStore(database.dsl()), clock, ids, adminToken::matches,
                    adminToken.sha256());
            JooqUserStore userStore = new JooqUserStore(database.dsl());
            People people = new People(userStore, clock, ids);

            // Other instances on the same database tell us what they changed (and we hear our own changes).
            // Listen first, then load: nothing committed meanwhile can slip between the two.
            Consumer<Notifications.Event> onChange = ChangeFeed.handler(deployments, apiKeys, adminTokens, connections, garden, answerCache, quotas,
                    people);
            notifications = Notifications.listen(database.jdbcUrl(), onChange);
            onChange.accept(new Notifications.Event("resync", null));
            boolean seeded = false;
            if (database.isEmbedded() && database.isFresh() && !deploymentStore.exists(DemoDeployment.KEY)) {
                deployments.create(DemoDeployment.spec(), "junction");
                deployments.deploy(DemoDeployment.KEY, null, "junction", "demo deployment seeded on first start");
                Welcome.writeDemoKey(settings.dataDir(), apiKeys.create("demo").key());
                seeded = true;
            }

            JooqRequestLogReader logReader = new JooqRequestLogReader(database.dsl());
            ReviewService reviews = new ReviewService(deployments, new JooqReviewStore(database.dsl(), clock, ids),
                    new JooqProjectSettingsStore(database.dsl(), clock), logReader, clock, ids);
            // every change made through /api is recorded (AuditRecorder), with the snapshots of AuditedRoutes
            auditTrail = new AuditTrail(new Audit(new JooqAuditStore(database.dsl()), clock),
                    AuditedRoutes.register(new AuditSnapshots(), new AuditedRoutes.Services(deployments, connections, apiKeys,
                            adminTokens, garden, quotaStore, logQueries, people, reviews)));
            Sessions sessions = new Sessions(userStore, people, adminTokens, clock);
            PanelSessions panelSessions = new PanelSessions(sessions, people);
            AccessRules access = new AccessRules(key -> deploymentStore.find(key)
                    .map(d -> new AccessRules.Place(d.project(), d.folder())), mapper, reviews::required);
            BodyLimit bodyLimit = new BodyLimit(settings.http().maxBodyBytes(), settings.http().bodyBudgetBytes());
            SignInThrottle signIns = new SignInThrottle(SIGN_IN_FAILURES, Duration.ofMinutes(1), SIGN_IN_ADDRESSES, clock);
            QuotaRefusals refusals = new QuotaRefusals();
            InvokeResponder responder = new InvokeResponder(apiKeys, invokeService, mapper, refusals);
            List<Routes> features = List.of(
                    new PanelRoutes(panelSessions, mapper, new SignInThrottle(10, Duration.ofMinutes(15), 100_000, clock), auditTrail),
                    new InvokeRoutes(new OrqRequests(mapper), responder, clock),
                    new ChatCompletionsRoutes(new ChatCompletionRequests(mapper), responder),
                    new ConfigRoutes(apiKeys, new OrqRequests(mapper), new ConfigService(active, ids)),
                    new ApiKeysRoutes(apiKeys, mapper),
                    new AdminTokensRoutes(adminTokens, mapper),
                    new PeopleRoutes(people, mapper, auditTrail),
                    new SnippetsRoutes(active),
                    new DeploymentRoutes(deployments, reviews, mapper),
                    new ReviewRoutes(reviews, mapper),
                    new SimulatorRoutes(deployments, invokeService, logReader, mapper),
                    new SheetRoutes(deployments),
                    new OrqDeploymentsRoutes(apiKeys, deployments, active, providers),
                    new ModelGardenRoutes(garden, active, mapper),
                    new ProviderRoutes(connections, mapper),
                    new LogsRoutes(logQueries, apiKeys, mapper, () -> deploymentStore.list(new DeploymentQuery(null, null, null)).stream()
                            .collect(java.util.stream.Collectors.toMap(Deployment::key, d -> new AccessRules.Place(d.project(), d.folder())))),
                    new FeedbackRoutes(apiKeys, feedback, logQueries, mapper, clock),
                    new AnalyticsRoutes(new JooqAnalytics(database.dsl(), rollups), deployments, clock),
                    new ExperimentRoutes(new Experiments(deployments, armData(database), clock), mapper),
                    new ResponseCacheRoutes(answerCache, deployments),
                    new SpendSeriesRoutes(new JooqSpendSeries(database.dsl())::daily, active, clock),
                    new MetricsRoutes(requestMetrics, pipelineStats(logs), adminTokens::principal,
                            new QuotaGauges(refusals, quotaStore, quotas)),
                    new QuotaRoutes(quotaStore, quotas, apiKeys, mapper, clock),
                    new AuditRecorder(auditTrail, mapper),
                    new AuditRoutes(auditTrail.audit(), mapper),
                    new OpenApiRoutes(),
                    oidcRoutes(oidc, database, clock, oidcSignIn(people, sessions, auditTrail)));
            Javalin http = HttpServer.create(settings.bind(), settings.port(), mapper, adminTokens::principal, panelSessions, bodyLimit,
                    signIns, access, features);
            try {
                http.start();
            } catch (JavalinBindException e) {
                throw new StartupFailure(e.getMessage() + " (choose another with --port or JUNCTION_PORT)", e);
            }
            Gateway gateway = new Gateway(http, notifications, logPartitions, logs, database, settings.dataDir(), deployments,
                    rollups, providerHttp, quotas, auditTrail, List.of(evaluators, scores));
            Welcome.print(settings, gateway.port(), adminToken, seeded);
            return gateway;
        } catch (RuntimeException e) {
            if (auditTrail != null) auditTrail.close();
            if (notifications != null) notifications.close();
            if (quotas != null) quotas.close();
            Gateway.closeQuietly(evaluators);
            Gateway.closeQuietly(scores);
            if (rollups != null) rollups.close();
            if (logPartitions != null) logPartitions.close();
            if (logs != null) logs.close();
            if (providerHttp != null) providerHttp.close();
            database.close();
            throw e;
        }
    }

    /**
     * Where cached answers are written to the shared tier: one daemon thread behind a queue of
     * {@value #CACHE_WRITE_QUEUE}; when it is full, an answer stays in this instance's memory only (reported by the
     * cache). Writes still queued at shutdown are lost: it is a cache.
     */
    /** The quotas' sync (every 100 ms: allowances, spend, leases), on one daemon thread shared by every gateway in the JVM. */
    private static final java.util.concurrent.ScheduledExecutorService QUOTA_SYNC =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("junction-quotas").daemon(true).factory());

    private static java.util.concurrent.Executor cacheWriter() {
        return new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(CACHE_WRITE_QUEUE),
                Thread.ofPlatform().name("junction-cache-writer").daemon(true).factory(),
                new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
    }

    private static final int CACHE_WRITE_QUEUE = 1_000;

    /** Single sign-on's routes: the flow when configured, else only {@code /auth/oidc/status} (disabled). */
    private static OidcRoutes oidcRoutes(Optional<OidcSettings> oidc, Database database, Clock clock, OidcSignIn signIn) {
        if (oidc.isEmpty()) return OidcRoutes.disabled();
        LOG.info("single sign-on with {}; register the redirect URI {} at the provider", oidc.get().issuer(), oidc.get().redirectUri());
        return OidcRoutes.enabled(new OidcLogin(oidc.get(), new JooqOidcPendingLogins(database.dsl()), clock), signIn);
    }

    /**
     * A person the identity provider vouched for: found by issuer and subject (else linked by email to an account
     * that has no sign-on yet, else created), their SSO grants replaced by the provider's groups, signed in with a
     * database session like a password sign-in, and recorded in the audit trail.
     */
    static OidcSignIn oidcSignIn(People people, Sessions sessions, AuditTrail audit) {
        ObjectMapper mapper = Jackson.mapper().build();
        return (identity, grants, ip, userAgent) -> {
            // the person as they were (found by identity, else the account the email would link): the trail shows
            // what the identity provider's groups changed
            User before = people.list().stream()
                    .filter(u -> identity.issuer().equals(u.oidcIssuer()) && identity.subject().equals(u.oidcSubject()))
                    .findFirst()
                    .or(() -> identity.email() == null ? java.util.Optional.empty() : people.findByEmail(identity.email()))
                    .orElse(null);
            User user;
            try {
                user = people.signInExternal(identity.issuer(), identity.subject(), identity.email(), identity.emailVerified(),
                        identity.name(), grants);
            } catch (dev.junction.engine.deployment.ConflictException e) {
                throw new SignInRefused(403, e.getMessage());
            }
            Sessions.Session session = sessions.open(user, ip, userAgent);
            audit.record(AuditEvent.of(AuditActor.of(user.principal()), "session.sign_in").target("user", user.id().toString())
                    .client(ip, userAgent)
                    .states(before == null ? null : mapper.valueToTree(dev.junction.web.http.PeopleRoutes.view(before)),
                            mapper.valueToTree(dev.junction.web.http.PeopleRoutes.view(user))));
            return new SessionCookie(PanelSessions.COOKIE, session.id(), null);
        };
    }

    /** The log writer's figures for /metrics. */
    /** The numbers of experiments' arms, from the logs, feedback and scores (store). */
    private static dev.junction.engine.experiment.ArmData armData(Database database) {
        JooqArmStats data = new JooqArmStats(database.dsl());
        return (key, rule, from, to, metric, name) -> data.armStats(key, rule, from, to,
                        JooqArmStats.Metric.valueOf(metric.toUpperCase(java.util.Locale.ROOT)), name).stream()
                .map(t -> new dev.junction.engine.experiment.ArmStats(t.arm(), t.n(), t.sum(), t.sumSquares()))
                .toList();
    }

    private static LogPipelineStats pipelineStats(BatchingLogWriter logs) {
        return new LogPipelineStats() {
            @Override public int queued() { return logs.queued(); }
            @Override public long written() { return logs.written(); }
            @Override public long spilled() { return logs.spilled(); }
            @Override public long spillPending() { return logs.spillPending(); }
            @Override public long spillBytes() { return logs.spillBytes(); }
            @Override public long dropped() { return logs.dropped(); }
        };
    }
}
