package dev.esl.tagmanager.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every template, read once for a whole task: there are few, and each tag only names its own and its store's, so
 * choosing a tag's template costs two map look-ups and no query.
 */
public final class TemplateCatalog {
    private final Map<String, Template> byId = new HashMap<>();
    private final TemplateChoice fallback;

    public TemplateCatalog(List<Template> templates) {
        templates.forEach(t -> byId.put(t.id(), t));
        fallback = new TemplateChoice(TemplateChoice.Source.DEFAULT, byId.getOrDefault(Template.DEFAULT_ID,
                Template.DEFAULT));
    }

    /**
     * The tag's own template if it applies to the tag's panel, else its store's if it does, else the default.
     *
     * @param tagTemplate   the tag's template id, or null
     * @param storeTemplate its store's template id, or null
     */
    public TemplateChoice choose(String tagTemplate, String storeTemplate, int width, int height) {
        Template own = applicable(tagTemplate, width, height);
        if (own != null) {
            return new TemplateChoice(TemplateChoice.Source.TAG, own);
        }
        Template store = applicable(storeTemplate, width, height);
        return store != null ? new TemplateChoice(TemplateChoice.Source.STORE, store) : fallback;
    }

    private Template applicable(String id, int width, int height) {
        Template t = id == null ? null : byId.get(id);
        return t != null && t.appliesTo(width, height) ? t : null;
    }
}
