package io.mediaroutes.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.beans.factory.annotation.Value;
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

/**
 * Hawtio and the actuator endpoints (Jolokia included) need a login wherever {@code mediaroutes.admin.login-required}
 * is true: every profile but the embedded default, which binds to 127.0.0.1 only. Health stays open for load
 * balancers and Kubernetes probes. Spring Security guards Hawtio, so Hawtio's own JAAS login stays off. The video
 * APIs keep their own protection (signed UploadUris, access tokens, subscription keys); this chain leaves them alone.
 */
@Configuration
public class ManagementLogin {

    @Bean
    SecurityFilterChain managementChain(HttpSecurity http,
            @Value("${mediaroutes.admin.login-required:true}") boolean loginRequired) throws Exception {
        http.csrf(csrf -> csrf.disable()); // no browser sessions carry the APIs; the console logs in per request
        if (!loginRequired) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("admin")
                        .anyRequest().permitAll())
                .httpBasic(withDefaults())
                .formLogin(withDefaults())
                .build();
    }

    /** The one operator account, from configuration (MEDIAROUTES_ADMIN_PASSWORD); never generated, never logged. */
    @Bean
    UserDetailsService operators(@Value("${mediaroutes.admin.user:admin}") String user,
            @Value("${mediaroutes.admin.password:}") String password,
            @Value("${mediaroutes.admin.login-required:true}") boolean loginRequired) {
        if (!loginRequired) {
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
