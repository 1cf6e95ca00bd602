package dev.junction.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.support.Jackson;
import dev.junction.web.openai.ChatCompletionRequests;
import dev.junction.web.orq.OrqRequests;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every reader of request JSON refuses the same three things, each a 400 naming where: a key given twice in one object,
 * anything after the JSON value, and a NUL character in a key or string.
 */
class RequestJsonTest {
    static final ObjectMapper MAPPER = Jackson.mapper().build();

    /** The readers, each given a body as a client sent it. */
    static final List<Function<String, Object>> READERS = List.of(
            body -> JsonBody.of(MAPPER, body),
            body -> new OrqRequests(MAPPER).parse(body, Source.API),
            body -> new ChatCompletionRequests(MAPPER).parse(body.replace("\"key\":", "\"model\":"), null, Source.API));

    static ApiError refusal(Function<String, Object> reader, String body) {
        try {
            reader.apply(body);
        } catch (ApiError e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    static FieldError only(ApiError e) {
        assertThat(e.status()).as(e.getMessage()).isEqualTo(400);
        assertThat(e.errors()).as(e.getMessage()).hasSize(1);
        return e.errors().getFirst();
    }

    @Test
    void a_key_given_twice_is_refused_by_every_reader_naming_the_key() {
        for (Function<String, Object> reader : READERS) {
            FieldError error = only(refusal(reader, "{\"key\":\"a\",\"messages\":[],\"metadata\":{},\"metadata\":{}}"));
            assertThat(error.path()).isEqualTo("metadata");
            assertThat(error.message()).contains("'metadata'").contains("twice");
        }
    }

    @Test
    void a_nested_duplicate_is_named_by_its_path() {
        for (Function<String, Object> reader : READERS) {
            FieldError error = only(refusal(reader,
                    "{\"key\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"role\":\"system\"}]}"));
            assertThat(error.path()).isEqualTo("messages[0].role");
        }
    }

    @Test
    void data_after_the_json_body_is_refused_by_every_reader() {
        for (String trailer : List.of(" garbage", " {}", "}", " 1", "\"x\"")) {
            for (Function<String, Object> reader : READERS) {
                FieldError error = only(refusal(reader, "{\"key\":\"a\",\"messages\":[]}" + trailer));
                assertThat(error.path()).isEqualTo("body");
                assertThat(error.message()).isEqualTo("unexpected data after the JSON body");
            }
        }
    }

    @Test
    void whitespace_after_the_json_body_is_fine() {
        for (Function<String, Object> reader : READERS) {
            assertThat(reader.apply("{\"key\":\"a\",\"messages\":[]} \n\t")).isNotNull();
        }
    }

    @Test
    void a_nul_character_in_a_string_is_refused_by_every_reader_naming_the_field() {
        for (Function<String, Object> reader : READERS) {
            FieldError error = only(refusal(reader,
                    "{\"key\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\\u0000there\"}]}"));
            assertThat(error.path()).isEqualTo("messages[0].content");
            assertThat(error.message()).contains("NUL");
        }
    }

    @Test
    void a_nul_character_in_a_key_is_refused() {
        for (Function<String, Object> reader : READERS) {
            FieldError error = only(refusal(reader, "{\"key\":\"a\",\"messages\":[],\"metadata\":{\"a\\u0000b\":1}}"));
            assertThat(error.path()).isEqualTo("metadata.a\\u0000b");
        }
    }

    @Test
    void an_escaped_backslash_before_u0000_is_text_not_a_nul() {
        for (Function<String, Object> reader : READERS) {
            assertThat(reader.apply("{\"key\":\"a\",\"messages\":[],\"metadata\":{\"path\":\"C:\\\\u0000\"}}")).isNotNull();
        }
    }

    @Test
    void the_context_header_is_read_by_the_same_rules() {
        ChatCompletionRequests requests = new ChatCompletionRequests(MAPPER);
        String body = "{\"model\":\"a\",\"messages\":[]}";

        FieldError dup = only(refusal(b -> requests.parse(b, "{\"tier\":\"gold\",\"tier\":\"free\"}", Source.API), body));
        assertThat(dup.path()).isEqualTo("X-Junction-Context.tier");
        FieldError trailing = only(refusal(b -> requests.parse(b, "{\"tier\":\"gold\"} x", Source.API), body));
        assertThat(trailing.path()).isEqualTo("X-Junction-Context");
        FieldError nul = only(refusal(b -> requests.parse(b, "{\"tier\":\"go\\u0000ld\"}", Source.API), body));
        assertThat(nul.path()).isEqualTo("X-Junction-Context.tier");
    }

    @Test
    void malformed_json_is_still_a_400_on_the_body() {
        for (Function<String, Object> reader : READERS) {
            FieldError error = only(refusal(reader, "{\"key\":"));
            assertThat(error.path()).isEqualTo("body");
            assertThat(error.message()).startsWith("malformed JSON");
        }
        assertThatThrownBy(() -> JsonBody.of(MAPPER, "[1]")).isInstanceOf(ApiError.class).hasMessageContaining("JSON object");
    }
}
