package dev.esl.tagmanager.task;

/** What a task does to its tags. */
public enum TaskKind {
    PRICE_CHANGE, LED_FLASH, PAGE_SWITCH,
    /** Every given tag redrawn at its product's current price, with its template as assigned now. */
    IMAGE_REFRESH
}
