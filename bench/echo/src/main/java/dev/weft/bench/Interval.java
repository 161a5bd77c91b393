package dev.weft.bench;

/** The measured interval: from its first snapshot to its last. */
record Interval(Snapshot start, Snapshot end) {
    private static final double TICKS_PER_SECOND = ProcFs.clockTicksPerSecond();

    double seconds() {
        return (end.nanos() - start.nanos()) / 1e9;
    }

    /** NaN when the server's PID is not known. */
    double serverCpuSeconds() {
        if (start.serverTicks() < 0 || end.serverTicks() < 0) {
            return Double.NaN;
        }
        return (end.serverTicks() - start.serverTicks()) / TICKS_PER_SECOND;
    }

    double clientCpuSeconds() {
        return (end.clientTicks() - start.clientTicks()) / TICKS_PER_SECOND;
    }

    /** CPU time the machine spent on anything else meanwhile (NaN when the server's is not known). */
    double otherCpuSeconds() {
        return (end.machineTicks() - start.machineTicks()) / TICKS_PER_SECOND - serverCpuSeconds() - clientCpuSeconds();
    }
}
