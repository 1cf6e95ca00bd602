package dev.junction.engine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.deployment.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyScopeTest {
    @Test
    void an_empty_scope_covers_every_deployment_even_one_that_does_not_exist() {
        assertThat(ApiKeyScope.EVERYTHING.covers("anything", "support", "")).isTrue();
        assertThat(ApiKeyScope.EVERYTHING.covers("missing", null, null)).isTrue();
        assertThat(new ApiKeyScope(null, null).everything()).isTrue();
    }

    @Test
    void a_project_covers_its_deployments_wherever_they_sit_and_no_other_project() {
        ApiKeyScope checkout = ApiKeyScope.projects("checkout");
        assertThat(checkout.covers("pay", "checkout", "")).isTrue();
        assertThat(checkout.covers("pay", "checkout", "eu/fr")).isTrue();
        assertThat(checkout.covers("pay", "checkout-old", "")).as("a project whose name starts alike").isFalse();
        assertThat(checkout.covers("faq", "support", "")).isFalse();
    }

    @Test
    void a_folder_covers_its_subfolders_and_not_a_sibling_or_its_parent() {
        ApiKeyScope emea = ApiKeyScope.projects("/support/emea/");
        assertThat(emea.projects()).containsExactly("support/emea");
        assertThat(emea.covers("a", "support", "emea")).isTrue();
        assertThat(emea.covers("b", "support", "emea/de")).isTrue();
        assertThat(emea.covers("c", "support", "emea-2")).isFalse();
        assertThat(emea.covers("d", "support", "apac")).isFalse();
        assertThat(emea.covers("e", "support", "")).isFalse();
    }

    @Test
    void a_listed_deployment_key_is_covered_even_before_it_exists() {
        ApiKeyScope one = ApiKeyScope.deployments("faq-bot");
        assertThat(one.covers("faq-bot", "anywhere", "x")).isTrue();
        assertThat(one.covers("faq-bot", null, null)).isTrue();
        assertThat(one.covers("other", null, null)).isFalse();
        assertThat(ApiKeyScope.projects("checkout").covers("checkout-new", null, null))
                .as("a project cannot vouch for a deployment that has no place yet").isFalse();
    }

    @Test
    void the_refusal_names_the_key_the_deployment_and_the_scope() {
        ApiKeyAccess key = new ApiKeyAccess(java.util.UUID.randomUUID(), "checkout-app",
                new ApiKeyScope(List.of("checkout", "support/emea"), List.of("faq")), null);
        assertThatThrownBy(() -> key.check("customer-support", "support", ""))
                .isInstanceOf(OutOfScopeException.class)
                .hasMessage("API key 'checkout-app' may not invoke deployment 'customer-support'"
                        + " (its scope: project checkout, folder support/emea, deployment faq)");
        key.check("faq", "support", "");
        key.check("pay", "checkout", "");
    }

    @Test
    void duplicates_are_dropped_and_order_kept() {
        ApiKeyScope s = new ApiKeyScope(List.of("b", "a", "b/"), List.of("x", " x "));
        assertThat(s.projects()).containsExactly("b", "a");
        assertThat(s.deployments()).containsExactly("x");
    }

    @Test
    void bad_paths_and_keys_are_named_by_their_index() {
        List<FieldError> errors = ApiKeyScope.check("scope", List.of("support", "*", "bad project!", "support/em|ea", "  "),
                List.of("ok-key", "no spaces"));
        assertThat(errors).extracting(FieldError::path).containsExactly("scope.projects[1]", "scope.projects[2]",
                "scope.projects[3]", "scope.projects[4]", "scope.deployments[1]");
        assertThat(errors.getFirst().message()).contains("leave the scope empty for every deployment");
        assertThat(ApiKeyScope.check("scope", List.of("support/emea/de", "a_b"), List.of("faq"))).isEmpty();
        List<String> many = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "p" + i).toList();
        assertThat(ApiKeyScope.check("scope", many, List.of())).extracting(FieldError::path).containsExactly("scope.projects");
    }
}
