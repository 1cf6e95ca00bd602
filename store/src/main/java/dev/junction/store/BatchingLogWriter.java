package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;

import dev.junction.engine.log.LogSink;
import dev.junction.engine.log.RequestLog;
import dev.junction.store.generated.tables.records.RequestLogsRecord;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes request logs off the request thread. {@link #record} only offers the entry to a bounded queue;
 * one writer thread drains it in batches of up to {@value #BATCH} rows into PostgreSQL. A batch that fails
 * to write is kept and retried (every {@link #RETRY_DELAY}), never dropped; while the database is away the
 * queue fills, and only entries beyond its capacity are dropped, counted in {@link #dropped()}.
 * {@link #close()} drains what is queued before it returns.
 */
public final class BatchingLogWriter implements LogSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingLogWriter.class);
    static final int BATCH = 500;
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final DSLContext dsl;
    private final BlockingQueue<RequestLog> queue;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;
    private volatile long shutdownDeadline = Long.MAX_VALUE;

    public BatchingLogWriter(DSLContext dsl, int capacity) {
        this.dsl = dsl;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().name("junction-log-writer").daemon(true).unstarted(this::run);
        this.writer.start();
    }

    @Override
    public void record(RequestLog entry) {
        if (closing || !queue.offer(entry)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.error("request log queue full or closed: {} entries dropped so far", n);
            }
        }
    }

    public long written() { return written.get(); }
    public long dropped() { return dropped.get(); }
    public int queued() { return queue.size(); }

    private void run() {
        List<RequestLog> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                if (batch.isEmpty()) {
                    RequestLog first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing) return;
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                write(batch);
                written.addAndGet(batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("could not write {} request log(s), retrying in {} ms: {}", batch.size(),
                        RETRY_DELAY.toMillis(), e.getMessage());
                if (closing && System.nanoTime() > shutdownDeadline) {
                    LOG.error("{} request log(s) lost: the database did not come back before shutdown",
                            batch.size() + queue.size());
                    return;
                }
                sleep(RETRY_DELAY);
            }
        }
    }

    private void write(List<RequestLog> batch) {
        List<RequestLogsRecord> rows = new ArrayList<>(batch.size());
        for (RequestLog e : batch) {
            RequestLogsRecord r = dsl.newRecord(REQUEST_LOGS);
            r.setId(e.id());
            r.setCreatedAt(e.createdAt().atOffset(ZoneOffset.UTC));
            r.setDeploymentKey(e.deploymentKey());
            r.setDeploymentId(e.deploymentId());
            r.setVersionId(e.versionId());
            r.setVersionNumber(e.versionNumber());
            r.setVariantKey(e.variantKey());
            r.setEvaluation(e.evaluation());
            r.setRuleId(e.ruleId());
            r.setProvider(e.provider());
            r.setModel(e.model());
            r.setStatus(e.status());
            r.setHttpStatus(e.httpStatus());
            r.setError(e.error());
            r.setLatencyMicros(e.latencyMicros());
            r.setPromptTokens(e.promptTokens());
            r.setCompletionTokens(e.completionTokens());
            r.setTotalTokens(e.totalTokens());
            r.setSource(e.source().name());
            r.setContext(Json.jsonb(e.context()));
            r.setAttempts(Json.jsonb(e.attempts()));
            r.setMetadata(e.metadata().isEmpty() ? null : Json.jsonb(e.metadata()));
            r.setIdentityId(e.identityId());
            r.setThreadId(e.threadId());
            r.setRequest(e.request().isEmpty() ? null : Json.jsonb(e.request()));
            r.setCachedTokens(e.cachedTokens());
            r.setCostUsd(e.costUsd());
            r.setPriceSource(e.priceSource());
            r.setTtftMicros(e.ttftMicros());
            if (e.bodies() != null) {
                r.setInputs(Json.jsonb(e.bodies().inputs()));
                r.setMessages(Json.jsonb(e.bodies().messages()));
                r.setAnswer(e.bodies().answer());
                r.setFinishReason(e.bodies().finishReason());
            }
            rows.add(r);
        }
        dsl.batchInsert(rows).execute();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking entries and waits (up to 10 s) until every queued entry is written. */
    @Override
    public void close() {
        shutdownDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        closing = true;
        try {
            writer.join(Duration.ofSeconds(11));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
