package dev.junction.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A log entry shown to someone without the bodies permission keeps nothing the caller sent or the model answered. */
class WithoutBodiesTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    @SuppressWarnings("unchecked")
    void tool_calls_and_reasoning_go_from_every_attempt_and_the_top_level() throws Exception {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", "r1");
        entry.put("inputs", Map.of("question", "secret question"));
        entry.put("messages", List.of(Map.of("role", "user", "content", "secret question")));
        entry.put("answer", "secret answer");
        entry.put("request", Map.of("inputs", Map.of("question", "secret question")));
        entry.put("toolCalls", List.of(Map.of("id", "c1", "name", "lookup", "arguments", "{\"card\":\"4111 secret\"}")));
        entry.put("reasoning", "secret thoughts");
        entry.put("attempts", List.of(
                Map.of("option", "primary", "success", false, "reason", "timeout", "error", "read timed out"),
                Map.of("option", "fallback", "success", true, "toolCalls",
                        List.of(Map.of("id", "c1", "name", "lookup", "arguments", "{\"card\":\"4111 secret\"}")),
                        "reasoning", "secret thoughts", "reasoningTokens", 12)));
        entry.put("context", Map.of("tier", "gold"));

        Map<String, Object> shown = LogsRoutes.withoutBodies(entry);
        String json = mapper.writeValueAsString(shown);

        assertThat(json).doesNotContain("secret");
        assertThat(shown).containsEntry("bodiesHidden", true).containsEntry("context", Map.of("tier", "gold"));
        List<?> attempts = (List<?>) shown.get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat((Map<Object, Object>) attempts.get(0)).containsEntry("reason", "timeout").containsEntry("error", "read timed out");
        assertThat((Map<Object, Object>) attempts.get(1)).containsEntry("reasoningTokens", 12).doesNotContainKeys("toolCalls", "reasoning");
    }

    @Test
    void attempts_cut_as_a_whole_by_the_text_bound_are_left_out() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("attempts", "[{\"toolCalls\":[{\"arguments\":\"secret\"}]... (cut)");
        assertThat(LogsRoutes.withoutBodies(entry)).doesNotContainKey("attempts").containsEntry("bodiesHidden", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_judges_reasons_go_but_the_detectors_verdicts_stay() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("guardrails", List.of(
                Map.of("name", "pii", "kind", "pii", "result", "fail", "reason", "found email"),
                Map.of("name", "polite", "kind", "judge", "result", "fail", "reason", "it says 'secret answer'")));
        entry.put("scores", List.of(Map.of("name", "helpful", "value", 0.5, "reason", "quotes 'secret answer'")));

        Map<String, Object> out = LogsRoutes.withoutBodies(entry);

        List<Map<String, Object>> guardrails = (List<Map<String, Object>>) out.get("guardrails");
        assertThat(guardrails.get(0)).containsEntry("reason", "found email");
        assertThat(guardrails.get(1)).doesNotContainKey("reason").containsEntry("result", "fail");
        assertThat((List<Map<String, Object>>) out.get("scores")).singleElement()
                .satisfies(s -> assertThat(s).doesNotContainKey("reason").containsEntry("value", 0.5));
    }
}
