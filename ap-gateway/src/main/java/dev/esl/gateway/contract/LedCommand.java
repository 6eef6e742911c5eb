package dev.esl.gateway.contract;

public record LedCommand(String color, String pattern, int count, int durationMs) {
}
