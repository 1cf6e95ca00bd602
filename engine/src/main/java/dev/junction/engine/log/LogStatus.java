package dev.junction.engine.log;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a logged request ended; {@link #wire()} is the text stored in {@code request_logs.status} and shown by the API. */
public enum LogStatus {
    /** A model answered. */
    SUCCESS("success"),
    /** No answer: the input was invalid, or every model failed, or the deadline passed. */
    ERROR("error"),
    /** A stream broke after its first text: the client got part of an answer. */
    TRUNCATED("truncated"),
    /** The client went away before the answer was complete. */
    CANCELLED("cancelled"),
    /** {@code invoke_options.mock_response}: no model was called. */
    MOCKED("mocked");

    private final String wire;

    LogStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
