package io.cikit.core.artifact.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/** The first bytes of a stream, read for a look, and the whole stream still to be read from its start. */
record BufferedPeek(int length, InputStream stream) {

    /** Reads up to {@code into.length} bytes into {@code into}; {@link #stream()} replays them first. */
    static BufferedPeek of(InputStream in, byte[] into) throws IOException {
        int n = Streams.readUpTo(in, into, 0, into.length);
        return new BufferedPeek(n, new SequenceInputStream(new ByteArrayInputStream(into, 0, n), in));
    }
}
