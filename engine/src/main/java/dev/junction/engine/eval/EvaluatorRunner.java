package dev.junction.engine.eval;

import dev.junction.engine.guard.CheckContext;
import dev.junction.engine.guard.GuardEnv;
import dev.junction.engine.guard.Verdict;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs evaluators after the answer, off the request path: the request thread only decides which evaluators sample the
 * request and hands the job to a small pool (bounded queue); a full queue drops the job and counts it
 * ({@link #dropped}), it never makes a request wait. An evaluator whose check fails or times out records no score
 * (counted in {@link #failed}).
 */
public final class EvaluatorRunner implements AutoCloseable {
    /** Jobs waiting at most; beyond, new ones are dropped. */
    public static final int QUEUE = 10_000;
    /** Characters of an answer or of the caller's text an evaluator reads at most (the rest is cut). */
    public static final int MAX_TEXT = 64 * 1024;
    /** Bytes the waiting jobs' texts may hold in all (about 2 per character); beyond, new jobs are dropped. */
    public static final long MAX_QUEUED_BYTES = 64L << 20;
    /** Characters of a score's reason kept. */
    public static final int MAX_REASON = 2_000;

    private final ScoreSink sink;
    private final GuardEnv env;
    private final Clock clock;
    private final Ids ids;
    private final ThreadPoolExecutor pool;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong scored = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();

    public EvaluatorRunner(ScoreSink sink, GuardEnv env, Clock clock, Ids ids, int threads) {
        this.sink = sink;
        this.env = env;
        this.clock = clock;
        this.ids = ids;
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                Thread.ofPlatform().name("evaluator-", 0).daemon(true).factory(), (job, executor) -> dropped.incrementAndGet());
    }

    /** One answered request to score. */
    public record Job(UUID requestId, Instant requestCreatedAt, String deploymentKey, Integer versionNumber,
                      String variantKey, String ruleId, String userText, String answer, List<Evaluator> evaluators,
                      boolean maskPii) {
        public Job {
            userText = cut(userText);
            answer = cut(answer);
        }

        long bytes() {
            return 2L * ((userText == null ? 0 : userText.length()) + (answer == null ? 0 : answer.length()));
        }

        private static String cut(String text) {
            return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
        }
    }

    /** The evaluators among {@code all} that sample {@code requestId} (none: nothing to submit). */
    public static List<Evaluator> sampled(List<Evaluator> all, UUID requestId) {
        if (all.isEmpty()) return List.of();
        return all.stream().filter(e -> e.samples(requestId)).toList();
    }

    /** Queues the job; returns at once. */
    public void submit(Job job) {
        if (job.evaluators().isEmpty()) return;
        long bytes = job.bytes();
        if (queuedBytes.addAndGet(bytes) > MAX_QUEUED_BYTES) {
            queuedBytes.addAndGet(-bytes);
            dropped.incrementAndGet();
            return;
        }
        try {
            pool.execute(() -> {
                try {
                    run(job);
                } finally {
                    queuedBytes.addAndGet(-bytes);
                }
            });
        } catch (RuntimeException e) { // shut down
            queuedBytes.addAndGet(-bytes);
            dropped.incrementAndGet();
        }
    }

    /** The bytes the waiting jobs hold. */
    public long queuedBytes() { return queuedBytes.get(); }

    private void run(Job job) {
        CheckContext context = new CheckContext(job.requestId(), job.deploymentKey(), job.variantKey(), "output",
                job.userText(), env);
        for (Evaluator e : job.evaluators()) {
            Verdict v;
            try {
                v = e.check().check(job.answer() == null ? "" : job.answer(), context);
            } catch (RuntimeException ex) {
                v = Verdict.error(ex.getClass().getSimpleName());
            }
            if (v.outcome() == Verdict.Outcome.ERROR) {
                failed.incrementAndGet();
                continue;
            }
            Boolean passed = v.outcome() == Verdict.Outcome.SCORE ? null : v.passed();
            double value = v.score() != null ? v.score() : Boolean.TRUE.equals(passed) ? 1 : 0;
            String reason = v.reason() == null || v.reason().length() <= MAX_REASON ? v.reason() : v.reason().substring(0, MAX_REASON);
            if (job.maskPii()) reason = dev.junction.engine.log.LogPii.mask(reason); // the deployment's logs keep no PII
            sink.record(new Score(ids.next(), job.requestId(), job.requestCreatedAt(), job.deploymentKey(),
                    job.versionNumber(), job.variantKey(), job.ruleId(), e.name(), e.kind(), value, passed, reason,
                    clock.instant()));
            scored.incrementAndGet();
        }
    }

    public long dropped() { return dropped.get(); }
    public long failed() { return failed.get(); }
    public long scored() { return scored.get(); }
    /** Jobs waiting. */
    public int queued() { return pool.getQueue().size(); }

    /** Lets queued jobs finish for up to 5 seconds, then stops (scores not made by then are lost: they are samples). */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) pool.shutdownNow();
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
