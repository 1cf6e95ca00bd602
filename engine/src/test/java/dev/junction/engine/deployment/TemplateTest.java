package dev.junction.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void fills_variables_from_inputs_allowing_spaces_inside_the_braces() {
        Template t = Template.parse("Hello {{name}}, your order {{ order_id }} ships {{when}}.");
        TreeSet<String> missing = new TreeSet<>();

        String text = t.render(Map.of("name", "Ana", "order_id", 42, "when", "today"), missing);

        assertThat(text).isEqualTo("Hello Ana, your order 42 ships today.");
        assertThat(missing).isEmpty();
        assertThat(t.variables()).containsExactlyInAnyOrder("name", "order_id", "when");
    }

    @Test
    void reports_every_variable_without_an_input() {
        TreeSet<String> missing = new TreeSet<>();
        Template.parse("{{a}} and {{b}} and {{a}}").render(Map.of(), missing);
        assertThat(missing).containsExactly("a", "b");
    }

    @Test
    void inserts_non_string_inputs_as_json_and_leaves_other_braces_alone() {
        TreeSet<String> missing = new TreeSet<>();
        String text = Template.parse("{{tags}} {not a var} {{ }}").render(Map.of("tags", List.of("x", "y")), missing);
        assertThat(text).isEqualTo("[\"x\",\"y\"] {not a var} {{ }}");
    }

    @Test
    void an_input_value_is_inserted_as_text_never_re_expanded() {
        TreeSet<String> missing = new TreeSet<>();
        String text = Template.parse("{{a}}").render(Map.of("a", "{{b}}", "b", "expanded"), missing);
        assertThat(text).isEqualTo("{{b}}");
    }
}
