package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.support.Ids;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The panel's screens for tools in a real browser (Debian's headless Chromium): the variant editor adds a tool to
 * the primary model, shows the server's validation error next to the tool's schema, saves tool choice, structured
 * output and reasoning into the draft (read back through the draft API, and named by path in the diff); the log
 * detail of a tool-loop request shows the answer's tool calls as rows with pretty-printed arguments, its reasoning,
 * the messages' image as a thumbnail and the file by name, type, size and SHA-256.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PanelToolsBrowserTest {
    static final String ADMIN = "panel-tools-admin-token";
    static final String KEY = "customer-support";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static PanelDriver ui;
    static ChromeDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void browser() throws Exception {
        ui = PanelDriver.start();
        driver = ui.driver;
        wait = ui.wait;
        ui.signIn(live.client().base(), ADMIN);
    }

    @AfterAll
    static void close() {
        if (ui != null) ui.close();
    }

    static final String PRIMARY = "section[aria-label='Primary model']";

    @Test
    @Order(1)
    void a_tool_is_edited_in_the_variant_editor_with_the_servers_error_next_to_its_schema() {
        driver.get(live.client().base() + "/panel/#/deployments/" + KEY + "/variants/english");
        ui.waitHeading(KEY);
        ui.el(PRIMARY);
        driver.findElement(By.cssSelector(PRIMARY)).findElement(By.xpath(".//button[.='Add tool']")).click();
        ui.type(ui.within(PRIMARY, "Tool 1 name"), "get_weather");
        ui.type(ui.within(PRIMARY, "Tool 1 description"), "The weather of a city");
        WebElement schema = ui.within(PRIMARY, "Tool 1 parameters (JSON schema)");

        ui.type(schema, "{\"type\": ");
        ui.waitText(PRIMARY + " .field-error.local", "Not applied");
        assertThat(schema.getDomAttribute("aria-invalid")).isEqualTo("true");

        ui.type(schema, "{\"type\": \"array\"}");
        ui.button("Save draft").click();
        WebElement error = wait.until(d -> {
            List<WebElement> errors = d.findElements(By.xpath("//textarea[@data-path='variants[0].primary.parameters.tools[0].parameters']"
                    + "/following-sibling::div[contains(@class,'field-error') and not(contains(@class,'local'))]"));
            return errors.isEmpty() ? null : errors.getFirst();
        });
        assertThat(error.getText()).contains("object");
        assertThat(schema.getDomAttribute("aria-invalid")).isEqualTo("true");
        ui.screenshot("variant-editor-tool-error");

        ui.type(schema, "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}");
        ui.within(PRIMARY, "Tool 1 name").click(); // blur: the tool choice lists the new name
        WebElement strict = ui.el("input[type=checkbox][data-path='variants[0].primary.parameters.tools[0].strict']");
        assertThat(strict.findElement(By.xpath("./parent::label")).getText()).contains("Tool 1 strict");
        if (!strict.isSelected()) strict.click();
        new Select(ui.within(PRIMARY, "Tool choice")).selectByVisibleText("always get_weather");
        new Select(ui.within(PRIMARY, "Parallel tool calls")).selectByValue("false");
        new Select(ui.within(PRIMARY, "Response format")).selectByValue("json_schema");
        ui.type(ui.within(PRIMARY, "Schema name"), "weather_answer");
        ui.type(ui.within(PRIMARY, "Response JSON schema"), "{\"type\": \"object\", \"properties\": {\"summary\": {\"type\": \"string\"}}}");
        new Select(ui.within(PRIMARY, "Reasoning effort")).selectByValue("high");
        ui.type(ui.within(PRIMARY, "Thinking budget (tokens)"), "2048");
        ui.button("Save draft").click();
        ui.waitText(".status", "Draft revision"); // not "saved": "Unsaved changes" has it too
        ui.screenshot("variant-editor-tools");

        JsonNode p = live.client().get("/api/deployments/" + KEY + "/draft", ADMIN).json().at("/spec/variants/0/primary/parameters");
        assertThat(p.at("/tools/0/name").asText()).isEqualTo("get_weather");
        assertThat(p.at("/tools/0/description").asText()).isEqualTo("The weather of a city");
        assertThat(p.at("/tools/0/strict").asBoolean()).isTrue();
        assertThat(p.at("/tools/0/parameters/properties/city/type").asText()).isEqualTo("string");
        assertThat(p.at("/toolChoice/mode").asText()).isEqualTo("function");
        assertThat(p.at("/toolChoice/name").asText()).isEqualTo("get_weather");
        assertThat(p.at("/parallelToolCalls").asBoolean(true)).isFalse();
        assertThat(p.at("/responseFormat/type").asText()).isEqualTo("json_schema");
        assertThat(p.at("/responseFormat/json_schema/name").asText()).isEqualTo("weather_answer");
        assertThat(p.at("/responseFormat/json_schema/schema/properties/summary/type").asText()).isEqualTo("string");
        assertThat(p.at("/reasoningEffort").asText()).isEqualTo("high");
        assertThat(p.at("/thinkingBudget").asInt()).isEqualTo(2048);

        JsonNode diff = live.client().get("/api/deployments/" + KEY + "/diff?from=active&to=draft", ADMIN).json().get("changes");
        assertThat(diff.findValuesAsText("path")).contains("variants[english].primary.parameters.tools",
                "variants[english].primary.parameters.toolChoice", "variants[english].primary.parameters.reasoningEffort");
    }

    static String png() throws Exception {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 240; y++) for (int x = 0; x < 320; x++) image.setRGB(x, y, x < 160 ? 0x2266cc : 0xffcc00);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @Test
    @Order(2)
    void the_log_detail_shows_tool_calls_as_rows_the_reasoning_and_the_image_as_a_thumbnail() throws Exception {
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.4 terms".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        List<PromptMessage> messages = List.of(
                PromptMessage.of(Role.USER, List.of(new ContentPart.Text("What is the weather where this photo was taken?"),
                        new ContentPart.Image("data:image/png;base64," + png(), null),
                        new ContentPart.File("data:application/pdf;base64," + pdf, null, null, "terms.pdf"))),
                PromptMessage.toolCalls("", List.of(new ToolCall("call_a1", "locate_photo", "{\"photo\":1}")), null),
                PromptMessage.toolResult("call_a1", "{\"city\":\"Lisbon\"}"));
        ChatResponse answer = new ChatResponse("", ChatResponse.TOOL_CALLS, new Usage(800, 90, 0, 60), "gpt-4o",
                List.of(new ToolCall("call_b2", "get_weather", "{\"city\":\"Lisbon\",\"unit\":\"celsius\"}")),
                List.of(Reasoning.text("The photo is in Lisbon; ask for its weather.", "sig")));
        RequestLog.Usage usage = new RequestLog.Usage(800, 90, 0, new BigDecimal("0.0009"), "test", 60);
        UUID id = new Ids(Clock.systemUTC()).next();
        RequestLog entry = RequestLog.builder(id, Instant.now())
                .deployment(KEY, null, null, 1).variant("english", "Default Matched", null).model("openai", "gpt-4o")
                .latencyMicros(1500).usage(usage)
                .attempts(List.of(Attempt.succeeded(Attempt.Option.PRIMARY, 1, "openai", "gpt-4o", 1400, usage)
                        .withOutput(Attempt.Output.of(answer, true))))
                .bodies(new RequestLog.Bodies(Map.of(), messages, "", ChatResponse.TOOL_CALLS))
                .textMaxBytes(RequestLog.DEFAULT_TEXT_MAX_BYTES).build();
        long before = live.gateway().logs().written();
        live.gateway().logs().record(entry);
        wait.until(d -> live.gateway().logs().written() > before);

        driver.get(live.client().base() + "/panel/#/logs/" + id);
        ui.waitText(".log-detail", "Tool calls (1)");
        WebElement detail = ui.el(".log-detail");
        List<WebElement> rows = detail.findElements(By.cssSelector("table.tool-calls tr.tool-call"));
        assertThat(rows).hasSize(2); // the answer's call, and the earlier turn's call in the messages
        WebElement answerRow = detail.findElement(By.xpath(".//table[caption='Tool calls of the answer']//tr[contains(@class,'tool-call')]"));
        assertThat(answerRow.findElement(By.cssSelector("code.tool-name")).getText()).isEqualTo("get_weather");
        assertThat(answerRow.getText()).contains("call_b2");
        assertThat(answerRow.findElement(By.cssSelector("pre.arguments")).getText())
                .isEqualTo("{\n  \"city\": \"Lisbon\",\n  \"unit\": \"celsius\"\n}");
        assertThat(detail.getText()).contains("The photo is in Lisbon; ask for its weather.", "60 tokens", "60 (within completion)")
                .contains("result of call_a1").contains("locate_photo");

        WebElement thumb = detail.findElement(By.cssSelector("img.thumb"));
        assertThat(thumb.getDomAttribute("src")).startsWith("data:image/jpeg;base64,");
        wait.until(d -> ((Number) driver.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", thumb)).intValue() > 0);
        assertThat(((Number) driver.executeScript("return arguments[0].naturalWidth", thumb)).intValue()).isEqualTo(96);
        assertThat(thumb.getDomAttribute("alt")).contains("image/png");
        WebElement file = detail.findElement(By.cssSelector(".part.file"));
        assertThat(file.getText()).contains("application/pdf", "terms.pdf", "14 bytes", "sha256:");
        ui.screenshot("log-detail-tools");
    }
}
