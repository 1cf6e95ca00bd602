package dev.junction.engine.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.engine.deployment.PromptMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCounterTest {
    private final TokenCounter counter = new TokenCounter();

    @Test
    void openAiModelsAreCountedExactlyWithTheMessageFraming() {
        // o200k_base: "hello" " world" = 2 tokens; 3 per message and 3 to prime the reply
        TokenCounter.Fit fit = counter.fits("gpt-4o-mini", List.of(PromptMessage.user("hello world")), 0, 5);
        assertEquals(8, fit.promptTokens());
        assertTrue(fit.exact());
        assertFalse(fit.fits());
        assertTrue(counter.fits("gpt-4o-mini", List.of(PromptMessage.user("hello world")), 0, 8).fits());
    }

    @Test
    void aPromptWhoseBytesFitIsNotCounted() {
        TokenCounter.Fit fit = counter.fits("gpt-4o", List.of(PromptMessage.user("hello world")), 100, 1_000);
        assertTrue(fit.fits());
        assertEquals(-1, fit.promptTokens());
    }

    @Test
    void specialTokenTextInAPromptIsCountedAsText() {
        // jtokkit's countTokens throws on "<|endoftext|>"; OpenAI's API reads it as ordinary text
        String text = "the tokenizer ends a document with <|endoftext|> and a chat turn with <|im_end|>";
        for (String model : List.of("gpt-4o", "gpt-4")) {
            TokenCounter.Fit fit = counter.fits(model, List.of(PromptMessage.user(text)), 0, 10);
            assertFalse(fit.fits(), model);
            assertTrue(fit.exact(), model);
            assertTrue(fit.promptTokens() > 20, model + ": " + fit.promptTokens());
        }
    }

    @Test
    void otherModelsGetTheDocumentedEstimate() {
        TokenCounter.Fit fit = counter.fits("claude-sonnet-4", List.of(PromptMessage.user("x".repeat(400))), 0, 50);
        assertFalse(fit.exact());
        assertEquals(TokenEstimate.ofMessages(List.of(PromptMessage.user("x".repeat(400)))), fit.promptTokens());
        assertFalse(fit.fits());
    }
}
