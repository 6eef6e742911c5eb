package dev.esl.tagmanager.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.esl.tagmanager.api.ApiError;
import dev.esl.tagmanager.user.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two ways in. Integrators call {@code /api/**} with HTTP Basic on every request: no session, so no cookie a
 * browser could send on another site's behalf, hence no CSRF token. Staff use the console with a form sign-in, a
 * session cookie and CSRF protection on every form. Roles gate whole areas here; which store a clerk may reach is
 * checked where the store is known ({@link StoreAccess}).
 */
@Configuration
public class SecurityConfig {
    private static final String[] WRITERS = {Role.CLERK.name(), Role.STORE_MANAGER.name(), Role.CHAIN_MANAGER.name()};
    private static final String[] MANAGERS = {Role.STORE_MANAGER.name(), Role.CHAIN_MANAGER.name()};
    private static final String[] AUDIT_READERS = {Role.AUDITOR.name(), Role.CHAIN_MANAGER.name()};
    private static final String CHAIN = Role.CHAIN_MANAGER.name();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(GET, "/api/v1/audit/**").hasAnyRole(AUDIT_READERS)
                        .requestMatchers("/api/v1/users/**").hasAnyRole(MANAGERS)
                        .requestMatchers(GET, "/api/**").authenticated()
                        // the chain's catalogue and equipment: read by all, changed by chain managers
                        .requestMatchers("/api/v1/chains/**", "/api/v1/templates/**", "/api/v1/products/**",
                                "/api/v1/aps/**").hasRole(CHAIN)
                        .requestMatchers(POST, "/api/v1/stores").hasRole(CHAIN)
                        .requestMatchers(PUT, "/api/v1/stores/*").hasRole(CHAIN)
                        .requestMatchers(DELETE, "/api/v1/stores/*").hasRole(CHAIN)
                        .anyRequest().hasAnyRole(WRITERS))
                .httpBasic(b -> b.authenticationEntryPoint(jsonUnauthorized()))
                .exceptionHandling(e -> e.authenticationEntryPoint(jsonUnauthorized()).accessDeniedHandler(jsonForbidden()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/denied", "/console.css", "/console.js", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/console/audit/**").hasAnyRole(AUDIT_READERS)
                        .requestMatchers("/console/users/**").hasAnyRole(MANAGERS)
                        .requestMatchers("/actuator/**").hasRole(CHAIN)
                        .requestMatchers(POST, "/console/**").hasAnyRole(WRITERS)
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.accessDeniedPage("/denied"))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/console", true).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").permitAll());
        return http.build();
    }

    private static AuthenticationEntryPoint jsonUnauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"esl\"");
            write(response, 401, "Unauthorized", e instanceof BadCredentialsException
                    ? "wrong user name or password" : e instanceof DisabledException ? "this user is disabled"
                    : "sign in: HTTP Basic with a user name and password");
        };
    }

    private static AccessDeniedHandler jsonForbidden() {
        return (request, response, e) -> write(response, 403, "Forbidden",
                "your role may not " + request.getMethod() + " " + request.getRequestURI());
    }

    /** The API's error body ({@link ApiError}): these answers come before any controller. */
    private static void write(HttpServletResponse response, int status, String error, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(new ApiError(status, error, message, List.of())));
    }
}
