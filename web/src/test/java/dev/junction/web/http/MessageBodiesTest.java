package dev.junction.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.PromptMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages as both front doors send them: content a string, null, or an array of text parts. */
class MessageBodiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<PromptMessage> read(String json) throws Exception {
        return MessageBodies.read(JSON.readTree(json), "messages");
    }

    @Test
    void text_parts_are_joined_with_a_line_break_not_run_together() throws Exception {
        List<PromptMessage> messages = read("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"},"
                + "{\"type\":\"text\",\"text\":\"world\"}]}]");

        assertThat(messages.getFirst().content()).isEqualTo("Hello\nworld");
    }

    @Test
    void a_single_part_and_a_plain_string_are_taken_as_they_are() throws Exception {
        assertThat(read("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello world\"}]}]").getFirst().content())
                .isEqualTo("Hello world");
        assertThat(read("[{\"role\":\"user\",\"content\":\"Hello world\"}]").getFirst().content()).isEqualTo("Hello world");
    }
}
