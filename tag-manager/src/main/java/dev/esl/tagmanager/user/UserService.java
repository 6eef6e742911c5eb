package dev.esl.tagmanager.user;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.ConflictException;
import dev.esl.tagmanager.api.ForbiddenException;
import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.audit.AuditTrail;
import dev.esl.tagmanager.security.SignedInUser;
import dev.esl.tagmanager.security.StoreAccess;
import dev.esl.tagmanager.store.StoreMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User administration: a chain manager manages everyone; a store manager manages the clerks and managers of
 * their own store. Every change is audited with the user before and after (never a password or its hash).
 */
@Service
public class UserService {
    private final UserMapper users;
    private final StoreMapper stores;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;

    UserService(UserMapper users, StoreMapper stores, PasswordEncoder encoder, AuditTrail audit) {
        this.users = users;
        this.stores = stores;
        this.encoder = encoder;
        this.audit = audit;
    }

    /** The users the signed-in manager may see. */
    public List<AppUser.UserView> visible() {
        return StoreAccess.onlyStore().map(users::ofStore).orElseGet(users::all).stream().map(AppUser::view).toList();
    }

    public AppUser.UserView get(String username) {
        return reachable(username).view();
    }

    @Transactional
    public AppUser.UserView create(UserRequest request) {
        if (request.password() == null) {
            throw new BadRequestException("password", "required");
        }
        check(request);
        if (users.find(request.username()).isPresent()) {
            throw new ConflictException("user " + request.username() + " already exists");
        }
        AppUser user = new AppUser(request.username(), encoder.encode(request.password()), request.role(),
                storeOf(request), displayName(request), request.enabled() == null || request.enabled());
        users.insert(user);
        audit.change("user.create", "user", user.username(), user.storeId(), null, user.view());
        return user.view();
    }

    @Transactional
    public AppUser.UserView update(String username, UserRequest request) {
        if (!username.equals(request.username())) {
            throw new BadRequestException("username", "must equal the name in the path (" + username + ")");
        }
        AppUser before = reachable(username);
        check(request);
        boolean newPassword = request.password() != null;
        AppUser after = new AppUser(username, newPassword ? encoder.encode(request.password()) : before.passwordHash(),
                request.role(), storeOf(request), displayName(request),
                request.enabled() == null ? before.enabled() : request.enabled());
        users.update(after);
        Map<String, Object> changed = new LinkedHashMap<>(Map.of("user", after.view(), "passwordChanged", newPassword));
        audit.change("user.update", "user", username, after.storeId(), before.view(), changed);
        return after.view();
    }

    @Transactional
    public void delete(String username) {
        AppUser before = reachable(username);
        if (SignedInUser.current().map(SignedInUser::username).filter(username::equals).isPresent()) {
            throw new ConflictException("you cannot delete yourself: ask another manager");
        }
        users.delete(username);
        audit.change("user.delete", "user", username, before.storeId(), before.view(), null);
    }

    /** The user, when the signed-in manager may manage them; else 404 or 403. */
    private AppUser reachable(String username) {
        AppUser user = users.find(username).orElseThrow(() -> new NotFoundException("user", username));
        StoreAccess.onlyStore().ifPresent(own -> {
            if (!own.equals(user.storeId())) {
                throw new ForbiddenException("user " + username + " is not of your store (" + own + ")");
            }
        });
        return user;
    }

    private void check(UserRequest request) {
        Role role = request.role();
        String store = storeOf(request);
        if (role.storeScoped() && store == null) {
            throw new BadRequestException("storeId", "required for a " + role.label().toLowerCase());
        }
        if (!role.storeScoped() && store != null) {
            throw new BadRequestException("storeId", "must be empty for a " + role.label().toLowerCase()
                    + " (every store)");
        }
        if (store != null && stores.find(store).isEmpty()) {
            throw new BadRequestException("storeId", "store " + store + " does not exist");
        }
        StoreAccess.onlyStore().ifPresent(own -> {
            if (!role.storeScoped()) {
                throw new ForbiddenException("a store manager may create clerks and store managers only");
            }
            if (!own.equals(store)) {
                throw new ForbiddenException("store " + store + " is not your store (" + own + ")");
            }
        });
    }

    private static String storeOf(UserRequest request) {
        return request.storeId() == null || request.storeId().isBlank() ? null : request.storeId().strip();
    }

    private static String displayName(UserRequest request) {
        return request.displayName() == null || request.displayName().isBlank() ? request.username()
                : request.displayName().strip();
    }
}
