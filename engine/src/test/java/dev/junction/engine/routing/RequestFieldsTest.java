package dev.junction.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestFieldsTest {
    private static final PromptMessage TEXT = PromptMessage.user("hello"); // 2 tokens + 4

    @Test
    void a_text_request_has_no_media_no_tools_one_turn_and_its_estimated_tokens() {
        RequestFields.Values v = RequestFields.of(List.of(PromptMessage.system("be kind")), List.of(TEXT), Map.of("q", "abcdefgh"), null);

        assertThat(v).isEqualTo(new RequestFields.Values(false, false, false, false, (4 + 2) + (4 + 2) + 2, 1));
    }

    @Test
    void each_kind_of_part_sets_its_flag_in_the_prefix_messages_or_the_messages() {
        PromptMessage image = PromptMessage.of(Role.USER, List.of(new ContentPart.Image("https://x.test/a.png", null)));
        PromptMessage file = PromptMessage.of(Role.USER, List.of(new ContentPart.File(null, "gs://b/a.pdf", "application/pdf", null)));
        PromptMessage audio = PromptMessage.of(Role.USER, List.of(new ContentPart.Audio("UklGRg==", "wav")));

        assertThat(RequestFields.of(List.of(image), List.of(), Map.of(), null).hasImages()).isTrue();
        assertThat(RequestFields.of(List.of(), List.of(file), Map.of(), null))
                .extracting(RequestFields.Values::hasImages, RequestFields.Values::hasFiles, RequestFields.Values::hasAudio)
                .containsExactly(false, true, false);
        assertThat(RequestFields.of(List.of(), List.of(TEXT, audio), Map.of(), null))
                .extracting(RequestFields.Values::hasAudio, RequestFields.Values::turns).containsExactly(true, 2);
    }

    @Test
    void tools_come_from_the_request_or_a_tool_loop_in_the_conversation() {
        assertThat(RequestFields.of(List.of(), List.of(TEXT), Map.of(), List.of()).hasTools()).isFalse();
        assertThat(RequestFields.of(List.of(), List.of(TEXT), Map.of(), List.of(new ToolSpec("f", null, null, null))).hasTools()).isTrue();
        assertThat(RequestFields.of(List.of(), List.of(PromptMessage.toolResult("c1", "42")), Map.of(), null).hasTools()).isTrue();
        assertThat(RequestFields.of(List.of(), List.of(PromptMessage.toolCalls("", List.of(
                new dev.junction.engine.deployment.ToolCall("c1", "f", "{}")), null)), Map.of(), null))
                .extracting(RequestFields.Values::hasTools, RequestFields.Values::turns).containsExactly(true, 0);
    }

    @Test
    void structured_inputs_count_their_text_without_being_serialised() {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("doc", Map.of("title", "abcd", "pages", List.of("abcdefgh", 12345678)));
        inputs.put("none", null);
        // keys "title" (2) and "pages" (2), "abcd" (1), "abcdefgh" (2), 12345678 (2)
        assertThat(RequestFields.of(List.of(), List.of(), inputs, null).promptTokens()).isEqualTo(9);
    }

    @Test
    void the_routing_context_drops_the_callers_request_keys_and_holds_the_derived_values() {
        Map<String, Object> caller = Map.of("tier", "gold", "request.has_images", true, "request.made_up", 1);

        Map<String, Object> context = RequestFields.routingContext(caller, RequestFields.of(List.of(), List.of(TEXT), Map.of(), null));

        assertThat(context).containsOnlyKeys("tier", RequestFields.HAS_IMAGES, RequestFields.HAS_FILES, RequestFields.HAS_AUDIO,
                RequestFields.HAS_TOOLS, RequestFields.PROMPT_TOKENS, RequestFields.TURNS);
        assertThat(context).containsEntry(RequestFields.HAS_IMAGES, false).containsEntry(RequestFields.TURNS, 1);
        assertThat(caller).containsEntry("request.has_images", true);
    }

    @Test
    void the_schema_gives_request_fields_their_fixed_types_whatever_it_declares() {
        RoutingSchema schema = new RoutingSchema(Map.of(RequestFields.HAS_IMAGES, FieldType.STRING, "tier", FieldType.STRING));

        assertThat(schema.typeOf(RequestFields.HAS_IMAGES)).isEqualTo(FieldType.BOOLEAN);
        assertThat(RoutingSchema.STRINGS.typeOf(RequestFields.PROMPT_TOKENS)).isEqualTo(FieldType.NUMBER);
        assertThat(RoutingSchema.STRINGS.typeOf(RequestFields.TURNS)).isEqualTo(FieldType.NUMBER);
        assertThat(RoutingSchema.STRINGS.typeOf("request.made_up")).isEqualTo(FieldType.STRING);
        assertThat(RequestFields.TYPES).hasSize(6);
    }

    @Test
    void the_reference_router_and_the_explanation_read_request_fields_as_their_types() {
        RoutingTable table = new RoutingTable(List.of(
                RoutingRule.of("big", "long", Condition.of(RequestFields.PROMPT_TOKENS, Operator.GT, 1000)),
                RoutingRule.of("img", "vision", Condition.of(RequestFields.HAS_IMAGES, Operator.IS, true))), "plain");
        Map<String, Object> context = Map.of(RequestFields.PROMPT_TOKENS, 20, RequestFields.HAS_IMAGES, true);

        assertThat(RoutingExplainer.decide(table, RoutingSchema.STRINGS, context)).isEqualTo(new RoutingDecision.Matched("vision", "img"));
        assertThat(RoutingExplainer.explain(table, RoutingSchema.STRINGS, context).getFirst().conditions().getFirst().held()).isFalse();
        assertThat(RoutingCaseRunner.run(ctx -> RoutingExplainer.decide(table, RoutingSchema.STRINGS, ctx), List.of(
                new RoutingCase("long prompt", Map.of(RequestFields.PROMPT_TOKENS, 5000), "long", "big"),
                new RoutingCase("short prompt", Map.of(RequestFields.PROMPT_TOKENS, 999), "plain", RoutingCase.DEFAULT_RULE))))
                .allMatch(RoutingCaseRunner.Result::passed);
    }

    @Test
    void replay_routes_the_request_fields_the_log_kept_with_the_context() {
        RoutingTable table = new RoutingTable(List.of(
                RoutingRule.of("img", "vision", Condition.of(RequestFields.HAS_IMAGES, Operator.IS, true))), "plain");
        Map<String, Object> logged = RequestFields.routingContext(Map.of("tier", "gold"), new RequestFields.Values(true, false, false, false, 900, 1));
        List<dev.junction.engine.log.RoutedRequest> requests = List.of(
                new dev.junction.engine.log.RoutedRequest(java.util.UUID.randomUUID(), java.time.Instant.now(), logged, "plain", null),
                new dev.junction.engine.log.RoutedRequest(java.util.UUID.randomUUID(), java.time.Instant.now(), Map.of("tier", "gold"), "plain", null));

        Replay.Report report = Replay.run(ctx -> RoutingExplainer.decide(table, RoutingSchema.STRINGS, ctx), requests);

        assertThat(report.changed()).as("only the request logged with an image moves; one logged before request fields stays").isEqualTo(1);
        assertThat(report.changes().getFirst().after()).isEqualTo("vision");
    }
}
