package io.mediaroutes.bench;

import io.mediaroutes.AppProcess;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.Postgres;
import io.mediaroutes.TestVideos;
import io.mediaroutes.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * bench/soak: one app on PostgreSQL takes a batch of drops while it is killed with SIGKILL at random moments and
 * started again, a bounded number of times; then it may finish. Prints crashes survived, videos lost (neither
 * delivered nor rejected), videos created twice at the service, and duplicate webhook deliveries.
 * Not a test: run by bench/soak.
 */
public final class SoakBench {

    public static void main(String[] args) throws Exception {
        int crashes = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int clips = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : System.nanoTime();
        Random random = new Random(seed);
        Path home = AppTestSupport.newHome("soak");
        Postgres postgres = new Postgres();
        try (WebhookReceiver receiver = new WebhookReceiver("whsec_c29haw==", 0)) {
            Map<String, String> props = properties(home, postgres, receiver);
            Path clip = TestVideos.mp4(home.resolve("source.mp4"), 3);
            Files.createDirectories(home.resolve("drop"));
            for (int i = 0; i < clips; i++) {
                Files.copy(clip, home.resolve("drop/.soak-" + i + ".mp4"));
                Files.move(home.resolve("drop/.soak-" + i + ".mp4"), home.resolve("drop/soak-" + i + ".mp4"));
            }
            int survived = 0;
            for (int round = 0; round < crashes && !allDone(home, clips); round++) {
                AppProcess app = AppProcess.start(home.resolve("round-" + round + ".log"), props);
                Thread.sleep(500 + random.nextInt(6000));
                app.kill();
                survived++;
                System.out.printf("crash %d of %d: %d of %d drops settled%n", survived, crashes, settled(home), clips);
            }
            long deadline = System.currentTimeMillis() + 5 * 60_000;
            try (AppProcess app = AppProcess.start(home.resolve("final.log"), props)) {
                while (!allDone(home, clips) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(500);
                }
                Thread.sleep(3000); // a few more polls: would anything arrive twice?
            }
            int created = postgres.db.queryForObject("SELECT COUNT(*) FROM service_video", Integer.class);
            int createdTwice = postgres.db.queryForObject(
                    "SELECT COUNT(*) FROM (SELECT original_name FROM service_video GROUP BY original_name HAVING COUNT(*) > 1) t", Integer.class);
            System.out.printf("soak: %d drops, %d SIGKILLs at random points (seed %d)%n", clips, survived, seed);
            System.out.printf("  crashes survived         %d%n", survived);
            System.out.printf("  videos lost              %d  (neither delivered nor in the error folder)%n", clips - settled(home));
            System.out.printf("  rejected                 %d%n", count(home.resolve("drop/.error"), ".mp4"));
            System.out.printf("  created twice            %d  (Create Video calls: %d for %d drops)%n", createdTwice, created, clips);
            System.out.printf("  duplicate deliveries     %d  (webhook calls %d for %d videos; the receiver dedups by Idempotency-Key)%n",
                    receiver.deliveries.size() - receiver.distinctKeys(), receiver.deliveries.size(), receiver.distinctKeys());
        } finally {
            postgres.drop();
        }
    }

    private static Map<String, String> properties(Path home, Postgres postgres, WebhookReceiver receiver) {
        Map<String, String> props = new HashMap<>(AppTestSupport.properties(home));
        props.putAll(postgres.properties());
        props.putAll(AppTestSupport.quickTakeover());
        props.putAll(receiver.sinkProperties("direct:file-out,"));
        return props;
    }

    private static boolean allDone(Path home, int clips) {
        return settled(home) == clips;
    }

    /** Drops delivered (archived to .done) or rejected (moved to .error). */
    private static int settled(Path home) {
        return count(home.resolve("drop/.done"), ".mp4") + count(home.resolve("drop/.error"), ".mp4");
    }

    private static int count(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.list(dir)) {
            return (int) files.filter(p -> p.toString().endsWith(suffix)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
