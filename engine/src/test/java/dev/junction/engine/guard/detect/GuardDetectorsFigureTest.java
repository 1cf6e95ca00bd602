package dev.junction.engine.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Figures, not assertions: how long the guardrail detectors take on a realistic prompt. The gateway's budget for PII +
 * deny list + length on a 1 KB prompt and a 1 KB answer is 0.2 ms p99 on one core in total. Prints FIGURE lines; the
 * assertions only check that the detectors found what the text holds.
 */
class GuardDetectorsFigureTest {
    static final String PROMPT = """
            Hi support team, I am writing about my order from last week. I was charged twice for the same subscription \
            and I would like one of the payments refunded. The charge appeared on 2026-11-28 for 49.99 EUR and again on \
            2026-11-29 for the same amount. My account is registered under maria.gonzalez@example.com and the card I \
            used is 4111 1111 1111 1111, expiring next year. I already tried to cancel the second payment from the \
            billing page, but the button did nothing and the page showed error 502 twice. Could you also check whether \
            my plan was upgraded by mistake? I only wanted the basic tier with 3 seats, not the team tier with 10 \
            seats. Our company is small and we do not need the extra features right now, although we may upgrade in \
            the spring when the new project starts. Please let me know how long the refund usually takes and whether \
            I need to send any documents. I can be reached during office hours, Monday to Friday, between 9 and 17 \
            o'clock Central European Time. Thank you for your help, and sorry for the long message. Best regards, \
            Maria Gonzalez, Operations Lead at a small logistics firm in Valencia.""";

    static final List<String> TERMS = List.of("confidential", "internal only", "project phoenix", "do not share",
            "password", "api key", "secret", "salary", "layoff", "acquisition", "merger", "insider", "trade secret",
            "source code", "private key", "access token", "credentials", "classified", "nda", "lawsuit", "settlement",
            "whistleblower", "bribe", "kickback", "fraud", "embezzle", "launder", "offshore account", "tax evasion",
            "competitor pricing", "roadmap", "unreleased", "beta build", "codename", "blackout period", "earnings",
            "guidance", "forecast", "board meeting", "restructuring", "severance", "termination", "disciplinary",
            "medical record", "diagnosis", "prescription", "social security", "passport number", "home address",
            "date of birth");

    @Test
    void pii_and_deny_list_on_a_1_kb_prompt() {
        PiiDetector pii = PiiDetector.of(Set.of());
        DenyList deny = DenyList.of(TERMS, true);
        assertThat(TERMS).hasSize(50);
        assertThat(PROMPT.length()).isBetween(1000, 1200);
        assertThat(Spans.of(PROMPT, pii.find(PROMPT))).containsExactly("email:maria.gonzalez@example.com",
                "card:4111 1111 1111 1111");
        assertThat(deny.find(PROMPT)).isEmpty();

        int iterations = 20_000;
        long sink = 0;
        for (int i = 0; i < iterations; i++) sink += pii.find(PROMPT).size() + deny.find(PROMPT).size(); // warm-up
        long[] both = new long[iterations];
        long[] piiOnly = new long[iterations];
        long[] denyOnly = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            sink += pii.find(PROMPT).size();
            long t1 = System.nanoTime();
            sink += deny.find(PROMPT).size();
            long t2 = System.nanoTime();
            piiOnly[i] = t1 - t0;
            denyOnly[i] = t2 - t1;
            both[i] = t2 - t0;
        }
        System.out.println("FIGURE detectors p50=" + micros(both, 50) + " p99=" + micros(both, 99) + " µs"
                + " (1 KB English prompt, PII all kinds + deny list of 50 terms, " + iterations + " iterations; PII p50="
                + micros(piiOnly, 50) + " p99=" + micros(piiOnly, 99) + ", deny p50=" + micros(denyOnly, 50) + " p99="
                + micros(denyOnly, 99) + ")");
        String clean = PROMPT.replace("maria.gonzalez@example.com", "the usual address").replace("4111 1111 1111 1111", "my usual card");
        System.out.println("FIGURE detectors allocation on a 1 KB text without findings: PII " + allocated(() -> pii.find(clean))
                + " B/call, deny " + allocated(() -> deny.find(clean)) + " B/call");
        assertThat(sink).isPositive();
    }

    @Test
    void language_of_a_1_kb_prompt() {
        Runtime rt = Runtime.getRuntime();
        long heapBefore = usedHeap(rt);
        long t0 = System.nanoTime();
        TextLanguage language = TextLanguage.shared();
        assertThat(language.detect(PROMPT)).contains("en");
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        long heapMb = (usedHeap(rt) - heapBefore) / (1024 * 1024);
        for (int i = 0; i < 3_000; i++) language.detect(PROMPT);
        int iterations = 2_000;
        long[] times = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            language.detect(PROMPT);
            times[i] = System.nanoTime() - t;
        }
        System.out.println("FIGURE language p50=" + micros(times, 50) + " p99=" + micros(times, 99) + " µs (1 KB English, read "
                + TextLanguage.SAMPLE + " chars, "
                + iterations + " iterations); first shared() + detect " + buildMs + " ms, heap retained +" + heapMb
                + " MB (meaningful when this class runs alone in its JVM)");
    }

    private static long usedHeap(Runtime rt) {
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static String micros(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long v = sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
        return String.format("%.1f", v / 1000.0);
    }

    /** Bytes this thread allocates per call of {@code call}, after warming it up. */
    private static long allocated(Runnable call) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Long> samples = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 10_000; i++) call.run();
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) call.run();
            samples.add((threads.getCurrentThreadAllocatedBytes() - before) / 10_000);
        }
        return samples.stream().mapToLong(Long::longValue).min().orElseThrow();
    }
}
