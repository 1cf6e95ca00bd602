package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RequestFields;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Routing on what the request is, end to end at the engine level: the request fields are derived in
 * {@link InvokeService} before routing, a caller's context cannot set them, the log keeps them with the context (for
 * Replay), and the vision variant's prompt keeps its image part with its URL template filled.
 */
class RequestFieldRoutingTest {
    private static final String PNG = "data:image/png;base64,iVBORw0KGgo=";

    private final Clock clock = Clock.systemUTC();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ActiveDeployments active = new ActiveDeployments();
    private final InvokeService service = new InvokeService(active, logs::add, clock, new Ids(clock));
    private final ScriptedProvider text = new ScriptedProvider("text", ScriptedProvider.Step.answer("a text answer"));
    private final ScriptedProvider vision = new ScriptedProvider("vision", ScriptedProvider.Step.answer("I see a cat"));

    RequestFieldRoutingTest() {
        Variant plain = new Variant("plain", List.of(PromptMessage.system("Answer briefly.")), ModelConfig.of("text", "small"), null, null);
        // The vision variant shows the model a reference picture whose URL is a template: {{catalog}} comes from the inputs.
        Variant seeing = new Variant("vision", List.of(
                PromptMessage.system("Describe what the user shows."),
                PromptMessage.of(Role.USER, List.of(new ContentPart.Text("Our reference for {{sku}}:"),
                        new ContentPart.Image("https://cdn.example.com/{{sku}}.png", "low")))),
                Map.of("sku", "cat-1"), ModelConfig.of("vision", "large"), null, null);
        Variant agent = new Variant("agent", List.of(), ModelConfig.of("text", "agent"), null, null);
        Variant longer = new Variant("long", List.of(), ModelConfig.of("text", "long"), null, null);
        RoutingTable table = new RoutingTable(List.of(
                RoutingRule.of("images", "vision", Condition.of(RequestFields.HAS_IMAGES, Operator.IS, true)),
                RoutingRule.of("tools", "agent", Condition.of(RequestFields.HAS_TOOLS, Operator.IS, true)),
                RoutingRule.of("long", "long", Condition.of(RequestFields.PROMPT_TOKENS, Operator.GT, 1000),
                        Condition.of(RequestFields.TURNS, Operator.GTE, 2))), "plain");
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(plain, seeing, agent, longer), table);
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, new Providers(List.of(text, vision)),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0)));
    }

    private static InvokeRequest request(Map<String, Object> context, List<PromptMessage> messages) {
        return new InvokeRequest("d", context, Map.of(), null, messages, null, Source.SDK);
    }

    @Test
    void a_request_with_an_image_goes_to_the_vision_variant_whose_prompt_keeps_its_own_image() {
        PromptMessage photo = PromptMessage.of(Role.USER, List.of(new ContentPart.Text("What is this?"), new ContentPart.Image(PNG, null)));

        InvokeResult result = service.invoke(request(Map.of("tier", "gold"), List.of(photo)));

        assertThat(result.decision()).isEqualTo(new RoutingDecision.Matched("vision", "images"));
        assertThat(result.response().content()).isEqualTo("I see a cat");
        assertThat(text.calls).isEmpty();
        ChatRequest sent = vision.calls.getFirst().request();
        assertThat(sent.messages()).hasSize(3);
        assertThat(sent.messages().get(1).parts()).containsExactly(new ContentPart.Text("Our reference for cat-1:"),
                new ContentPart.Image("https://cdn.example.com/cat-1.png", "low"));
        assertThat(sent.messages().get(2)).isEqualTo(photo);
        assertThat(logs).singleElement().satisfies(log -> assertThat(log.caller().context())
                .containsEntry("tier", "gold")
                .containsEntry(RequestFields.HAS_IMAGES, true)
                .containsEntry(RequestFields.HAS_FILES, false)
                .containsEntry(RequestFields.TURNS, 1));
    }

    @Test
    void a_text_request_goes_to_the_default_and_its_log_says_it_had_no_image() {
        InvokeResult result = service.invoke(request(Map.of(), List.of(PromptMessage.user("hello"))));

        assertThat(result.decision()).isEqualTo(new RoutingDecision.DefaultMatched("plain"));
        assertThat(vision.calls).isEmpty();
        assertThat(logs.getFirst().caller().context()).containsEntry(RequestFields.HAS_IMAGES, false)
                .containsEntry(RequestFields.HAS_TOOLS, false).containsEntry(RequestFields.PROMPT_TOKENS, 4 + 2);
    }

    @Test
    void the_callers_context_cannot_set_a_request_field() {
        Map<String, Object> spoofed = Map.of(RequestFields.HAS_IMAGES, true, RequestFields.HAS_TOOLS, "true",
                RequestFields.PROMPT_TOKENS, 1_000_000, RequestFields.TURNS, 9, "request.other", "x");

        InvokeResult result = service.invoke(request(spoofed, List.of(PromptMessage.user("hello"))));

        assertThat(result.decision()).isEqualTo(new RoutingDecision.DefaultMatched("plain"));
        assertThat(logs.getFirst().caller().context()).containsEntry(RequestFields.HAS_IMAGES, false)
                .containsEntry(RequestFields.PROMPT_TOKENS, 6).containsEntry(RequestFields.TURNS, 1)
                .doesNotContainKey("request.other");
    }

    @Test
    void a_tool_loop_routes_on_has_tools_and_a_long_conversation_on_prompt_tokens_and_turns() {
        List<PromptMessage> loop = List.of(PromptMessage.user("weather in Paris?"),
                PromptMessage.toolCalls("", List.of(new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}")), null),
                PromptMessage.toolResult("call_1", "{\"celsius\":21}"));
        assertThat(service.invoke(request(Map.of(), loop)).decision()).isEqualTo(new RoutingDecision.Matched("agent", "tools"));

        String page = "x".repeat(4000); // 1000 tokens by the estimate, plus 4 for the message
        assertThat(service.invoke(request(Map.of(), List.of(PromptMessage.user(page)))).decision())
                .as("one turn is not enough").isEqualTo(new RoutingDecision.DefaultMatched("plain"));
        assertThat(service.invoke(request(Map.of(), List.of(PromptMessage.user(page), PromptMessage.assistant("ok"),
                PromptMessage.user("and?")))).decision()).isEqualTo(new RoutingDecision.Matched("long", "long"));
    }

    @Test
    void an_input_that_makes_the_image_url_something_else_is_refused_naming_the_input() {
        PromptMessage photo = PromptMessage.of(Role.USER, List.of(new ContentPart.Image(PNG, null)));
        InvokeRequest request = new InvokeRequest("d", Map.of(), Map.of("sku", "x/../../etc"), null, List.of(photo), null, Source.SDK);
        assertThat(service.invoke(request).decision().variant()).as("a path is still an https URL").isEqualTo("vision");

        Variant byInput = new Variant("v", List.of(PromptMessage.of(Role.USER, List.of(new ContentPart.Image("{{photo}}", null)))),
                ModelConfig.of("vision", "large"), null, null);
        VariantPlan plan = new VariantPlan(byInput, List.of());
        assertThat(plan.render(InvokeRequest.of("d", Map.of(), Map.of("photo", PNG))).getFirst().parts())
                .containsExactly(new ContentPart.Image(PNG, null));
        assertThatThrownBy(() -> plan.render(InvokeRequest.of("d", Map.of(), Map.of("photo", "file:///etc/passwd"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(FieldError::path)
                        .containsExactly("inputs.photo"));
        assertThatThrownBy(() -> plan.render(InvokeRequest.of("d", Map.of(), Map.of("photo", "data:image/png;base64,???"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().getFirst().message())
                        .contains("{{photo}}", "not valid base64"));
        assertThatThrownBy(() -> plan.render(InvokeRequest.of("d", Map.of(), Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().getFirst().message())
                        .startsWith("missing"));
    }
}
