package dev.junction.web.sso;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser driven by hand over loopback HTTP: no redirect is followed by itself, so each hop of the sign-in is
 * checked; it keeps the gateway's cookies (only the binding cookie matters here) and sends them back to the gateway.
 */
final class OidcBrowser {
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final Map<String, String> gatewayCookies = new LinkedHashMap<>();

    HttpResponse<String> get(String url, boolean toGateway) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("User-Agent", "oidc-test-browser").GET();
        if (toGateway && !gatewayCookies.isEmpty()) {
            request.header("Cookie", String.join("; ", gatewayCookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (toGateway) {
                for (String c : response.headers().allValues("Set-Cookie")) {
                    String pair = c.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    gatewayCookies.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location on " + response.statusCode()));
    }

    static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        if (q == null) return out;
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
