package dev.esl.tagmanager.preview;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.product.Product;
import dev.esl.tagmanager.product.ProductMapper;
import dev.esl.tagmanager.security.StoreAccess;
import dev.esl.tagmanager.task.LabelImages;
import dev.esl.tagmanager.template.Template;
import dev.esl.tagmanager.template.TemplateService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * PNG previews of what a tag shows (or would show for a product on a given panel, with a given template), drawn
 * from the packed image.
 */
@RestController
@RequestMapping("/api/v1")
class PreviewController {
    private final ProductMapper products;
    private final LabelImages images;
    private final TemplateService templates;
    private final TagPreviews tagPreviews;
    private final StoreAccess access;

    PreviewController(ProductMapper products, LabelImages images, TemplateService templates, TagPreviews tagPreviews,
            StoreAccess access) {
        this.products = products;
        this.images = images;
        this.templates = templates;
        this.tagPreviews = tagPreviews;
        this.access = access;
    }

    /** The label of the product bound to the tag, at its current price, for the tag's panel, with its template. */
    @GetMapping(path = "/tags/{id}/preview.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> tag(@PathVariable String id) {
        access.tag(id);
        return png(tagPreviews.of(id));
    }

    /**
     * A product's label on any panel, e.g. {@code ?width=296&height=128&colors=bwr&currency=EUR&template=promo}:
     * to try a template before assigning it (the built-in default without {@code template}).
     */
    @GetMapping(path = "/products/{sku}/preview.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> product(@PathVariable String sku, @RequestParam(defaultValue = "296") int width,
            @RequestParam(defaultValue = "128") int height, @RequestParam(defaultValue = "bwr") String colors,
            @RequestParam(defaultValue = "EUR") String currency,
            @RequestParam(defaultValue = Template.DEFAULT_ID) String template) {
        Product product = products.find(sku).orElseThrow(() -> new NotFoundException("product", sku));
        if (!colors.equals("bw") && !colors.equals("bwr")) {
            throw new BadRequestException("colors", "bw or bwr");
        }
        Template chosen = templates.find(template).orElseThrow(
                () -> new BadRequestException("template", "template " + template + " does not exist"));
        try {
            return png(images.preview(product, currency, width, height, colors, chosen));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("panel", e.getMessage());
        }
    }

    private static ResponseEntity<byte[]> png(byte[] bytes) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(bytes);
    }
}
