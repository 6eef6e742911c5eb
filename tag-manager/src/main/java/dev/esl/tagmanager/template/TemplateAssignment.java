package dev.esl.tagmanager.template;

import jakarta.validation.constraints.NotBlank;

/** The body of an assignment: which template a store's or a tag's labels use. */
public record TemplateAssignment(@NotBlank String templateId) {
}
