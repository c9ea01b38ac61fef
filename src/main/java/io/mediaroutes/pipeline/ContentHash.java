package io.mediaroutes.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * What a drop's bytes hash to, for duplicates: a file's SHA-256, read once more before Create Video (bench/hash: at the
 * speed of a plain read); a blob's Content-MD5 as Azure keeps it (whole-blob uploads have one), so a blob is never
 * downloaded for this; null for a blob without one, which is then never taken for a duplicate.
 */
@Component("contentHash")
public class ContentHash {

    private final BlobDrop blobs;

    public ContentHash(BlobDrop blobs) {
        this.blobs = blobs;
    }

    public String of(Job job) throws IOException {
        if (job.isBlob()) {
            byte[] md5 = blobs.contentMd5(job.path());
            return md5 == null ? null : "md5:" + Base64.getEncoder().encodeToString(md5);
        }
        return "sha256:" + sha256(Path.of(job.path()));
    }

    public static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 20];
            while (in.read(buffer) >= 0) {
                // the digest sees every byte read
            }
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }
}
