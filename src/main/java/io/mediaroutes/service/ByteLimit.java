package io.mediaroutes.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that fails once more than its limit has been read: limits are counted on bytes, not on headers. */
public final class ByteLimit extends FilterInputStream {

    /** Thrown by a read that passes the limit. */
    public static class Exceeded extends IOException {
        public Exceeded(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    private final long limit;
    private long count;

    private ByteLimit(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    public static InputStream of(InputStream in, long limit) {
        return new ByteLimit(in, limit);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void counted(long n) throws Exceeded {
        count += n;
        if (count > limit) {
            throw new Exceeded(limit);
        }
    }
}
