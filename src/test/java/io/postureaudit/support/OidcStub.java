package io.postureaudit.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local OpenID Connect provider for the authorization code flow, speaking the protocol's wire format: discovery,
 * JWKS, an authorization endpoint that signs in the user chosen by the test (no prompt) and a token endpoint that
 * checks the client secret and the code and answers an RS256-signed ID token carrying a {@code groups} claim.
 */
public final class OidcStub implements AutoCloseable {

    public static final String CLIENT_ID = "posture-audit";
    public static final String CLIENT_SECRET = "stub-secret-4c1d-7a9e-55b2-0f3c-91d8-e6";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** The person the next authorization signs in. */
    public record User(String subject, String name, List<String> groups) {
    }

    private record Grant(User user, String nonce, String redirectUri) {
    }

    private final HttpServer server;
    private final KeyPair key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile User next = new User("u-1", "alice@example.com", List.of());

    public OidcStub() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("OIDC stub could not start", e);
        }
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", this::jwks);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Whom the next authorization request signs in. */
    public void signInAs(User user) {
        next = user;
    }

    private void discovery(HttpExchange x) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer());
        doc.put("authorization_endpoint", issuer() + "/authorize");
        doc.put("token_endpoint", issuer() + "/token");
        doc.put("jwks_uri", issuer() + "/jwks");
        doc.put("response_types_supported", List.of("code"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        json(x, 200, doc);
    }

    private void jwks(HttpExchange x) throws IOException {
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        json(x, 200, Map.of("keys", List.of(Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", "stub-1",
                "n", B64.encodeToString(unsigned(pub.getModulus())),
                "e", B64.encodeToString(unsigned(pub.getPublicExponent()))))));
    }

    /** Signs the chosen user in at once and sends the browser back with a code, as a provider does after a login. */
    private void authorize(HttpExchange x) throws IOException {
        Map<String, String> q = form(x.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))) {
            json(x, 400, Map.of("error", "invalid_request"));
            return;
        }
        String code = java.util.UUID.randomUUID().toString();
        codes.put(code, new Grant(next, q.get("nonce"), q.get("redirect_uri")));
        String back = q.get("redirect_uri") + (q.get("redirect_uri").contains("?") ? "&" : "?") + "code=" + code
                + "&state=" + URLEncoder.encode(q.getOrDefault("state", ""), StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Location", back);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> f = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        boolean client = expected.equals(auth) || (CLIENT_ID.equals(f.get("client_id"))
                && CLIENT_SECRET.equals(f.get("client_secret")));
        Grant grant = codes.remove(String.valueOf(f.get("code")));
        if (!client) {
            json(x, 401, Map.of("error", "invalid_client"));
            return;
        }
        if (grant == null || !"authorization_code".equals(f.get("grant_type"))
                || !grant.redirectUri().equals(f.get("redirect_uri"))) {
            json(x, 400, Map.of("error", "invalid_grant"));
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer());
        claims.put("sub", grant.user().subject());
        claims.put("aud", CLIENT_ID);
        claims.put("iat", now);
        claims.put("exp", now + 300);
        if (grant.nonce() != null) {
            claims.put("nonce", grant.nonce());
        }
        claims.put("preferred_username", grant.user().name());
        claims.put("groups", grant.user().groups());
        String idToken = sign(claims);
        json(x, 200, Map.of("access_token", sign(claims), "id_token", idToken, "token_type", "Bearer",
                "expires_in", 300));
    }

    private String sign(Map<String, Object> claims) throws IOException {
        String header = B64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid",
                "stub-1")));
        String body = B64.encodeToString(JSON.writeValueAsBytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.getPrivate());
            rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + B64.encodeToString(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("signing failed", e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void json(HttpExchange x, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
