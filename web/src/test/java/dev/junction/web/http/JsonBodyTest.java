package dev.junction.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.SpecJson;
import dev.junction.engine.support.Jackson;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one reader of request JSON objects: each member of the wrong shape is a 400 naming its path, in one vocabulary. */
class JsonBodyTest {
    private static final ObjectMapper MAPPER = Jackson.mapper().build();

    private static FieldError refusal(Runnable read) {
        return SingleRefusal.of(read, "the body");
    }

    private static JsonBody body(String json) {
        return JsonBody.of(MAPPER, json);
    }

    @Test
    void a_body_must_be_an_object_unless_it_may_be_left_out() {
        assertThat(refusal(() -> body("[]"))).isEqualTo(new FieldError("body", "must be a JSON object"));
        assertThat(refusal(() -> body(" "))).isEqualTo(new FieldError("body", "must be a JSON object"));
        assertThat(JsonBody.orEmpty(MAPPER, " ").toMap()).isEmpty();
        assertThat(refusal(() -> JsonBody.orEmpty(MAPPER, "7"))).isEqualTo(new FieldError("body", "must be a JSON object"));
    }

    @Test
    void a_whole_number_is_an_integral_json_number_that_fits_an_int() {
        assertThat(body("{\"n\":3}").wholeNumber("n")).isEqualTo(3);
        assertThat(body("{\"n\":null}").wholeNumber("n")).isNull();
        for (String n : List.of("3.0", "3.5", "\"3\"", "10000000000", "true")) {
            assertThat(refusal(() -> body("{\"n\":" + n + "}").wholeNumber("n"))).as(n)
                    .isEqualTo(new FieldError("n", "must be a whole number"));
        }
    }

    @Test
    void a_decimal_is_a_number_or_a_string_holding_one_kept_exact() {
        assertThat(body("{\"p\":0.15}").decimal("p")).isEqualTo(new BigDecimal("0.15"));
        assertThat(body("{\"p\":\" 2.50 \"}").decimal("p")).isEqualTo(new BigDecimal("2.50"));
        assertThat(refusal(() -> body("{\"p\":\"cheap\"}").decimal("p"))).isEqualTo(new FieldError("p", "must be a number"));
    }

    @Test
    void members_of_members_are_named_by_their_path() {
        JsonBody options = body("{\"o\":{\"flag\":\"yes\",\"tags\":[\"a\",2],\"inner\":5}}").object("o");
        assertThat(refusal(() -> options.bool("flag"))).isEqualTo(new FieldError("o.flag", "must be true or false"));
        assertThat(refusal(() -> options.strings("tags"))).isEqualTo(new FieldError("o.tags[1]", "must be a string"));
        assertThat(refusal(() -> options.object("inner"))).isEqualTo(new FieldError("o.inner", "must be a JSON object"));
        assertThat(refusal(() -> body("{\"o\":1}").map("o"))).isEqualTo(new FieldError("o", "must be a JSON object"));
        assertThat(body("{}").object("o").path("x")).isEqualTo("o.x");
    }

    @Test
    void text_and_required_text() {
        assertThat(body("{\"s\":\"a\"}").text("s")).isEqualTo("a");
        assertThat(refusal(() -> body("{\"s\":1}").text("s"))).isEqualTo(new FieldError("s", "must be a string"));
        assertThat(refusal(() -> body("{}").requiredText("s", "the thing"))).isEqualTo(new FieldError("s", "required: the thing"));
        assertThat(refusal(() -> body("{\"s\":\" \"}").requiredText("s", "the thing"))).isEqualTo(new FieldError("s", "must be a non-empty string"));
    }

    @Test
    void a_header_names_its_fields_under_its_own_name() {
        assertThat(refusal(() -> JsonBody.header(MAPPER, "[1]", "X-Junction-Context"))).isEqualTo(new FieldError("X-Junction-Context", "must be a JSON object"));
        assertThat(JsonBody.header(MAPPER, "{\"tier\":\"gold\"}", "X-Junction-Context").path("tier")).isEqualTo("X-Junction-Context.tier");
    }

    @Test
    void a_mapped_member_of_the_wrong_shape_is_named_under_its_parent() {
        String spec = "{\"key\":\"k\",\"variants\":[{\"key\":\"v\",\"messages\":[],\"primary\":{\"provider\":\"simulator\",\"model\":\"echo\",\"retries\":\"many\"}}]}";
        FieldError root = refusal(() -> body(spec).as(SpecJson::read));
        assertThat(root.path()).isEqualTo("variants[0].primary.retries");
        FieldError nested = refusal(() -> body("{\"spec\":" + spec + "}").object("spec").as(SpecJson::read));
        assertThat(nested.path()).isEqualTo("spec.variants[0].primary.retries");
    }

    @Test
    void a_name_is_required_trimmed_and_bounded_and_its_absence_is_a_422() {
        assertThat(body("{\"name\":\"  ci  \"}").name("key")).isEqualTo("ci");
        assertThatThrownBy(() -> body("{}").name("key")).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.errors()).containsExactly(new FieldError("name", "required: a name to recognise the key by"));
        });
        assertThatThrownBy(() -> body("{\"name\":\"" + "n".repeat(201) + "\"}").name("key")).isInstanceOfSatisfying(ApiError.class,
                e -> assertThat(e.errors()).containsExactly(new FieldError("name", "at most 200 characters")));
    }
}
