package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolChoice;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.invoke.ActiveDeployment;
import dev.junction.engine.invoke.ActiveDeployments;
import dev.junction.engine.invoke.ConfigService;
import dev.junction.engine.invoke.InvokeLimits;
import dev.junction.engine.invoke.InvokeRuntime;
import dev.junction.engine.invoke.InvokeService;
import dev.junction.engine.invoke.RetrySettings;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.StreamSink;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.routing.RoutingExplainer;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import dev.junction.engine.support.Jackson;
import dev.junction.web.openai.ChatCompletionRequests;
import dev.junction.web.orq.OrqRequests;
import dev.junction.web.panel.PanelSessions;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Both front doors on a real HTTP server (the production routes, responder, parsers and encoders, and the real
 * {@link InvokeService}) over a provider that behaves as a tool-calling model: asked with a user turn, it calls
 * {@code get_weather} (with reasoning and a reasoning signature, reasoning tokens in its usage; streamed, the call
 * arrives as a first piece with id and name, then argument fragments); asked after a tool result, it answers with
 * that result in its text; asked for JSON ({@code response_format}), it answers JSON. The provider is scripted so that
 * the doors are tested whatever the adapters do; every request it gets is kept for assertions. Deployment
 * {@value #KEY}, whose variant has the {@code get_weather} tool.
 */
public final class ToolLoopDoors implements AutoCloseable {
    public static final String KEY = "agent";
    public static final String CONFIGURED = "configured";
    public static final String ARGUMENTS = "{\"city\":\"Paris\"}";
    public static final String JSON_ANSWER = "{\"city\":\"Paris\",\"celsius\":18}";
    static final Map<String, Object> CITY = Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
            "required", List.of("city"));

    private final Javalin server;
    public final List<ChatRequest> calls = new CopyOnWriteArrayList<>();
    public final String apiKey;

    public ToolLoopDoors() {
        this(null);
    }

    /**
     * The doors over {@code provider}, a real adapter (its calls recorded in {@link #calls} on the way), in place of
     * the scripted model: deployment {@value #KEY}'s variant then calls model {@code tool-model} through it.
     */
    public ToolLoopDoors(ProviderAdapter provider) {
        Clock clock = Clock.systemUTC();
        ObjectMapper mapper = Jackson.mapper().build();
        Ids ids = new Ids(clock);
        ApiKeys keys = new ApiKeys(new dev.junction.web.MemoryApiKeyStore(), clock, ids);
        apiKey = keys.create("doors").key();
        ProviderAdapter model = provider == null ? new ToolModel() : new Recording(provider);
        ModelConfig primary = ModelConfig.of(model.name(), "tool-model")
                .withParameters(ModelParameters.DEFAULTS.withTools(List.of(new ToolSpec("get_weather", "The weather in a city now", CITY))));
        Variant variant = new Variant("main", List.of(PromptMessage.system("You are a weather agent.")), null, primary, null, null);
        DeploymentSpec spec = new DeploymentSpec(KEY, "", null, null, null, List.of(variant), RoutingTable.defaultOnly("main"), null, null);
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        InvokeRuntime runtime = InvokeRuntime.of(new Providers(List.of(model)),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0), InvokeLimits.DEFAULTS, new InMemoryModelCatalog(List.of()));
        ActiveDeployments active = new ActiveDeployments();
        active.put(ActiveDeployment.build(version, (name, table, schema) -> context -> RoutingExplainer.decide(table, schema, context), runtime));
        active.put(ActiveDeployment.build(configured(model.name()), (name, table, schema) -> context -> RoutingExplainer.decide(table, schema, context), runtime));
        InvokeResponder responder = new InvokeResponder(keys, new InvokeService(active, log -> { }, clock, ids), mapper, new QuotaRefusals());
        dev.junction.web.MemoryUserStore users = new dev.junction.web.MemoryUserStore();
        dev.junction.engine.access.People people = new dev.junction.engine.access.People(users, clock, ids);
        dev.junction.engine.access.AdminTokens none = new dev.junction.engine.access.AdminTokens(new dev.junction.web.MemoryAdminTokens(), clock, ids, token -> false);
        server = HttpServer.create("127.0.0.1", 0, mapper, token -> Optional.empty(),
                new PanelSessions(new dev.junction.engine.access.Sessions(users, people, none, clock), people), new BodyLimit(32L << 20, 256L << 20),
                new SignInThrottle(5, Duration.ofMinutes(1), 100, clock), new AccessRules(key -> Optional.empty(), mapper),
                List.of(new InvokeRoutes(new OrqRequests(mapper), responder, clock),
                        new ConfigRoutes(keys, new OrqRequests(mapper), new ConfigService(active, ids)),
                        new ChatCompletionsRoutes(new ChatCompletionRequests(mapper), responder)))
                .start();
    }

    /**
     * Deployment {@value #CONFIGURED}: a variant whose prompt holds an image and a file part and a past tool call with
     * its result, and whose model has a strict tool, a forced tool choice, a {@code json_schema} response format, a
     * reasoning effort and a thinking budget: what {@code get_config} must show.
     */
    private static DeploymentVersion configured(String provider) {
        ModelParameters parameters = new ModelParameters(null, 4096, null, null, null, null, null, null,
                Map.of("type", "json_schema", "json_schema", Map.of("name", "weather", "strict", true, "schema", CITY)),
                List.of(new ToolSpec("get_weather", "The weather in a city now", CITY, true)), ToolChoice.function("get_weather"),
                false, "low", 2048);
        List<PromptMessage> prompt = List.of(PromptMessage.system("You are a weather agent."),
                PromptMessage.of(Role.USER, List.of(new ContentPart.Text("Where is this?"),
                        new ContentPart.Image("https://example.com/paris.jpg", "low"),
                        new ContentPart.File("data:application/pdf;base64,JVBERi0=", null, null, "guide.pdf"))),
                PromptMessage.toolCalls("", List.of(new ToolCall("call_0", "get_weather", ARGUMENTS)), null),
                PromptMessage.toolResult("call_0", "18C"));
        Variant variant = new Variant("main", prompt, null, ModelConfig.of(provider, "tool-model").withParameters(parameters), null, null);
        DeploymentSpec spec = new DeploymentSpec(CONFIGURED, "", null, null, null, List.of(variant), RoutingTable.defaultOnly("main"), null, null);
        return new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h2", spec, "t", "", Instant.now());
    }

    public int port() {
        return server.port();
    }

    /** The messages of the last call, as the provider got them. */
    public List<PromptMessage> lastMessages() {
        return calls.getLast().messages();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A real adapter whose every request is kept in {@link #calls}. */
    private final class Recording implements ProviderAdapter {
        private final ProviderAdapter real;

        Recording(ProviderAdapter real) {
            this.real = real;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public String orqProvider() {
            return real.orqProvider();
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            calls.add(request);
            return real.chat(request);
        }

        @Override
        public ChatResponse stream(ChatRequest request, StreamSink sink) {
            calls.add(request);
            return real.stream(request, sink);
        }
    }

    /** The scripted model (see the class comment). */
    private final class ToolModel implements ProviderAdapter {
        @Override
        public String name() {
            return "tool-model";
        }

        @Override
        public String orqProvider() {
            return "openai";
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            calls.add(request);
            PromptMessage last = request.messages().getLast();
            Usage usage = new Usage(40, 12, 0, 7);
            String format = request.parameters().responseFormatType();
            if ("json_object".equals(format) || "json_schema".equals(format)) {
                return new ChatResponse(JSON_ANSWER, "stop", usage, "tool-model");
            }
            if (last.role() == Role.TOOL) {
                return new ChatResponse("In Paris: " + last.content(), "stop", usage, "tool-model");
            }
            return new ChatResponse("", ChatResponse.TOOL_CALLS, usage, "tool-model",
                    List.of(new ToolCall("call_" + calls.size(), "get_weather", ARGUMENTS)),
                    List.of(Reasoning.text("The user wants the weather.", "sig-1")));
        }

        /** As a provider streams: reasoning, then the call's first piece (id, name), then its arguments in two fragments. */
        @Override
        public ChatResponse stream(ChatRequest request, StreamSink sink) {
            ChatResponse r = chat(request);
            List<StreamPiece> pieces = new ArrayList<>();
            for (StreamPiece p : ProviderAdapter.pieces(r)) {
                if (p instanceof StreamPiece.ToolCallDelta d) {
                    pieces.add(new StreamPiece.ToolCallDelta(d.index(), d.id(), d.name(), ""));
                    pieces.add(new StreamPiece.ToolCallDelta(d.index(), null, null, d.arguments().substring(0, 8)));
                    pieces.add(new StreamPiece.ToolCallDelta(d.index(), null, null, d.arguments().substring(8)));
                } else {
                    pieces.add(p);
                }
            }
            pieces.forEach(sink::accept);
            return r;
        }
    }
}
