package dev.weft.bench;

/** Wall time and the CPU time of both processes, read together at an edge of the measured interval. */
record Snapshot(long nanos, long serverTicks, long clientTicks) {
    private static final long SELF = ProcessHandle.current().pid();

    static Snapshot take(ServerProcess server) {
        return new Snapshot(System.nanoTime(), server.cpuTicks(), ProcFs.cpuTicks(SELF));
    }
}
