package dev.junction.web;

import static dev.junction.web.ChatCompletionsFixtures.BROKEN;
import static dev.junction.web.ChatCompletionsFixtures.CHAT;
import static dev.junction.web.ChatCompletionsFixtures.ON_STUB;
import static dev.junction.web.ChatCompletionsFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official OpenAI Node SDK ({@code openai} from npm), unmodified, against {@code /v1/chat/completions}. */
class ChatCompletionsNodeSdkTest {
    static final String ADMIN = "oai-node-admin";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);
    static AnthropicStreamStub cut;

    @BeforeAll
    static void deploy() {
        ChatCompletionsFixtures.deployAll(live, ADMIN);
        cut = new AnthropicStreamStub(List.of("Hel", "lo"), 200, AnthropicStreamStub.Ending.RESET);
        ChatCompletionsFixtures.deployOnStub(live, ADMIN, cut);
    }

    @AfterAll
    static void stop() throws Exception {
        cut.close();
    }

    JsonNode sdk(String method, String params, String headers) throws Exception {
        return OpenAiNodeSdk.call(live.gateway().port(), live.demoKey(), method, params, headers);
    }

    @Test
    void create_returns_a_chat_completion_routed_by_the_junction_extra_body_field() throws Exception {
        JsonNode out = sdk("create", body(CHAT, "\"junction\":{\"context\":{\"tier\":\"gold\"}}"), null);

        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        JsonNode c = out.get("result");
        assertThat(c.get("object").asText()).isEqualTo("chat.completion");
        assertThat(c.get("id").asText()).isEqualTo("chatcmpl-" + out.get("requestId").asText());
        assertThat(c.get("model").asText()).isEqualTo("echo");
        assertThat(c.at("/choices/0/message/content").asText()).isEqualTo("system: Gold service.\nuser: hi");
        assertThat(c.at("/usage/total_tokens").asInt()).isPositive();
    }

    @Test
    void create_takes_the_routing_context_from_the_header() throws Exception {
        JsonNode out = sdk("create", body(CHAT, ""), "{\"X-Junction-Context\":\"{\\\"tier\\\":\\\"gold\\\"}\"}");

        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        assertThat(out.at("/result/choices/0/message/content").asText()).startsWith("system: Gold service.");
    }

    @Test
    void a_stream_iterates_chunks_whose_text_adds_up_and_ends_with_the_usage() throws Exception {
        JsonNode out = sdk("stream", body(CHAT, "\"stream_options\":{\"include_usage\":true}"), null);

        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        JsonNode chunks = out.get("result");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        assertThat(text.toString()).isEqualTo("system: Be brief.\nuser: hi");
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.get(chunks.size() - 1).at("/usage/total_tokens").asInt()).isPositive();
    }

    @Test
    void a_stream_that_breaks_after_the_first_token_throws_after_yielding_the_text_so_far() throws Exception {
        JsonNode out = sdk("stream", body(ON_STUB, ""), null);

        assertThat(out.get("ok").asBoolean()).as(out.toString()).isFalse();
        assertThat(out.get("name").asText()).isEqualTo("APIError");
        assertThat(out.get("message").asText()).contains("broke off");
        assertThat(out.at("/error/code").asText()).isEqualTo("stream_truncated");
        StringBuilder text = new StringBuilder();
        out.get("chunks").forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        assertThat(text.toString()).isEqualTo("Hello");
    }

    @Test
    void errors_become_the_sdks_typed_exceptions() throws Exception {
        JsonNode notFound = sdk("create", body("nope", ""), null);
        assertThat(notFound.get("name").asText()).isEqualTo("NotFoundError");
        assertThat(notFound.get("status").asInt()).isEqualTo(404);
        assertThat(notFound.at("/error/code").asText()).isEqualTo("model_not_found");

        JsonNode badKey = OpenAiNodeSdk.call(live.gateway().port(), "wrong", "create", body(CHAT, ""), null);
        assertThat(badKey.get("name").asText()).isEqualTo("AuthenticationError");

        JsonNode invalid = sdk("create", "{\"model\":\"oai-chat\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", null);
        assertThat(invalid.get("name").asText()).isEqualTo("BadRequestError");
        assertThat(invalid.at("/error/param").asText()).isEqualTo("messages[0].role");

        JsonNode broken = sdk("stream", body(BROKEN, ""), null);
        assertThat(broken.get("name").asText()).isEqualTo("InternalServerError");
        assertThat(broken.get("status").asInt()).isEqualTo(502);
        assertThat(broken.get("chunks")).isEmpty();
    }
}
