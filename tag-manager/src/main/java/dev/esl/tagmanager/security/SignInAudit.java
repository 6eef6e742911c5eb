package dev.esl.tagmanager.security;

import dev.esl.audit.event.Outcome;
import dev.esl.tagmanager.audit.AuditTrail;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-ins, failed sign-ins and sign-outs in the audit log. A console sign-in is recorded, not each API request's
 * HTTP Basic check (that would be one event per call); a failed check is recorded either way, with the name tried.
 */
@Component
class SignInAudit {
    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

    private final AuditTrail audit;
    private final TransactionTemplate transaction;

    SignInAudit(AuditTrail audit, TransactionTemplate transaction) {
        this.audit = audit;
        this.transaction = transaction;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        String name = event.getAuthentication().getName();
        transaction.executeWithoutResult(s -> audit.signIn("user.login", name, storeOf(event.getAuthentication()),
                Outcome.SUCCESS, null));
        log.info("{} signed in", name);
    }

    @EventListener
    void refused(AbstractAuthenticationFailureEvent event) {
        String name = event.getAuthentication().getName();
        String reason = event.getException().getMessage();
        transaction.executeWithoutResult(s -> audit.signIn("user.login", name == null || name.isBlank() ? "-" : name,
                null, Outcome.FAILURE, Map.of("reason", reason == null ? "refused" : reason)));
        log.info("Sign-in refused for '{}': {}", name, reason);
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        String name = event.getAuthentication().getName();
        transaction.executeWithoutResult(s -> audit.signIn("user.logout", name, storeOf(event.getAuthentication()),
                Outcome.SUCCESS, null));
    }

    private static String storeOf(org.springframework.security.core.Authentication auth) {
        return auth.getPrincipal() instanceof SignedInUser u ? u.storeId() : null;
    }
}
