package dev.junction.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplatePartsTest {
    @Test
    void a_messages_variables_include_its_text_parts_image_urls_and_file_uris_in_order() {
        PromptMessage m = PromptMessage.of(Role.USER, List.of(
                new ContentPart.Text("Compare {{a}}"),
                new ContentPart.Image("https://cdn.test/{{sku}}.png", null),
                new ContentPart.File("data:application/pdf;base64,JVBERi0=", null, null, "{{not_a_variable}}.pdf"),
                new ContentPart.File(null, "gs://bucket/{{doc}}", "application/pdf", null),
                new ContentPart.Text("with {{b}} and {{a}}")));

        assertThat(Template.variablesOf(m)).containsExactly("a", "sku", "doc", "b");
        assertThat(Template.variablesOf(PromptMessage.user("{{q}} {{ q }}"))).containsExactly("q");
    }
}
