package dev.esl.tagmanager.template;

/** The template a tag is drawn with, and whose choice it is. */
public record TemplateChoice(Source source, Template template) {

    public enum Source {
        /** Assigned to the tag itself. */
        TAG,
        /** Its store's template. */
        STORE,
        /** Neither: the built-in default. */
        DEFAULT
    }
}
