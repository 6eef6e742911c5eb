package dev.esl.tagmanager.task;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Image refreshes: how a template or an assignment reaches the shelf (the caller named by {@code X-Actor}). */
@RestController
@RequestMapping("/api/v1")
class ImageRefreshController {
    private final ImageRefreshService refreshes;

    ImageRefreshController(ImageRefreshService refreshes) {
        this.refreshes = refreshes;
    }

    @PostMapping("/image-refreshes")
    @ResponseStatus(HttpStatus.CREATED)
    TaskCreated refresh(@Valid @RequestBody ImageRefreshRequest request,
            @RequestHeader(name = "X-Actor", defaultValue = "api") String actor) {
        return refreshes.refresh(request, actor);
    }
}
