package dev.junction.engine.log;

/**
 * The fixed log-scale histogram of latencies (and times to first token) that analytics rollups keep per hour.
 * {@value #COUNT} buckets of microseconds: bucket 0 is [0, 100 us); bucket i (1 to 178) is
 * [100 us * 1.1^(i-1), 100 us * 1.1^i); bucket 179 is everything from 100 us * 1.1^178 (about 39 minutes) up.
 * A value is estimated by the geometric middle of its bucket, clamped to the exact minimum and maximum kept beside
 * the histogram, so an estimate between 100 us and 39 minutes is within {@value #RELATIVE_ERROR} of the true value
 * (sqrt(1.1) - 1); below 100 us it is off by less than 100 us. The SQL in the store computes the same index
 * ({@link #SQL}); histograms of different hours merge by adding counts.
 */
public final class LatencyBuckets {
    public static final int COUNT = 180;
    public static final double FACTOR = 1.1;
    public static final double FIRST_MICROS = 100;
    public static final double RELATIVE_ERROR = 0.0489;

    private LatencyBuckets() {}

    /** The bucket of a value in microseconds. */
    public static int index(long micros) {
        if (micros < FIRST_MICROS) return 0;
        int i = 1 + (int) Math.floor(Math.log(micros / FIRST_MICROS) / Math.log(FACTOR));
        return Math.min(COUNT - 1, i);
    }

    /** The same index in PostgreSQL, for a bigint column or expression of microseconds. */
    public static String sql(String micros) {
        return "(CASE WHEN " + micros + " < 100 THEN 0 ELSE LEAST(" + (COUNT - 1) + ", 1 + floor(ln(" + micros
                + "::float8 / 100) / ln(1.1))::int) END)";
    }

    public static final String SQL = sql("latency_micros");

    /** The value standing for bucket {@code i}: its geometric middle (50 us for bucket 0, the lower bound for the last). */
    public static double estimate(int i) {
        if (i <= 0) return FIRST_MICROS / 2;
        if (i >= COUNT - 1) return FIRST_MICROS * Math.pow(FACTOR, COUNT - 2);
        return FIRST_MICROS * Math.pow(FACTOR, i - 0.5);
    }

    /**
     * The nearest-rank percentile ({@code p} in (0, 1]) of a histogram: the estimate of the bucket holding the
     * ceil(p * n)-th smallest value, clamped to [min, max]. Null when the histogram is empty.
     */
    public static Double percentile(long[] counts, double p, long min, long max) {
        long n = 0;
        for (long c : counts) n += c;
        if (n == 0) return null;
        long rank = Math.max(1, (long) Math.ceil(p * n));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) return Math.min(max, Math.max(min, estimate(i)));
        }
        return (double) max;
    }
}
