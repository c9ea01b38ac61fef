package io.mediaroutes.service;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call the Connector API ({@code /api/**}), fetch media ({@code /media/**}) and list the pipeline's videos
 * ({@code /pipeline/videos}, for the pages at {@code /}). Where {@code mediaroutes.service.auth.required} is true
 * (profile cluster; false only in the embedded default, which binds 127.0.0.1), a caller shows either an OAuth2 bearer
 * token from the organisation's identity provider, validated by Spring Security's resource server ({@code
 * spring.security.oauth2.resourceserver.jwt.*}; its {@code roles} claim carries the roles), or the static key {@code
 * mediaroutes.service.auth.api-key} in the {@code api-key} header (Contributor). Media Services' roles: Reader may Get
 * and List; Contributor and Owner may also create, mark complete and delete. Video Indexer videos are outside this API
 * altogether (their own tokens guard them).
 */
@Configuration(proxyBeanMethods = false)
public class ApiAccess {

    static final String KEY_HEADER = "api-key";

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ObjectProvider<JwtDecoder> jwt, ServiceProperties service) throws Exception {
        boolean required = service.auth().required();
        String apiKey = service.auth().apiKey();
        http.securityMatcher("/api/**", "/media/**", "/pipeline/videos/**", "/pipeline/videos")
                .csrf(csrf -> csrf.disable()) // no cookies, no sessions: a credential comes with every call
                .headers(headers -> headers.disable()) // the APIs set their own (no-cache on the API; media is cacheable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!required) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        boolean bearer = jwt.getIfAvailable() != null;
        if (!bearer && apiKey.isBlank()) {
            throw new IllegalStateException("The Connector API needs a credential here: set mediaroutes.service.auth.api-key"
                    + " (environment MEDIAROUTES_SERVICE_API_KEY) or spring.security.oauth2.resourceserver.jwt.*"
                    + " (issuer-uri or jwk-set-uri), or mediaroutes.service.auth.required=false");
        }
        http.authorizeHttpRequests(requests -> requests
                // a Video Indexer video's media, with its access token (checked by PlaybackController)
                .requestMatchers(request -> request.getRequestURI().startsWith("/media/") && request.getParameter("accessToken") != null)
                .permitAll()
                .requestMatchers(HttpMethod.GET).hasAnyRole("Reader", "Contributor", "Owner")
                .requestMatchers(HttpMethod.HEAD).hasAnyRole("Reader", "Contributor", "Owner")
                .anyRequest().hasAnyRole("Contributor", "Owner"));
        if (bearer) {
            http.oauth2ResourceServer(server -> server.jwt(jwtConfig -> {}));
        }
        if (!apiKey.isBlank()) {
            http.addFilterBefore(new ApiKey(apiKey), BearerTokenAuthenticationFilter.class);
        }
        http.exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
            response.setHeader("WWW-Authenticate", bearer ? "Bearer" : "ApiKey");
            response.sendError(401);
        }));
        return http.build();
    }

    /** The static key: constant-time compared; a wrong key is a 401, never a fall-through. */
    static final class ApiKey extends OncePerRequestFilter {
        private final byte[] key;

        ApiKey(String key) {
            this.key = key.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String given = request.getHeader(KEY_HEADER);
            if (given != null) {
                if (!MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
                    response.setHeader("WWW-Authenticate", "ApiKey");
                    response.sendError(401);
                    return;
                }
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "api-key", null, List.of(new SimpleGrantedAuthority("ROLE_Contributor"))));
            }
            chain.doFilter(request, response);
        }
    }
}
