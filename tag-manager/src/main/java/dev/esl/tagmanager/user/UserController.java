package dev.esl.tagmanager.user;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** User administration for store and chain managers (see {@link UserService} for who may do what). */
@RestController
@RequestMapping("/api/v1/users")
class UserController {
    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @GetMapping
    List<AppUser.UserView> list() {
        return users.visible();
    }

    @GetMapping("/{username}")
    AppUser.UserView get(@PathVariable String username) {
        return users.get(username);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AppUser.UserView create(@Valid @RequestBody UserRequest request) {
        return users.create(request);
    }

    @PutMapping("/{username}")
    AppUser.UserView update(@PathVariable String username, @Valid @RequestBody UserRequest request) {
        return users.update(username, request);
    }

    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String username) {
        users.delete(username);
    }
}
