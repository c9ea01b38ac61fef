package io.mediaroutes;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * Entra ID for tests: a real OAuth2/OIDC server (NAV's mock-oauth2-server, from Maven Central) on HTTPS with the
 * build's test certificate, issuing client-credentials tokens shaped as Entra ID's v1 tokens are (issuer
 * {@code https://sts.windows.net/<tenant>/}, audience the resource asked for: ARM or Storage, {@code tid}, {@code oid},
 * {@code appid}). azure-identity reaches it through its authority host, as it reaches a sovereign cloud; MSAL asks it
 * at {@code /<tenant>/oauth2/v2.0/token}.
 */
public final class EntraId implements AutoCloseable {

    public static final String TENANT = "8c406f87-77ac-4ebb-a401-e8562450630e";
    public static final String CLIENT_ID = "92e65ecf-0fae-432e-8272-fedb6edb96c7";
    public static final String OBJECT_ID = "a661c16c-ee39-46e7-93f6-7fb80d17ef13";
    /** The server keeps keys and token shapes per issuer: its issuer id is the path before /token. */
    private static final String ISSUER_ID = TENANT + "/oauth2/v2.0";

    private final MockOAuth2Server server;

    private EntraId(MockOAuth2Server server) {
        this.server = server;
    }

    public static EntraId start() throws Exception {
        String claims = "\"iss\":\"https://sts.windows.net/" + TENANT + "/\",\"tid\":\"" + TENANT + "\",\"oid\":\"" + OBJECT_ID
                + "\",\"appid\":\"" + CLIENT_ID + "\",\"sub\":\"" + OBJECT_ID + "\"";
        String config = """
                {"httpServer": {"type": "NettyWrapper", "ssl": {"keystoreFile": "%s", "keystoreType": "PKCS12",
                    "keystorePassword": "changeit", "keyPassword": "changeit"}},
                 "tokenCallbacks": [{"issuerId": "%s", "tokenExpiry": 3600, "requestMappings": [
                   {"requestParam": "scope", "match": ".*management\\\\.azure\\\\.com.*",
                    "claims": {"aud": "https://management.azure.com/", %s}},
                   {"requestParam": "scope", "match": ".*storage\\\\.azure\\\\.com.*",
                    "claims": {"aud": "https://storage.azure.com", %s}}]}]}
                """.formatted(Azurite.TLS_KEYSTORE.toAbsolutePath(), ISSUER_ID, claims, claims);
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(config));
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        return new EntraId(server);
    }

    /** The authority host azure-identity is given (mediaroutes.azure-cloud.authority-host, AZURE_AUTHORITY_HOST). */
    public String authorityHost() {
        return "https://localhost:" + server.baseUrl().port() + "/";
    }

    /** A service principal with a secret, as DefaultAzureCredential's EnvironmentCredential reads it. */
    public Map<String, String> servicePrincipal() {
        return Map.of("AZURE_TENANT_ID", TENANT, "AZURE_CLIENT_ID", CLIENT_ID, "AZURE_CLIENT_SECRET", "test-secret",
                "AZURE_AUTHORITY_HOST", authorityHost());
    }

    /** Checks a bearer token as a resource server would (signature by the server's keys, times), and returns its claims. */
    public JWTClaimsSet verify(String token) throws Exception {
        String keys = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.jwksUrl(ISSUER_ID).toString()))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(JWKSet.parse(keys))));
        return processor.process(token, null);
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
