package io.mediaroutes.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * Hawtio and the actuator endpoints (Jolokia included) need a login wherever {@code mediaroutes.admin.login-required}
 * is true: every profile but the embedded default, which binds to 127.0.0.1 only (HTTP basic: the browser asks).
 * Health stays open for load balancers and Kubernetes probes. Spring Security guards Hawtio, so Hawtio's own JAAS
 * login stays off. The video APIs keep their own protection (signed UploadUris, access tokens, subscription keys).
 */
@Configuration(proxyBeanMethods = false)
public class ManagementLogin {

    @Bean
    SecurityFilterChain managementChain(HttpSecurity http, AdminProperties admin) throws Exception {
        boolean loginRequired = admin.loginRequired();
        // only the actuator endpoints (Hawtio and Jolokia among them) pass this chain: the APIs, media and
        // embeddable widgets keep their own headers and protection
        http.securityMatcher(EndpointRequest.toAnyEndpoint());
        if (!loginRequired) {
            return http.csrf(csrf -> csrf.disable()).authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .anyRequest().hasRole("admin"))
                .httpBasic(withDefaults())
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())) // Hawtio sends it back
                .build();
    }

    /** The one operator account, from configuration (MEDIAROUTES_ADMIN_PASSWORD); never generated, never logged. */
    @Bean
    UserDetailsService operators(AdminProperties admin) {
        String user = admin.user();
        String password = admin.password();
        if (!admin.loginRequired()) {
            return new InMemoryUserDetailsManager();
        }
        if (password.isBlank()) {
            throw new IllegalStateException("Hawtio and actuator need a login here: set mediaroutes.admin.password"
                    + " (environment MEDIAROUTES_ADMIN_PASSWORD)");
        }
        return new InMemoryUserDetailsManager(User.withUsername(user)
                .password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password)).roles("admin").build());
    }
}
