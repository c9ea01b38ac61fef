package io.mediaroutes.bench;

import io.mediaroutes.AppTestSupport;
import io.mediaroutes.pipeline.ContentHash;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * bench/hash: the duplicates check's extra read (ContentHash's SHA-256 of a file drop) beside a plain read and a raw
 * copy of the same file, in one run; prints each one's median and the ratios. Not a test: run by bench/hash.
 */
public final class HashBench {

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int rounds = Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "5"));
        Path home = AppTestSupport.newHome("hash");
        Path file = home.resolve("drop.bin");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] block = new byte[1 << 20];
            Random random = new Random(1);
            for (int i = 0; i < mib; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        double[] read = new double[rounds];
        double[] hash = new double[rounds];
        double[] copy = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            read[r] = seconds(() -> readAll(file));
            hash[r] = seconds(() -> ContentHash.sha256(file));
            copy[r] = seconds(() -> Files.copy(file, home.resolve("copy.bin"), StandardCopyOption.REPLACE_EXISTING));
        }
        double readMedian = median(read);
        double hashMedian = median(hash);
        double copyMedian = median(copy);
        System.out.printf(Locale.ROOT, "hash: a %d MiB file, median of %d rounds (Java %s)%n", mib, rounds, Runtime.version());
        System.out.printf(Locale.ROOT, "  plain read     %6.2f s  %6.0f MiB/s%n", readMedian, mib / readMedian);
        System.out.printf(Locale.ROOT, "  SHA-256        %6.2f s  %6.0f MiB/s  (%.2f of a plain read's speed)%n", hashMedian, mib / hashMedian,
                readMedian / hashMedian);
        System.out.printf(Locale.ROOT, "  raw copy       %6.2f s  %6.0f MiB/s  (the hash takes %.2f of a copy's time)%n", copyMedian,
                mib / copyMedian, hashMedian / copyMedian);
        Files.delete(file);
        Files.deleteIfExists(home.resolve("copy.bin"));
    }

    private static void readAll(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            while (in.read(buffer) >= 0) {
                // the bytes are read, nothing more
            }
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double seconds(Work work) throws Exception {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
