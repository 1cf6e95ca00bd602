package dev.junction.web;

import dev.junction.engine.invoke.InvokeLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the gateway runs. Every setting is a flag of {@code serve} and an environment variable; a flag wins.
 *
 * @param databaseUrl an external PostgreSQL JDBC URL, or null for the embedded server in {@code dataDir}
 * @param adminToken  the admin bearer token, or null to use (or create) {@code dataDir/admin-token}
 * @param secretKey   base64 of the 32-byte key that encrypts provider API keys at rest, or null to use (or
 *                    create) {@code dataDir/secret-key}
 * @param logs        the request log pipeline: retention, journal bound on disk, memory budget, body bound
 * @param http        request body limits
 */
public record Settings(int port, String bind, Path dataDir, String databaseUrl, String adminToken,
                       String openAiBaseUrl, String openAiApiKey, String secretKey, InvokeLimits limits,
                       LogSettings logs, HttpSettings http, GuardSettings guards) {
    /** The shortest admin token accepted from the command line or the environment. */
    static final int MIN_ADMIN_TOKEN = 24;

    /**
     * @param maxBodyMb    the largest request body, in MiB (JUNCTION_MAX_BODY_MB)
     * @param bodyBudgetMb the most body bytes of large requests held in memory at once, in MiB (JUNCTION_BODY_BUDGET_MB)
     */
    public record HttpSettings(long maxBodyMb, long bodyBudgetMb) {
        /** 32 MiB, Anthropic's request limit: room for images and PDFs sent inline as base64, and 1M-token prompts. */
        public static final HttpSettings DEFAULTS = new HttpSettings(32, 256);

        public long maxBodyBytes() { return maxBodyMb << 20; }
        public long bodyBudgetBytes() { return bodyBudgetMb << 20; }
    }

    /**
     * @param retentionDays days of request logs kept (whole daily partitions are dropped after); 0 keeps them all
     * @param spillMaxMb    the most the journal of request logs (DATA_DIR/log-spill) may hold on disk
     * @param memoryMb      the most request log entries may hold in memory; entries beyond it are dropped
     * @param bodyMaxKb     each text of a log row is kept up to this many KB (cut beyond, with its size and SHA-256); 0 keeps whole
     */
    public record LogSettings(int retentionDays, long spillMaxMb, long memoryMb, int bodyMaxKb) {
        public static final LogSettings DEFAULTS = new LogSettings(90, 1024, 64, 32);
    }

    /**
     * @param calloutHosts the hosts ({@code host} or {@code host:port}) guardrails of kind {@code http} may call
     *                     (JUNCTION_GUARDRAIL_CALLOUT_HOSTS, comma-separated; none by default)
     * @param evaluatorThreads threads scoring answers for evaluators, off the request path (JUNCTION_EVALUATOR_THREADS)
     */
    public record GuardSettings(java.util.Set<String> calloutHosts, int evaluatorThreads) {
        public static final GuardSettings DEFAULTS = new GuardSettings(java.util.Set.of(), 2);
    }

    public Settings {
        limits = limits == null ? InvokeLimits.DEFAULTS : limits;
        logs = logs == null ? LogSettings.DEFAULTS : logs;
        http = http == null ? HttpSettings.DEFAULTS : http;
        guards = guards == null ? GuardSettings.DEFAULTS : guards;
    }

    public Settings(int port, String bind, Path dataDir, String databaseUrl, String adminToken,
                    String openAiBaseUrl, String openAiApiKey, String secretKey, InvokeLimits limits,
                    LogSettings logs, HttpSettings http) {
        this(port, bind, dataDir, databaseUrl, adminToken, openAiBaseUrl, openAiApiKey, secretKey, limits, logs, http, null);
    }

    public Settings(int port, String bind, Path dataDir, String databaseUrl, String adminToken,
                    String openAiBaseUrl, String openAiApiKey, String secretKey, InvokeLimits limits) {
        this(port, bind, dataDir, databaseUrl, adminToken, openAiBaseUrl, openAiApiKey, secretKey, limits, null, null);
    }

    public Settings(int port, String bind, Path dataDir, String databaseUrl, String adminToken,
                    String openAiBaseUrl, String openAiApiKey, String secretKey) {
        this(port, bind, dataDir, databaseUrl, adminToken, openAiBaseUrl, openAiApiKey, secretKey, null);
    }

    public Settings(int port, String bind, Path dataDir, String databaseUrl, String adminToken,
                    String openAiBaseUrl, String openAiApiKey) {
        this(port, bind, dataDir, databaseUrl, adminToken, openAiBaseUrl, openAiApiKey, null);
    }

    /** The settings, as {@code --help} lists them; the launcher prints the same file from the source tree. */
    public static final String HELP = "Usage: junction <command> [options]\n\nCommands:\n"
            + "  serve        start the gateway\n"
            + "  rules test FILE [--report junit.xml]\n"
            + "               run the routing tests of an exported deployment (no server needed)\n"
            + "  audit verify [--from-checkpoint SEQ:HASH] [--json]\n"
            + "               check the audit trail's hash chain (the database of serve's settings)\n"
            + "  help         show this text\n\n" + settingsHelp();

    private static String settingsHelp() {
        try (var in = Settings.class.getResourceAsStream("settings-help.txt")) {
            if (in == null) throw new IllegalStateException("settings-help.txt is missing from the jar");
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Thrown for a command line or environment the gateway cannot run with; the message says why. */
    public static final class InvalidSettings extends RuntimeException {
        public InvalidSettings(String message) {
            super(message);
        }
    }

    /** Reads the flags that follow {@code serve}, then the environment for whatever they leave unset. */
    public static Settings parse(List<String> args, Map<String, String> env) {
        Map<String, String> flags = new java.util.HashMap<>();
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) throw new InvalidSettings("unexpected argument '" + arg + "'");
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= rest.size()) throw new InvalidSettings("--" + name + " needs a value");
                value = rest.get(++i);
            }
            if (!List.of("port", "bind", "data-dir", "database-url", "admin-token").contains(name)) {
                throw new InvalidSettings("unknown option --" + name + " (see --help)");
            }
            flags.put(name, value);
        }
        String port = pick(flags, "port", env, "JUNCTION_PORT", "8080");
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettings("port must be a number, got '" + port + "'");
        }
        if (portNumber < 0 || portNumber > 65535) throw new InvalidSettings("port must be 0 to 65535, got " + portNumber);
        String databaseUrl = blankToNull(pick(flags, "database-url", env, "JUNCTION_DATABASE_URL", null));
        if (databaseUrl != null && !databaseUrl.startsWith("jdbc:postgresql:")) {
            throw new InvalidSettings("database URL must start with jdbc:postgresql: (got '" + databaseUrl.split("\\?")[0] + "')");
        }
        String adminToken = blankToNull(pick(flags, "admin-token", env, "JUNCTION_ADMIN_TOKEN", null));
        if (adminToken != null && adminToken.strip().length() < MIN_ADMIN_TOKEN) {
            throw new InvalidSettings((flags.containsKey("admin-token") ? "--admin-token" : "JUNCTION_ADMIN_TOKEN") + " must be at least "
                    + MIN_ADMIN_TOKEN + " characters (it guards the whole panel API), got " + adminToken.strip().length()
                    + "; e.g. openssl rand -base64 32, or leave it unset to have one generated into DATA_DIR/admin-token");
        }
        return new Settings(
                portNumber,
                pick(flags, "bind", env, "JUNCTION_BIND", "127.0.0.1"),
                Path.of(pick(flags, "data-dir", env, "JUNCTION_DATA_DIR", "data")).toAbsolutePath().normalize(),
                databaseUrl,
                adminToken,
                blankToNull(env.get("OPENAI_BASE_URL")),
                blankToNull(env.get("OPENAI_API_KEY")),
                blankToNull(env.get("JUNCTION_SECRET_KEY")),
                limits(env),
                logSettings(env),
                httpSettings(env),
                guardSettings(env));
    }

    /** Guardrail callouts and evaluators, from JUNCTION_GUARDRAIL_CALLOUT_HOSTS and JUNCTION_EVALUATOR_THREADS. */
    private static GuardSettings guardSettings(Map<String, String> env) {
        java.util.Set<String> hosts = new java.util.LinkedHashSet<>();
        String raw = env.get("JUNCTION_GUARDRAIL_CALLOUT_HOSTS");
        if (raw != null) {
            for (String h : raw.split(",")) {
                String host = h.strip().toLowerCase(java.util.Locale.ROOT);
                if (host.isEmpty()) continue;
                if (!host.matches("[a-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9a-f:.]+\\](:[0-9]{1,5})?")) {
                    throw new InvalidSettings("JUNCTION_GUARDRAIL_CALLOUT_HOSTS: '" + host + "' is not a host or host:port");
                }
                hosts.add(host);
            }
        }
        long threads = number(env, "JUNCTION_EVALUATOR_THREADS", GuardSettings.DEFAULTS.evaluatorThreads());
        if (threads < 1 || threads > 64) throw new InvalidSettings("JUNCTION_EVALUATOR_THREADS must be 1 to 64, got " + threads);
        return new GuardSettings(java.util.Set.copyOf(hosts), (int) threads);
    }

    /** Request body limits, from JUNCTION_MAX_BODY_MB and JUNCTION_BODY_BUDGET_MB. */
    private static HttpSettings httpSettings(Map<String, String> env) {
        long max = number(env, "JUNCTION_MAX_BODY_MB", HttpSettings.DEFAULTS.maxBodyMb());
        if (max < 1 || max > 2047) throw new InvalidSettings("JUNCTION_MAX_BODY_MB must be 1 to 2047 (MiB), got " + max);
        long budget = number(env, "JUNCTION_BODY_BUDGET_MB", Math.max(HttpSettings.DEFAULTS.bodyBudgetMb(), max));
        if (budget < max || budget > (1L << 30)) {
            throw new InvalidSettings("JUNCTION_BODY_BUDGET_MB must be at least JUNCTION_MAX_BODY_MB (" + max + "), got " + budget);
        }
        return new HttpSettings(max, budget);
    }

    /** The request log pipeline, from JUNCTION_LOG_RETENTION_DAYS, JUNCTION_LOG_SPILL_MAX_MB, JUNCTION_LOG_MEMORY_MB and JUNCTION_LOG_BODY_MAX_KB. */
    private static LogSettings logSettings(Map<String, String> env) {
        long retention = number(env, "JUNCTION_LOG_RETENTION_DAYS", LogSettings.DEFAULTS.retentionDays());
        if (retention < 0 || retention > 100_000) {
            throw new InvalidSettings("JUNCTION_LOG_RETENTION_DAYS must be 0 (keep all) or a number of days, got " + retention);
        }
        long spillMb = number(env, "JUNCTION_LOG_SPILL_MAX_MB", LogSettings.DEFAULTS.spillMaxMb());
        if (spillMb < 0) throw new InvalidSettings("JUNCTION_LOG_SPILL_MAX_MB must be 0 or more, got " + spillMb);
        long memoryMb = number(env, "JUNCTION_LOG_MEMORY_MB", LogSettings.DEFAULTS.memoryMb());
        if (memoryMb < 1 || memoryMb > 1L << 20) {
            throw new InvalidSettings("JUNCTION_LOG_MEMORY_MB must be 1 to 1048576 (MB), got " + memoryMb);
        }
        long bodyKb = number(env, "JUNCTION_LOG_BODY_MAX_KB", LogSettings.DEFAULTS.bodyMaxKb());
        if (bodyKb < 0 || bodyKb > 1_048_576) {
            throw new InvalidSettings("JUNCTION_LOG_BODY_MAX_KB must be 0 (keep whole) to 1048576 (1 GB), got " + bodyKb);
        }
        return new LogSettings((int) retention, spillMb, memoryMb, (int) bodyKb);
    }

    /** The invoke path's time limits and circuit breaking, from JUNCTION_*_MS and JUNCTION_BREAKER_FAILURES. */
    private static InvokeLimits limits(Map<String, String> env) {
        InvokeLimits d = InvokeLimits.DEFAULTS;
        try {
            return new InvokeLimits(
                    millis(env, "JUNCTION_ATTEMPT_TIMEOUT_MS", d.attemptTimeout()),
                    millis(env, "JUNCTION_DEADLINE_MS", d.deadline()),
                    millis(env, "JUNCTION_FIRST_TOKEN_TIMEOUT_MS", d.firstTokenTimeout()),
                    millis(env, "JUNCTION_MAX_RETRY_AFTER_MS", d.maxRetryAfter()),
                    (int) number(env, "JUNCTION_BREAKER_FAILURES", d.breakerFailures()),
                    millis(env, "JUNCTION_BREAKER_OPEN_MS", d.breakerOpenFor()));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettings(e.getMessage());
        }
    }

    private static java.time.Duration millis(Map<String, String> env, String var, java.time.Duration fallback) {
        long ms = number(env, var, fallback.toMillis());
        if (ms > InvokeLimits.LONGEST.toMillis()) {
            throw new InvalidSettings(var + " must be at most " + InvokeLimits.LONGEST.toMillis() + " (a day), got " + ms);
        }
        return java.time.Duration.ofMillis(ms);
    }

    private static long number(Map<String, String> env, String var, long fallback) {
        String v = env.get(var);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettings(var + " must be a whole number, got '" + v + "'");
        }
    }

    /** Never prints a secret (admin token, OpenAI key, secret key). */
    @Override
    public String toString() {
        return "Settings[port=" + port + ", bind=" + bind + ", dataDir=" + dataDir + ", databaseUrl="
                + (databaseUrl == null ? null : databaseUrl.split("\\?")[0]) + ", adminToken=" + mask(adminToken)
                + ", openAiBaseUrl=" + openAiBaseUrl + ", openAiApiKey=" + mask(openAiApiKey) + ", secretKey=" + mask(secretKey) + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "none" : "***";
    }

    public Settings withPort(int newPort) {
        return new Settings(newPort, bind, dataDir, databaseUrl, adminToken, openAiBaseUrl, openAiApiKey, secretKey, limits, logs, http);
    }

    public Settings withHttp(HttpSettings newHttp) {
        return new Settings(port, bind, dataDir, databaseUrl, adminToken, openAiBaseUrl, openAiApiKey, secretKey, limits, logs, newHttp);
    }

    private static String pick(Map<String, String> flags, String flag, Map<String, String> env, String var, String fallback) {
        if (flags.containsKey(flag)) return flags.get(flag);
        String fromEnv = env.get(var);
        return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
