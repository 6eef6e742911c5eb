package dev.esl.tagmanager.render;

/** How the promo marker is drawn; its box and place are the same in every style. */
public enum PromoStyle {
    /** White text on a filled box: red on panels that have red, black (inverted) on black-and-white ones. */
    BAND,
    /** White text on a black box on every panel: for chains that keep red for nothing else, or want one look. */
    INVERTED,
    /** Black text in a black frame on white: a quieter marker, never red. */
    OUTLINE
}
