package dev.esl.tagmanager.template;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.ConflictException;
import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.audit.AuditTrail;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Templates and their assignment to stores and tags. Neither a change of a template nor of an assignment sends
 * anything to the shelf: the next image task for a tag (a price change, an image refresh) draws it with the
 * template then in force.
 */
@Service
public class TemplateService {
    private static final Logger log = LoggerFactory.getLogger(TemplateService.class);

    private final TemplateMapper templates;
    private final AuditTrail audit;

    TemplateService(TemplateMapper templates, AuditTrail audit) {
        this.templates = templates;
        this.audit = audit;
    }

    /** What an assignment audit event records: the template a store or tag has of its own (null: none). */
    record Assigned(String templateId) {
    }

    /** All templates, for choosing each tag's without a query per tag. */
    public TemplateCatalog catalog() {
        return new TemplateCatalog(list());
    }

    public List<Template> list() {
        return templates.all().stream().map(TemplateRow::toTemplate).toList();
    }

    public Template get(String id) {
        return templates.find(id).map(TemplateRow::toTemplate).orElseThrow(() -> new NotFoundException("template", id));
    }

    public Optional<Template> find(String id) {
        return templates.find(id).map(TemplateRow::toTemplate);
    }

    /** A duplicate id is answered 409 by the database's primary key. */
    @Transactional
    public Template create(Template template) {
        templates.insert(TemplateRow.of(template));
        audit.change("template.create", "template", template.id(), null, null, template);
        return template;
    }

    @Transactional
    public Template update(String id, Template template) {
        if (!id.equals(template.id())) {
            throw new BadRequestException("id", "must equal the id in the path (" + id + ")");
        }
        requireNotBuiltIn(id);
        Template before = get(id);
        templates.update(TemplateRow.of(template));
        audit.change("template.update", "template", id, null, before, get(id));
        return template;
    }

    @Transactional
    public void delete(String id) {
        requireNotBuiltIn(id);
        get(id);
        TemplateMapper.Usage usage = templates.usage(id);
        if (usage.stores() > 0 || usage.tags() > 0) {
            throw new ConflictException("template " + id + " is in use by " + usage.stores() + " stores and "
                    + usage.tags() + " tags; assign them another template first");
        }
        Template before = get(id);
        templates.delete(id);
        audit.change("template.delete", "template", id, null, before, null);
    }

    public TemplateChoice ofStore(String storeId) {
        String id = store(storeId).templateId();
        return id == null ? new TemplateChoice(TemplateChoice.Source.DEFAULT, get(Template.DEFAULT_ID))
                : new TemplateChoice(TemplateChoice.Source.STORE, get(id));
    }

    @Transactional
    public TemplateChoice assignToStore(String storeId, String templateId) {
        TemplateMapper.StoreAssignment before = store(storeId);
        existing(templateId);
        templates.assignToStore(storeId, templateId);
        audit.change("template.assign-store", "store", storeId, storeId, new Assigned(before.templateId()),
                new Assigned(templateId));
        log.info("Store {} uses template {}", storeId, templateId);
        return ofStore(storeId);
    }

    @Transactional
    public void clearStore(String storeId) {
        TemplateMapper.StoreAssignment before = store(storeId);
        templates.assignToStore(storeId, null);
        audit.change("template.clear-store", "store", storeId, storeId, new Assigned(before.templateId()),
                new Assigned(null));
    }

    /** The template the tag's next image is drawn with, and whose choice it is. */
    public TemplateChoice ofTag(String tagId) {
        TemplateMapper.TagAssignment tag = tag(tagId);
        return catalog().choose(tag.templateId(), tag.storeTemplateId(), tag.width(), tag.height());
    }

    /** Refuses a template made for other panels: the tag would silently not use it. */
    @Transactional
    public TemplateChoice assignToTag(String tagId, String templateId) {
        TemplateMapper.TagAssignment tag = tag(tagId);
        Template template = existing(templateId);
        if (!template.appliesTo(tag.width(), tag.height())) {
            throw new BadRequestException("templateId", "template " + templateId + " is for panels "
                    + template.panels() + ", not for this tag's " + tag.width() + "x" + tag.height());
        }
        templates.assignToTag(tag.tagId(), templateId);
        audit.change("template.assign-tag", "tag", tag.tagId(), tag.storeId(), new Assigned(tag.templateId()),
                new Assigned(templateId));
        return ofTag(tagId);
    }

    @Transactional
    public void clearTag(String tagId) {
        TemplateMapper.TagAssignment tag = tag(tagId);
        templates.assignToTag(tag.tagId(), null);
        audit.change("template.clear-tag", "tag", tag.tagId(), tag.storeId(), new Assigned(tag.templateId()),
                new Assigned(null));
    }

    private TemplateMapper.StoreAssignment store(String storeId) {
        return templates.ofStore(storeId).orElseThrow(() -> new NotFoundException("store", storeId));
    }

    private TemplateMapper.TagAssignment tag(String tagId) {
        return templates.ofTag(tagId.toUpperCase(Locale.ROOT)).orElseThrow(() -> new NotFoundException("tag", tagId));
    }

    private Template existing(String templateId) {
        return templates.find(templateId).map(TemplateRow::toTemplate).orElseThrow(
                () -> new BadRequestException("templateId", "template " + templateId + " does not exist"));
    }

    private static void requireNotBuiltIn(String id) {
        if (Template.DEFAULT_ID.equals(id)) {
            throw new ConflictException("template " + id + " is built in and cannot be changed or deleted;"
                    + " create a template and assign it to stores or tags");
        }
    }
}
