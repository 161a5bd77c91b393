package dev.weft.bench;

/**
 * The phases of a load run, which both modes walk alike: warm-up (nothing recorded), the
 * measured interval, then a drain of up to 2 s that sends nothing new and reads what is still
 * on its way, so no connection is closed with a reply in flight.
 */
final class Phases {
    enum Phase { WARMING_UP, MEASURING, DRAINING, OVER }

    private static final long DRAIN_NANOS = 2_000_000_000L;
    /** The longest the selector waits, so a dead server or a phase change is seen in time. */
    private static final long MAX_WAIT_MILLIS = 100;

    private final long measureFrom;
    private final long measureUntil;
    private final long drainUntil;

    Phases(long now, double warmupSeconds, double durationSeconds) {
        measureFrom = now + (long) (warmupSeconds * 1e9);
        measureUntil = measureFrom + (long) (durationSeconds * 1e9);
        drainUntil = measureUntil + DRAIN_NANOS;
    }

    Phase at(long now) {
        return now < measureFrom ? Phase.WARMING_UP
                : now < measureUntil ? Phase.MEASURING
                : now < drainUntil ? Phase.DRAINING
                : Phase.OVER;
    }

    /** How long a select may wait from {@code now}: until the next phase, at most 100 ms, at least 1. */
    long waitMillis(long now) {
        long next = now < measureFrom ? measureFrom : now < measureUntil ? measureUntil : drainUntil;
        return Math.max(1, Math.min(MAX_WAIT_MILLIS, (next - now) / 1_000_000));
    }
}
