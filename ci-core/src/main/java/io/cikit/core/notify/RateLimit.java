package io.cikit.core.notify;

/**
 * A token bucket's shape: {@code permitsPerSecond} refill rate and at most {@code burst} sends at once. Slack's
 * incoming webhooks allow about one message per second ({@link #SLACK}); Teams workflow webhooks about four
 * ({@link #TEAMS}).
 */
public record RateLimit(double permitsPerSecond, int burst) {
    /** About one message per second per webhook. */
    public static final RateLimit SLACK = new RateLimit(1.0, 1);
    /** About four requests per second. */
    public static final RateLimit TEAMS = new RateLimit(4.0, 4);

    public RateLimit {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("permitsPerSecond must be positive and finite: " + permitsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
    }

    public static RateLimit perSecond(double permits) {
        return new RateLimit(permits, Math.max(1, (int) Math.floor(permits)));
    }
}
