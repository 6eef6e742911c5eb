package dev.esl.tagmanager.security;

import dev.esl.tagmanager.user.AppUser;
import dev.esl.tagmanager.user.Role;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The principal of a signed-in request: who, with which role, in which store (null: every store). */
public record SignedInUser(String username, String passwordHash, Role role, String storeId, String displayName,
        boolean enabled) implements UserDetails {

    static SignedInUser of(AppUser user) {
        return new SignedInUser(user.username(), user.passwordHash(), user.role(), user.storeId(), user.displayName(),
                user.enabled());
    }

    /** The signed-in user of this request, if any. */
    public static Optional<SignedInUser> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof SignedInUser u ? Optional.of(u) : Optional.empty();
    }

    /** Who a task records as its creator: the signed-in user, else what the caller named. */
    public static String nameOr(String named) {
        return current().map(SignedInUser::username).orElse(named);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return username + " (" + role + (storeId == null ? "" : ", " + storeId) + ")"; // never the hash
    }
}
