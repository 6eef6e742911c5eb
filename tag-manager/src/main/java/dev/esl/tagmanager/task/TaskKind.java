package dev.esl.tagmanager.task;

/** What a task does to its tags. */
public enum TaskKind {
    PRICE_CHANGE, LED_FLASH, PAGE_SWITCH
}
