package dev.weft.bench;

/**
 * Message contents that differ per connection and per message: a reply that belongs to another
 * connection, or to an earlier message of the same one, does not match what is expected.
 * The bytes come from SplitMix64, seeded by (connection, sequence), so nothing is stored.
 */
final class Messages {
    private Messages() {}

    static void fill(byte[] into, int offset, int length, int connection, long sequence) {
        long state = ((long) connection << 40) ^ sequence;
        long bits = 0;
        for (int i = 0; i < length; i++) {
            if ((i & 7) == 0) {
                state += 0x9E3779B97F4A7C15L;
                bits = mix(state);
            }
            into[offset + i] = (byte) bits;
            bits >>>= 8;
        }
    }

    /** SplitMix64's finaliser: every input bit changes about half the output bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
