package dev.junction.engine.guard;

/**
 * One guardrail's or evaluator's test of a text, compiled once per deployment version from its spec
 * ({@link Checks#of}). Thread-safe. A check does not throw for a text it dislikes: it returns a {@link Verdict}; an
 * exception is an {@code ERROR} verdict, handled by the guardrail's {@code onError}.
 */
@FunctionalInterface
public interface Check {
    Verdict check(String text, CheckContext context);
}
