package dev.esl.tagmanager.audit;

import dev.esl.audit.event.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is acting, for the audit: the signed-in user of the request, as a user when signed in to the console and as
 * an API client when the request carries its own HTTP Basic credentials; outside a request (scheduled work, MQTT
 * messages) the system. No request changes data unsigned (sign-in is required); one that did would be {@code api}.
 */
@Component
public class AuditActors {
    private static final int MAX = 100;

    public Actor current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return Actor.SYSTEM;
        }
        HttpServletRequest request = attributes.getRequest();
        Principal principal = request.getUserPrincipal();
        if (principal != null && principal.getName() != null && !principal.getName().isBlank()) {
            String authorization = request.getHeader("Authorization");
            boolean apiClient = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
            return apiClient ? Actor.apiClient(cut(principal.getName())) : Actor.user(cut(principal.getName()));
        }
        return Actor.apiClient("api");
    }

    private static String cut(String s) {
        return s.length() <= MAX ? s : s.substring(0, MAX);
    }
}
