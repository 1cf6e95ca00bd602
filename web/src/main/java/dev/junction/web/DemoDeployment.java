package dev.junction.web;

import dev.junction.engine.deployment.ContextField;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.RoutingCase;
import java.util.List;
import java.util.Map;

/** The deployment a first start seeds: {@code customer-support}, English by default, Spanish for {@code language=es}. */
final class DemoDeployment {
    static final String KEY = "customer-support";

    private DemoDeployment() {}

    static DeploymentSpec spec() {
        Variant english = new Variant("english",
                List.of(PromptMessage.system("You are a friendly support agent for Acme. Answer in English, briefly."),
                        PromptMessage.user("{{question}}")),
                ModelConfig.of("simulator", "echo").withRetries(2),
                ModelConfig.of("simulator", "slow"),
                "Default variant. Runs on the built-in simulator: replace with a real model when a provider is connected.");
        Variant spanish = new Variant("spanish",
                List.of(PromptMessage.system("Eres un agente de soporte de Acme. Responde en español, brevemente."),
                        PromptMessage.user("{{question}}")),
                ModelConfig.of("simulator", "echo").withRetries(2),
                ModelConfig.of("simulator", "slow"),
                "Chosen when context.language is 'es'.");
        RoutingTable routing = new RoutingTable(
                List.of(new RoutingRule("spanish-speakers", List.of(Condition.equalsTo("language", "es")), "spanish", true,
                        "Spanish-speaking customers get the Spanish prompt")),
                "english");
        return new DeploymentSpec(KEY, "Demo: answers customer questions in their language", "demo", "support",
                List.of(new ContextField("language", FieldType.STRING, "the customer's language, ISO 639-1")),
                List.of(english, spanish), routing, List.of(
                        new RoutingCase("Spanish speakers get the Spanish prompt", Map.of("language", "es"), "spanish", "spanish-speakers"),
                        new RoutingCase("everyone else gets English", Map.of("language", "fr"), "english", RoutingCase.DEFAULT_RULE),
                        new RoutingCase("no context at all gets English", Map.of(), "english", RoutingCase.DEFAULT_RULE)));
    }
}
