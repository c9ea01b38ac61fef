package io.mediaroutes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page in headless Chromium driven as a person drives it, through the DevTools protocol: keys pressed (Tab moves
 * the focus, Enter submits, as in any browser), text typed, what the page shows read back, screenshots at a window's
 * size (a phone's, a laptop's).
 */
public final class BrowserTab implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The keys the tests press, with the codes Chromium's input pipeline needs to act on them. */
    private static final Map<String, Integer> KEYS = Map.of("Tab", 9, "Enter", 13, "Escape", 27, "ArrowDown", 40, "ArrowUp", 38, "/", 191);

    private final Process chromium;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private BrowserTab(Process chromium, WebSocket socket) {
        this.chromium = chromium;
        this.socket = socket;
    }

    /** Opens {@code url} in a window of {@code width} x {@code height} CSS pixels and waits for it to load. */
    public static BrowserTab open(String url, int width, int height) throws Exception {
        Path profile = Chromium.profile();
        List<String> command = Chromium.command(profile, "--hide-scrollbars", "--remote-debugging-port=0");
        command.add("about:blank");
        Process chromium = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        Path portFile = profile.resolve("DevToolsActivePort"); // Chromium writes the port it took here
        Await.until("Chromium's DevTools port", Duration.ofSeconds(60), () -> Files.exists(portFile) && portFile.toFile().length() > 0);
        String port = Files.readAllLines(portFile).get(0).strip();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String page = null;
        for (JsonNode target : targets) {
            if (page == null && target.path("type").asText().equals("page")) {
                page = target.path("webSocketDebuggerUrl").asText();
            }
        }
        BrowserTab[] tab = new BrowserTab[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    tab[0].answered(message.toString());
                    message.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        tab[0] = new BrowserTab(chromium, socket);
        tab[0].call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", width < 700));
        tab[0].call("Page.navigate", JSON.createObjectNode().put("url", url));
        tab[0].waitFor("the page loaded", "document.readyState === 'complete'");
        return tab[0];
    }

    private void answered(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            CompletableFuture<JsonNode> waiting = message.has("id") ? pending.remove(message.path("id").asInt()) : null;
            if (waiting != null) {
                waiting.complete(message);
            }
        } catch (IOException unreadable) {
            // not an answer to us
        }
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.createObjectNode().put("id", id).put("method", method).set("params", params).toString(), true).join();
        JsonNode message = answer.get(60, TimeUnit.SECONDS);
        if (message.has("error")) {
            throw new IllegalStateException(method + ": " + message.path("error"));
        }
        return message.path("result");
    }

    /** The value of a JavaScript expression in the page (a promise is awaited), as text. */
    public String eval(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true)).path("result");
        return result.path("value").isTextual() ? result.path("value").asText() : result.path("value").toString();
    }

    /** Waits until a JavaScript condition holds in the page. */
    public void waitFor(String what, String condition) throws Exception {
        try {
            Await.until(what, Duration.ofSeconds(60), () -> {
                try {
                    return eval("!!(" + condition + ")").equals("true");
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (AssertionError timedOut) { // say what the page showed instead
            throw new AssertionError(timedOut.getMessage() + "; the page showed: " + eval("document.body.innerText.slice(0, 600)"), timedOut);
        }
    }

    /** Presses and releases a key, as a keyboard would. */
    public void press(String key) throws Exception {
        int code = KEYS.getOrDefault(key, (int) Character.toUpperCase(key.charAt(0)));
        String text = key.equals("Enter") ? "\r" : key.length() == 1 ? key : null;
        ObjectNode down = JSON.createObjectNode().put("type", text == null ? "rawKeyDown" : "keyDown").put("key", key)
                .put("windowsVirtualKeyCode", code).put("nativeVirtualKeyCode", code);
        if (text != null) {
            down.put("text", text);
        }
        call("Input.dispatchKeyEvent", down);
        call("Input.dispatchKeyEvent", JSON.createObjectNode().put("type", "keyUp").put("key", key).put("windowsVirtualKeyCode", code)
                .put("nativeVirtualKeyCode", code));
    }

    /** Types text into what has the focus. */
    public void type(String text) throws Exception {
        call("Input.insertText", JSON.createObjectNode().put("text", text));
    }

    /** What has the focus: its id, or its tag and text. */
    public String focused() throws Exception {
        return eval("(e => e.id || e.tagName + ':' + e.textContent.trim())(document.activeElement)");
    }

    public void screenshot(Path png) throws Exception {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"))
                .path("data").asText()));
    }

    @Override
    public void close() {
        socket.abort();
        chromium.destroyForcibly();
    }
}
