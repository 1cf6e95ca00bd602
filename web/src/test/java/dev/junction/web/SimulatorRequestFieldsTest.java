package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request fields through the panel API: rules on them, the simulator given them, a user field refused their names. */
class SimulatorRequestFieldsTest {
    static final String ADMIN = "reqfields-admin";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    private static String spec(String key, String schemaField) {
        return DeploymentApiTest.spec(key, "request fields", "echo")
                .replace("{\"name\":\"tier\",\"type\":\"string\"}", "{\"name\":\"" + schemaField + "\",\"type\":\"string\"}")
                .replace("{\"field\":\"tier\",\"op\":\"equals\",\"value\":\"gold\"}", "{\"field\":\"request.has_images\",\"op\":\"is\",\"value\":true}");
    }

    @Test
    void the_simulator_takes_request_fields_as_context_values_and_refuses_unknown_ones_and_spoofing_an_invoke() {
        assertThat(live.client().post("/api/deployments", ADMIN, spec("vision-route", "tier")).status()).isEqualTo(201);

        JsonNode image = live.client().post("/api/deployments/vision-route/simulate", ADMIN,
                "{\"context\":{\"request.has_images\":true}}").json();
        assertThat(image.get("variant").asText()).as(image.toString()).isEqualTo("premium");
        assertThat(image.at("/explanation/0/conditions/0/held").asBoolean()).isTrue();
        JsonNode text = live.client().post("/api/deployments/vision-route/simulate", ADMIN,
                "{\"context\":{\"request.has_images\":false}}").json();
        assertThat(text.get("variant").asText()).isEqualTo("standard");

        TestClient.Response typo = live.client().post("/api/deployments/vision-route/simulate", ADMIN,
                "{\"context\":{\"request.has_image\":true}}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().at("/errors/0/path").asText()).isEqualTo("context.request.has_image");

        assertThat(live.client().post("/api/deployments/vision-route/deploy", ADMIN, "{}").status()).isEqualTo(201);
        TestClient.Response spoof = live.client().post("/api/deployments/vision-route/simulate", ADMIN,
                "{\"context\":{\"request.has_images\":true},\"invoke\":true}");
        assertThat(spoof.status()).isEqualTo(400);
        assertThat(spoof.json().at("/errors/0/path").asText()).isEqualTo("context.request.has_images");
        JsonNode invoked = live.client().post("/api/deployments/vision-route/simulate", ADMIN, "{\"context\":{},\"invoke\":true}").json();
        assertThat(invoked.get("variant").asText()).isEqualTo("standard");
        assertThat(invoked.at("/explanation/0/conditions/0/actual").asBoolean(true)).as("the derived value").isFalse();
    }

    @Test
    void a_context_field_named_under_request_is_refused() {
        TestClient.Response r = live.client().post("/api/deployments", ADMIN, spec("mine", "request.tier"));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().at("/errors/0/path").asText()).isEqualTo("contextSchema[0].name");
    }
}
