package weft.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a stream of echo replies against what was sent. The server replies prefix + chunk for
 * every read of at most 1000 bytes, and where reads split the data is up to the kernel: so the
 * check splits the replies at each prefix and requires the chunks, joined, to be exactly the
 * data sent. That is unambiguous as long as the data never contains the prefix itself
 * ({@link #data} makes such data, with every byte value in it).
 */
public final class ReplyStream {
    private ReplyStream() {}

    /** {@code length} bytes cycling through all 256 values, with no occurrence of {@code prefix}. */
    public static byte[] data(int length, String prefix) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 7 + i / 256);
        }
        byte[] marker = prefix.getBytes(StandardCharsets.UTF_8);
        if (marker.length > 0) {
            for (int i = 0; i + marker.length <= length; i++) {
                if (startsWith(data, i, marker)) {
                    data[i + marker.length - 1] ^= 0x55; // break the occurrence
                }
            }
        }
        return data;
    }

    /** Asserts {@code replies} is prefix + chunk, repeated, with chunks of 1..1000 bytes joining to {@code sent}. */
    public static void assertEchoes(String prefix, byte[] sent, byte[] replies) {
        byte[] marker = prefix.getBytes(StandardCharsets.UTF_8);
        if (marker.length == 0) {
            assertThat(replies).isEqualTo(sent);
            return;
        }
        List<Integer> chunkSizes = new ArrayList<>();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int at = 0;
        while (at < replies.length) {
            assertThat(startsWith(replies, at, marker)).as("reply at byte %d starts with %s", at, prefix).isTrue();
            int start = at + marker.length;
            int end = start;
            while (end < replies.length && !startsWith(replies, end, marker)) {
                end++;
            }
            joined.write(replies, start, end - start);
            chunkSizes.add(end - start);
            at = end;
        }
        assertThat(chunkSizes).allSatisfy(size -> assertThat(size).isBetween(1, 1000));
        assertThat(joined.toByteArray()).isEqualTo(sent);
    }

    private static boolean startsWith(byte[] data, int at, byte[] marker) {
        if (at + marker.length > data.length) {
            return false;
        }
        for (int i = 0; i < marker.length; i++) {
            if (data[at + i] != marker[i]) {
                return false;
            }
        }
        return true;
    }
}
