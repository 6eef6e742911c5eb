package dev.esl.tagmanager.security;

import dev.esl.tagmanager.user.UserMapper;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Users for Spring Security, read from the {@code app_user} table at each sign-in. */
@Component
class StoredUsers implements UserDetailsService {
    private final UserMapper users;

    StoredUsers(UserMapper users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.find(username).map(SignedInUser::of)
                .orElseThrow(() -> new UsernameNotFoundException("no user " + username));
    }
}
