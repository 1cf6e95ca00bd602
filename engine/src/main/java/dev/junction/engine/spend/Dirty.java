package dev.junction.engine.spend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The counters the next sync must visit: those a request or a reader touched since the last sync, and those that
 * still hold something (an allowance to give back, a debt to flush, a lease to renew). The sync visits only these, so
 * its work follows the traffic, not the number of members kept. A counter queues itself at most once at a time.
 */
final class Dirty<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();

    void add(T counter) {
        queue.add(counter);
    }

    List<T> drain() {
        List<T> out = new ArrayList<>();
        for (T t; (t = queue.poll()) != null; ) out.add(t);
        return out;
    }
}
