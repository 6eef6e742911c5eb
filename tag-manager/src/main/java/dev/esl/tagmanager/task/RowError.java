package dev.esl.tagmanager.task;

import java.util.List;

/** Why one row of a bulk request was not applied. */
public record RowError(int row, String sku, List<String> problems) {
}
