package weft.net;

/**
 * What the server has done, for {@code --max-connections} and the summary printed at shutdown.
 * Touched only by the loop's thread.
 */
public final class ServerStats {
    private int open;
    private long served;
    private long bytesEchoed;

    void connectionOpened() {
        open++;
        served++;
    }

    void connectionClosed() {
        open--;
    }

    void echoed(int bytes) {
        bytesEchoed += bytes;
    }

    /** Connections open now. */
    public int open() {
        return open;
    }

    /** Connections accepted and handed to a handler, since the start. */
    public long served() {
        return served;
    }

    /** Bytes received from clients and sent back to them in full, since the start. */
    public long bytesEchoed() {
        return bytesEchoed;
    }
}
