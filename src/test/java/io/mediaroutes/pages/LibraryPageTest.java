package io.mediaroutes.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.BrowserTab;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The library at / as a person uses it, in Chromium driven by the keyboard alone: a search finds the moment and links
 * the player at its time; the filters (state, people...) narrow the list; on a phone's width every video is a card
 * and nothing spills sideways. Screenshots: target/screenshots/library*.png (filtered, searched, on a phone).
 */
class LibraryPageTest extends AppTest {

    @Test
    void aKeyboardAloneSearchesAndFiltersTheLibraryAndAPhoneReadsIt() throws Exception {
        Path made = Files.createDirectories(home().resolve("made"));
        TestVideos.captionedSpeech(made.resolve("finance.mp4"), "WEEKLY FINANCE", "john smith explains the cost of the loan", 5);
        Files.move(made.resolve("finance.mp4"), home().resolve("drop/finance.mp4"));
        Files.writeString(made.resolve("notes.tmp"), "not a video");
        Files.move(made.resolve("notes.tmp"), home().resolve("drop/notes.mp4"));
        Await.until("delivered and rejected", Duration.ofSeconds(120), () -> Files.exists(home().resolve("out/finance.mp4.insights.json"))
                && Files.exists(home().resolve("drop/.error/notes.mp4.error.json")));
        String library = "http://127.0.0.1:" + port + "/";

        String listed = "[...document.querySelectorAll('#videos td.name')].map(td => td.textContent)";
        try (BrowserTab tab = BrowserTab.open(library, 1280, 900)) {
            tab.waitFor("both listed", listed + ".includes('finance.mp4') && " + listed + ".includes('notes.mp4')");
            String all = tab.eval("document.body.dataset.rendered"); // with the videos of other tests of this app, if any
            assertThat(tab.focused()).as("the search box has the focus").isEqualTo("search");
            tab.type("smith");
            tab.press("Enter");
            tab.waitFor("the search answered", "document.getElementById('summary').textContent.includes('for “smith”')");
            assertThat(tab.eval(listed + ".join()")).isEqualTo("finance.mp4");
            assertThat(tab.eval("document.querySelector('td.found a').getAttribute('href')")).as("the moment, linked at its time")
                    .matches("/video\\.html\\?id=[0-9a-f-]+#t=[0-9.]+");
            assertThat(tab.eval("[...document.querySelectorAll('td.found a')].map(a => a.textContent).join(' | ')"))
                    .as("where the name was said").containsPattern("(?i)Transcript: john smith");
            tab.screenshot(Path.of("target/screenshots/library-search.png"));
            tab.press("Escape");
            tab.waitFor("the search cleared", "document.body.dataset.rendered === '" + all + "'");

            // Tab to the people filter; the arrow picks the one person named in the library
            tabTo(tab, "people");
            tab.press("ArrowDown");
            tab.waitFor("filtered by person", "document.body.dataset.rendered === '1'");
            assertThat(tab.eval("document.getElementById('people').value")).isEqualTo("John Smith");
            assertThat(tab.eval("document.querySelector('#videos td.name').textContent")).isEqualTo("finance.mp4");
            tab.screenshot(Path.of("target/screenshots/library.png"));

            tab.press("ArrowUp"); // anyone again
            tab.waitFor("unfiltered", "document.body.dataset.rendered === '" + all + "'");
            tab.press("/");
            assertThat(tab.focused()).as("/ goes back to the search box").isEqualTo("search");
            tabTo(tab, "state");
            tab.press("ArrowDown"); // Delivered
            tab.press("ArrowDown"); // In progress
            tab.press("ArrowDown"); // Failed
            tab.waitFor("failed ones", "document.getElementById('state').value === 'FAILED' && " + listed + ".includes('notes.mp4')");
            assertThat(tab.eval("[...document.querySelectorAll('#videos td.state')].every(td => td.textContent.startsWith('Failed: '))"))
                    .isEqualTo("true");
            assertThat(tab.eval(listed + ".includes('finance.mp4')")).isEqualTo("false");

            // a date typed into "Dropped from" (month, day, year): none was dropped in 2099
            tabTo(tab, "from");
            for (char digit : "01012099".toCharArray()) {
                tab.press(String.valueOf(digit));
            }
            tab.waitFor("none dropped since", "document.getElementById('from').value === '2099-01-01' && document.body.dataset.rendered === '0'");
            assertThat(tab.eval("document.getElementById('summary').textContent")).startsWith("None found.");
        }

        try (BrowserTab phone = BrowserTab.open(library, 390, 844)) {
            phone.waitFor("both listed", listed + ".includes('finance.mp4')");
            assertThat(phone.eval("getComputedStyle(document.querySelector('#videos tr')).display")).as("a card per video").isEqualTo("block");
            assertThat(phone.eval("document.documentElement.scrollWidth <= window.innerWidth")).as("nothing spills sideways").isEqualTo("true");
            phone.screenshot(Path.of("target/screenshots/library-phone.png"));
        }
        assertThat(Path.of("target/screenshots/library-phone.png")).isNotEmptyFile();
    }

    /** Presses Tab until {@code id} has the focus: it must be reachable from the keyboard, in a few steps. */
    private static void tabTo(BrowserTab tab, String id) throws Exception {
        for (int i = 0; i < 20 && !tab.focused().equals(id); i++) {
            tab.press("Tab");
        }
        assertThat(tab.focused()).as("reached with Tab").isEqualTo(id);
    }
}
