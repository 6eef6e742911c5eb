package dev.esl.tagmanager.template;

import dev.esl.tagmanager.security.StoreAccess;
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

/**
 * Label templates, and which one a store's tags and a single tag use. Nothing here sends images: the answers
 * say what the next image task will draw (see docs/tag-manager.md, Templates).
 */
@RestController
@RequestMapping("/api/v1")
class TemplateController {
    private final TemplateService templates;

    private final StoreAccess access;

    TemplateController(TemplateService templates, StoreAccess access) {
        this.access = access;
        this.templates = templates;
    }

    @GetMapping("/templates")
    List<Template> list() {
        return templates.list();
    }

    @PostMapping("/templates")
    @ResponseStatus(HttpStatus.CREATED)
    Template create(@Valid @RequestBody Template template) {
        return templates.create(template);
    }

    @GetMapping("/templates/{id}")
    Template get(@PathVariable String id) {
        return templates.get(id);
    }

    @PutMapping("/templates/{id}")
    Template update(@PathVariable String id, @Valid @RequestBody Template template) {
        return templates.update(id, template);
    }

    /** 409 while a store or tag uses it, and for the built-in default. */
    @DeleteMapping("/templates/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        templates.delete(id);
    }

    @GetMapping("/stores/{id}/template")
    TemplateChoice storeTemplate(@PathVariable String id) {
        access.store(id);
        return templates.ofStore(id);
    }

    @PutMapping("/stores/{id}/template")
    TemplateChoice assignToStore(@PathVariable String id, @Valid @RequestBody TemplateAssignment assignment) {
        access.store(id);
        return templates.assignToStore(id, assignment.templateId());
    }

    /** The store's tags go back to the built-in default. */
    @DeleteMapping("/stores/{id}/template")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clearStore(@PathVariable String id) {
        access.store(id);
        templates.clearStore(id);
    }

    @GetMapping("/tags/{id}/template")
    TemplateChoice tagTemplate(@PathVariable String id) {
        access.tag(id);
        return templates.ofTag(id);
    }

    @PutMapping("/tags/{id}/template")
    TemplateChoice assignToTag(@PathVariable String id, @Valid @RequestBody TemplateAssignment assignment) {
        access.tag(id);
        return templates.assignToTag(id, assignment.templateId());
    }

    /** The tag goes back to its store's template. */
    @DeleteMapping("/tags/{id}/template")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clearTag(@PathVariable String id) {
        access.tag(id);
        templates.clearTag(id);
    }
}
