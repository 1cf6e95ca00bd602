package dev.junction.engine.deployment;

import static dev.junction.engine.deployment.JsonSchemasTest.schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.catalog.SimulatorModels;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.simulator.SimulatorProvider;
import dev.junction.engine.routing.RoutingTable;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tools, tool choice, response formats, reasoning and message parts of a variant: each problem named by its path. */
class SpecValidatorContractTest {
    private final SpecValidator validator = new SpecValidator(new Providers(List.of(new SimulatorProvider())),
            new InMemoryModelCatalog(SimulatorModels.all()));

    private static final Map<String, Object> WEATHER = schema("""
            {"type": "object", "required": ["city"], "properties": {"city": {"type": "string"}}}""");

    private List<FieldError> validate(ModelParameters primary, ModelParameters fallback, List<PromptMessage> messages) {
        ModelConfig p = ModelConfig.of("simulator", "echo").withParameters(primary);
        ModelConfig f = fallback == null ? null : ModelConfig.of("simulator", "echo").withParameters(fallback);
        return validator.validate(new DeploymentSpec("k", "", List.of(new Variant("a", messages, p, f, null)),
                RoutingTable.defaultOnly("a")));
    }

    private List<FieldError> validate(ModelParameters primary) {
        return validate(primary, null, List.of());
    }

    private static ModelParameters tools(ToolSpec... tools) {
        return ModelParameters.DEFAULTS.withTools(List.of(tools));
    }

    @Test
    void wellFormedToolsChoiceFormatAndReasoningPass() {
        ModelParameters p = tools(new ToolSpec("get_weather", "The weather in a city", WEATHER, true))
                .withToolChoice(ToolChoice.function("get_weather"))
                .withResponseFormat(Map.of("type", "json_schema", "json_schema",
                        Map.of("name", "answer", "strict", true, "schema", WEATHER)));
        p = new ModelParameters(null, 4096, null, null, null, null, null, null, p.responseFormat(), p.tools(),
                p.toolChoice(), true, "low", 2048);
        assertThat(validate(p)).isEmpty();
    }

    @Test
    void aToolsSchemaIsCheckedAgainstTheMetaSchemaAndNamedByItsPath() {
        ModelParameters p = tools(new ToolSpec("ok", null, WEATHER),
                new ToolSpec("bad", null, schema("{\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"strin\"}}}")));
        assertThat(validate(p, p, List.of())).extracting(FieldError::path).containsOnly(
                "variants[0].primary.parameters.tools[1].parameters.properties.x.type",
                "variants[0].fallback.parameters.tools[1].parameters.properties.x.type");
    }

    @Test
    void toolNamesDescriptionsAndTheObjectTypeAreChecked() {
        ModelParameters p = tools(new ToolSpec("has space", null, null),
                new ToolSpec("x".repeat(65), null, null),
                new ToolSpec("dup", "d".repeat(ParameterChecks.MAX_DESCRIPTION + 1), null),
                new ToolSpec("dup", null, schema("{\"type\": \"array\"}")));
        assertThat(validate(p)).extracting(FieldError::path).containsExactlyInAnyOrder(
                "variants[0].primary.parameters.tools[0].name",
                "variants[0].primary.parameters.tools[1].name",
                "variants[0].primary.parameters.tools[2].description",
                "variants[0].primary.parameters.tools[3].name",
                "variants[0].primary.parameters.tools[3].parameters.type");
    }

    @Test
    void aRemoteRefInAToolsSchemaIsRefused() {
        ModelParameters p = tools(new ToolSpec("t", null, schema(
                "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"http://127.0.0.1:9/a.json\"}}}")));
        assertThat(validate(p)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("variants[0].primary.parameters.tools[0].parameters");
            assertThat(e.message()).contains("not a usable JSON Schema");
        });
    }

    @Test
    void toolChoiceMustNameAnExistingToolAndRequiredNeedsTools() {
        ModelParameters unknown = tools(new ToolSpec("a", null, WEATHER), new ToolSpec("b", null, WEATHER))
                .withToolChoice(ToolChoice.function("c"));
        assertThat(validate(unknown)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("variants[0].primary.parameters.toolChoice.name");
            assertThat(e.message()).contains("'c'").contains("a, b");
        });
        assertThat(validate(ModelParameters.DEFAULTS.withToolChoice(ToolChoice.REQUIRED))).extracting(FieldError::path)
                .containsExactly("variants[0].primary.parameters.toolChoice");
        assertThat(validate(ModelParameters.DEFAULTS.withToolChoice(new ToolChoice("sometimes", null))))
                .extracting(FieldError::path).containsExactly("variants[0].primary.parameters.toolChoice.mode");
        assertThat(validate(ModelParameters.DEFAULTS.withToolChoice(new ToolChoice("auto", "a"))))
                .extracting(FieldError::path).containsExactly("variants[0].primary.parameters.toolChoice.name");
        assertThat(validate(ModelParameters.DEFAULTS.withToolChoice(ToolChoice.NONE))).isEmpty();
    }

    @Test
    void responseFormatsAreCheckedKeyByKey() {
        assertThat(validate(ModelParameters.DEFAULTS.withResponseFormat(Map.of("type", "json_object")))).isEmpty();
        assertThat(validate(ModelParameters.DEFAULTS.withResponseFormat(Map.of("type", "json_object", "shape", "x"))))
                .extracting(FieldError::path).containsExactly("variants[0].primary.parameters.responseFormat.shape");
        assertThat(validate(ModelParameters.DEFAULTS.withResponseFormat(Map.of("type", "json_schema"))))
                .extracting(FieldError::path).containsExactly("variants[0].primary.parameters.responseFormat.json_schema");
        assertThat(validate(ModelParameters.DEFAULTS.withResponseFormat(Map.of("type", "json_schema", "json_schema",
                Map.of("name", "bad name", "strict", "yes", "schema", schema("{\"type\": \"object\", \"required\": \"x\"}"))))))
                .extracting(FieldError::path).containsExactlyInAnyOrder(
                        "variants[0].primary.parameters.responseFormat.json_schema.name",
                        "variants[0].primary.parameters.responseFormat.json_schema.strict",
                        "variants[0].primary.parameters.responseFormat.json_schema.schema.required");
        assertThat(validate(ModelParameters.DEFAULTS.withResponseFormat(Map.of("type", "json_schema", "json_schema",
                Map.of("name", "n")))))
                .extracting(FieldError::path).containsExactly("variants[0].primary.parameters.responseFormat.json_schema.schema");
    }

    @Test
    void reasoningEffortAndThinkingBudgetFollowTheProvidersRules() {
        ModelParameters p = new ModelParameters(null, 2000, null, null, null, null, null, null, null, null, null, null,
                "extreme", 2000);
        assertThat(validate(p)).extracting(FieldError::path).containsExactlyInAnyOrder(
                "variants[0].primary.parameters.reasoningEffort",
                "variants[0].primary.parameters.thinkingBudget");
        ModelParameters small = new ModelParameters(null, null, null, null, null, null, null, null, null, null, null,
                null, null, 512);
        assertThat(validate(small)).extracting(FieldError::message).containsExactly("must be at least 1024 tokens");
        ModelParameters parallel = new ModelParameters(null, null, null, null, null, null, null, null, null, null, null,
                false, null, null);
        assertThat(validate(parallel)).extracting(FieldError::path)
                .containsExactly("variants[0].primary.parameters.parallelToolCalls");
    }

    @Test
    void anOverrideIsCheckedFieldByFieldAndTheMergedSetAsAWhole() {
        ModelParameters variant = tools(new ToolSpec("a", null, WEATHER));
        ModelParameters override = ModelParameters.DEFAULTS.withToolChoice(ToolChoice.function("a"));
        List<FieldError> errors = new ArrayList<>();
        SpecValidator.parameters("extra_params", override, errors);
        SpecValidator.coherent("extra_params", variant.overriddenBy(override), errors);
        assertThat(errors).isEmpty();
        SpecValidator.coherent("extra_params", variant.overriddenBy(
                ModelParameters.DEFAULTS.withToolChoice(ToolChoice.function("b"))), errors);
        assertThat(errors).extracting(FieldError::path).containsExactly("extra_params.toolChoice.name");
    }

    @Test
    void messagePartsOfAPromptAreCheckedAndNamedByTheirPath() {
        String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        List<PromptMessage> messages = List.of(
                PromptMessage.system("You describe images."),
                PromptMessage.of(Role.USER, List.of(new ContentPart.Text("What is in {{what}}?"),
                        new ContentPart.Image("data:image/png;base64,not base64!", null),
                        new ContentPart.Image("http://example.com/cat.png", null),
                        new ContentPart.Image(png, "huge"),
                        new ContentPart.Image("https://example.com/cat.png", "low"),
                        new ContentPart.Image("data:text/plain;base64,aGk=", null),
                        new ContentPart.File(null, "gs://bucket/a.pdf", null, null),
                        new ContentPart.File("data:application/pdf;base64,JVBERg==", null, null, "a.pdf"),
                        new ContentPart.Audio("UklGRg==", "ogg"))));
        assertThat(validate(ModelParameters.DEFAULTS, null, messages)).extracting(FieldError::path).containsExactlyInAnyOrder(
                "variants[0].messages[1].parts[1].url",
                "variants[0].messages[1].parts[2].url",
                "variants[0].messages[1].parts[3].detail",
                "variants[0].messages[1].parts[5].url",
                "variants[0].messages[1].parts[6].mediaType",
                "variants[0].messages[1].parts[8].format");
    }

    @Test
    void anInlineMediumOverTheLimitIsRefused() {
        int bytes = (int) PromptChecks.MAX_INLINE_BYTES + 3;
        String big = "data:image/png;base64," + "A".repeat((bytes + 2) / 3 * 4);
        List<FieldError> errors = new ArrayList<>();
        PromptChecks.part("messages[0].parts[0]", new ContentPart.Image(big, null), errors);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("messages[0].parts[0].url");
            assertThat(e.message()).contains("at most " + PromptChecks.MAX_INLINE_BYTES);
        });
    }

    @Test
    void toolCallsAndToolResultsInAPromptMustPair() {
        List<PromptMessage> messages = List.of(
                PromptMessage.user("Weather?"),
                PromptMessage.toolCalls("", List.of(new ToolCall("call_1", "get_weather", "{\"city\": \"Oslo\"}"),
                        new ToolCall("call_1", "get_weather", "[1]"), new ToolCall("call_3", "get_weather", "{oops")), null),
                PromptMessage.toolResult("call_1", "rain"),
                PromptMessage.toolResult("call_9", "sun"));
        assertThat(validate(ModelParameters.DEFAULTS, null, messages)).extracting(FieldError::path).containsExactlyInAnyOrder(
                "variants[0].messages[1].toolCalls[1].id",
                "variants[0].messages[1].toolCalls[1].arguments",
                "variants[0].messages[1].toolCalls[2].arguments",
                "variants[0].messages[3].toolCallId");
    }

    @Test
    void aRequestsResponseFormatGoesThroughTheSameChecksUnderItsWireName() {
        dev.junction.engine.invoke.InvalidInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.junction.engine.invoke.InvalidInputException.class,
                () -> dev.junction.engine.invoke.ExtraParams.parse("extra_params", Map.of("response_format", Map.of(
                        "type", "json_schema", "json_schema", Map.of("name", "a",
                                "schema", schema("{\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"strin\"}}}"))))));
        assertThat(e.errors()).extracting(FieldError::path)
                .containsOnly("extra_params.response_format.json_schema.schema.properties.x.type");
    }
}
