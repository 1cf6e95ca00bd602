package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ContextField;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.util.List;

/** Deployments the OpenAI-compatible endpoint's tests invoke, deployed through the gateway's own deploy flow. */
final class ChatCompletionsFixtures {
    /** Simulator echo; {@code tier=gold} routes to the variant "gold". The answer echoes the prompt, one line per message. */
    static final String CHAT = "oai-chat";
    /** Every option fails before any text (simulator {@code broken}, no fallback). */
    static final String BROKEN = "oai-broken";
    /** Its prompt needs the input {@code question}. */
    static final String NEEDS_INPUT = "oai-needs-input";
    /** Answers from the Anthropic connection named "anthropic" (a loopback stub). */
    static final String ON_STUB = "oai-on-stub";

    private ChatCompletionsFixtures() {}

    static void deployAll(LiveGateway live, String admin) {
        Variant standard = new Variant("standard", List.of(PromptMessage.system("Be brief.")), ModelConfig.of("simulator", "echo"), null, null);
        Variant gold = new Variant("gold", List.of(PromptMessage.system("Gold service.")), ModelConfig.of("simulator", "echo"), null, null);
        deploy(live, new DeploymentSpec(CHAT, "", "shop", "support", List.of(new ContextField("tier", FieldType.STRING, "")),
                List.of(standard, gold),
                new RoutingTable(List.of(new RoutingRule("gold", List.of(Condition.equalsTo("tier", "gold")), "gold", true, "")), "standard"),
                List.of()));
        deploy(live, new DeploymentSpec(BROKEN, "", List.of(new Variant("main", List.of(PromptMessage.system("x")),
                ModelConfig.of("simulator", "broken"), null, null)), new RoutingTable(List.of(), "main")));
        deploy(live, new DeploymentSpec(NEEDS_INPUT, "", List.of(new Variant("main", List.of(PromptMessage.user("{{question}}")),
                ModelConfig.of("simulator", "echo"), null, null)), new RoutingTable(List.of(), "main")));
    }

    /** Connects "anthropic" to {@code stub} and deploys {@link #ON_STUB} on it (a fallback on the simulator, never used after the first token). */
    static void deployOnStub(LiveGateway live, String admin, AnthropicStreamStub stub) {
        connect(live, admin, stub);
        assertThat(live.client().post("/api/models/anthropic/claude-haiku-4-5/activate", admin, "").status()).isEqualTo(200);
        deploy(live, new DeploymentSpec(ON_STUB, "", List.of(new Variant("main", List.of(PromptMessage.system("Be brief.")),
                ModelConfig.of("anthropic", "claude-haiku-4-5"), ModelConfig.of("simulator", "echo"), null)),
                new RoutingTable(List.of(), "main")));
    }

    /** Points the connection "anthropic" at {@code stub} (live: the next request goes there). */
    static void connect(LiveGateway live, String admin, AnthropicStreamStub stub) {
        TestClient.Response saved = live.client().put("/api/providers/anthropic", admin,
                "{\"kind\":\"anthropic\",\"baseUrl\":\"" + stub.baseUrl() + "\",\"apiKey\":\"sk-ant-test\"}");
        assertThat(saved.status()).as(saved.body()).isIn(200, 201);
    }

    private static void deploy(LiveGateway live, DeploymentSpec spec) {
        live.gateway().deployments().create(spec, "t");
        live.gateway().deployments().deploy(spec.key(), null, "t", "");
    }

    static String body(String deployment, String extra) {
        return "{\"model\":\"" + deployment + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }
}
