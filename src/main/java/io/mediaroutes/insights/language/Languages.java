package io.mediaroutes.insights.language;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Which language a text is in: Apache OpenNLP's language detector (103 languages, its model from the
 * {@code opennlp-models-langdetect} jar), answered as Video Indexer names languages ("en-US", "fr-FR", "zh-Hans").
 */
public final class Languages {

    /** A language as Video Indexer names it, and how sure the detector is (0 to 1). */
    public record Detected(String language, double confidence) {}

    /** Video Indexer's names of the languages it transcribes, by ISO 639-3 code; others get their two-letter code. */
    private static final Map<String, String> VIDEO_INDEXER_NAMES = Map.ofEntries(
            Map.entry("eng", "en-US"), Map.entry("fra", "fr-FR"), Map.entry("deu", "de-DE"), Map.entry("spa", "es-ES"),
            Map.entry("ita", "it-IT"), Map.entry("por", "pt-BR"), Map.entry("nld", "nl-NL"), Map.entry("rus", "ru-RU"),
            Map.entry("pol", "pl-PL"), Map.entry("swe", "sv-SE"), Map.entry("dan", "da-DK"), Map.entry("nob", "nb-NO"),
            Map.entry("fin", "fi-FI"), Map.entry("ces", "cs-CZ"), Map.entry("tur", "tr-TR"), Map.entry("ell", "el-GR"),
            Map.entry("hun", "hu-HU"), Map.entry("ukr", "uk-UA"), Map.entry("ara", "ar-EG"), Map.entry("heb", "he-IL"),
            Map.entry("hin", "hi-IN"), Map.entry("jpn", "ja-JP"), Map.entry("kor", "ko-KR"), Map.entry("cmn", "zh-Hans"),
            Map.entry("zho", "zh-Hans"), Map.entry("tha", "th-TH"), Map.entry("vie", "vi-VN"), Map.entry("ind", "id-ID"),
            Map.entry("ron", "ro-RO"), Map.entry("slk", "sk-SK"), Map.entry("slv", "sl-SI"), Map.entry("cat", "ca-ES"),
            Map.entry("est", "et-EE"), Map.entry("lav", "lv-LV"), Map.entry("lit", "lt-LT"), Map.entry("bul", "bg-BG"),
            Map.entry("hrv", "hr-HR"), Map.entry("fas", "fa-IR"), Map.entry("pes", "fa-IR"));
    private static final Map<String, String> TWO_LETTER = new HashMap<>();
    private static LanguageDetectorModel model;

    static {
        for (String code : Locale.getISOLanguages()) {
            TWO_LETTER.put(new Locale(code).getISO3Language(), code);
        }
    }

    private Languages() {}

    /**
     * The most likely language of {@code text}; its confidence is its share of the two likeliest languages' scores
     * (0.5: a toss-up, 1: no contest), since the detector's own scores spread over 103 languages stay small.
     */
    public static Detected detect(String text) {
        Language[] likeliest = new LanguageDetectorME(model()).predictLanguages(text);
        double best = likeliest[0].getConfidence();
        double second = likeliest.length > 1 ? likeliest[1].getConfidence() : 0;
        return new Detected(name(likeliest[0].getLang()), Math.round(best / (best + second) * 100) / 100.0);
    }

    /** Video Indexer's name of an ISO 639-3 language. */
    static String name(String iso3) {
        return VIDEO_INDEXER_NAMES.getOrDefault(iso3, TWO_LETTER.getOrDefault(iso3, iso3));
    }

    private static synchronized LanguageDetectorModel model() {
        if (model == null) {
            try (InputStream in = Languages.class.getResourceAsStream("/langdetect-183.bin")) {
                if (in == null) {
                    throw new IOException("engine not installed: langdetect-183.bin (opennlp-models-langdetect) is not on the classpath");
                }
                model = new LanguageDetectorModel(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }
}
