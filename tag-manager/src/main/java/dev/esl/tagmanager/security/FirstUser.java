package dev.esl.tagmanager.security;

import dev.esl.tagmanager.audit.AuditTrail;
import dev.esl.tagmanager.user.AppUser;
import dev.esl.tagmanager.user.Role;
import dev.esl.tagmanager.user.UserMapper;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates the first chain manager on an installation without users; does nothing once any user exists. */
@Component
class FirstUser implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(FirstUser.class);

    private final UserMapper users;
    private final PasswordEncoder encoder;
    private final SecuritySettings settings;
    private final TransactionTemplate transaction;
    private final AuditTrail audit;

    FirstUser(UserMapper users, PasswordEncoder encoder, SecuritySettings settings, TransactionTemplate transaction,
            AuditTrail audit) {
        this.users = users;
        this.encoder = encoder;
        this.settings = settings;
        this.transaction = transaction;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        transaction.executeWithoutResult(status -> {
            if (users.count() > 0) {
                return;
            }
            boolean given = !settings.adminPassword().isBlank();
            String password = given ? settings.adminPassword() : HexFormat.of().formatHex(new SecureRandom().generateSeed(9));
            AppUser admin = new AppUser(settings.adminUsername(), encoder.encode(password), Role.CHAIN_MANAGER, null,
                    "Administrator", true);
            users.insert(admin);
            audit.system("user.create", "user", admin.username(), null, null, null, admin.view());
            if (given) {
                log.info("Created the first user '{}' (chain manager) with the password of esl.security.admin-password",
                        admin.username());
            } else {
                log.warn("Created the first user '{}' (chain manager) with the password {} - sign in and change it,"
                        + " or set ESL_SECURITY_ADMIN_PASSWORD before the first start", admin.username(), password);
            }
        });
    }
}
