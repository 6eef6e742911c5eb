package dev.esl.tagmanager.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.tagmanager.template.TemplateChoice.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateCatalogTest {
    static final Template SMALL = new Template("small", "2.13 only", null, null, "QR", null, List.of("250x122"));
    static final Template STORE = new Template("store", "Store's", null, null, "NONE", null, null);
    private final TemplateCatalog catalog = new TemplateCatalog(List.of(Template.DEFAULT, SMALL, STORE));

    @Test
    void aTagsOwnTemplateWinsOverItsStores() {
        assertThat(catalog.choose("small", "store", 250, 122)).isEqualTo(new TemplateChoice(Source.TAG, SMALL));
    }

    @Test
    void aTagWithoutTemplateUsesItsStores() {
        assertThat(catalog.choose(null, "store", 250, 122)).isEqualTo(new TemplateChoice(Source.STORE, STORE));
    }

    @Test
    void withNeitherTheDefault() {
        assertThat(catalog.choose(null, null, 250, 122)).isEqualTo(new TemplateChoice(Source.DEFAULT, Template.DEFAULT));
    }

    @Test
    void aTemplateForOtherPanelsFallsBackToTheStoresThenTheDefault() {
        assertThat(catalog.choose("small", "store", 400, 300).source()).isEqualTo(Source.STORE);
        assertThat(catalog.choose("small", null, 400, 300).source()).isEqualTo(Source.DEFAULT);
        assertThat(catalog.choose(null, "small", 296, 128).source()).isEqualTo(Source.DEFAULT);
    }

    @Test
    void theDefaultIsBuiltInEvenWhenNotRead() {
        assertThat(new TemplateCatalog(List.of()).choose(null, null, 250, 122).template()).isEqualTo(Template.DEFAULT);
    }
}
