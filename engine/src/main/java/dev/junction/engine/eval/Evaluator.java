package dev.junction.engine.eval;

import dev.junction.engine.deployment.GuardrailSpec;
import dev.junction.engine.guard.Check;
import dev.junction.engine.guard.Checks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An evaluator of a variant, compiled for a live version: it scores a {@code sampleRate} share of the answered
 * requests with its check, after the answer, off the request path ({@link EvaluatorRunner}).
 * <p>Sampling is decided by the request id and the evaluator's name (the first 8 bytes of their SHA-256 as a number
 * in [0, 1) below the rate), so it is reproducible: the same request is always scored or never, whichever instance
 * served it, and two evaluators at 10 % do not score the same 10 %.
 */
public record Evaluator(String name, String kind, double sampleRate, Check check) {

    public static Evaluator of(GuardrailSpec spec) {
        return new Evaluator(spec.name(), spec.kind(), spec.sampleRate() == null ? 0 : spec.sampleRate(), Checks.of(spec));
    }

    public static List<Evaluator> all(List<GuardrailSpec> specs) {
        List<Evaluator> out = new ArrayList<>(specs.size());
        for (GuardrailSpec s : specs) out.add(of(s));
        return List.copyOf(out);
    }

    /** Whether this evaluator scores the request {@code requestId}. */
    public boolean samples(UUID requestId) {
        if (sampleRate >= 1) return true;
        if (sampleRate <= 0) return false;
        return draw(requestId, name) < sampleRate;
    }

    /** A number in [0, 1) fixed by the request and the evaluator's name. */
    static double draw(UUID requestId, String name) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(16).putLong(requestId.getMostSignificantBits())
                    .putLong(requestId.getLeastSignificantBits()).array());
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(sha.digest()).getLong() >>> 11; // 53 bits
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
