package dev.junction.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.FieldError;

/** The one 400 a parser gives a body: a single field error whose path and message make the exception's message. */
public final class SingleRefusal {
    private SingleRefusal() {}

    public static FieldError of(Runnable parse, String body) {
        try {
            parse.run();
        } catch (ApiError e) {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(400);
            assertThat(e.errors()).as(e.getMessage()).hasSize(1);
            FieldError error = e.errors().getFirst();
            assertThat(e.getMessage()).isEqualTo(error.path() + ": " + error.message());
            return error;
        }
        throw new AssertionError("accepted: " + body);
    }
}
