package dev.junction.engine.invoke;

import java.util.List;

/**
 * The one place that decides what a client is told when every option of a variant failed: the HTTP status, the
 * {@link InvokeErrorCode} and the message. In order:
 * <ol>
 *   <li>the request's deadline passed: 504;</li>
 *   <li>every attempt that said something (an open circuit says nothing of its own: it may have opened on rate
 *       limits) was refused as the client's: the prompt too large for the context window (400
 *       {@code context_length_exceeded}, whether the gateway counted it and sent nothing or the provider said so),
 *       a request the provider found invalid (400, 413, 422) or a model it does not know (404). The status is the
 *       providers' when they agree, else 400: retrying the same request cannot help, and clients that retry on 5xx
 *       would send it again;</li>
 *   <li>every such attempt was rate limited: 429; every one timed out: 504;</li>
 *   <li>every such attempt was refused for the gateway's own credentials (401, 403): 502, saying so (the client's key
 *       is Junction's, which was accepted; the operator must fix the connection's key);</li>
 *   <li>anything else: 502.</li>
 * </ol>
 */
public record InvokeFailure(int httpStatus, InvokeErrorCode code, String message) {

    public static InvokeFailure of(List<Attempt> attempts, boolean deadlinePassed) {
        if (deadlinePassed) {
            return new InvokeFailure(504, InvokeErrorCode.TIMEOUT, "the request's deadline passed; " + summary(attempts));
        }
        List<Attempt> telling = attempts.stream().filter(a -> !"circuit_open".equals(a.reason())).toList();
        if (telling.isEmpty()) return new InvokeFailure(502, InvokeErrorCode.ALL_ATTEMPTS_FAILED, summary(attempts));
        if (telling.stream().allMatch(InvokeFailure::clientsFault)) return clientError(telling);
        if (telling.stream().allMatch(a -> "rate_limited".equals(a.reason()))) {
            return new InvokeFailure(429, InvokeErrorCode.RATE_LIMITED, summary(attempts));
        }
        if (telling.stream().allMatch(a -> "timeout".equals(a.reason()))) {
            return new InvokeFailure(504, InvokeErrorCode.TIMEOUT, summary(attempts));
        }
        if (telling.stream().allMatch(a -> "unauthorized".equals(a.reason()))) {
            Attempt first = telling.getFirst();
            return new InvokeFailure(502, InvokeErrorCode.PROVIDER_CREDENTIALS_REFUSED, first.provider() + " refused the gateway's"
                    + " credentials" + status(first) + ": check the API key of the provider connection '" + first.provider()
                    + "' (" + first.error() + ")");
        }
        return new InvokeFailure(502, InvokeErrorCode.ALL_ATTEMPTS_FAILED, summary(attempts));
    }

    /** A refusal of the request itself, which the same request would meet again. */
    private static boolean clientsFault(Attempt a) {
        if (a.reason() == null) return false;
        return switch (a.reason()) {
            case "context_window", "model_not_found", "capability" -> true;
            case "bad_request" -> a.upstreamStatus() != null
                    && (a.upstreamStatus() == 400 || a.upstreamStatus() == 413 || a.upstreamStatus() == 422);
            default -> false;
        };
    }

    private static InvokeFailure clientError(List<Attempt> refused) {
        Attempt first = refused.getFirst();
        int status = refused.stream().allMatch(a -> clientStatus(a) == clientStatus(first)) ? clientStatus(first) : 400;
        if (refused.stream().allMatch(a -> "context_window".equals(a.reason()))) {
            String message = first.upstreamStatus() == null ? first.error()
                    : label(first) + " refused the prompt as too long for its context window" + status(first) + ": " + first.error();
            return new InvokeFailure(400, InvokeErrorCode.CONTEXT_LENGTH_EXCEEDED, message);
        }
        if (refused.stream().allMatch(a -> "capability".equals(a.reason()))) {
            return new InvokeFailure(400, InvokeErrorCode.UNSUPPORTED_CONTENT,
                    "no model of the variant can take this request: " + first.error());
        }
        if (refused.stream().allMatch(a -> "model_not_found".equals(a.reason()))) {
            return new InvokeFailure(status, InvokeErrorCode.PROVIDER_MODEL_NOT_FOUND,
                    label(first) + ": the provider does not know the model" + status(first) + ": " + first.error());
        }
        return new InvokeFailure(status, InvokeErrorCode.PROVIDER_INVALID_REQUEST,
                label(first) + " refused the request as invalid" + status(first) + ": " + first.error());
    }

    private static int clientStatus(Attempt a) {
        return "context_window".equals(a.reason()) || "capability".equals(a.reason()) || a.upstreamStatus() == null
                ? 400 : a.upstreamStatus();
    }

    private static String label(Attempt a) {
        return a.provider() + "/" + a.model();
    }

    private static String status(Attempt a) {
        return a.upstreamStatus() == null ? "" : " (HTTP " + a.upstreamStatus() + ")";
    }

    private static String summary(List<Attempt> attempts) {
        StringBuilder sb = new StringBuilder("all ").append(attempts.size()).append(" attempt(s) failed:");
        for (Attempt a : attempts) {
            sb.append(' ').append(label(a))
              .append(" (").append(a.reason()).append(a.upstreamStatus() == null ? "" : " " + a.upstreamStatus()).append(");");
        }
        return sb.toString();
    }
}
