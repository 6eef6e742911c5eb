package dev.esl.tagmanager.task;

import dev.esl.tagmanager.security.SignedInUser;
import dev.esl.tagmanager.security.StoreAccess;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Image refreshes: how a template or an assignment reaches the shelf (the signed-in user recorded as its creator). */
@RestController
@RequestMapping("/api/v1")
class ImageRefreshController {
    private final ImageRefreshService refreshes;
    private final StoreAccess access;

    ImageRefreshController(ImageRefreshService refreshes, StoreAccess access) {
        this.access = access;
        this.refreshes = refreshes;
    }

    @PostMapping("/image-refreshes")
    @ResponseStatus(HttpStatus.CREATED)
    TaskCreated refresh(@Valid @RequestBody ImageRefreshRequest request) {
        if (request.storeId() != null && !request.storeId().isBlank()) {
            access.store(request.storeId());
        } else if (request.tags() != null) {
            access.tags(request.tags());
        }
        return refreshes.refresh(request, SignedInUser.nameOr("api"));
    }
}
