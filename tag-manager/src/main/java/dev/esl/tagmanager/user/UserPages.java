package dev.esl.tagmanager.user;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.ConflictException;
import dev.esl.tagmanager.api.ForbiddenException;
import dev.esl.tagmanager.console.ConsoleController;
import dev.esl.tagmanager.security.StoreAccess;
import dev.esl.tagmanager.store.StoreMapper;
import jakarta.validation.Validator;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Managers' user administration: the users they manage, a form to add one, and removal. */
@ConsoleController
class UserPages {
    private final UserService users;
    private final StoreMapper stores;
    private final Validator validator;

    UserPages(UserService users, StoreMapper stores, Validator validator) {
        this.users = users;
        this.stores = stores;
        this.validator = validator;
    }

    @GetMapping("/console/users")
    String list(Model model) {
        model.addAttribute("users", users.visible());
        model.addAttribute("roles", StoreAccess.onlyStore().isPresent()
                ? java.util.List.of(Role.CLERK, Role.STORE_MANAGER) : java.util.List.of(Role.values()));
        model.addAttribute("stores", StoreAccess.onlyStore().map(s -> stores.find(s).stream().toList())
                .orElseGet(stores::all));
        StoreAccess.onlyStore().ifPresent(s -> model.addAttribute("storeId", s));
        return "users";
    }

    @PostMapping("/console/users")
    String create(@RequestParam String username, @RequestParam String password, @RequestParam Role role,
            @RequestParam(required = false) String storeId, @RequestParam(required = false) String displayName,
            RedirectAttributes flash) {
        UserRequest request = new UserRequest(username.strip(), password, role, storeId, displayName, true);
        String problem = problems(request);
        if (problem == null) {
            try {
                users.create(request);
                flash.addFlashAttribute("message", "User " + username + " created.");
                return "redirect:/console/users";
            } catch (BadRequestException | ConflictException | ForbiddenException e) {
                problem = e.getMessage();
            }
        }
        flash.addFlashAttribute("error", "User not created: " + problem + ".");
        return "redirect:/console/users";
    }

    /** A new password (a forgotten one), or the account disabled or enabled again; role and store stay. */
    @PostMapping("/console/users/{username}")
    String update(@PathVariable String username, @RequestParam(required = false) String password,
            @RequestParam(required = false) Boolean enabled, RedirectAttributes flash) {
        try {
            AppUser.UserView user = users.get(username);
            String newPassword = password == null || password.isEmpty() ? null : password;
            UserRequest request = new UserRequest(username, newPassword, user.role(), user.storeId(),
                    user.displayName(), enabled == null ? user.enabled() : enabled);
            String problem = problems(request);
            if (problem != null) {
                flash.addFlashAttribute("error", "User " + username + " not changed: " + problem + ".");
                return "redirect:/console/users";
            }
            users.update(username, request);
            flash.addFlashAttribute("message", "User " + username + (newPassword != null ? ": new password set."
                    : request.enabled() ? " enabled." : " disabled: they can no longer sign in."));
        } catch (BadRequestException | ConflictException | ForbiddenException e) {
            flash.addFlashAttribute("error", "User " + username + " not changed: " + e.getMessage() + ".");
        }
        return "redirect:/console/users";
    }

    @PostMapping("/console/users/{username}/delete")
    String delete(@PathVariable String username, RedirectAttributes flash) {
        try {
            users.delete(username);
            flash.addFlashAttribute("message", "User " + username + " removed.");
        } catch (ConflictException | ForbiddenException e) {
            flash.addFlashAttribute("error", "User not removed: " + e.getMessage() + ".");
        }
        return "redirect:/console/users";
    }

    /** What the form got wrong, in words, or null. */
    private String problems(UserRequest request) {
        return validator.validate(request).stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted()
                .reduce((a, b) -> a + "; " + b).orElse(null);
    }
}
