package io.mediaroutes.insights.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The brands the entities analyzer recognises: the app's list ({@code language/brands.txt}) and the operator's own
 * file, one brand a line, {@code Name | other name | ...}. A brand is found in a line of text where one of its names
 * is, as whole words, whatever the case, accents and punctuation ("coca cola" is Coca-Cola, "loreal" is L'Oréal).
 */
public final class Brands {

    /** A brand, and whether it came from the operator's file. */
    public record Brand(String name, boolean custom) {}

    private final Map<String, Brand> byName = new LinkedHashMap<>(); // normalized name -> brand

    /** The app's list and, if given, the operator's file (its brands win where both name the same). */
    public static Brands load(Path custom) throws IOException {
        Brands brands = new Brands();
        try (InputStream in = Brands.class.getResourceAsStream("/language/brands.txt")) {
            if (in == null) {
                throw new IOException("language/brands.txt is not on the classpath");
            }
            brands.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), false);
        }
        if (custom != null) {
            try (BufferedReader in = Files.newBufferedReader(custom, StandardCharsets.UTF_8)) {
                brands.read(in, true);
            }
        }
        return brands;
    }

    private void read(BufferedReader in, boolean custom) throws IOException {
        for (String line; (line = in.readLine()) != null; ) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] names = line.split("\\|");
            Brand brand = new Brand(names[0].strip(), custom);
            for (String name : names) {
                String key = normalized(name);
                if (!key.isBlank()) {
                    byName.put(key, brand);
                }
            }
        }
    }

    /** The brands named in {@code text}, each once. */
    public List<Brand> in(String text) {
        String words = " " + normalized(text) + " ";
        List<Brand> found = new ArrayList<>();
        byName.forEach((name, brand) -> {
            if (words.contains(" " + name + " ") && !found.contains(brand)) {
                found.add(brand);
            }
        });
        return found;
    }

    /** Whether {@code name} is one of the brands' names. */
    public boolean isBrand(String name) {
        return byName.containsKey(normalized(name));
    }

    /** Lower case, no accents, apostrophes dropped, other punctuation as spaces: "L'Oréal" is "loreal". */
    static String normalized(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").replaceAll("['’]", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
