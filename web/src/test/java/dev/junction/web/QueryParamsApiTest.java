package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One rule for every query parameter of every route: a NUL character (%00) is a 400 naming the parameter. */
class QueryParamsApiTest {
    static final String ADMIN = "query-params-admin-token";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static void refused(TestClient.Response r, String parameter) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode body = r.json();
        assertThat(body.at("/errors/0/path").asText()).isEqualTo(parameter);
        assertThat(body.get("message").asText()).contains("NUL");
    }

    @Test
    void a_nul_in_any_panel_api_parameter_is_a_400_naming_it() {
        refused(live.client().get("/api/deployments?q=%00", ADMIN), "q");
        refused(live.client().get("/api/deployments?q=sup%00port", ADMIN), "q");
        refused(live.client().get("/api/deployments?project=%00", ADMIN), "project");
        refused(live.client().get("/api/logs?deployment=%00", ADMIN), "deployment");
        refused(live.client().get("/api/logs?metadata.user=a%00", ADMIN), "metadata.user");
        refused(live.client().get("/api/models?provider=%00", ADMIN), "provider");
    }

    @Test
    void a_nul_in_an_invoke_api_parameter_is_a_400_naming_it() {
        refused(live.client().get("/v2/deployments?starting_after=%00", live.demoKey()), "starting_after");
    }

    @Test
    void an_encoded_percent_sign_is_text() {
        assertThat(live.client().get("/api/deployments?q=%2500", ADMIN).status()).isEqualTo(200);
    }
}
