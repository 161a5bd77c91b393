package dev.weft.bench;

/**
 * The server under test, if its PID was given: its CPU time and memory, and whether it still
 * runs, so that a crashed server ends a run at once instead of at its deadline.
 */
final class ServerProcess {
    private static final long CHECK_EVERY_NANOS = 100_000_000;

    private final long pid;
    private long nextCheck;
    private boolean died;

    ServerProcess(Long pid) {
        this.pid = pid == null ? 0 : pid;
    }

    boolean known() {
        return pid > 0;
    }

    long pid() {
        return pid;
    }

    /** Reads /proc at most every 100 ms; once dead, always dead. */
    boolean died(long now) {
        if (known() && !died && now >= nextCheck) {
            nextCheck = now + CHECK_EVERY_NANOS;
            died = !ProcFs.alive(pid);
        }
        return died;
    }

    /** CPU ticks used so far, or -1 when the PID is unknown or gone. */
    long cpuTicks() {
        return known() ? ProcFs.cpuTicks(pid) : -1;
    }

    long rssBytes() {
        return ProcFs.rssBytes(pid);
    }
}
