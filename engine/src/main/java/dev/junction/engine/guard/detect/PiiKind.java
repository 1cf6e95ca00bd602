package dev.junction.engine.guard.detect;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of personal data {@link PiiDetector} finds; what each one accepts is written on {@link PiiDetector}.
 * The wire name ({@code us_ssn}) is how guardrail configs name a kind and the {@link Finding#kind()} of its findings.
 */
public enum PiiKind {
    EMAIL, PHONE, CARD, IBAN, US_SSN, UK_NINO, ES_DNI, NL_BSN, IP_ADDRESS;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** Lower snake case: {@code email}, {@code ip_address}. */
    public String wireName() {
        return wire;
    }

    /** The kind whose wire name is exactly {@code s}; empty for anything else (including other spellings and null). */
    public static Optional<PiiKind> fromWire(String s) {
        if (s == null) return Optional.empty();
        for (PiiKind kind : values()) {
            if (kind.wire.equals(s)) return Optional.of(kind);
        }
        return Optional.empty();
    }
}
